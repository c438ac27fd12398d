"""Cleaning and folding text, as the terminal, the answers and the reports need.

`clean_text` is the one rule for every text that enters (a typed line, a
text answer, a stored value) and every text a report prints: no terminal
escape sequence, no C0 or C1 control character (U+0000–U+001F, U+007F–U+009F;
line breaks and tabs kept in multi-line text, CR LF read as LF), no
zero-width, bidirectional or line-separator control, no lone surrogate
(shown as U+FFFD); NFC.

Folding French text into lines:

French puts a space before : ; ? ! » and after «; a line must never break
there (a lone "?" at the start of a line reads as a new sentence). The space
is glued with a private-use mark while textwrap folds, then given back, so
real no-break spaces in an answer are left as they were.
"""
from __future__ import annotations

import re
import textwrap
import unicodedata

# ESC sequences (CSI, OSC, two-character) and their 8-bit form (CSI = U+009B, OSC = U+009D)
_ESCAPES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                      r"|\x1b[@-Z\\-_]")
_INVISIBLE = "\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff"
_CONTROL_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")  # keeps \t \n
_CONTROL_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """`text` without escape sequences, control or invisible characters (see above).

    `multiline`: keep line breaks and tabs; else a tab becomes a space and
    line breaks are removed. Not trimmed."""
    if text.isprintable():  # the common case: no control character at all (ESC is one)
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    text = _ESCAPES.sub("", text)
    if multiline:
        text = _CONTROL_LINES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        text = _CONTROL_LINE.sub("", text.replace("\t", " "))
    return unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))


_MARK = "\ue000"  # never split by textwrap (it splits on ASCII white space only)
_GLUE_BEFORE = re.compile(r" ([»:;?!])")
_GLUE_AFTER = re.compile(r"(«) ")


def fold(text: str, width: int, *, indent: str = "", first: str | None = None,
         cut_long_words: bool = True) -> list[str]:
    """`text` (one paragraph) in lines of at most `width` columns.

    `first` indents the first line (default: `indent`). A word longer than a
    line is cut when `cut_long_words`, else it overflows (a command to type
    must stay whole)."""
    text = text.replace(_MARK, "")
    glued = _GLUE_AFTER.sub("\\1" + _MARK, _GLUE_BEFORE.sub(_MARK + "\\1", text))
    rows = textwrap.wrap(glued, width, initial_indent=indent if first is None else first,
                         subsequent_indent=indent, break_long_words=cut_long_words,
                         break_on_hyphens=False)
    return [row.replace(_MARK, " ") for row in rows]
