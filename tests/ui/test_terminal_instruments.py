"""The terminal interview on an instrument's questions (issue 10): an exclusive choice is said
before the answer and a combination is refused by its name; a numeric choice is picked by its
number in the list, like any other."""
import subprocess
import sys
from pathlib import Path

MAIN = Path(__file__).resolve().parents[2] / "main.py"

QUESTIONNAIRE = """\
id: aides
version: 1
title: Vos aides
sections:
  - id: aides
    theme: difficulte_financiere
    title: Vos aides
    questions:
      - id: aides
        type: multi_choice
        text: Quelles aides recevez-vous ?
        choices:
          - {value: caf, label: Prestations de la CAF}
          - {value: ccas, label: Aide du CCAS}
          - {value: aucune, label: Aucune aide, exclusive: true}
      - id: frequence
        type: choice
        text: À quelle fréquence manquez-vous d'argent ?
        choices:
          - {value: 0, label: Jamais}
          - {value: 3, label: Chaque mois}
"""


def interview(tmp_path, *lines):
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(MAIN), "interview", str(tmp_path / "q.yaml"), "--today", "2026-12-01",
                           "--data-dir", str(tmp_path / "data")],
                          input=("\n".join(lines) + "\n").encode(), capture_output=True, timeout=60)
    out = proc.stdout.decode()
    assert "Traceback" not in out + proc.stderr.decode()
    return proc.returncode, out


def test_an_exclusive_choice_is_announced_and_a_combination_refused_by_name(tmp_path):
    code, out = interview(tmp_path, "1, 3", "aucune", "2", "")
    assert code == 0
    assert "« Aucune aide » se choisit sans autre réponse." in out
    refusal = out.index("« Aucune aide » ne se combine pas avec une autre réponse")
    # the question is asked again, then the answer alone is taken
    assert out.index("Quelles aides recevez-vous ?", refusal) < out.index("Noté : Aucune aide.")
    assert "Noté : Chaque mois." in out


def test_ordinary_choices_still_combine(tmp_path):
    code, out = interview(tmp_path, "1 et 2", "1", "")
    assert code == 0
    assert "Noté : Prestations de la CAF ; Aide du CCAS." in out
    assert "Noté : Jamais." in out
