"""`run --trace`: why each question was asked or skipped, why each finding was
made and why the pathway was proposed, in words (one line each)."""
from __future__ import annotations

from typing import Iterator

from ..engine import Session
from ..expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, truth
from ..expressions.explain import explain
from ..model import RuleSet
from .describe import describe
from .words import word

_SPECIALS = {DECLINED: "trace.declined", DONT_KNOW: "trace.dont_know", NOT_APPLICABLE: "trace.not_applicable",
             SKIPPED: "trace.skipped_answer", UNKNOWN: "trace.unknown"}


def trace(session: Session, ruleset: RuleSet, diagnostic: dict) -> Iterator[str]:
    q, values = session.questionnaire, session.values()
    asked, shown = set(session.asked()), set(session.notes_shown())
    for question in q.flow:
        failing = [c for c in question.conditions if truth(c.value(values, session.today)) is not True]
        if failing:
            cond = failing[0]
            yield word("trace.skipped", id=question.id, condition=describe(cond, q),
                       values=_values(session, explain(cond, values, session.today).names))
        elif session.value(question.id) is SKIPPED or question.id not in asked | shown:
            yield word("trace.passed", id=question.id)
        else:
            key = "trace.note" if not question.asks else "trace.asked_if" if question.conditions else "trace.asked"
            names = [n for c in question.conditions for n in explain(c, values, session.today).names]
            yield word(key, id=question.id, text=" ".join(question.text.split()),
                       condition=" et ".join(describe(c, q, inner=True) for c in question.conditions),
                       values=_values(session, names), answer=_shown(session, question.id))
    rules = {r.id: r for r in ruleset.rules}
    for finding in diagnostic["findings"]:
        rule = rules[finding["rule"]]
        level = finding["intensity"] if finding["kind"] == "frein" else "atout"
        names = [w["question"] for w in finding.get("why", ()) if w.get("question")]
        yield word("trace.finding", id=rule.id, level=level, label=finding["label"],
                   condition=describe(rule.when, q), values=_values(session, names))
    pathway = diagnostic.get("pathway")
    if pathway:
        yield word("trace.pathway", pathway=pathway["pathway"], id=pathway.get("rule"), reason=pathway["reason"])


def _values(session: Session, names) -> str:
    names = [n for n in dict.fromkeys(names) if n in session.questionnaire.questions]
    return "; ".join(f"{n} = {_shown(session, n)}" for n in names) or word("trace.no_answer")


def _shown(session: Session, name: str) -> str:
    value = session.value(name)
    for special, key in _SPECIALS.items():
        if value is special:
            return word(key)
    return session.display(name)
