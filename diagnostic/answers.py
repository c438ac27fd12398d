"""Checking one answer against its question, before the engine keeps it.

Front ends turn what a person typed into a candidate value (a bool, a choice
value, a number, a date…); `coerce` accepts it or raises InvalidAnswer with
a short message in plain French that can be shown as is. Answers read back
from JSON (an answers file, a stored session) go through the same door.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .expressions import DECLINED, DONT_KNOW, SKIPPED, Special
from .model import Question, special_from_json
from .typography import clean_text


class InvalidAnswer(ValueError):
    """An answer the question cannot take; the message is for the person."""


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
        raise InvalidAnswer("Répondez par oui ou par non.")
    if kind == "choice":
        choice = question.choice(raw) if isinstance(raw, (str, int, float)) else None
        if choice is not None:
            return choice.value   # 3.0 read from JSON is the choice 3
        raise InvalidAnswer("Choisissez une des réponses proposées.")
    if kind == "multi_choice":
        return _multi(question, raw)
    if kind == "number":
        return _number(question, raw)
    if kind == "text":
        return _text(question, raw)
    if kind == "date":
        return _date(question, raw, today)
    raise InvalidAnswer("Type de question inconnu.")  # unreachable: the schema lists the types


def _special(question: Question, special: Special) -> Special:
    if special is DECLINED and question.decline:
        return DECLINED
    if special is DONT_KNOW and question.dont_know:
        return DONT_KNOW
    if special is SKIPPED and not question.required:
        return SKIPPED
    words = {DECLINED: "« Je préfère ne pas répondre » n'est pas proposé pour cette question.",
             DONT_KNOW: "« Je ne sais pas » n'est pas proposé pour cette question.",
             SKIPPED: "Cette question demande une réponse."}
    raise InvalidAnswer(words.get(special, "Cette question demande une réponse."))


def _multi(question: Question, raw: Any) -> tuple:
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        raw = [raw]
    if not isinstance(raw, (list, tuple, frozenset, set)) or \
            not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in raw):
        raise InvalidAnswer("Choisissez une ou plusieurs des réponses proposées.")
    unknown = [str(v) for v in raw if not question.choice(v)]
    if unknown:
        raise InvalidAnswer(f"Réponse non proposée : {', '.join(unknown)}.")
    picked = list(dict.fromkeys(question.choice(v).value for v in raw))
    alone = next((question.choice(v) for v in picked if question.choice(v).exclusive), None)
    if alone is not None and len(picked) > 1:
        raise InvalidAnswer(f"« {alone.label} » ne se combine pas avec une autre réponse : "
                            "choisissez-la seule, ou retirez-la.")
    low = 1 if question.min is None or alone is not None else question.min   # « Aucun » alone is an answer
    if len(picked) < low:
        raise InvalidAnswer("Choisissez au moins une réponse." if low == 1 else f"Choisissez au moins {low} réponses.")
    if question.max is not None and len(picked) > question.max:
        raise InvalidAnswer(f"Choisissez au plus {question.max} réponses.")
    order = [c.value for c in question.choices]
    return tuple(sorted(picked, key=order.index))


# Beyond 15 significant digits a number is no answer a person gives (and it no longer
# formats exactly: Babel's decimal quantize fails from 28 digits on).
MAX_MAGNITUDE = 10 ** 15


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        raise InvalidAnswer("Indiquez un nombre.")
    if abs(raw) >= MAX_MAGNITUDE:
        raise InvalidAnswer("Ce nombre est trop grand : indiquez un nombre de 15 chiffres au plus.")
    if question.integer:
        if raw != int(raw):
            raise InvalidAnswer("Indiquez un nombre entier.")
        raw = int(raw)
    lo, hi = question.min, question.max
    unit = f" {question.unit}" if question.unit else ""
    if (lo is not None and raw < lo) or (hi is not None and raw > hi):
        if lo is not None and hi is not None:
            raise InvalidAnswer(f"Indiquez un nombre entre {_fmt(lo)} et {_fmt(hi)}{unit}.")
        if lo is not None:
            raise InvalidAnswer(f"Indiquez un nombre supérieur ou égal à {_fmt(lo)}{unit}.")
        raise InvalidAnswer(f"Indiquez un nombre inférieur ou égal à {_fmt(hi)}{unit}.")
    return raw


def _fmt(n) -> str:
    return str(int(n)) if float(n).is_integer() else str(n).replace(".", ",")


def _text(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer("Écrivez votre réponse.")
    text = clean_text(raw).strip()
    if not text:
        raise InvalidAnswer("Écrivez votre réponse.")
    if len(text) > question.max_length:
        raise InvalidAnswer(f"Votre réponse est trop longue ({len(text)} caractères, {question.max_length} au plus).")
    return text


def _date(question: Question, raw: Any, today: dt.date) -> dt.date:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, str):
        try:
            raw = dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise InvalidAnswer("Cette date n'existe pas ou n'est pas au format AAAA-MM-JJ.") from None
    if not isinstance(raw, dt.date):
        raise InvalidAnswer("Indiquez une date.")
    lo, hi = _bound(question.min, today), _bound(question.max, today)
    if lo and raw < lo:
        raise InvalidAnswer(f"La date doit être le {lo.strftime('%d/%m/%Y')} ou après.")
    if hi and raw > hi:
        raise InvalidAnswer(f"La date doit être le {hi.strftime('%d/%m/%Y')} ou avant.")
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
