"""Whatever a person answers or an adviser types, the HTML stays escaped, the Markdown
shows it as text, the terminal gets no control character and the JSON stays valid."""
import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from diagnostic.cli import CommandError
from diagnostic.commands.run import replay
from diagnostic.i18n import Formatter
from diagnostic.loading import load_questionnaire
from diagnostic.loading.rules import load_rules
from diagnostic.plan import InvalidEdit, PlanEdit
from diagnostic.report import render, schema
from diagnostic.scoring import diagnose
from diagnostic.typography import clean_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "diagnostic" / "logis" / "logis.yaml"
QUESTIONNAIRE = load_questionnaire(FIXTURE)
RULES = load_rules(QUESTIONNAIRE)
FORMATTER = Formatter("fr")
VALIDATOR = jsonschema.Draft7Validator(schema())
TODAY = dt.date(2024, 3, 1)

NASTY = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]><!--", "&amp;&lt;", "{{ 7*7 }}",
         "{% raw %}", "| a | b |", "# titre", "- item", "1. item", "**gras** _it_ `code`", "[lien](http://x)",
         "<http://x>", "\\", "\x1b[2J\x1b[31mrouge", "\u202eevil", "\x00\x07\x7f", "a\nb\r\nc", "\ud800",
         "x" * 3000, "é" * 600, "\t", "javascript:alert(1)", "--> <!--", "\"'`"]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "L", "N", "P", "S", "Zs"]), max_size=80),
    st.lists(st.sampled_from(NASTY + ["x", " ", "é"]), max_size=6).map("".join),
)


def diagnostic_of(comment: str, adviser_text: str):
    try:
        session = replay(QUESTIONNAIRE, {"tonight": "street", "comment": comment, "health_limits": "none"}, TODAY)
    except CommandError:  # the interview refuses it (empty, too long): nothing to render
        assume(False)
    try:
        edits = [PlanEdit.add_objective("sante", adviser_text, objective="a-1"),
                 PlanEdit.add_action("a-1", "a-2", label=adviser_text, note=adviser_text)]
    except InvalidEdit:
        assume(False)
    return diagnose(session, RULES, mode="adviser", edits=edits)


class Tags(HTMLParser):
    """The sequence of elements of a page: what markup it has, whatever the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))


def tags(page: str) -> list:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


BASELINE = {fmt: render(diagnostic_of("x", "x"), fmt, FORMATTER) for fmt in ("html", "markdown", "text")}
MARKDOWN = MarkdownIt("commonmark").enable("table")


def shown(text: str) -> str:
    """What a reader should see of a text: the one cleaning rule (issue 11, item 7: escape
    sequences and control characters removed, surrogates replaced; tested in test_typography)."""
    return clean_text(text)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.filter_too_much])


@SETTINGS
@given(comment=TEXT, adviser=TEXT)
def test_the_html_page_keeps_its_markup_and_shows_the_text(comment, adviser):
    d = diagnostic_of(comment, adviser)
    page = render(d, "html", FORMATTER)
    assert tags(page) == tags(BASELINE["html"])          # no element added, none broken
    visible = html.unescape(page)
    assert shown(d.answers["comment"]) in visible
    assert shown(adviser).strip() in visible


@SETTINGS
@given(comment=TEXT, adviser=TEXT)
def test_the_json_is_valid_and_keeps_the_answer(comment, adviser):
    d = diagnostic_of(comment, adviser)
    out = render(d, "json", FORMATTER)
    out.encode("utf-8")                                   # printable as UTF-8, lone surrogates included
    data = json.loads(out)
    VALIDATOR.validate(data)
    assert data["answers"]["comment"] == re.sub(r"[\ud800-\udfff]", "\ufffd", d.answers["comment"])
    assert data["action_plan"]["objectives"][-1]["label"] == clean_text(adviser).strip()


@SETTINGS
@given(comment=TEXT, adviser=TEXT)
def test_markdown_shows_answers_as_text(comment, adviser):
    d = diagnostic_of(comment, adviser)
    out = render(d, "markdown", FORMATTER)
    assert tags(MARKDOWN.render(out)) == tags(MARKDOWN.render(BASELINE["markdown"]))


@SETTINGS
@given(comment=TEXT, adviser=TEXT)
def test_the_terminal_text_has_no_control_character(comment, adviser):
    out = render(diagnostic_of(comment, adviser), "text", FORMATTER)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert max(len(line) for line in out.splitlines()) <= 78


def test_a_long_answer_is_folded_and_kept_whole():
    long = "mot " * 120
    out = render(diagnostic_of(long, "x"), "text", FORMATTER)
    assert " ".join(out.split()).count("mot") >= 120


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "json"])
def test_every_format_renders_a_provisional_diagnostic(fmt):
    from diagnostic.engine import Session
    session = Session(QUESTIONNAIRE, today=TODAY)
    session.answer("third_party")
    out = render(diagnose(session, RULES, mode="kiosk"), fmt, FORMATTER)
    assert ("provisoire" in out.lower()) if fmt != "json" else json.loads(out)["provisional"] is True
