"""A `Diagnostic` as plain JSON data: what `--format json` prints and what templates see.

The shape is published as a JSON Schema (`schemas/diagnostic.schema.json`)
so that other systems, such as a shared follow-up notebook, can import it.
Everything in it is JSON: dates as `YYYY-MM-DD`, answers as in an answers
file, words already formatted for the locale next to the raw values.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Protocol

from ..model import encode_answer
from ..expressions import UNKNOWN, Special
from ..plan import Objective, Plan, PlannedAction
from ..engine import PIPE
from ..scoring import Diagnostic, Fact, Finding, Indicator
from ..typography import clean_text

SCHEMA_VERSION = 1
SCHEMA_ID = "https://diagnostic.example/schemas/diagnostic.schema.json"


class Formatter(Protocol):
    """What rendering needs from the locale: `diagnostic.i18n.Formatter` is one.
    (The report layer does not import i18n: the caller passes a formatter in.)"""

    language: str

    def date(self, value: Any, format: str = "long") -> str: ...  # noqa: A002
    def number(self, value: Any, decimals: int | None = None) -> str: ...
    def not_computed(self, missing: tuple = (), finished: bool = True) -> str: ...
    def answer(self, value: Any, labels: tuple = (), unit: str | None = None) -> str: ...
    def theme(self, slug: str) -> str: ...
    def pathway(self, slug: str) -> str: ...
    def provider(self, slug: str) -> str: ...
    def status(self, status: str, intensity: str | None = None) -> str: ...
    def finding_kind(self, kind: str, intensity: str | None = None) -> str: ...
    def action_status(self, status: str) -> str: ...
    def agreement(self, needs: bool, agreed: bool | None) -> str: ...
    def mode(self, mode: str) -> str: ...


def clean(text: Any) -> str:
    """Text that can always be encoded and shown (typography.clean_text: no control
    characters, lone surrogates become U+FFFD)."""
    return clean_text(text if isinstance(text, str) else str(text))


def to_data(diagnostic: Diagnostic, fmt: Formatter) -> dict:
    d, h = diagnostic, diagnostic.header
    findings = [_finding(f, fmt) for f in d.findings]
    labels = {f["rule"]: f["label"] for f in findings}
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "questionnaire": {"id": h.questionnaire, "version": h.version, "hash": h.content_hash,
                          "title": clean(h.title)},
        "date": h.date.isoformat(),
        "locale": h.locale,
        "mode": h.mode,
        "provisional": h.provisional,
        "rules": ({"hash": h.rules_hash, "rules": h.rule_count, "pathways": h.pathway_count}
                  if h.rules_hash else None),
        "alerts": [{"id": a.id, "kind": a.kind, "label": labels[a.id] if a.kind == "finding" else clean(a.label)}
                   for a in d.alerts],
        "asked": list(d.asked),
        "notes": list(d.notes),
        "answers": {k: _json_value(v) for k, v in d.answers.items()},
        "themes": [
            {"theme": t.theme, "label": clean(fmt.theme(t.theme)), "status": t.status,
             "intensity": t.intensity, "status_label": fmt.status(t.status, t.intensity),
             "facts": [_fact(f, fmt) for f in t.facts], "findings": [f.rule for f in t.findings],
             "indicators": [i.id for i in t.indicators]}
            for t in d.themes
        ],
        "indicators": [_indicator(i, d, fmt) for i in d.indicators],
        "findings": findings,
        "pathway": _pathway(d, fmt),
        "action_plan": _plan(d, fmt),
        "pending": [{"rule": p.rule, "missing": list(p.missing)} for p in d.pending],
    }


def _json_value(value: Any) -> Any:
    if value is UNKNOWN or value is None:
        return None
    if isinstance(value, Special):
        try:
            return encode_answer(value)
        except ValueError:  # not applicable
            return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, frozenset)):
        return [_json_value(v) for v in value]
    if isinstance(value, (bool, int, float)):
        return value
    return clean(value)


def _fact(fact: Fact, fmt: Formatter) -> dict:
    return {"question": fact.name, "text": clean(fact.text), "state": fact.state,
            "answer": clean(fmt.answer(fact.value, fact.labels, fact.unit)), "value": _json_value(fact.value),
            "sensitive": fact.sensitive}


def _indicator(i: Indicator, d: Diagnostic, fmt: Formatter) -> dict:
    if i.defined:
        display = _measure(i.value, i.decimals, i.unit, fmt)
    else:
        display = fmt.not_computed(tuple((f.text, f.state) for f in i.missing), finished=not d.provisional)
    return {"id": i.id, "label": clean(i.label), "theme": i.theme,
            "value": _json_value(i.value) if i.defined else None, "display": clean(display),
            "band": clean(i.band) if i.band else None, "sensitive": i.sensitive}


def _measure(value: Any, decimals: int | None, unit: str | None, fmt: Formatter) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = fmt.number(value, decimals)
        return f"{text} {unit}" if unit else text
    return fmt.answer(value, (), unit)


def _value_words(fact: Fact, fmt: Formatter) -> str:
    """A value as a label shows it: an indicator with its precision and unit, an answer in words."""
    if fact.type == "computed":
        if fact.value is UNKNOWN or isinstance(fact.value, Special):
            return fmt.not_computed()
        return _measure(fact.value, fact.decimals, fact.unit, fmt)
    return fmt.answer(fact.value, fact.labels, fact.unit)


def _shown(label: str, facts: tuple, fmt: Formatter) -> str:
    """`label` with the values it shows in place of {{ name }}."""
    if "{{" not in label:
        return label
    by_name = {f.name: f for f in facts}
    return PIPE.sub(lambda m: _value_words(by_name[m.group(1)], fmt) if m.group(1) in by_name else "…", label)


def _finding(f: Finding, fmt: Formatter) -> dict:
    return {"rule": f.rule, "theme": f.theme, "kind": f.kind, "intensity": f.intensity,
            "label": clean(_shown(f.label, f.shown, fmt)), "urgent": f.urgent,
            "kind_label": fmt.finding_kind(f.kind, f.intensity),
            "situation": clean(f.situation) if f.situation else None,
            "objectives": [clean(o) for o in f.objectives], "priority": f.priority,
            "why": [_fact(x, fmt) for x in f.why]}


def _pathway(d: Diagnostic, fmt: Formatter) -> dict | None:
    p = d.pathway
    if p is None:
        return None
    return {"pathway": p.pathway, "label": fmt.pathway(p.pathway), "rule": p.rule, "reason": clean(p.reason),
            "findings": [f.rule for f in p.findings], "facts": [_fact(x, fmt) for x in p.facts]}


def _plan(d: Diagnostic, fmt: Formatter) -> dict:
    plan: Plan = d.plan
    return {
        "status": "draft",
        "objectives": [_objective(o, fmt) for o in plan.objectives],
        "removed": [{"kind": r.kind, "id": r.id, "label": clean(r.label)} for r in plan.removed],
        "edits": [_edit_json(e.to_json()) for e in d.edits],
        "stale": [{"edit": _edit_json(s.edit.to_json()), "reason": clean(s.reason)} for s in plan.stale],
    }


def _edit_json(data: dict) -> dict:
    return {k: (clean(v) if isinstance(v, str) else v) for k, v in data.items()}


def _objective(o: Objective, fmt: Formatter) -> dict:
    return {"id": o.id, "theme": o.theme, "theme_label": fmt.theme(o.theme), "label": clean(o.label),
            "priority": o.priority, "needs_agreement": o.needs_agreement, "agreed": o.agreed,
            "origin": o.origin, "edited": o.edited, "proposed_by": list(o.proposed_by),
            "actions": [_action(a, fmt) for a in o.actions]}


def _action(a: PlannedAction, fmt: Formatter) -> dict:
    return {"id": clean(a.id), "label": clean(a.label), "theme": a.theme, "category": a.category,
            "providers": list(a.providers), "provider_labels": [fmt.provider(p) for p in a.providers],
            "status": a.status, "status_label": fmt.action_status(a.status),
            "due": a.due.isoformat() if a.due else None,
            "needs_agreement": a.needs_agreement, "agreed": a.agreed,
            "agreement_label": fmt.agreement(a.needs_agreement, a.agreed),
            "priority": a.priority, "origin": a.origin, "edited": a.edited,
            "proposed_by": list(a.proposed_by), "note": clean(a.note) if a.note else None,
            "later": a.later, "bring": clean(a.bring) if a.bring else None}
