"""Golden files: what `run --format …` prints for small fixture questionnaires, in every format.

After an intended change, regenerate them with
    UPDATE_GOLDEN=1 python -m pytest tests/report/test_report_golden.py
and read the diff before committing it.
"""
import os
from pathlib import Path

import pytest

from diagnostic.cli import main

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "diagnostic"
GOLDEN = HERE / "golden"

CASES = {
    # name: (questionnaire, answers, edits)
    "logis-street": ("logis/logis.yaml", "logis/answers/street.json", None),
    "logis-arrears": ("logis/logis.yaml", "logis/answers/arrears.json", None),
    "logis-street-edited": ("logis/logis.yaml", "logis/answers/street.json", "logis/edits/street.json"),
    "travail-no_licence": ("travail/travail.yaml", "travail/answers/no_licence.json", None),
    "travail-unknown": ("travail/travail.yaml", "travail/answers/unknown.json", None),
    "sans_regles": ("sans_regles/sans_regles.yaml", "sans_regles/answers/one.json", None),
    # the example instrument: alerts first, indicators with bands in their theme, an undefined one
    "phq9-alerte": ("../../../questionnaires/examples/phq9.yaml", "phq9/answers/alerte.json", None),
    "phq9-filtre": ("../../../questionnaires/examples/phq9.yaml", "phq9/answers/filtre.json", None),
}
EXTENSIONS = {"json": "json", "text": "txt", "markdown": "md", "html": "html"}


def run(case: str, fmt: str, capsys, monkeypatch) -> str:
    questionnaire, answers, edits = CASES[case]
    monkeypatch.chdir(FIXTURES)
    args = ["run", questionnaire, "--answers", answers, "--format", fmt, "--today", "2024-03-01"]
    assert main(args + (["--edits", edits] if edits else [])) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", EXTENSIONS)
@pytest.mark.parametrize("case", CASES)
def test_output_matches_the_golden_file(case, fmt, capsys, monkeypatch):
    out = run(case, fmt, capsys, monkeypatch)
    golden = GOLDEN / f"{case}.{EXTENSIONS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
