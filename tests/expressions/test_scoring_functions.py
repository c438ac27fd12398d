"""iif(), sum() and round(): the functions scoring instruments are written with (issue 10).

Each keeps the three states apart: a condition or term that is not reached
yet makes the result unknown; a declined, "don't know", skipped or not
applicable one makes it not applicable, never 0 or "no".
"""
import pytest

from diagnostic.expressions import (ANY, BOOL, DECLINED, DONT_KNOW, NOT_APPLICABLE, NUMBER, SKIPPED, TEXT,
                                    UNKNOWN, ExpressionError, NameInfo, check, parse)

NON_ANSWERS = [DECLINED, DONT_KNOW, SKIPPED, NOT_APPLICABLE]


def value(text, **values):
    return parse(text).value(values)


# --- iif ------------------------------------------------------------------------------

def test_iif_takes_the_branch_its_condition_chooses():
    assert value("iif(c, 10.06, 0)", c=True) == 10.06
    assert value("iif(c, 10.06, 0)", c=False) == 0
    assert value("iif(n > 2, 'haut', 'bas')", n=3) == "haut"


def test_iif_ignores_the_branch_not_taken_even_unknown_or_undefined():
    assert value("iif(c, a, b)", c=True, a=1) == 1                   # b not reached: no matter
    assert value("iif(c, a, b)", c=False, a=NOT_APPLICABLE, b=2) == 2
    result = parse("iif(c, a, b)").evaluate({"c": True, "a": 5})
    assert result.value == 5 and result.missing == frozenset()


def test_iif_of_an_unknown_condition_is_unknown_and_says_what_it_waits_for():
    result = parse("iif(c, a, 0)").evaluate({"a": 1})
    assert result.value is UNKNOWN and result.missing == {"c"}


@pytest.mark.parametrize("special", NON_ANSWERS)
def test_iif_of_a_non_answer_is_not_applicable_never_no(special):
    assert value("iif(c, 10.06, 0)", c=special) is NOT_APPLICABLE


def test_iif_of_a_comparison_with_a_non_answer_follows_the_comparison():
    # a comparison is a definite false on a declined answer: the author chose to test it
    assert value("iif(c == true, 1, 0)", c=DECLINED) == 0


def test_iif_returns_the_taken_branch_state():
    assert value("iif(c, a, 0)", c=True) is UNKNOWN
    assert value("iif(c, a, 0)", c=True, a=DECLINED) is DECLINED


# --- sum ------------------------------------------------------------------------------

def test_sum_adds_numbers_as_written():
    assert value("sum(a, b, c)", a=1, b=2, c=3) == 6
    assert isinstance(value("sum(a, b)", a=1, b=2), int)
    assert value("sum(0.1, 0.2)") == 0.3                       # not 0.30000000000000004
    assert value("75.14 + sum(10.06, 14.80, -9.47, -7.10)") == 83.43
    assert value("sum(a)", a=4) == 4


@pytest.mark.parametrize("special", NON_ANSWERS)
def test_sum_with_a_non_answer_is_not_applicable(special):
    assert value("sum(a, b, c)", a=1, b=special, c=3) is NOT_APPLICABLE


def test_sum_with_a_term_not_reached_is_unknown():
    result = parse("sum(a, b)").evaluate({"a": 1})
    assert result.value is UNKNOWN and result.missing == {"b"}


def test_sum_of_something_else_than_numbers_is_not_applicable():
    assert value("sum(a, b)", a=True, b=1) is NOT_APPLICABLE
    assert value("sum(a, b)", a="3", b=1) is NOT_APPLICABLE


# --- round ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("round(2.5)", 3), ("round(3.5)", 4), ("round(-2.5)", -3), ("round(0.5)", 1),   # not to even
    ("round(2.675, 2)", 2.68), ("round(1.005, 2)", 1.01), ("round(78.695, 2)", 78.70),
    ("round(-1.125, 2)", -1.13), ("round(12.344, 2)", 12.34), ("round(7, 2)", 7),
    ("round(2.4)", 2), ("round(1234.5678, 1)", 1234.6),
])
def test_round_halves_away_from_zero_as_by_hand(text, expected):
    assert value(text) == expected


def test_round_without_digits_gives_a_whole_number():
    assert isinstance(value("round(2.5)"), int)
    assert isinstance(value("round(2.5, 0)"), int)


def test_round_of_a_non_answer_or_unknown():
    assert value("round(x, 2)", x=DECLINED) is NOT_APPLICABLE
    assert value("round(x, 2)") is UNKNOWN


# --- what the checker knows -----------------------------------------------------------

SCOPE = {"c": NameInfo(BOOL), "n": NameInfo(NUMBER), "t": NameInfo(TEXT), "a": NameInfo(ANY)}


def kind_and_codes(text):
    kind, issues = check(parse(text), SCOPE)
    return kind, [code for code, _, _ in issues]


@pytest.mark.parametrize("text, kind", [
    ("iif(c, 10.06, 0)", NUMBER), ("iif(c, 't', 'u')", TEXT), ("iif(c, true, false)", BOOL),
    ("iif(c, a, 1)", NUMBER), ("iif(c, a, a)", ANY), ("sum(n, 1, 2.5)", NUMBER), ("round(n, 2)", NUMBER),
    ("75.14 + sum(iif(c, 10.06, 0), iif(c, -11.83, 0))", NUMBER),
])
def test_the_checker_knows_the_result_types(text, kind):
    assert kind_and_codes(text) == (kind, [])


def test_a_number_score_compared_with_text_is_caught():
    assert kind_and_codes("iif(c, 1, 0) == 'oui'")[1] == ["E306"]


@pytest.mark.parametrize("text, code", [
    ("iif(n, 1, 0)", "E305"),          # the condition must be true or false
    ("iif(c, 1, 'un')", "E306"),       # both branches of one kind
    ("sum(n, t)", "E304"),             # numbers only
    ("sum(c, n)", "E304"),
    ("round(n, n)", "E304"),           # written decimals
    ("round(n, 2.5)", "E304"),
    ("round(t)", "E304"),
    ("iif(c, 1)", "E304"),             # three arguments
])
def test_the_checker_refuses_misuse(text, code):
    assert code in kind_and_codes(text)[1]


# --- authoring mistakes ---------------------------------------------------------------

@pytest.mark.parametrize("text, number, offset", [
    ("score >= 30,17", "30.17", 9),
    ("75,14 + a", "75.14", 0),
    ("iif(c, 10,06, 0)", "10.06", 7),   # 06 is not even a number for Python
    ("iif(c, 10,5, 0)", "10.5", 7),     # one argument too many
])
def test_a_decimal_comma_says_to_write_a_point(text, number, offset):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.code == "E301"
    assert f"écrivez {number}" in info.value.message  # issue 16: messages in French
    assert info.value.offset == offset


@pytest.mark.parametrize("text", ["x in [1,2]", "iif(c,1,0)", "round(x,2)", "max(a,b)", "x in [0, 1]"])
def test_commas_between_arguments_and_list_items_stay_commas(text):
    parse(text)


def test_x_if_c_else_y_points_at_iif_not_at_and_or():
    with pytest.raises(ExpressionError) as info:
        parse("10 if c else 0")
    assert info.value.code == "E302"
    assert "iif(c, x, y)" in info.value.message and "and/or" not in info.value.message


def test_why_of_an_iif_is_its_condition_and_the_branch_taken():
    from diagnostic.expressions.explain import explain
    expr = parse("iif(c, a, b) > 1")
    assert explain(expr, {"c": True, "a": 2, "b": 0}).names == ("c", "a")
    assert explain(expr, {"c": False, "a": 0, "b": 5}).names == ("c", "b")
    assert explain(parse("iif(c, a, b) == 1"), {"c": DECLINED, "a": 1, "b": 1}).names == ("c",)
