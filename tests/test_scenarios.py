"""Persona scenarios: answers in, expected diagnostic out, on the real files.

Each file in tests/scenarios/ gives a persona's answers and what an adviser
expects: questions asked and not asked, findings with their intensity, the
proposed pathway, key actions (and actions that must not be proposed, a
social plan's first step), indicators and alerts. They run through the
scenario runner of `python main.py test` (diagnostic.authoring.scenarios),
which replays them through the interview service and reads the diagnostic in
the `run --format json` shape, so they also check the JSON contract; a
failure shows every difference with its line in the scenario.
"""
import subprocess
import sys
from pathlib import Path

import pytest

from diagnostic.authoring.scenarios import check, planned_actions

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


def _forbidden(out) -> dict:
    """Actions that would contradict an answer or the law, for this person: action -> why."""
    answers, found = out["answers"], {f["rule"] for f in out["findings"]}
    age = next((i["value"] for i in out["indicators"] if i["id"] == "age"), None)
    wrong = {}
    if "no_right_to_work" in found:
        for action in ("apply_offers", "spontaneous_applications", "ft_registration", "ft_allowance_request",
                       "alternance"):
            wrong[action] = "sans droit au travail"
    if isinstance(age, (int, float)):
        if age >= 26:
            for action in ("mission_locale_support", "faj_request", "e2c", "epide"):
                wrong[action] = "26 ans ou plus"
        if age < 25 and answers.get("children") is not True and answers.get("pregnancy") is not True:
            wrong["rsa_request"] = "moins de 25 ans, sans enfant"
    if answers.get("rqth") not in ("granted", "pending"):
        wrong["cap_emploi_registration"] = "sans RQTH"
    if answers.get("digital_training_wish") is False:
        wrong["digital_workshop"] = "a dit non à l'atelier numérique"
    if answers.get("project") == "precise":
        wrong["siae_orientation"] = wrong["plie_orientation"] = "métier visé précis"
    return wrong


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_plan_contradicts_an_answer_or_the_law(path):
    outcome = check(path, cache=CACHE)
    assert outcome.result is not None, "\n".join(str(d) for d in outcome.differences)
    planned = planned_actions(outcome.result)
    wrong = {a: why for a, why in _forbidden(outcome.result).items() if a in planned}
    assert not wrong, wrong
