"""Persona scenarios: answers in, expected diagnostic out, on the real files.

Each file in tests/scenarios/ gives a persona's answers and what an adviser
expects: questions asked and not asked, findings with their intensity, the
proposed pathway, key actions, indicators and alerts. They run through the
scenario runner of `python main.py test` (diagnostic.authoring.scenarios),
which replays them through the interview service and reads the diagnostic in
the `run --format json` shape, so they also check the JSON contract; a
failure shows every difference with its line in the scenario.
"""
import subprocess
import sys
from pathlib import Path

import pytest

from diagnostic.authoring.scenarios import check

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
CACHE: dict = {}


def test_there_are_enough_personas():
    assert len(SCENARIOS) >= 15


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path):
    outcome = check(path, cache=CACHE)
    assert outcome.passed, "\n".join(str(d) for d in outcome.differences)
    # an answer never reaches the output unless its question was asked
    assert set(outcome.result["answers"]) == set(outcome.result["asked"])


def test_the_personas_pass_through_the_test_command():
    out = subprocess.run([sys.executable, "main.py", "test", "tests/scenarios"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["ok"] * len(SCENARIOS)
    assert lines[-1] == f"{len(SCENARIOS)} scénario(s) réussi(s), 0 en échec, sur {len(SCENARIOS)}"
