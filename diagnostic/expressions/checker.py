"""Static checks of a parsed condition against the names in scope.

Finds unknown names and functions (with "did you mean"), wrong argument
counts, comparisons between types that can never match, and choice values a
question does not offer. Returns the inferred type so that a caller can
insist on a boolean where one is needed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..errors import Word, closest, message
from .functions import ANY, BOOL, DATE, FUNCTIONS, LIST, NUMBER, TEXT
from .parser import BinOp, BoolOp, Call, Compare, Expression, ListOf, Literal, Name, Node, Unary


@dataclass(frozen=True)
class NameInfo:
    type: str                         # BOOL, NUMBER, TEXT, DATE, LIST or ANY
    choices: frozenset | None = None  # the values a choice / multiple choice offers


@dataclass(frozen=True)
class Issue:
    """A problem in a condition: worded from `key` and `params` (diagnostic.errors.MESSAGES)."""
    key: str
    params: dict = field(default_factory=dict)
    offset: int = 0

    @property
    def code(self) -> str:
        return self.key.split(".")[0]

    @property
    def message(self) -> str:
        return message(self.key, self.params)

    def __iter__(self):
        """(code, message, offset): the tuple issues were before they kept key and params."""
        return iter((self.code, self.message, self.offset))


def check(expr: Expression, scope: Mapping[str, NameInfo]) -> tuple[str, list[Issue]]:
    """Return (type of the expression, problems found)."""
    checker = _Checker(scope, expr.functions)
    kind = checker.visit(expr.tree)
    return kind, checker.issues




class _Checker:
    def __init__(self, scope: Mapping[str, NameInfo], functions=FUNCTIONS):
        self.scope = scope
        self.functions = functions
        self.issues: list[Issue] = []

    def report(self, node: Node, key: str, /, **params) -> None:
        self.issues.append(Issue(key, params, node.offset))

    def visit(self, node: Node) -> str:
        method = getattr(self, "visit_" + type(node).__name__)
        return method(node)

    def visit_Literal(self, node: Literal) -> str:
        v = node.value
        return BOOL if isinstance(v, bool) else TEXT if isinstance(v, str) else NUMBER

    def visit_Name(self, node: Name) -> str:
        info = self.scope.get(node.id)
        if info is None:
            self.report(node, "E203.unknown_question", name=node.id, suggestion=closest(node.id, self.scope))
            return ANY
        return info.type

    def visit_ListOf(self, node: ListOf) -> str:
        for item in node.items:
            self.visit(item)
        return LIST

    def boolean(self, node: Node, what: str) -> None:
        kind = self.visit(node)
        if kind not in (BOOL, ANY):
            self.report(node, "E305.needs_boolean", operator=what, kind=Word(kind))

    def visit_Unary(self, node: Unary) -> str:
        if node.op == "not":
            self.boolean(node.operand, "'not'")
            return BOOL
        kind = self.visit(node.operand)
        if kind not in (NUMBER, ANY):
            self.report(node, "E306.needs_number", operator=node.op, kind=Word(kind))
        return NUMBER

    def visit_BoolOp(self, node: BoolOp) -> str:
        for value in node.values:
            self.boolean(value, f"'{node.op}'")
        return BOOL

    def visit_BinOp(self, node: BinOp) -> str:
        left, right = self.visit(node.left), self.visit(node.right)
        if node.op == "+" and left == right == TEXT:
            return TEXT
        for kind in (left, right):
            if kind not in (NUMBER, ANY):
                self.report(node, "E306.needs_numbers", operator=node.op, kind=Word(kind))
                return ANY
        return NUMBER

    def visit_Compare(self, node: Compare) -> str:
        left_node, left = node.left, self.visit(node.left)
        for op, right_node in zip(node.ops, node.rights):
            right = self.visit(right_node)
            if op in ("in", "not in"):
                self.membership(left_node, left, right_node, right)
            else:
                self.comparison(op, left_node, left, right_node, right)
            left_node, left = right_node, right
        return BOOL

    def comparison(self, op, left_node, left, right_node, right) -> None:
        if ANY not in (left, right) and left != right:
            self.report(left_node, "E306.never_equal", left=Word(left), right=Word(right))
            return
        if op not in ("==", "!=") and left in (BOOL, LIST):
            self.report(left_node, "E306.no_order", operator=op, kind=Word(left))
            return
        equality = op in ("==", "!=")   # a number between two values offered (x > 1.5) is fine
        self.choice_values(left_node, [right_node], numbers=equality)
        self.choice_values(right_node, [left_node], numbers=equality)

    def membership(self, left_node, left, right_node, right) -> None:
        if right not in (LIST, TEXT, ANY):
            self.report(right_node, "E306.membership", kind=Word(right))
            return
        if isinstance(right_node, ListOf):
            self.choice_values(left_node, list(right_node.items))
        else:
            self.choice_values(right_node, [left_node])

    def choice_values(self, name_node: Node, literals: list, numbers: bool = True) -> None:
        """Literals tested for equality with a choice question must be among its values."""
        if not isinstance(name_node, Name):
            return
        info = self.scope.get(name_node.id)
        if info is None or info.choices is None:
            return
        kinds = (str, int, float) if numbers else (str,)
        for lit in literals:
            value = getattr(lit, "value", None) if isinstance(lit, Literal) else None
            if isinstance(value, kinds) and not isinstance(value, bool) and value not in info.choices:
                shown = sorted(info.choices, key=lambda v: (isinstance(v, str), v))
                texts = [str(v) for v in shown]
                hint = closest(value, texts) if isinstance(value, str) else None
                self.report(lit, "E206.no_such_choice" if hint else "E206.no_such_choice_among",
                            name=name_node.id, value=value, suggestion=hint, offered=", ".join(texts))

    def visit_Call(self, node: Call) -> str:
        fn = self.functions[node.name]  # the parser refuses unknown functions
        n = len(node.args)
        if n < fn.min_args or (fn.max_args is not None and n > fn.max_args):
            too_many = fn.max_args is not None and n > fn.max_args
            key, expected = (("E304.arguments", fn.min_args) if fn.min_args == fn.max_args
                             else ("E304.arguments_at_most", fn.max_args) if too_many
                             else ("E304.arguments_at_least", fn.min_args))
            self.report(node, key, name=fn.name, expected=expected, count=n)
        if fn.name == "iif" and n == 3:
            return self.iif(node)
        kinds = [self.visit(arg) for arg in node.args]
        if fn.name in ("sum", "round"):
            for arg, kind in zip(node.args, kinds):
                if kind not in (NUMBER, ANY):
                    self.report(arg, "E304.numbers", name=fn.name, kind=Word(kind))
        if fn.name == "round" and n == 2 and not _written_digits(node.args[1]):
            self.report(node.args[1], "E304.round_digits")
        if fn.needs_name and node.args and not isinstance(node.args[0], Name):
            self.report(node.args[0], "E304.question_name", name=fn.name)
        if fn.name == "any_of" and n == 2:
            if isinstance(node.args[1], ListOf):
                self.choice_values(node.args[0], list(node.args[1].items))
            if kinds[0] not in (LIST, ANY):
                self.report(node.args[0], "E304.any_of")
        if fn.name.endswith("_since") and kinds and kinds[0] not in (DATE, ANY):
            self.report(node.args[0], "E304.date", name=fn.name, kind=Word(kinds[0]))
        return fn.result

    def iif(self, node: Call) -> str:
        """iif(c, a, b): c is a condition; the type is the branches' (a number for two numbers)."""
        condition, then, otherwise = node.args
        self.boolean(condition, "iif()")
        a, b = self.visit(then), self.visit(otherwise)
        if ANY in (a, b):
            return b if a == ANY else a
        if a != b:
            self.report(node, "E306.iif_branches", left=Word(a), right=Word(b))
            return ANY
        return a


def _written_digits(node: Node) -> bool:
    """round()'s decimals: written in the condition, a whole number from 0 to 15."""
    return isinstance(node, Literal) and type(node.value) is int and 0 <= node.value <= 15
