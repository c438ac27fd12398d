"""Checking one answer against its question, before the engine keeps it.

Front ends turn what a person typed into a candidate value (a bool, a choice
value, a number, a date…); `coerce` accepts it or raises InvalidAnswer with a
code and its parameters (`answer.number_between`, min=0, max=300, unit='minutes'),
which the front words in the session's language (`Formatter.refusal`, the
French sentences are in `diagnostic/words.py`). Answers read back from JSON
(an answers file, a stored session) go through the same door.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .expressions import DECLINED, DONT_KNOW, SKIPPED, Special
from .model import Question, special_from_json
from .typography import clean_text


class InvalidAnswer(ValueError):
    """An answer the question cannot take: `code` and `params`, worded by the front."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


def coerce(question: Question, raw: Any, today: dt.date) -> Any:
    special = raw if isinstance(raw, Special) else special_from_json(raw)
    if special is not None:
        return _special(question, special)
    if question.type == "note":
        return True
    kind = question.type
    if kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        raise InvalidAnswer("answer.yes_no")
    if kind == "choice":
        choice = question.choice(raw) if isinstance(raw, (str, int, float)) else None
        if choice is not None:
            return choice.value   # 3.0 read from JSON is the choice 3
        raise InvalidAnswer("answer.choice")
    if kind == "multi_choice":
        return _multi(question, raw)
    if kind == "number":
        return _number(question, raw)
    if kind == "text":
        return _text(question, raw)
    if kind == "date":
        return _date(question, raw, today)
    raise InvalidAnswer("answer.unknown_type")  # unreachable: the schema lists the types


def _special(question: Question, special: Special) -> Special:
    if special is DECLINED and question.decline:
        return DECLINED
    if special is DONT_KNOW and question.dont_know:
        return DONT_KNOW
    if special is SKIPPED and not question.required:
        return SKIPPED
    raise InvalidAnswer({DECLINED: "answer.no_decline", DONT_KNOW: "answer.no_dont_know"}.get(special, "answer.required"))


def _multi(question: Question, raw: Any) -> tuple:
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        raw = [raw]
    if not isinstance(raw, (list, tuple, frozenset, set)) or \
            not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in raw):
        raise InvalidAnswer("answer.choices")
    unknown = [str(v) for v in raw if not question.choice(v)]
    if unknown:
        raise InvalidAnswer("answer.not_offered", values=tuple(unknown))
    picked = list(dict.fromkeys(question.choice(v).value for v in raw))
    alone = next((question.choice(v) for v in picked if question.choice(v).exclusive), None)
    if alone is not None and len(picked) > 1:
        raise InvalidAnswer("answer.exclusive", label=alone.label)
    low = 1 if question.min is None or alone is not None else question.min   # « Aucun » alone is an answer
    if len(picked) < low:
        raise InvalidAnswer("answer.min_choices", n=low)
    if question.max is not None and len(picked) > question.max:
        raise InvalidAnswer("answer.max_choices", n=question.max)
    order = [c.value for c in question.choices]
    return tuple(sorted(picked, key=order.index))


# Beyond 15 significant digits a number is no answer a person gives (and it no longer
# formats exactly: Babel's decimal quantize fails from 28 digits on).
MAX_MAGNITUDE = 10 ** 15


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        raise InvalidAnswer("answer.number")
    if abs(raw) >= MAX_MAGNITUDE:
        raise InvalidAnswer("answer.too_big")
    if question.integer:
        if raw != int(raw):
            raise InvalidAnswer("answer.integer")
        raw = int(raw)
    lo, hi = question.min, question.max
    if (lo is not None and raw < lo) or (hi is not None and raw > hi):
        code = "answer.number_between" if lo is not None and hi is not None else \
            "answer.number_min" if lo is not None else "answer.number_max"
        raise InvalidAnswer(code, min=lo, max=hi, unit=question.unit)
    return raw


def _text(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer("answer.text")
    text = clean_text(raw).strip()
    if not text:
        raise InvalidAnswer("answer.text")
    if len(text) > question.max_length:
        raise InvalidAnswer("answer.too_long", length=len(text), max=question.max_length)
    return text


def _date(question: Question, raw: Any, today: dt.date) -> dt.date:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, str):
        try:
            raw = dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise InvalidAnswer("answer.date_format") from None
    if not isinstance(raw, dt.date):
        raise InvalidAnswer("answer.date")
    lo, hi = _bound(question.min, today), _bound(question.max, today)
    if lo and raw < lo:
        raise InvalidAnswer("answer.date_min", date=lo)
    if hi and raw > hi:
        raise InvalidAnswer("answer.date_max", date=hi)
    return raw


def _bound(spec, today: dt.date) -> dt.date | None:
    if spec is None:
        return None
    return today if spec == "today" else dt.date.fromisoformat(spec)


def accepted(question: Question) -> list:
    """What an answers file may give for `question`, as JSON values (choice values, true/false,
    {declined: true}…): for a message that lists the valid values. Empty when anything of the
    right type goes (a number, a text, a date)."""
    values: list = []
    if question.type == "yes_no":
        values = [True, False]
    elif question.type in ("choice", "multi_choice"):
        values = [c.value for c in question.choices]
    if values:
        values += [{"declined": True}] if question.decline else []
        values += [{"dont_know": True}] if question.dont_know else []
        values += [{"skipped": True}] if not question.required else []
    return values
