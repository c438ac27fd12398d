"""Parse a condition into our own small tree, then compile it to closures.

Python's `ast` module does the tokenising and precedence, nothing more: the
resulting tree is checked against a whitelist and converted into the node
classes below, and only those are ever interpreted. Nothing is passed to
eval/exec/compile, there is no attribute access, subscript, import or call
other than the documented functions, so a condition cannot run Python.
"""
from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..errors import closest, message
from .functions import FUNCTIONS, decimal_add
from .values import NOT_APPLICABLE, UNKNOWN, Special

MAX_TEXT = 2000        # characters in one expression
MAX_DEPTH = 32         # nesting of operators and calls
MAX_STRING = 1000      # characters in one text literal
MAX_LIST = 500         # items in one list literal
MAX_NUMBER = 10**15    # beyond this a literal or a result is refused
MAX_EXPONENT = 64
MAX_RESULT_TEXT = 10_000


class ExpressionError(Exception):
    """A condition that cannot be accepted; `offset` counts characters from 0.

    `key` and `params` word it (diagnostic.errors.MESSAGES); `code` is the key's code."""

    def __init__(self, key: str, offset: int = 0, /, **params):
        self.key, self.params, self.offset = key, params, offset
        self.code, self.message = key.split(".")[0], message(key, params)
        super().__init__(self.message)


# --- the tree -------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    offset: int


@dataclass(frozen=True)
class Literal(Node):
    value: Any


@dataclass(frozen=True)
class Name(Node):
    id: str


@dataclass(frozen=True)
class ListOf(Node):
    items: tuple


@dataclass(frozen=True)
class Unary(Node):
    op: str  # 'not', '-', '+'
    operand: Node


@dataclass(frozen=True)
class BoolOp(Node):
    op: str  # 'and', 'or'
    values: tuple


@dataclass(frozen=True)
class Compare(Node):
    left: Node
    ops: tuple      # '==', '!=', '<', '<=', '>', '>=', 'in', 'not in'
    rights: tuple


@dataclass(frozen=True)
class BinOp(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call(Node):
    name: str
    args: tuple


_CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
        ast.GtE: ">=", ast.In: "in", ast.NotIn: "not in"}
_BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
        ast.Mod: "%", ast.Pow: "**"}
_REFUSED = {
    ast.Attribute: "E302.attribute", ast.Subscript: "E302.subscript", ast.Lambda: "E302.lambda",
    ast.IfExp: "E302.if_else", ast.Dict: "E302.mapping", ast.Set: "E302.set", ast.JoinedStr: "E302.fstring",
    ast.NamedExpr: "E302.assignment", ast.ListComp: "E302.comprehension",
    ast.GeneratorExp: "E302.comprehension", ast.Starred: "E302.star",
}


# `30,17`: a decimal comma. Between two numbers with no space Python reads a list (or two
# arguments) and `10,06` a syntax error; both are told to write a point.
_DECIMAL_COMMA = re.compile(r"(?<![\w.])([0-9]+),([0-9]+)(?![\w.])")


class _Converter:
    def __init__(self, text: str, functions=FUNCTIONS):
        self.text = text
        self.functions = functions
        self.line_starts = [0]
        for line in text.split("\n"):
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.lines = text.split("\n")

    def offset(self, node: ast.AST) -> int:
        line = getattr(node, "lineno", 1) - 1
        byte_col = getattr(node, "col_offset", 0)
        raw = self.lines[line].encode("utf-8")[:byte_col]
        return self.line_starts[line] + len(raw.decode("utf-8", errors="ignore"))

    def fail(self, node: ast.AST, key: str, /, **params):
        raise ExpressionError(key, self.offset(node), **params)

    def convert(self, node: ast.AST, depth: int = 0) -> Node:
        if depth > MAX_DEPTH:
            self.fail(node, "E307.too_deep", count=MAX_DEPTH)
        d = depth + 1
        at = self.offset(node)
        if isinstance(node, ast.Constant):
            return Literal(at, self.literal(node))
        if isinstance(node, ast.Name):
            if node.id in ("true", "false"):
                return Literal(at, node.id == "true")
            if node.id in ("True", "False", "None", "null"):
                hint = {"True": "true", "False": "false"}.get(node.id)
                self.fail(node, "E302.not_a_value" if hint else "E302.none", name=node.id, fixed=hint)
            return Name(at, node.id)
        if isinstance(node, (ast.List, ast.Tuple)):
            if isinstance(node, ast.Tuple) and depth == 0:
                self.decimal_comma(node.elts)
            if len(node.elts) > MAX_LIST:
                self.fail(node, "E307.list", count=MAX_LIST)
            return ListOf(at, tuple(self.convert(e, d) for e in node.elts))
        if isinstance(node, ast.UnaryOp):
            ops = {ast.Not: "not", ast.USub: "-", ast.UAdd: "+"}
            if type(node.op) not in ops:
                self.fail(node, "E302.tilde")
            return Unary(at, ops[type(node.op)], self.convert(node.operand, d))
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return BoolOp(at, op, tuple(self.convert(v, d) for v in node.values))
        if isinstance(node, ast.Compare):
            ops = []
            for op in node.ops:
                if type(op) not in _CMP:
                    self.fail(node, "E302.is")
                ops.append(_CMP[type(op)])
            return Compare(at, self.convert(node.left, d), tuple(ops),
                           tuple(self.convert(c, d) for c in node.comparators))
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BIN:
                self.fail(node, "E302.bitwise")
            right = self.convert(node.right, d)
            if isinstance(node.op, ast.Pow) and isinstance(right, Literal) and \
                    isinstance(right.value, (int, float)) and abs(right.value) > MAX_EXPONENT:
                self.fail(node, "E307.exponent", count=MAX_EXPONENT)
            return BinOp(at, _BIN[type(node.op)], self.convert(node.left, d), right)
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                self.fail(node, "E302.call")
            if node.func.id not in self.functions:
                self.fail(node, "E303.unknown_function", name=node.func.id,
                          suggestion=closest(node.func.id, self.functions))
            if node.keywords:
                self.fail(node, "E304.named_arguments", name=node.func.id)
            most = self.functions[node.func.id].max_args
            if most is not None and len(node.args) > most:
                self.decimal_comma(node.args)
            return Call(at, node.func.id, tuple(self.convert(a, d) for a in node.args))
        for kind, key in _REFUSED.items():
            if isinstance(node, kind):
                self.fail(node, key)
        self.fail(node, "E302.construct", construct=type(node).__name__)

    def decimal_comma(self, parts: list) -> None:
        """Refuse a decimal comma between two of `parts` (the items of a whole condition that came
        out as a list, or the arguments of a call that got one too many)."""
        for left, right in zip(parts, parts[1:]):
            if left.end_lineno != right.lineno:
                continue
            raw = self.lines[right.lineno - 1].encode("utf-8")
            comma = len(raw[:left.end_col_offset].decode("utf-8", "ignore"))   # characters, not bytes
            line = self.lines[right.lineno - 1]
            for match in _DECIMAL_COMMA.finditer(line):
                if match.end(1) == comma:
                    raise ExpressionError("E301.decimal_comma", self.line_starts[right.lineno - 1] + match.start(),
                                          whole=match.group(1), decimals=match.group(2))

    def literal(self, node: ast.Constant):
        value = node.value
        if isinstance(value, bool) or value is None:
            self.fail(node, "E302.not_a_value", name=value, fixed="true / false")
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                self.fail(node, "E307.text", count=MAX_STRING)
            return value
        if isinstance(value, (int, float)):
            if abs(value) > MAX_NUMBER:
                self.fail(node, "E307.number", count=MAX_NUMBER)
            return value
        self.fail(node, "E302.construct", construct=type(value).__name__)


# --- evaluation -----------------------------------------------------------

class Context:
    """What an evaluation sees: settled values by name, and today's date.

    A name absent from `values` is not reached yet (UNKNOWN). Names found
    unknown while evaluating are collected in `missing`.
    """

    __slots__ = ("values", "today", "missing")

    def __init__(self, values, today):
        self.values, self.today, self.missing = values, today, set()


def truth(v):
    """A value in a boolean place: non-answers are false, UNKNOWN stays unknown."""
    if v is UNKNOWN:
        return UNKNOWN
    if isinstance(v, Special):
        return False
    return bool(v)


_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
          "==": operator.eq, "!=": operator.ne}


def _compare(op, a, b):
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if isinstance(a, Special) or isinstance(b, Special):
        return False  # not applicable, declined & co. compare false, != included
    try:
        if op == "in":
            return a in b
        if op == "not in":
            return a not in b
        if op in ("==", "!=") and isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            # a multiple choice (a tuple) against a list literal: the same values, in any order
            a, b = frozenset(a), frozenset(b)
        return _ORDER[op](a, b)
    except TypeError:
        return False


def _number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _arith(op, a, b):
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if isinstance(a, str) and isinstance(b, str) and op == "+":
        return a + b if len(a) + len(b) <= MAX_RESULT_TEXT else NOT_APPLICABLE
    if not (_number(a) and _number(b)):
        return NOT_APPLICABLE
    try:
        if op == "**" and (abs(b) > MAX_EXPONENT or abs(a) > MAX_NUMBER):
            return NOT_APPLICABLE
        if op in "+-" and (isinstance(a, float) or isinstance(b, float)):
            result = decimal_add(a, b if op == "+" else -b)   # 75.14 + 8.29 is 83.43, as on paper
        else:
            result = _ARITH[op](a, b)
    except (ZeroDivisionError, OverflowError, ValueError):
        return NOT_APPLICABLE
    if isinstance(result, complex) or abs(result) > MAX_NUMBER:
        return NOT_APPLICABLE
    return result


_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "//": operator.floordiv, "%": operator.mod, "**": operator.pow}


def _compile(node: Node, functions=FUNCTIONS) -> Callable[[Context], Any]:
    if isinstance(node, Literal):
        value = node.value
        return lambda ctx: value
    if isinstance(node, Name):
        name = node.id

        def lookup(ctx):
            v = ctx.values.get(name, UNKNOWN)
            if v is UNKNOWN:
                ctx.missing.add(name)
            return v
        return lookup
    if isinstance(node, ListOf):
        items = [_compile(i, functions) for i in node.items]
        return lambda ctx: [f(ctx) for f in items]
    if isinstance(node, Unary):
        inner = _compile(node.operand, functions)
        if node.op == "not":
            def negate(ctx):
                t = truth(inner(ctx))
                return UNKNOWN if t is UNKNOWN else not t
            return negate
        sign = -1 if node.op == "-" else 1

        def signed(ctx):
            v = inner(ctx)
            if v is UNKNOWN:
                return UNKNOWN
            return sign * v if _number(v) else NOT_APPLICABLE
        return signed
    if isinstance(node, BoolOp):
        parts = [_compile(v, functions) for v in node.values]
        decisive = node.op == "or"  # the value that settles the result

        def kleene(ctx):  # three-valued: false and unknown = false
            unknown = False
            for part in parts:
                t = truth(part(ctx))
                if t is UNKNOWN:
                    unknown = True
                elif t is decisive:
                    return decisive
            return UNKNOWN if unknown else not decisive
        return kleene
    if isinstance(node, Compare):
        left = _compile(node.left, functions)
        pairs = [(op, _compile(r, functions)) for op, r in zip(node.ops, node.rights)]

        def compare(ctx):
            a, result = left(ctx), True
            for op, right in pairs:
                b = right(ctx)
                r = _compare(op, a, b)
                if r is False:
                    return False
                if r is UNKNOWN:
                    result = UNKNOWN
                a = b
            return result
        return compare
    if isinstance(node, BinOp):
        left, right, op = _compile(node.left, functions), _compile(node.right, functions), node.op
        return lambda ctx: _arith(op, left(ctx), right(ctx))
    if isinstance(node, Call):
        fn = functions[node.name]
        args = [_compile(a, functions) for a in node.args]

        if fn.lazy:  # iif(): evaluates the condition, then the branch taken only
            return lambda ctx: fn.impl(*[(lambda a=a: a(ctx)) for a in args])

        def call(ctx):
            values = [a(ctx) for a in args]
            if any(v is UNKNOWN for v in values):
                return UNKNOWN
            if fn.needs_today:
                return fn.impl(ctx.today, *values)
            if fn.needs_values:
                return fn.impl(ctx.values, *values)
            return fn.impl(*values)
        return call
    raise TypeError(node)  # unreachable: the converter only makes the nodes above


def _names(node: Node, out: set) -> set:
    if isinstance(node, Name):
        out.add(node.id)
    for child in children(node):
        _names(child, out)
    return out


def children(node: Node) -> tuple:
    """The nodes directly under `node`, in the order they were written."""
    if isinstance(node, ListOf):
        return node.items
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, BoolOp):
        return node.values
    if isinstance(node, Compare):
        return (node.left, *node.rights)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, `node` first, then depth first in written order: the
    public way for tools (rules, lint, graph) to look inside a condition."""
    yield node
    for child in children(node):
        yield from walk(child)


_children = children  # the former private name, for callers not yet moved to children()


@dataclass(frozen=True)
class Result:
    value: Any                       # True/False/a value, or UNKNOWN
    missing: frozenset = frozenset()  # names not reached yet, when value is UNKNOWN


@dataclass(frozen=True, eq=False)
class Expression:
    text: str
    tree: Node
    names: frozenset            # every name it reads, known without running it
    _run: Callable = field(repr=False)
    functions: Any = field(default_factory=lambda: FUNCTIONS, repr=False)  # the functions it may call

    def evaluate(self, values, today=None) -> Result:
        ctx = Context(values, today)
        value = self._run(ctx)
        return Result(value, frozenset(ctx.missing) if value is UNKNOWN else frozenset())

    def value(self, values, today=None):
        """The bare value (UNKNOWN included): the engine's fast path."""
        return self._run(Context(values, today))


def parse(text: str, functions=None) -> Expression:
    """Parse and compile a condition; raise ExpressionError when refused.

    `functions` adds functions allowed in this expression only (a mapping of
    name to Function), on top of the documented ones: pathway conditions use
    it for freins() and atouts().
    """
    table = {**FUNCTIONS, **functions} if functions else FUNCTIONS
    if not isinstance(text, str):
        raise ExpressionError("E301.not_text")
    if len(text) > MAX_TEXT:
        raise ExpressionError("E307.too_long", count=MAX_TEXT)
    if not text.strip():
        raise ExpressionError("E301.empty")
    source = text.strip("\n")
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError as exc:
        col = max((exc.offset or 1) - 1, 0)
        lead = len(source) - len(source.lstrip())
        comma = next((m for m in _DECIMAL_COMMA.finditer(source) if m.group(2).startswith("0")), None)
        if comma:   # 10,06: not even a list of two numbers
            raise ExpressionError("E301.decimal_comma", comma.start(), whole=comma.group(1),
                                  decimals=comma.group(2)) from None
        raise ExpressionError("E301.malformed", lead + col, detail=exc.msg) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("E307.too_large") from None
    lead = len(source) - len(source.lstrip())
    try:
        node = _Converter(source.strip(), table).convert(tree)
    except ExpressionError as exc:
        exc.offset += lead
        raise
    return Expression(text, node, frozenset(_names(node, set())), _compile(node, table), table)
