"""The plain-data views of an interview, made from the engine's public API.

Pure functions of an engine `Session`: `Interview.state()` calls them once
per move and hands their frozen results to the fronts.
"""
from __future__ import annotations

from ..engine import Session
from ..expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, truth
from ..model import Question, encode_answer
from .state import ChoiceView, NoteView, OutlineRow, QuestionView, SectionView

_SPECIAL_STATES = {DECLINED: "declined", DONT_KNOW: "dont_know", SKIPPED: "skipped"}


def question(s: Session, q: Question, sections: dict, asked: list[str], revisiting: bool) -> QuestionView:
    """The question shown, with what a front needs to ask it."""
    section = sections.get(q.section)
    allows = frozenset(name for name, ok in (("decline", q.decline), ("dont_know", q.dont_know),
                                             ("skip", not q.required)) if ok)
    return QuestionView(
        id=q.id, type=q.type, text=s.text(q), help=s.text(q, "help") if q.help else None,
        section=SectionView(section.id, section.title, section.theme, section.intro) if section else None,
        choices=tuple(ChoiceView(i, c.value, c.label, c.help) for i, c in enumerate(q.choices, 1)),
        required=q.required, allows=allows, sensitive=q.sensitive, min=q.min, max=q.max,
        integer=q.integer, unit=q.unit, max_length=q.max_length,
        answer=encode_answer(s.value(q.id)) if revisiting else None,
        number=asked.index(q.id) + 1 if revisiting else len(asked) + 1)


def outline(s: Session) -> tuple[OutlineRow, ...]:
    """Every question that takes an answer, in flow order, with its state (OUTLINE_STATES).
    A question not reached whose condition is already false is not applicable."""
    current = s.current
    rows = []
    for q in s.questionnaire.flow:
        if not q.asks:
            continue
        value = s.value(q.id)
        if current is not None and q.id == current.id:
            state, shown = "current", (None if value is UNKNOWN else value)
        elif value is UNKNOWN:
            gone = any(truth(s.evaluate(c).value) is False for c in q.conditions)
            state, shown = ("not_applicable" if gone else "to_come"), None
        elif value is NOT_APPLICABLE:
            state, shown = "not_applicable", None
        else:
            state, shown = _SPECIAL_STATES.get(value, "answered"), value
        rows.append(OutlineRow(q.id, s.text(q), q.section, state,
                               None if shown is None else encode_answer(shown)))
    return tuple(rows)


def urgent_notes(s: Session) -> tuple[NoteView, ...]:
    """The urgent notes shown so far (the 115), for an alert panel."""
    questions = s.questionnaire.questions
    return tuple(NoteView(n, s.text(questions[n]), True, questions[n].section)
                 for n in s.notes_shown() if questions[n].urgent)
