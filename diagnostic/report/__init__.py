"""Rendering a diagnostic: text (terminal), Markdown, printable HTML, JSON.

    from diagnostic.i18n import Formatter
    from diagnostic.report import render
    print(render(diagnostic, "text", Formatter("fr")))

The formatter (dates, numbers, words of the session's locale) is passed in:
the report layer holds no locale of its own.

Data first, rendering second: `to_data()` turns a `Diagnostic` into plain
JSON data (published as `schemas/diagnostic.schema.json`); the JSON format
prints it, and the templates (`templates/*.j2`, Jinja2 in a sandbox) render
the same data. A policy team can give its own templates with `templates=`
(a folder with files of the same names).
"""
from __future__ import annotations

import json
import traceback
from functools import lru_cache
from importlib import resources

from jinja2 import TemplateError, TemplateRuntimeError

from ..scoring import Diagnostic
from .data import SCHEMA_ID, SCHEMA_VERSION, Formatter, clean, to_data
from .environment import TemplateFormatter, template

__all__ = ["FORMATS", "render", "render_data", "to_data", "schema", "clean", "Formatter", "TemplateError", "SCHEMA_ID", "SCHEMA_VERSION"]

FORMATS = ("text", "markdown", "html", "json")


def render(diagnostic: Diagnostic, fmt: str, formatter: Formatter, templates: str | None = None) -> str:
    """The diagnostic in one format ('text', 'markdown', 'html', 'json'), worded by `formatter`.

    `templates`: a folder whose templates replace the shipped ones (same file names)."""
    return render_data(_data(diagnostic, formatter), fmt, formatter, templates)


def render_data(data: dict, fmt: str, formatter: Formatter, templates: str | None = None) -> str:
    """Render diagnostic data already made by `to_data` (e.g. a stored, finalised diagnostic:
    it is shown exactly as it was, not recomputed)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    findings = {f["rule"]: f for f in data["findings"]}
    indicators = {i["id"]: i for i in data.get("indicators", ())}
    try:
        return template(fmt, templates).render(d=data, fmt=TemplateFormatter(formatter), findings=findings,
                                               indicators=indicators, lang=formatter.language)
    except TemplateError:
        raise
    except Exception as exc:  # a replacement template's own mistake ({{ 1/0 }}, a filter misused): a template error
        if templates is None:
            raise  # the shipped templates: a bug of ours
        error = TemplateRuntimeError(f"{type(exc).__name__}: {exc}")
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            error.filename, error.lineno = frames[-1].filename, frames[-1].lineno
        raise error from None


_last: list = [None]   # [(diagnostic, formatter, data)] of the last render; replaced whole, read once


def _data(diagnostic: Diagnostic, formatter: Formatter) -> dict:
    """to_data(), computed once when the same diagnostic is rendered in several formats.
    (A Diagnostic is frozen and a formatter holds a locale: the data cannot go stale.)"""
    entry = _last[0]
    if entry is not None and entry[0] is diagnostic and entry[1] is formatter:
        return entry[2]
    data = to_data(diagnostic, formatter)
    _last[0] = (diagnostic, formatter, data)
    return data


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema (draft-07) of the JSON format."""
    text = resources.files(__package__).joinpath("schemas", "diagnostic.schema.json").read_text("utf-8")
    return json.loads(text)
