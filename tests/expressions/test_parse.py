import ast
import builtins

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.expressions import ExpressionError, parse


def code(text):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    return info.value.code, info.value.offset


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')", "open('/etc/passwd')", "eval('1')", "exec('x=1')",
    "().__class__", "a.b", "x[0]", "lambda: 1", "[x for x in y]", "{'a': 1}", "{1, 2}",
    "a if b else c", "(y := 1)", "f'{x}'", "x is None", "~x", "a @ b", "a | b", "None", "True",
])
def test_constructs_outside_the_language_are_refused(text):
    assert code(text)[0] in ("E302", "E303")


def test_refusal_points_at_the_offending_place():
    assert code("age > 3 and x.y") == ("E302", 12)
    assert code("answered(q) or frobnicate(q)") == ("E303", 15)


def test_accented_text_before_an_error_keeps_character_columns():
    assert code("label == 'éàü' and a.b")[1] == len("label == 'éàü' and ")


@pytest.mark.parametrize("text", [
    "2 ** 1000", "'x' * 1 + '" + "y" * 2000 + "'", "(" * 300 + "1" + ")" * 300, "1" * 20,
])
def test_resource_abuse_is_refused_at_parse_time(text):
    assert code(text)[0] in ("E301", "E307")


def test_malformed_and_empty():
    assert code("age >")[0] == "E301"
    assert code("  ")[0] == "E301"


def test_true_and_false_are_literals_not_names():
    e = parse("true and not false")
    assert e.names == frozenset()
    assert e.value({}) is True


def test_variables_are_listed_without_running():
    e = parse("age >= 26 and housing in ['street', 'shelter'] or answered(rsa)")
    assert e.names == {"age", "housing", "rsa"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_no_input_ever_runs_python(text):
    """Parsing and evaluating arbitrary text never reaches eval/exec/compile/__import__."""
    forbidden = {name: getattr(builtins, name) for name in ("eval", "exec", "compile", "__import__")}

    def trap(*args, **kwargs):
        raise AssertionError("the condition language ran Python")

    def ast_only_compile(source, filename, mode, flags=0, *args, **kwargs):
        # ast.parse() goes through compile() with PyCF_ONLY_AST: a tree, never code
        if not flags & ast.PyCF_ONLY_AST:
            raise AssertionError("the condition language compiled Python code")
        return forbidden["compile"](source, filename, mode, flags, *args, **kwargs)

    import diagnostic.expressions.parser as parser_module  # imported before trapping
    try:
        for name in ("eval", "exec"):
            setattr(builtins, name, trap)
        builtins.compile = ast_only_compile
        try:
            expr = parser_module.parse(text)
        except ExpressionError:
            return
        expr.evaluate({name: 1 for name in expr.names})
    finally:
        for name, fn in forbidden.items():
            setattr(builtins, name, fn)
