"""The headless command-line contract: exit codes, output keys, no traceback."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MOBILITY = """\
# yaml-language-server: $schema=../diagnostic/loading/schemas/questionnaire.schema.json
id: mobility
version: 1
title: Se déplacer
sections:
  - id: transport
    theme: mobilite
    title: Vos déplacements
    questions:
      - id: has_licence
        type: yes_no
        text: Avez-vous le permis de conduire ?
      - id: licence_kind
        type: choice
        when: has_licence
        text: Quel permis avez-vous ?
        choices:
          - {value: b, label: "Permis B, obtenu en France ou en Europe"}
          - {value: foreign, label: Un permis obtenu hors d'Europe}
      - id: commute_minutes
        type: number
        min: 0
        max: 300
        unit: minutes
        when: "not has_licence or licence_kind == 'foreign'"
        decline: true
        text: Combien de temps de trajet pouvez-vous faire pour aller travailler ?
"""


def cli(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def files(write):
    q = write("mobility.yaml", MOBILITY)
    return q.parent


def test_run_prints_the_stable_json_keys(files, write):
    write("answers.yaml", "has_licence: false\ncommute_minutes: {declined: true}\nlicence_kind: b\n")
    out = cli("run", "mobility.yaml", "--answers", "answers.yaml", "--format", "json", cwd=files)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["questionnaire"]["id"] == "mobility" and data["questionnaire"]["version"] == 1
    assert data["questionnaire"]["hash"].startswith("sha256:")
    assert data["asked"] == ["has_licence", "commute_minutes"]
    # licence_kind was in the file but not asked: it never reaches the output
    assert data["answers"] == {"has_licence": False, "commute_minutes": {"declined": True}}


def test_run_exits_3_when_an_asked_question_has_no_answer_or_a_wrong_one(files, write):
    write("a1.yaml", "has_licence: true\n")
    out = cli("run", "mobility.yaml", "--answers", "a1.yaml", cwd=files)
    assert out.returncode == 3 and "licence_kind" in out.stderr and "Traceback" not in out.stderr
    write("a2.yaml", "has_licence: false\ncommute_minutes: 400\n")
    out = cli("run", "mobility.yaml", "--answers", "a2.yaml", cwd=files)
    assert out.returncode == 3
    assert "a2.yaml:2:18: réponse refusée pour 'commute_minutes' : Indiquez un nombre entre 0 et 300 minutes." in out.stderr
    write("a3.yaml", "- not a mapping\n")
    assert cli("run", "mobility.yaml", "--answers", "a3.yaml", cwd=files).returncode == 3


def test_validate_exit_codes(files, write):
    assert cli("validate", "mobility.yaml", cwd=files).returncode == 0
    write("bad.yaml", MOBILITY.replace("not has_licence or", "not has_licence_ or"))
    out = cli("validate", "bad.yaml", "mobility.yaml", cwd=files)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "bad.yaml:25:20: E203 question inconnue 'has_licence_' ; vouliez-vous dire 'has_licence' ?",
        "1 erreur(s) et 0 avertissement(s) dans 1 fichier(s) sur 2"]  # issue 16: a closing count line
    assert cli("validate", "--no-such-option", cwd=files).returncode == 2


def test_broken_files_never_show_a_traceback(files, write):
    write("broken.yaml", "id: [unclosed\n\x00")
    for args in (["validate", "broken.yaml"], ["run", "broken.yaml", "--answers", "broken.yaml"],
                 ["run", "missing.yaml", "--answers", "x.yaml"]):
        out = cli(*args, cwd=files)
        assert out.returncode in (1, 2, 3) and "Traceback" not in out.stderr + out.stdout
        assert (out.stderr if args[0] == "run" else out.stdout).strip()  # validate reports on stdout


def test_the_error_catalogue_document_is_up_to_date():
    from diagnostic.errors import catalogue_markdown
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue_markdown()


FREE = """\
id: libre
version: 1
title: Libre
sections:
  - id: s
    theme: emploi
    title: S
    questions:
      - {id: count, type: number, text: Combien ?}
      - {id: words, type: text, text: Dites-le}
"""


def test_a_huge_answer_to_an_unbounded_number_is_refused_where_it_is(write):
    """Issue 11, item 4: 30 digits crashed the number formatting (exit 70)."""
    q = write("libre.yaml", FREE)
    write("a.yaml", "count: 123456789012345678901234567890\nwords: x\n")
    out = cli("run", "libre.yaml", "--answers", "a.yaml", cwd=q.parent)
    assert out.returncode == 3 and "a.yaml:1:8: réponse refusée pour 'count'" in out.stderr
    assert "Traceback" not in out.stderr


def test_run_json_carries_no_c1_control_character(write):
    """Issue 11, item 7: U+0080–U+009F from a text answer reached the JSON as is."""
    q = write("libre.yaml", FREE)
    write("a.json", json.dumps({"count": 2, "words": "a\u0085b\u009b31mc\u0090d\u001b[2Je"}))
    out = cli("run", "libre.yaml", "--answers", "a.json", "--format", "json", cwd=q.parent)
    assert out.returncode == 0, out.stderr
    assert not any("\x80" <= ch <= "\x9f" or ch == "\x1b" for ch in out.stdout)
    assert json.loads(out.stdout)["answers"]["words"] == "abcde"
