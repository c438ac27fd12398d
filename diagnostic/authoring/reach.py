"""Can a condition ever be true? Tried on every combination of the answers it reads.

Only questions with a finite set of answers (yes/no, choice, multiple choice)
are enumerated; the other names stay unknown, and a condition whose value then
depends on them, or one with too many combinations, gives None (we cannot
tell). Combinations ignore what earlier questions imply about each other:
"never true" means no answers at all make it true.
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
    can, None when we cannot tell.

    Names that cannot be enumerated (numbers, texts, dates, computed values) are left
    unknown: the three-valued logic of the language still finds `q == 'a' and q == 'b'
    and age > 30` never true, whatever the age."""
    conditions = tuple(conditions)
    names, domains = [], []
    for name in sorted(frozenset().union(*(c.names for c in conditions))):
        question = questionnaire.questions.get(name)
        domain = answers_of(question) if question is not None else None
        if domain is not None:
            names.append(name)
            domains.append(domain)
    size = 1
    for domain in domains:
        size *= len(domain)
    if size > MAX_COMBINATIONS:
        return None
    today = today or dt.date.today()
    undecided = False
    for combination in itertools.product(*domains):
        values = dict(zip(names, combination))
        results = [truth(c.value(values, today)) for c in conditions]
        if all(r is True for r in results):
            return True
        undecided = undecided or False not in results
    return None if undecided else False
