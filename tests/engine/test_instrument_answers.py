"""Answers to numeric and exclusive choices (issue 10): the engine's answer checking, which every
front (terminal, consoles, `run`) goes through."""
import datetime as dt

import pytest

from diagnostic.answers import InvalidAnswer, accepted, coerce
from diagnostic.model import Choice, Question

TODAY = dt.date(2026, 12, 1)
FREQ = (Choice(0, "Jamais"), Choice(1, "Plusieurs jours"), Choice(2.5, "Souvent"))
AIDES = (Choice("caf", "CAF"), Choice("ccas", "CCAS"), Choice("aucune", "Aucune aide", exclusive=True),
         Choice("nsp", "Je ne sais pas", exclusive=True))


def question(kind="choice", choices=FREQ, **options):
    return Question("q", kind, "Question ?", "s", "sante", 0, choices=choices, **options)


@pytest.mark.parametrize("raw, expected", [(0, 0), (1, 1), (1.0, 1), (2.5, 2.5)])
def test_a_numeric_choice_takes_its_numbers(raw, expected):
    value = coerce(question(), raw, TODAY)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("raw", [True, False, "1", 3, None, [1]])
def test_a_numeric_choice_refuses_anything_else_yes_no_included(raw):
    # True == 1 in Python: a yes must never be read as the choice worth 1
    with pytest.raises(InvalidAnswer):
        coerce(question(), raw, TODAY)


def test_a_multi_choice_with_numeric_values():
    assert coerce(question("multi_choice"), [2.5, 0], TODAY) == (0, 2.5)
    with pytest.raises(InvalidAnswer):
        coerce(question("multi_choice"), [True], TODAY)


def test_an_exclusive_choice_cannot_be_combined_and_the_message_names_it():
    q = question("multi_choice", AIDES)
    with pytest.raises(InvalidAnswer) as info:
        coerce(q, ["caf", "aucune"], TODAY)
    assert "« Aucune aide »" in str(info.value)
    with pytest.raises(InvalidAnswer) as info:
        coerce(q, ["nsp", "aucune"], TODAY)
    assert "« Aucune aide »" in str(info.value) or "« Je ne sais pas »" in str(info.value)


def test_an_exclusive_choice_alone_and_ordinary_combinations_are_accepted():
    q = question("multi_choice", AIDES, min=2)
    assert coerce(q, ["aucune"], TODAY) == ("aucune",)        # « Aucune » alone answers, whatever min says
    assert coerce(q, ["ccas", "caf"], TODAY) == ("caf", "ccas")
    with pytest.raises(InvalidAnswer):
        coerce(q, ["caf"], TODAY)                             # min still holds for ordinary choices


def test_accepted_lists_what_an_answers_file_may_give():
    assert accepted(question(decline=True)) == [0, 1, 2.5, {"declined": True}]
    assert accepted(question("yes_no", (), required=False)) == [True, False, {"skipped": True}]
    assert accepted(question("number", ())) == []
