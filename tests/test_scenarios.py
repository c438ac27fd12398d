"""Persona scenarios: answers in, expected diagnostic out, on the real files.

Each file in tests/scenarios/ gives a persona's answers and what an adviser
expects: questions asked and not asked, findings with their intensity, the
proposed pathway, key actions. It runs through the same path as
`python main.py run … --format json`, so it also checks the JSON contract.
"""
import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest

from diagnostic.commands.run import replay, result
from diagnostic.loading import load_questionnaire
from diagnostic.loading.rules import load_rules
from diagnostic.loading.yamlreader import read

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
KEYS = {"name", "description", "questionnaire", "today", "answers", "expect"}
EXPECT_KEYS = {"asked", "not_asked", "max_questions", "findings", "no_findings", "pathway", "actions",
               "notes", "no_notes", "indicators", "alerts"}


@lru_cache(maxsize=None)
def questionnaire(relative: str):
    q = load_questionnaire(ROOT / relative)
    return q, load_rules(q)


def load_scenario(path: Path) -> dict:
    doc, problems = read(path)
    assert not problems, "\n".join(map(str, problems))
    spec = doc.data
    assert set(spec) <= KEYS and {"questionnaire", "answers", "expect"} <= set(spec), path.name
    unknown = set(spec["expect"]) - EXPECT_KEYS
    assert not unknown, f"{path.name}: unknown expectation(s) {unknown} would check nothing"
    return spec


def test_there_are_enough_personas():
    assert len(SCENARIOS) >= 15


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path):
    spec = load_scenario(path)
    q, ruleset = questionnaire(spec["questionnaire"])
    today = dt.date.fromisoformat(str(spec.get("today", "2026-11-27")))
    session = replay(q, spec["answers"], today)
    out = result(session, ruleset)
    expect = spec["expect"]
    asked = out["asked"]

    # every id an expectation names must exist, or a typo would pass silently
    named = set(expect.get("asked", [])) | set(expect.get("not_asked", [])) \
        | set(expect.get("notes", [])) | set(expect.get("no_notes", []))
    assert named <= set(q.questions), f"unknown question ids: {named - set(q.questions)}"
    rule_ids = {rule.id for rule in ruleset.rules}
    wanted = set(expect.get("findings", {})) | set(expect.get("no_findings", []))
    assert wanted <= rule_ids, f"unknown rule ids: {wanted - rule_ids}"
    assert set(expect.get("actions", [])) <= set(ruleset.actions), "unknown action ids"

    missing = [qid for qid in expect.get("asked", []) if qid not in asked]
    assert not missing, f"not asked: {missing}"
    wrongly = [qid for qid in expect.get("not_asked", []) if qid in asked]
    assert not wrongly, f"asked although they should not be: {wrongly}"
    if "max_questions" in expect:
        assert len(asked) <= expect["max_questions"], f"{len(asked)} questions asked"
    shown = out["notes"]
    assert set(expect.get("notes", [])) <= set(shown)
    assert not set(expect.get("no_notes", [])) & set(shown)

    found = {f["rule"]: (f["intensity"] if f["kind"] == "frein" else "atout") for f in out["findings"]}
    for rule, level in expect.get("findings", {}).items():
        assert found.get(rule) == level, f"finding {rule}: expected {level}, got {found.get(rule)}"
    unexpected = [rule for rule in expect.get("no_findings", []) if rule in found]
    assert not unexpected, f"findings that should not be there: {unexpected}"
    if "pathway" in expect:
        assert out["pathway"] and out["pathway"]["pathway"] == expect["pathway"]
    planned = {a["id"] for o in out["action_plan"]["objectives"] for a in o["actions"]}
    absent = [a for a in expect.get("actions", []) if a not in planned]
    assert not absent, f"actions missing from the plan: {absent}"
    # an answer never reaches the output unless its question was asked
    assert set(out["answers"]) == set(asked)

    # indicators: the value to 2 decimals (null: undefined), the band, the words shown
    indicators = {i["id"]: i for i in out["indicators"]}
    for ident, want in expect.get("indicators", {}).items():
        assert ident in indicators, f"no indicator {ident}"
        got = indicators[ident]
        if want["value"] is None:
            assert got["value"] is None and got["band"] is None, f"{ident} should be undefined: {got}"
        else:
            assert got["value"] is not None, f"{ident} is undefined: {got['display']}"
            assert abs(got["value"] - want["value"]) < 0.005, f"{ident}: {got['value']} instead of {want['value']}"
        for key in ("band", "display"):
            if key in want:
                assert got[key] == want[key], f"{ident} {key}: {got[key]!r} instead of {want[key]!r}"
    # alerts: exactly these, in this order (an empty list: none)
    if "alerts" in expect:
        assert [a["id"] for a in out["alerts"]] == expect["alerts"]
