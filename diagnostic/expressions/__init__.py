"""The condition language: parse → check → evaluate, without eval().

See docs/format.md ("Conditions") for what authors may write.
"""
from .checker import NameInfo, check
from .functions import ANY, BOOL, DATE, FUNCTIONS, LIST, NUMBER, TEXT, round_half_away
from .parser import (BinOp, BoolOp, Call, Compare, Expression, ExpressionError, ListOf, Literal, Name, Node,
                     Result, Unary, children, parse, truth, walk)
from .values import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, Special, is_answer

__all__ = [
    "ANY", "BOOL", "DATE", "LIST", "NUMBER", "TEXT", "FUNCTIONS", "round_half_away", "NameInfo", "check",
    "Expression", "ExpressionError", "Result", "parse", "truth",
    "Node", "Literal", "Name", "ListOf", "Unary", "BoolOp", "Compare", "BinOp", "Call", "children", "walk",
    "DECLINED", "DONT_KNOW", "NOT_APPLICABLE", "SKIPPED", "UNKNOWN", "Special", "is_answer",
]
