"""validate and lint speak French by default and English with --lang en; the codes stay the same."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from diagnostic.errors import MESSAGES, WORDS
from diagnostic.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
BROKEN = """\
    id: essai
    version: 1
    title: Essai
    sections:
      - id: s
        theme: logemnt
        title: Partie
        questions:
          - id: q
            type: yes_no
            text: Avez-vous un logement ?
            colour: red
    """


def validate(path, *options):
    return subprocess.run([sys.executable, "main.py", "validate", str(path), *options], cwd=ROOT,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_validate_in_french_then_in_english_with_the_same_codes(tmp_path):
    path = tmp_path / "essai.yaml"
    path.write_text(textwrap.dedent(BROKEN), encoding="utf-8")
    french, english = validate(path), validate(path, "--lang", "en")
    assert french.returncode == english.returncode == 1
    assert "E111 clé inconnue 'colour'" in french.stdout and "E111 unknown key 'colour'" in english.stdout
    assert "2 erreur(s) et 0 avertissement(s)" in french.stdout and "2 error(s) and 0 warning(s)" in english.stdout
    codes = lambda out: [line.split(": ")[1].split()[0] for line in out.splitlines() if ": E" in line]
    assert codes(french.stdout) == codes(english.stdout)
    data = json.loads(validate(path, "--lang", "en", "--format", "json").stdout)
    assert {"code": "E111", "message": "unknown key 'colour'"}.items() <= next(
        p for p in data["problems"] if p["code"] == "E111").items()


def test_every_authoring_message_has_its_english_with_the_same_placeholders():
    import string
    english = catalogue("en", "authoring")
    for key, french in {**MESSAGES, **WORDS}.items():
        words = english.gettext(french)
        assert words != french or french.strip() in {"(questionnaire '{questionnaire}')"}, key
        names = lambda text: {f[1] for f in string.Formatter().parse(text) if f[1]}
        assert names(words) == names(french), key
