"""Folding French text into lines, as the terminal and the text report need.

French puts a space before : ; ? ! » and after «; a line must never break
there (a lone "?" at the start of a line reads as a new sentence). The space
is glued with a private-use mark while textwrap folds, then given back, so
real no-break spaces in an answer are left as they were.
"""
from __future__ import annotations

import re
import textwrap

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
