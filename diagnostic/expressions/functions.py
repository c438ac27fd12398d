"""The functions a condition may call. Each is pure and total: it never
raises on an odd value, it answers NOT_APPLICABLE instead."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from .values import DECLINED, DONT_KNOW, NOT_APPLICABLE, UNKNOWN, Special, is_answer

# Static types used by the checker.
BOOL, NUMBER, TEXT, DATE, LIST, ANY = "bool", "number", "text", "date", "list", "any"


@dataclass(frozen=True)
class Function:
    name: str
    min_args: int
    max_args: int | None
    result: str
    impl: Callable
    needs_name: bool = False     # the first argument must be a question name
    needs_today: bool = False
    needs_values: bool = False   # gets the evaluation's values mapping first (context functions)
    doc: str = ""


def _answered(v):
    return is_answer(v)


def _declined(v):
    return v is DECLINED


def _dont_know(v):
    return v is DONT_KNOW


def _count(v):
    if isinstance(v, Special):
        return 0
    return len(v) if isinstance(v, (list, tuple, frozenset)) else NOT_APPLICABLE


def _any_of(v, values):
    if not isinstance(v, (list, tuple, frozenset)) or not isinstance(values, (list, tuple)):
        return False
    return any(x in v for x in values)


def _as_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return None


def _years_since(today, v):
    d = _as_date(v)
    if d is None:
        return NOT_APPLICABLE
    years = today.year - d.year - ((today.month, today.day) < (d.month, d.day))
    return years


def _months_since(today, v):
    d = _as_date(v)
    if d is None:
        return NOT_APPLICABLE
    return (today.year - d.year) * 12 + today.month - d.month - (today.day < d.day)


def _days_since(today, v):
    d = _as_date(v)
    return NOT_APPLICABLE if d is None else (today - d).days


def _numeric(fn):
    def wrapped(*args):
        if not args or not all(isinstance(a, (int, float)) and not isinstance(a, bool) for a in args):
            return NOT_APPLICABLE
        return fn(*args)
    return wrapped


def _len(v):
    return len(v) if isinstance(v, (str, list, tuple, frozenset)) else NOT_APPLICABLE


FUNCTIONS: dict[str, Function] = {f.name: f for f in [
    Function("answered", 1, 1, BOOL, _answered, needs_name=True,
             doc="true if the question has a real answer"),
    Function("declined", 1, 1, BOOL, _declined, needs_name=True,
             doc="true if the person preferred not to answer"),
    Function("dont_know", 1, 1, BOOL, _dont_know, needs_name=True,
             doc="true if the person answered « je ne sais pas »"),
    Function("count", 1, 1, NUMBER, _count, needs_name=True,
             doc="number of choices picked in a multiple choice"),
    Function("any_of", 2, 2, BOOL, _any_of, doc="a multiple choice has one of the values"),
    Function("years_since", 1, 1, NUMBER, _years_since, needs_today=True, doc="whole years since a date"),
    Function("months_since", 1, 1, NUMBER, _months_since, needs_today=True, doc="whole months since a date"),
    Function("days_since", 1, 1, NUMBER, _days_since, needs_today=True, doc="days since a date"),
    Function("min", 1, None, NUMBER, _numeric(min)),
    Function("max", 1, None, NUMBER, _numeric(max)),
    Function("abs", 1, 1, NUMBER, _numeric(abs)),
    Function("round", 1, 1, NUMBER, _numeric(round)),
    Function("len", 1, 1, NUMBER, _len, doc="length of a text or a list"),
]}

__all__ = ["FUNCTIONS", "Function", "UNKNOWN", "BOOL", "NUMBER", "TEXT", "DATE", "LIST", "ANY"]
