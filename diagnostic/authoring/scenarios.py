"""Scenario files: answers in, expected diagnostic out (publicodes-style YAML cases).

    name: …                      questionnaire: questionnaires/x.yaml
    today: 2026-11-27            answers: {question id: answer, …}   (the format of `run --answers`)
    expect: asked, not_asked, max_questions, notes, no_notes, findings {rule: intensity | atout},
            no_findings, pathway, actions, no_actions, first_step, alerts, indicators {id: value}

`check(path)` plays one scenario through the interview service and lists
every difference with its place in the scenario file; nothing is raised.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location
from ..loading import load_questionnaire
from ..loading.rules import load_rules
from ..loading.yamlreader import Document, read
from ..service import Content, Service, ServiceError
from .words import word

KEYS = {"name", "description", "questionnaire", "today", "answers", "expect"}
EXPECT_KEYS = {"asked", "not_asked", "max_questions", "findings", "no_findings", "pathway", "actions",
               "no_actions", "first_step", "notes", "no_notes", "alerts", "indicators"}
DEFAULT_TODAY = dt.date(2026, 11, 27)


@dataclass(frozen=True)
class Difference:
    """What a scenario expected and did not get, worded from WORDS[key] and params."""
    location: Location
    key: str
    params: tuple = ()

    @property
    def message(self) -> str:
        return word(self.key, **dict(self.params))

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def differ(location: Location, key: str, /, **params) -> Difference:
    return Difference(location, key, tuple(params.items()))


@dataclass
class Outcome:
    path: str
    name: str
    questionnaire: object = None       # Questionnaire, when it loaded
    ruleset: object = None
    result: dict | None = None         # the diagnostic as `run --format json` gives it
    differences: list[Difference] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.differences


def play(questionnaire, ruleset, answers: dict, today: dt.date) -> dict:
    """The diagnostic for these answers (the `run --format json` shape), replayed through the
    interview service as every front is; nothing is stored. Raises ServiceError when an
    asked question has no answer or a refused one."""
    service = Service(None, front="command", today=today)
    with service.start(Content(questionnaire, ruleset, questionnaire.source), mode="script") as interview:
        interview.replay(answers)
        return interview.provisional()


def find(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = Path(name)
        found += sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
    return found


def check(path: Path, shown: str | None = None, cache: dict | None = None) -> Outcome:
    doc, problems = read(path, shown or str(path))
    outcome = Outcome(doc.path, path.stem)
    at = lambda *keys, key=False: doc.where(keys, key=key)  # noqa: E731
    if problems:
        outcome.differences = [differ(p.location, "scenario.unreadable", detail=p.message)
                               for p in problems]
        return outcome
    spec = doc.data if isinstance(doc.data, dict) else {}
    outcome.name = str(spec.get("name") or path.stem)
    diffs = outcome.differences
    diffs += [differ(at(k, key=True), "scenario.unknown_key", key=k) for k in spec if k not in KEYS]
    diffs += [differ(at("expect", k, key=True), "scenario.unknown_key", key=k)
              for k in (spec.get("expect") or {}) if k not in EXPECT_KEYS]
    diffs += [differ(at(), "scenario.missing_key", key=k) for k in ("questionnaire", "answers", "expect")
              if k not in spec]
    if diffs:
        return outcome
    loaded = _questionnaire(path, str(spec["questionnaire"]), cache if cache is not None else {})
    if isinstance(loaded[0], str):
        diffs.append(differ(at("questionnaire"), loaded[0], **loaded[1]))
        return outcome
    outcome.questionnaire, outcome.ruleset = loaded
    try:
        today = dt.date.fromisoformat(str(spec.get("today", DEFAULT_TODAY)))
    except ValueError:
        diffs.append(differ(at("today"), "scenario.bad_today", value=spec.get("today")))
        return outcome
    try:
        outcome.result = play(*loaded, spec["answers"] or {}, today)
    except ServiceError as exc:
        question = exc.params.get("question")
        where = at("answers", question) if question in (spec["answers"] or {}) else at("answers", key=True)
        key = "scenario.refused" if exc.code == "answer_refused" else "scenario.stopped"
        diffs.append(differ(where, key, id=question, detail=str(exc)))
        return outcome
    diffs += compare(spec["expect"] or {}, outcome, doc)
    return outcome


def _questionnaire(scenario: Path, name: str, cache: dict):
    """(questionnaire, rule set) named by a scenario, found next to it or above it, or (WORDS key, params)."""
    for folder in (scenario.resolve().parent, *scenario.resolve().parents, Path.cwd()):
        candidate = (folder / name).resolve()
        if candidate.is_file():
            break
    else:
        return "scenario.no_questionnaire", {"file": name}
    if candidate not in cache:
        try:
            questionnaire = load_questionnaire(candidate)
            cache[candidate] = (questionnaire, load_rules(questionnaire))
        except LoadError as exc:
            cache[candidate] = "scenario.invalid_questionnaire", {"detail": str(exc.problems[0])}
    return cache[candidate]


def compare(expect: dict, outcome: Outcome, doc: Document) -> list[Difference]:
    q, ruleset, out = outcome.questionnaire, outcome.ruleset, outcome.result
    diffs: list[Difference] = []

    def differs(keys: tuple, key: str, **params) -> None:
        diffs.append(differ(doc.where(("expect",) + keys), key, **params))

    asked, notes = set(out["asked"]), set(out.get("notes", ()))
    rules = {r.id for r in ruleset.rules}
    for key, known, what in (("asked", q.questions, "question"), ("not_asked", q.questions, "question"),
                             ("notes", q.questions, "question"), ("no_notes", q.questions, "question"),
                             ("no_findings", rules, "rule"), ("actions", ruleset.actions, "action"),
                             ("no_actions", ruleset.actions, "action"), ("first_step", ruleset.actions, "action")):
        for i, ident in enumerate(expect.get(key) or []):
            if ident not in known:
                differs((key, i), f"scenario.unknown_{what}", id=ident)
    for ident in expect.get("findings") or {}:
        if ident not in rules:
            differs(("findings", ident), "scenario.unknown_rule", id=ident)
    if diffs:
        return diffs
    for key, seen, wanted, message in (("asked", asked, True, "scenario.not_asked"),
                                       ("not_asked", asked, False, "scenario.asked"),
                                       ("notes", notes, True, "scenario.note_missing"),
                                       ("no_notes", notes, False, "scenario.note_shown")):
        for i, ident in enumerate(expect.get(key) or []):
            if (ident in seen) is not wanted:
                differs((key, i), message, id=ident)
    if "max_questions" in expect and len(asked) > expect["max_questions"]:
        differs(("max_questions",), "scenario.too_many", count=len(asked), limit=expect["max_questions"])
    found = {f["rule"]: (f["intensity"] if f["kind"] == "frein" else "atout") for f in out["findings"]}
    for ident, level in (expect.get("findings") or {}).items():
        if ident not in found:
            differs(("findings", ident), "scenario.finding_absent", id=ident, expected=level)
        elif found[ident] != level:
            differs(("findings", ident), "scenario.finding", id=ident, expected=level, got=found[ident])
    for i, ident in enumerate(expect.get("no_findings") or []):
        if ident in found:
            differs(("no_findings", i), "scenario.unexpected_finding", id=ident, got=found[ident])
    got = (out.get("pathway") or {}).get("pathway")
    if "pathway" in expect and got != expect["pathway"]:
        differs(("pathway",), "scenario.pathway", expected=expect["pathway"], got=got or word("scenario.nothing"))
    planned = planned_actions(out)
    for i, ident in enumerate(expect.get("actions") or []):
        if ident not in planned:
            differs(("actions", i), "scenario.action_missing", id=ident)
    for i, ident in enumerate(expect.get("no_actions") or []):
        if ident in planned:
            differs(("no_actions", i), "scenario.action_planned", id=ident)
    if "first_step" in expect:   # a social plan's short first step, in order; the rest is for later
        first = first_step(out)
        if first != list(expect["first_step"] or []):
            differs(("first_step",), "scenario.first_step", expected=_listed(expect["first_step"]),
                    got=_listed(first))
    if "alerts" in expect:   # exactly these, in this order (an empty list: none)
        got_alerts = [_ident(a) for a in out.get("alerts") or ()]
        if got_alerts != list(expect["alerts"] or []):
            differs(("alerts",), "scenario.alerts", expected=_listed(expect["alerts"]), got=_listed(got_alerts))
    indicators = {_ident(i): i for i in out.get("indicators") or () if isinstance(i, dict)}
    for ident, want in (expect.get("indicators") or {}).items():
        diffs += indicator(ident, want, indicators.get(ident), doc)
    return sorted(diffs, key=lambda d: (d.location.line, d.location.column))


def indicator(ident: str, want, got: dict | None, doc: Document) -> list[Difference]:
    """An indicator against `{value: x (null: undefined), band: …, display: …}`; values to 2 decimals."""
    where = doc.where(("expect", "indicators", ident))
    if got is None:
        return [differ(where, "scenario.indicator_missing", id=ident)]
    want = want if isinstance(want, dict) else {"value": want}
    found = []
    if "value" in want:
        value, wanted = got.get("value"), want["value"]
        if (wanted is None) != (value is None) or (value is not None and abs(value - wanted) >= 0.005):
            found.append(differ(doc.where(("expect", "indicators", ident, "value")), "scenario.indicator",
                                id=ident, expected=_shown(wanted), got=_shown(value, got.get("display"))))
    for key in ("band", "display"):
        if key in want and got.get(key) != want[key]:
            found.append(differ(doc.where(("expect", "indicators", ident, key)), f"scenario.indicator_{key}",
                                id=ident, expected=_shown(want[key]), got=_shown(got.get(key))))
    return found


def _shown(value, display=None) -> str:
    if value is None:
        return word("scenario.undefined") + (f" ({display})" if display else "")
    return str(value)


def _listed(items) -> str:
    return ", ".join(map(str, items)) or word("scenario.nothing")


def planned_actions(out: dict) -> set:
    return {a["id"] for o in out["action_plan"]["objectives"] for a in o["actions"]}


def first_step(out: dict) -> list:
    """The actions of the plan's first step, in order (those not put off for later)."""
    return [a["id"] for o in out["action_plan"]["objectives"] for a in o["actions"] if not a.get("later")]


def _ident(item):
    return item.get("id") if isinstance(item, dict) else item
