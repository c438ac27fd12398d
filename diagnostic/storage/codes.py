"""Retrieval codes: what a person takes away from a kiosk to find their session.

A code is 10 symbols drawn with `secrets` from a 28-symbol alphabet and shown
as ``XXXX-XXXX-XX``. The alphabet leaves out what is easily misread, misheard
or mistyped: 0/O, 1/I/L, B (8), S (5) and U (V).

Entropy: 10 × log2(28) ≈ 48.1 bits, i.e. 2.96e14 codes. With 100,000 stored
sessions, one random guess hits *some* session with probability 3.4e-10; a
million guesses, far more than anyone types at a kiosk, 3.4e-4. Trying codes
is pointless.

Input is forgiving: case, spaces and dashes are ignored, and the excluded
look-alikes that map to exactly one symbol are read as that symbol
(B → 8, S → 5, U → V). 0/O and 1/I/L have no counterpart and make the
input invalid.
"""
from __future__ import annotations

import math
import secrets

ALPHABET = "23456789ACDEFGHJKMNPQRTVWXYZ"
LENGTH = 10
GROUPS = (4, 4, 2)
ENTROPY_BITS = LENGTH * math.log2(len(ALPHABET))

_LOOKALIKES = {"B": "8", "S": "5", "U": "V"}
_IGNORED = " -_.\t"


def new_code() -> str:
    """A fresh random code, normalised (no dashes): 10 symbols of ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(text: str) -> str | None:
    """The canonical form of what someone typed, or None if it cannot be a code."""
    if not isinstance(text, str):
        return None
    out = []
    for char in text.upper():
        if char in _IGNORED:
            continue
        char = _LOOKALIKES.get(char, char)
        if char not in ALPHABET:
            return None
        out.append(char)
    if len(out) != LENGTH:
        return None
    return "".join(out)


def format_code(code: str) -> str:
    """``ABCD2345XY`` → ``ABCD-2345-XY`` (for display and reading aloud)."""
    norm = normalize_code(code) or code
    parts, start = [], 0
    for size in GROUPS:
        parts.append(norm[start:start + size])
        start += size
    return "-".join(parts)
