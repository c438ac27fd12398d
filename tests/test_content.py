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
    full = load_questionnaire(ROOT / "questionnaires" / "diagnostic.yaml")
    assert sum(q.asks for q in full.flow) < 100
