"""Why a condition has its value: the names that decided it.

For `a or b` that is true because `a` is true, the reason is `a` alone; for
`a and b` that is true, both; for `not a`, the reason `a` is false. Below
the boolean operators (a comparison, a function call…) every name read is a
reason. Calls of context functions (`freins()`, `atouts()` in pathway
conditions) that helped decide are reported with their argument values, so
that the caller can point at what they counted.

This serves the "why" of findings and of the proposed pathway: the answers
that made a rule true, in the order the condition names them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .parser import BoolOp, Call, Context, Expression, Name, Node, Unary, _compile, children, truth
from .values import UNKNOWN, Special


@dataclass(frozen=True)
class Why:
    names: tuple = ()   # names that decided the value, in order of appearance, each once
    calls: tuple = ()   # (function name, argument values) of context functions that decided it


def explain(expr: Expression, values, today=None, *, holds: bool | None = None) -> Why:
    """The reasons for the value `expr` has on `values` (UNKNOWN explains nothing);
    `holds`: its truth, when the caller has evaluated it already."""
    ctx = Context(values, today)
    want = truth(expr.value(values, today)) if holds is None else holds
    if want is UNKNOWN:
        return Why()
    walker = _Walker(ctx, expr.functions)
    walker.walk(expr.tree, want)
    return Why(tuple(dict.fromkeys(walker.names)), tuple(dict.fromkeys(walker.calls)))


class _Walker:
    def __init__(self, ctx: Context, functions):
        self.ctx, self.functions = ctx, functions
        self.names: list[str] = []
        self.calls: list[tuple] = []

    def truth(self, node: Node) -> Any:
        return truth(_compiled(node, _Table(self.functions))(self.ctx))

    def walk(self, node: Node, want) -> None:
        if isinstance(node, BoolOp):
            decisive = node.op == "or"
            if want is decisive:  # one part settled it: the first that did
                for part in node.values:
                    if self.truth(part) is decisive:
                        self.walk(part, want)
                        return
            for part in node.values:  # every part was needed
                self.walk(part, want)
            return
        if isinstance(node, Unary) and node.op == "not":
            self.walk(node.operand, not want)
            return
        self.leaves(node)

    def leaves(self, node: Node) -> None:
        if isinstance(node, Name):
            self.names.append(node.id)
            return
        if isinstance(node, Call) and node.name == "iif" and len(node.args) == 3:
            condition, then, otherwise = node.args   # the branch not taken decided nothing
            taken = _compiled(condition, _Table(self.functions))(self.ctx)
            self.leaves(condition)
            if taken is not UNKNOWN and not isinstance(taken, Special):   # a non-answer takes no branch
                self.leaves(then if taken else otherwise)
            return
        if isinstance(node, Call):
            fn = self.functions.get(node.name)
            if fn is not None and fn.needs_values:
                args = tuple(_compiled(a, _Table(self.functions))(self.ctx) for a in node.args)
                if not any(a is UNKNOWN for a in args):
                    self.calls.append((node.name, tuple(_hashable(a) for a in args)))
        for child in children(node):
            self.leaves(child)


class _Table:
    """A function table usable as a cache key (tables are shared, so identity will do)."""

    __slots__ = ("functions",)

    def __init__(self, functions):
        self.functions = functions

    def __hash__(self):
        return id(self.functions)

    def __eq__(self, other):
        return isinstance(other, _Table) and other.functions is self.functions


@lru_cache(maxsize=4096)
def _compiled(node: Node, table: _Table):
    return _compile(node, table.functions)


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value
