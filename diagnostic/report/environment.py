"""The sandboxed Jinja2 environments that render a diagnostic.

Templates may be edited by policy teams and answers may contain anything,
so:
- every environment is an `ImmutableSandboxedEnvironment`: a template
  reaches no Python internals and cannot change the data it is given;
- HTML is autoescaped;
- every value printed with `{{ … }}` first goes through a *finalize*
  function: control characters (terminal escape sequences included) and
  bidirectional overrides are removed everywhere, and in Markdown the
  characters that would make markup are backslash-escaped and line breaks
  become spaces. A template cannot forget to do it.

Per-render data (the diagnostic, the formatter for the locale) comes in the
template context; the environments themselves hold no locale.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..typography import clean_text, fold

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAMES = {"text": "text.txt.j2", "markdown": "markdown.md.j2", "html": "html.html.j2"}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&$])")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")   # not the no-break spaces numbers use
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=:>])")


def plain(value) -> str:
    """Printable text: no control characters except line breaks and tabs."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return clean_text(text)


def one_line(value) -> str:
    """Printable text on one line: runs of spaces and line breaks become one space."""
    return _SPACES.sub(" ", plain(value)).strip()


def markdown_text(value) -> str:
    """Text that Markdown shows as written, on one line."""
    if isinstance(value, Markup):  # |safe in a template: the template's own markup
        return str(value)
    text = one_line(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: (f"{m.group(1)}{m.group(2)}\\{m.group(3)}" if m.group(2)
                                         else f"{m.group(4)}\\{m.group(5)}"), text)


def wrap(value, indent: int = 0, width: int = 78, first: int | None = None) -> str:
    """Text folded to `width` columns, every line indented (the first by `first`);
    never before : ; ? ! (French spacing); a word longer than a line is cut."""
    lead = " " * (indent if first is None else first)
    text = one_line(value)
    if text and len(lead) + len(text) <= width and "\ue000" not in text:
        return lead + text  # fits on one line: what fold() would give, without textwrap (most lines)
    rows = fold(text, width, indent=" " * indent, first=lead)
    return "\n".join(rows) if rows else lead.rstrip()


def qa(fact) -> str:
    """A question and its answer on one line: "Question ? Answer", "Question : Answer"."""
    text = one_line(fact["text"])
    separator = " " if text[-1:] in "?!:" else " : "
    return f"{text}{separator}{fact['answer']}"


@pass_context
def _date(context, value, format="long"):  # noqa: A002
    return context["fmt"].date(value, format)


@pass_context
def _number(context, value):
    return context["fmt"].number(value)


class TemplateFormatter:
    """The formatter as a template sees it: its wording methods and nothing else. (The real one
    holds a gettext catalogue shared by every formatter of its locale, with methods such as
    `install()` or `add_fallback()` that the immutable sandbox does not know to refuse.)"""

    __slots__ = ("_formatter",)
    NAMES = frozenset({"language", "date", "number", "answer", "theme", "pathway", "provider", "intensity",
                       "status", "finding_kind", "action_status", "agreement", "mode", "yes_no", "gettext"})

    def __init__(self, formatter):
        self._formatter = formatter

    def __getattr__(self, name):
        if name in TemplateFormatter.NAMES:
            return getattr(self._formatter, name)
        raise AttributeError(name)


def _finalize_plain(value):
    return plain(value) if isinstance(value, str) else ("" if value is None else value)


def _finalize_html(value):
    if isinstance(value, Markup):
        return value
    return _finalize_plain(value)


@lru_cache(maxsize=None)
def environment(kind: str, folder: str | None = None) -> ImmutableSandboxedEnvironment:
    """The environment for 'text', 'markdown' or 'html'; `folder` holds replacement templates."""
    loaders = [FileSystemLoader(folder)] if folder else []
    loaders.append(FileSystemLoader(str(TEMPLATES)))
    finalize = {"text": _finalize_plain, "markdown": markdown_text, "html": _finalize_html}[kind]
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders), autoescape=(kind == "html"), finalize=finalize,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(date=_date, number=_number, wrap=wrap, plain=plain, qa=qa)
    return env


def template(kind: str, folder: str | None = None):
    return environment(kind, folder).get_template(TEMPLATE_NAMES[kind])
