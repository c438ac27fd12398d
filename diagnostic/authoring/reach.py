"""Can a condition ever be true? Tried on every combination of the answers it reads.

Only questions with a finite set of answers (yes/no, choice, multiple choice)
can be enumerated; a condition reading a number, a text, a date or a computed
value is left alone (None: we cannot tell), as is one with too many
combinations. Combinations ignore what earlier questions imply about each
other: "never true" means no answers at all make it true.
"""
from __future__ import annotations

import datetime as dt
import itertools
from typing import Iterable

from ..expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, Expression, truth
from ..model import Question, Questionnaire

MAX_COMBINATIONS = 20_000
MAX_SUBSETS_OF = 6   # a multiple choice with more choices is tried on singletons, none and all


def answers_of(question: Question) -> list | None:
    """Every answer (and non-answer) a question can settle to, or None when not enumerable."""
    values = [c.value for c in question.choices]
    if question.type == "yes_no":
        found = [True, False]
    elif question.type == "choice":
        found = list(values)
    elif question.type == "multi_choice":
        if len(values) <= MAX_SUBSETS_OF:
            found = [list(s) for n in range(len(values) + 1) for s in itertools.combinations(values, n)]
        else:
            found = [[]] + [[v] for v in values] + [values]
    else:
        return None
    found += [special for special, allowed in ((NOT_APPLICABLE, bool(question.conditions)),
                                               (DECLINED, question.decline), (DONT_KNOW, question.dont_know),
                                               (SKIPPED, not question.required)) if allowed]
    return found


def can_be_true(conditions: Iterable[Expression], questionnaire: Questionnaire,
                today: dt.date | None = None) -> bool | None:
    """True when some combination of answers makes every condition true, False when none
    does, None when the names read cannot all be enumerated."""
    conditions = tuple(conditions)
    names = sorted(frozenset().union(*(c.names for c in conditions)))
    domains = []
    for name in names:
        question = questionnaire.questions.get(name)
        domain = answers_of(question) if question is not None else None
        if domain is None:
            return None
        domains.append(domain)
    size = 1
    for domain in domains:
        size *= len(domain)
    if size > MAX_COMBINATIONS:
        return None
    today = today or dt.date.today()
    for combination in itertools.product(*domains):
        values = dict(zip(names, combination))
        if all(truth(c.value(values, today)) is True for c in conditions):
            return True
    return False
