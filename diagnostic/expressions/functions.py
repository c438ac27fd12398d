"""The functions a condition may call. Each is pure and total: it never
raises on an odd value, it answers NOT_APPLICABLE instead."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
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
    lazy: bool = False           # gets its arguments unevaluated (callables), to evaluate only what it needs
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


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _iif(condition, then, otherwise):
    """`then` when the condition is true, `otherwise` when false; only the branch taken is evaluated,
    so the other may hold anything. A condition that is a non-answer (a declined item…) is not a
    "no": the result is not applicable."""
    c = condition()
    if c is UNKNOWN:
        return UNKNOWN
    if isinstance(c, Special):
        return NOT_APPLICABLE
    return then() if c else otherwise()


def _exact(v) -> Decimal:
    """A number as the decimal a person wrote (0.1 is 0.1, not 0.1000000000000000055…)."""
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def _plain(d: Decimal, integral: bool):
    return int(d) if integral else float(d)


def decimal_add(a, b) -> float:
    """a + b for numbers with a float among them, added as the decimals they print as."""
    return float(_exact(a) + _exact(b))


def _sum(*values):
    """The total; not applicable when any term is a non-answer (no score with a missing item).
    Added as decimals, so that 0.1 + 0.2 is 0.3 as on paper."""
    if not all(_is_number(v) for v in values):
        return NOT_APPLICABLE
    total = sum((_exact(v) for v in values), Decimal(0))
    return _plain(total, all(isinstance(v, int) for v in values))


MAX_DIGITS = 15


def round_half_away(value, digits: int = 0):
    """`value` rounded to `digits` decimals, halves away from zero (2.5 → 3, -2.5 → -3, 2.675 → 2.68),
    as a person rounds by hand (Python's round() rounds halves to even, on binary floats)."""
    try:
        rounded = _exact(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return value
    return _plain(rounded, digits <= 0)


def _round(value, digits=0):
    if not (_is_number(value) and _is_number(digits)) or digits != int(digits) or abs(digits) > MAX_DIGITS:
        return NOT_APPLICABLE
    return round_half_away(value, int(digits))


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
    Function("round", 1, 2, NUMBER, _round, doc="round(x, digits): halves away from zero; digits 0 by default"),
    Function("sum", 1, None, NUMBER, _sum, doc="total of its arguments; not applicable when one is a non-answer"),
    Function("iif", 3, 3, ANY, _iif, lazy=True,
             doc="iif(c, a, b): a when c is true, b when false; not applicable when c is a non-answer"),
    Function("len", 1, 1, NUMBER, _len, doc="length of a text or a list"),
]}

__all__ = ["FUNCTIONS", "Function", "round_half_away", "UNKNOWN", "BOOL", "NUMBER", "TEXT", "DATE", "LIST", "ANY"]
