import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.expressions import (DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, parse)

TODAY = dt.date(2026, 11, 27)


def ev(text, **values):
    return parse(text).evaluate(values, TODAY)


def test_not_reached_makes_the_condition_unknown_and_names_what_is_missing():
    r = ev("has_licence and licence_kind == 'b'", has_licence=True)
    assert r.value is UNKNOWN
    assert r.missing == {"licence_kind"}


def test_kleene_logic_settles_when_it_can():
    assert ev("a and b", a=False).value is False
    assert ev("a or b", b=True).value is True
    assert ev("a or b", a=False).value is UNKNOWN
    assert ev("not a").value is UNKNOWN


@pytest.mark.parametrize("special", [NOT_APPLICABLE, DECLINED, DONT_KNOW, SKIPPED])
def test_every_comparison_with_a_non_answer_is_false(special):
    for text in ["x == 0", "x != 0", "x < 3", "x >= 3", "x in ['a']", "x not in ['a']", "x == ''"]:
        assert ev(text, x=special).value is False, text


def test_not_of_a_not_applicable_question_is_true():
    # documented: a non-answer counts as false in a boolean place
    assert ev("not has_licence", has_licence=NOT_APPLICABLE).value is True
    assert ev("has_licence == false", has_licence=NOT_APPLICABLE).value is False


def test_declined_and_dont_know_are_their_own_values():
    assert ev("declined(q)", q=DECLINED).value is True
    assert ev("dont_know(q)", q=DECLINED).value is False
    assert ev("answered(q)", q=DONT_KNOW).value is False
    assert ev("answered(q)", q=0).value is True
    assert ev("q == 0", q=DECLINED).value is False


def test_multi_choice_membership_and_count():
    assert ev("'car' in transport", transport=("car", "bike")).value is True
    assert ev("any_of(t, ['bus', 'bike'])", t=("car", "bike")).value is True
    assert ev("count(t) >= 2", t=("car",)).value is False
    assert ev("count(t) == 0", t=NOT_APPLICABLE).value is True


def test_dates():
    assert ev("years_since(b)", b=dt.date(2000, 11, 28)).value == 25
    assert ev("years_since(b)", b=dt.date(2000, 11, 27)).value == 26
    assert ev("months_since(d)", d=dt.date(2026, 5, 27)).value == 6
    assert ev("months_since(d) >= 12", d=NOT_APPLICABLE).value is False


def test_arithmetic_errors_give_not_applicable_not_a_crash():
    assert ev("x / y", x=1, y=0).value is NOT_APPLICABLE
    assert ev("x ** y", x=10, y=1000).value is NOT_APPLICABLE
    assert ev("x * y > 1", x=10**14, y=10**14).value is False
    assert ev("x + 1", x="text").value is NOT_APPLICABLE


def test_text_concatenation_is_bounded():
    assert ev("a + b", a="x" * 9000, b="y" * 2000).value is NOT_APPLICABLE


names = st.sampled_from(["a", "b", "c"])
leaf = st.one_of(names, st.integers(-5, 5).map(str), st.sampled_from(["true", "false", "'x'"]))


def exprs():
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or", "==", "!=", "<", "+", "*", "/", "%", "**", "in"]), inner)
        .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda x: f"(not {x})"),
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    ), max_leaves=12)


values = st.one_of(st.integers(-10**6, 10**6), st.text(max_size=5), st.booleans(),
                   st.sampled_from([NOT_APPLICABLE, DECLINED, DONT_KNOW, UNKNOWN]),
                   st.tuples(st.sampled_from(["x", "y"])))


@settings(max_examples=300, deadline=None)
@given(exprs(), st.fixed_dictionaries({"a": values, "b": values, "c": values}))
def test_evaluation_never_raises(text, env):
    env = {k: v for k, v in env.items() if v is not UNKNOWN}
    parse(text).evaluate(env, TODAY)
