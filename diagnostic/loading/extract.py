"""The texts of questionnaire and rule files, for translators: a Babel extraction method.

Registered as the `babel.extractors` entry point `diagnostic_yaml`, so that the
standard command finds every text a person or an author reads:

    pybabel extract -F babel.cfg -o locales/questionnaires.pot questionnaires rules

Each message is the French text as written; its translator comment gives the
file, the line and the YAML path (ids rather than positions where the items
have one), written without spaces so that no tool wraps it:
`logement.yaml:19:sections[logement_ce_soir].questions[tonight].text`.
The path also lets `python main.py translations` see that the French of a
translated text changed (docs/translation.md).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .yamlreader import Document, parse_text

# Keys whose values people or authors read (`objectives` is a list of labels).
TEXT_KEYS = frozenset({"title", "description", "intro", "text", "help", "label", "unit",
                       "reason", "situation", "objectives", "bring"})
# Our translator comment, told apart from any other: file:line:YAML path.
PLACE = re.compile(r"(?P<file>[^\s:]+\.ya?ml):(?P<line>\d+):(?P<path>\S+)")


def extract_yaml(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel's extraction interface: (line, function name, message, comments) per text."""
    name = Path(getattr(fileobj, "name", "") or "?").name
    raw = fileobj.read()
    text = raw.decode(options.get("encoding", "utf-8-sig")) if isinstance(raw, bytes) else raw
    doc, problems = parse_text(text, Document(name))
    if doc.root is None:
        return  # an unreadable file has no texts; `validate` says why
    for line, message, path in texts(doc.root):
        yield line, None, message, [f"{name}:{line}:{path}"]


def texts(node, path: str = "") -> Iterator[tuple[int, str, str]]:
    """(line, text, YAML path) of every text under a composed YAML node."""
    if node.id == "mapping":
        for key_node, value in node.value:
            key = key_node.value
            here = f"{path}.{key}" if path else key
            if key in TEXT_KEYS and value.id == "scalar" and value.value.strip():
                yield value.start_mark.line + 1, value.value, here
            elif key in TEXT_KEYS and value.id == "sequence":
                for i, item in enumerate(value.value):
                    if item.id == "scalar" and item.value.strip():
                        yield item.start_mark.line + 1, item.value, f"{here}[{i}]"
            else:
                yield from texts(value, here)
    elif node.id == "sequence":
        for i, item in enumerate(node.value):
            yield from texts(item, f"{path}[{_ident(item) or i}]")


def _ident(node) -> str | None:
    """The `id` (or a choice's `value`) of a mapping item: steadier than its position."""
    if node.id != "mapping":
        return None
    keys = {k.value: v for k, v in node.value if k.id == "scalar"}
    for key in ("id", "value"):
        if key in keys and keys[key].id == "scalar":
            return keys[key].value
    return None
