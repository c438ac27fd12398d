"""The values a condition can see besides ordinary answers.

`UNKNOWN` means "not reached yet": it is not a value but the absence of one,
and it propagates (three-valued logic). The others are definite values that
are never equal to anything, not even 0 or empty text:

- NOT_APPLICABLE: the question was skipped because its condition was false;
- DECLINED: "je préfère ne pas répondre";
- DONT_KNOW: "je ne sais pas";
- SKIPPED: an optional question left without an answer.
"""
from __future__ import annotations


class Special:
    """A definite non-answer. Falsy, equal only to itself."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return False

    def __reduce__(self):  # keep the singletons singletons across pickling
        return (_special, (self.name,))


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value; test `is UNKNOWN` first")


NOT_APPLICABLE = Special("NOT_APPLICABLE")
DECLINED = Special("DECLINED")
DONT_KNOW = Special("DONT_KNOW")
SKIPPED = Special("SKIPPED")
UNKNOWN = _Unknown()

_SPECIALS = {s.name: s for s in (NOT_APPLICABLE, DECLINED, DONT_KNOW, SKIPPED)}


def _special(name: str) -> Special:
    return _SPECIALS[name]


def is_answer(value) -> bool:
    """True for an ordinary answer: not special, not unknown."""
    return value is not UNKNOWN and not isinstance(value, Special)
