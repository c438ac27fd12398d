"""The shipped questionnaires and rules: valid, editor-friendly, within their sizes."""
import re
from pathlib import Path

import pytest

from diagnostic.loading import load_questionnaire, validate_paths
from diagnostic.loading.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
FILES = sorted((ROOT / "questionnaires").glob("*.yaml")) + sorted((ROOT / "rules").glob("*.yaml"))


def test_questionnaires_and_rules_are_valid():
    assert [str(p) for p in validate_paths([str(ROOT / "questionnaires"), str(ROOT / "rules")])] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_points_editors_at_its_schema(path):
    match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, "first line must be the yaml-language-server modeline"
    schema = (path.parent / match.group(1)).resolve()
    kind = "questionnaire" if path.parent.name == "questionnaires" else "rules"
    assert schema == ROOT / "diagnostic" / "loading" / "schemas" / f"{kind}.schema.json"


@pytest.mark.parametrize("path", sorted((ROOT / "questionnaires").glob("*.yaml")), ids=lambda p: p.stem)
def test_each_domain_runs_alone_with_its_rules(path):
    questionnaire = load_questionnaire(path)
    ruleset = load_rules(questionnaire)
    assert questionnaire.questions and ruleset.rules and ruleset.pathways


def test_sensitive_themes_are_declinable_and_never_free_text():
    full = load_questionnaire(ROOT / "questionnaires" / "diagnostic.yaml")
    for q in full.flow:
        if q.asks and q.theme in ("sante", "contraintes_familiales"):   # a note asks nothing
            assert q.sensitive and q.decline and q.type != "text", q.id


def test_the_longest_path_stays_under_100_questions():
    # Every question of the flow, branches that exclude each other included (at home / hosted,
    # in work / looking for work): a bound above any real path. The real longest path is the
    # persona parcours_le_plus_long (every domain opens all its questions), held under 100 there.
    full = load_questionnaire(ROOT / "questionnaires" / "diagnostic.yaml")
    assert sum(q.asks for q in full.flow) < 110


def _folded(label: str) -> str:
    """A situation label compared as an adviser reads it: spaces, apostrophes, the operator's
    new name and the reference list's own typo do not make two situations."""
    text = " ".join(label.replace("’", "'").replace("Pôle emploi", "France Travail").split()).lower()
    return text.replace("difficulté a réaliser", "difficulté à réaliser")


def test_reference_situations_are_derivable():
    # the carnet de bord situations (tests/fixtures/ref_situation.txt, "theme | label")
    lines = (ROOT / "tests" / "fixtures" / "ref_situation.txt").read_text(encoding="utf-8").splitlines()
    reference = {_folded(line.split("|", 1)[1]) for line in lines if "|" in line}
    ruleset = load_rules(load_questionnaire(ROOT / "questionnaires" / "diagnostic.yaml"))
    emitted = {_folded(r.conclusion.situation) for r in ruleset.rules if r.conclusion.situation}
    assert emitted <= reference, f"situations not in the reference list: {emitted - reference}"
    assert len(reference) == 87 and len(emitted & reference) >= 80


def test_the_no_obstacle_path_stays_at_most_35_questions():
    from diagnostic.commands.run import replay
    from diagnostic.loading.yamlreader import read
    import datetime as dt
    spec = read(ROOT / "tests" / "scenarios" / "pret_a_travailler_permis_et_voiture.yaml")[0].data
    session = replay(load_questionnaire(ROOT / "questionnaires" / "diagnostic.yaml"), spec["answers"],
                     dt.date(2026, 11, 27))
    assert session.finished and len(session.asked()) <= 35


def test_help_sentences_are_short():
    # FALC: a help sentence under 20 words (a sentence ends with . ! ? or :)
    import re
    full = load_questionnaire(ROOT / "questionnaires" / "diagnostic.yaml")
    helps = [q.help for q in full.flow if q.help] + [c.help for q in full.flow for c in q.choices if c.help]
    long = [s for h in helps for s in re.split(r"(?<=[.!?:])\s+", h) if len(s.split()) >= 20]
    assert not long, long
