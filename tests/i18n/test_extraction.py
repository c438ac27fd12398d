"""`pybabel extract` finds every text of a questionnaire and its rules through our extractor."""
import subprocess
import sys
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "i18n"

# Every text of tests/fixtures/i18n/logis.yaml and rules.yaml, each once.
TEXTS = {
    # questionnaire: title, section titles, questions, choices, unit
    "Se loger (exemple de test)", "Pour ce soir", "Votre santé",
    "Où allez-vous dormir ce soir ?", "Avez-vous des loyers en retard ?", "Combien devez-vous ?",
    "Voulez-vous ajouter quelque chose sur votre logement ?", "Votre santé vous empêche-t-elle de travailler ?",
    "Dans mon logement", "Chez quelqu'un d'autre", "Dans la rue", "Non", "Un peu", "Beaucoup", "€",
    # rules: actions, findings, situation, objectives, pathway reasons
    "Appeler le 115 pour une mise à l'abri ce soir", "Déposer une demande au SIAO",
    "Demander une aide du fonds de solidarité logement", "Prendre rendez-vous avec un médecin traitant",
    "Sans solution pour dormir ce soir", "Hébergé chez un tiers", "Des loyers impayés importants",
    "Un logement stable", "La santé empêche de travailler", "Sans hébergement",
    "Rechercher une solution d’hébergement temporaire", "Prévenir l'expulsion",
    "Un frein fort en logement ou en santé passe avant la recherche d'emploi.",
    "Des freins moyens à lever en même temps que la recherche d'emploi.", "Aucun frein fort ni moyen.",
}


def _entry_point_on_path(tmp_path) -> Path:
    """A dist-info declaring the extractor exactly as pyproject.toml does (as `pip install` would)."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["babel.extractors"]
    info = tmp_path / "site" / "diagnostic_extractor_test-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: diagnostic-extractor-test\nVersion: 0\n")
    (info / "entry_points.txt").write_text(
        "[babel.extractors]\n" + "".join(f"{name} = {target}\n" for name, target in declared.items()))
    return info.parent


def test_pybabel_extract_finds_every_text_of_a_fixture_questionnaire(tmp_path):
    site = _entry_point_on_path(tmp_path)
    pot = tmp_path / "questionnaires.pot"
    done = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
         "-o", str(pot), "."],
        cwd=FIXTURE, env={"PYTHONPATH": f"{site}:{ROOT}", "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    catalog = read_po(pot.open("rb"))
    ids = [m.id for m in catalog if m.id]
    assert set(ids) == TEXTS and len(ids) == 30
    shared = catalog["Rechercher une solution d’hébergement temporaire"]
    assert [loc for loc, _ in shared.locations] == ["rules.yaml", "rules.yaml"]
    assert "rules.yaml:40:rules[no_shelter].finding.objectives[0]" in shared.auto_comments
    assert "rules.yaml:50:rules[hosted].finding.objectives[0]" in shared.auto_comments
    street = catalog["Dans la rue"]
    assert street.locations == [("logis.yaml", 17)]
    assert street.auto_comments == ["logis.yaml:17:sections[ce_soir].questions[tonight].choices[street].label"]


def test_every_text_of_the_real_questionnaires_is_found_and_nothing_else():
    from babel.messages.extract import extract_from_dir
    found = [m for folder in ("questionnaires", "rules")
             for m in extract_from_dir(str(ROOT / folder), [("**.yaml", "diagnostic.loading.extract:extract_yaml")])]
    texts = {m[2] for m in found}
    assert "Où allez-vous dormir ce soir ?" in texts and "call_115" not in texts   # labels, not ids
    assert not any(t.startswith("../rules/") for t in texts)                      # nor file names
    assert all(m[3][0].startswith(f"{Path(m[0]).name}:{m[1]}:") and " " not in m[3][0] for m in found)


def test_an_unreadable_file_yields_nothing_rather_than_failing():
    import io
    from diagnostic.loading.extract import extract_yaml
    broken = io.BytesIO(b"sections: [unclosed\n")
    broken.name = "broken.yaml"
    assert list(extract_yaml(broken, {}, [], {})) == []


def test_every_text_key_of_the_schemas_is_extracted():
    """A text property added to a schema (a string for people or authors to read) must be extracted."""
    import json
    from diagnostic.loading.extract import TEXT_KEYS
    not_text = {"include"}   # a file path
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if isinstance(value, dict) and (value.get("type") in ("string", ["string", "null"])
                                                or value.get("$ref", "").endswith("/text")):
                    found.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for name in ("questionnaire", "rules"):
        walk(json.loads((ROOT / "diagnostic" / "loading" / "schemas" / f"{name}.schema.json").read_text()))
    assert found - not_text <= TEXT_KEYS
