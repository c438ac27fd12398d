"""The catalogue of authoring errors, and the one way they are reported.

Every problem found in a questionnaire or rule file has a stable code from
CATALOGUE, a message in plain words and, where known, a place in a file. It
prints as compilers do, so editors can jump to it:

    questionnaires/mobilite.yaml:23:15: E203 unknown question 'has_licence_'; did you mean 'has_licence'?

Codes never change meaning; new problems get new codes. `docs/errors.md` is
generated from CATALOGUE (a test keeps it in step).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

CATALOGUE: dict[str, str] = {
    # Reading files
    "E101": "The file is not valid YAML (or uses a YAML feature we refuse: tags, recursive aliases).",
    "E102": "A key appears twice in the same mapping; YAML tools silently keep the last one.",
    "E103": "An unquoted yes/no/on/off/y/n, which YAML 1.1 tools read as a boolean: write true/false, or quote the text.",
    "E104": "A file cannot be read: missing, unreadable, not UTF-8, or too large.",
    "E105": "An included file is included twice, or includes itself (directly or not).",
    # Shape (JSON Schema)
    "E110": "A required key is missing.",
    "E111": "A key that this place does not allow (often a typo).",
    "E112": "A value of the wrong type (text where a number is expected, a list where a mapping is expected…).",
    "E113": "A value that is not one of the allowed ones.",
    "E114": "A value of the right type but the wrong form (pattern, bounds, empty list…).",
    # References and structure
    "E201": "An id is used twice (questions, computed values, sections, choice lists, rules and actions share one name space each).",
    "E202": "A text (a question's, or a finding's label) shows an answer or a computed value ({{ name }}) that does not exist.",
    "E203": "A condition or a computed value names a question that does not exist.",
    "E204": "A condition names a question that comes later in the flow (or the question itself): when a question is reached, every name its condition uses must already be settled.",
    "E205": "Computed values depend on each other in a cycle.",
    "E206": "A condition tests a choice value that the question does not offer, so it can never be true.",
    "E207": "A question names a choice list that does not exist.",
    "E208": "A question's options contradict each other (min above max, sensitive without decline, sensitive free text…).",
    "E209": "A theme slug that is not in the reference list of themes.",
    "E210": "The choice values of one question mix numbers and text: they are all numbers (scores) or all text.",
    "E211": "An indicator's options are wrong: bands that do not rise or do not end with one band without `below`, or display options (theme, unit, decimals, bands) on a computed value without a label.",
    # Expressions
    "E301": "A condition is not a well-formed expression.",
    "E302": "A condition uses a construct that is not part of the condition language (attribute, call of a non-function, lambda, subscript, assignment…).",
    "E303": "A condition calls a function that does not exist.",
    "E304": "A function is called with the wrong number or kind of arguments.",
    "E305": "A condition (when:) does not give true or false.",
    "E306": "Values of types that cannot be compared or combined (a yes/no question compared with a number…).",
    "E307": "A condition is too large (text length, nesting, literal size, exponent).",
    # Rules, action catalogue, pathways
    "E401": "A rule names an action that the action catalogue does not hold (the catalogue is every `actions:` of the rule files a questionnaire declares).",
    "E402": "An action's category is not a data·inclusion category or sub-category slug (thématiques v1).",
    "E403": "A finding's kind and intensity do not fit: an atout takes no intensity.",
    "E404": "freins() or atouts() is used outside a pathway condition, or is given something other than a written intensity or theme.",
    "E405": "A rule id is also the id of a question or computed value, so a pathway condition could not tell them apart.",
    "E406": "A rule file holds no actions, rules or pathways (empty file).",
    "E407": "A pathway rule comes after one whose condition is always true, so it can never be proposed.",
}


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    location: Location | None = None

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown error code {self.code}")

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.code} {self.message}"


class LoadError(Exception):
    """Raised by the loaders with every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sort_key(problem: Problem):
    loc = problem.location or Location("")
    return (loc.path, loc.line, loc.column, problem.code)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the closest candidate, or "" when none is close."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.7)
    return f"; did you mean '{close[0]}'?" if close else ""


def catalogue_markdown() -> str:
    """The text of docs/errors.md."""
    lines = [
        "# Error codes",
        "",
        "Printed by `python main.py validate` as `path:line:column: CODE message`.",
        "Codes are stable: a code never changes meaning. Generated from",
        "`diagnostic/errors.py`; do not edit by hand.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    lines += [f"| {code} | {text} |" for code, text in CATALOGUE.items()]
    return "\n".join(lines) + "\n"
