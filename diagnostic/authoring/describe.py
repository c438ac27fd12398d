"""A condition in words, for people who do not read code: `tonight == 'street'`
becomes « tonight vaut Dans la rue », `not rent_arrears` « rent_arrears : non ».

Worded from the tree (the public walk of `expressions`); anything unusual is
shown as written."""
from __future__ import annotations

from ..expressions import BinOp, BoolOp, Call, Compare, Expression, ListOf, Literal, Name, Node, Unary
from ..model import Questionnaire

_OPS = {"==": "vaut", "!=": "ne vaut pas", "<": "<", "<=": "≤", ">": ">", ">=": "≥",
        "in": "parmi", "not in": "hors de"}
_CALLS = {"answered": "{0} a une réponse", "declined": "{0} : refus de répondre",
          "dont_know": "{0} : ne sait pas", "any_of": "{0} comprend l'un de {1}", "count": "nombre de {0}"}


MAX_LABEL = 30


def describe(expr: Expression, questionnaire: Questionnaire | None = None, inner: bool = False) -> str:
    """`inner`: the condition is joined to others, so an "ou" at its top is put in brackets."""
    try:
        return _Words(questionnaire).say(expr.tree, inner)
    except _AsWritten:
        return f"({expr.text.strip()})" if inner else expr.text.strip()


class _AsWritten(Exception):
    pass


class _Words:
    def __init__(self, questionnaire):
        self.questionnaire = questionnaire

    def say(self, node: Node, inner: bool = False) -> str:
        if isinstance(node, BoolOp):
            text = f" {'et' if node.op == 'and' else 'ou'} ".join(self.say(v, True) for v in node.values)
            return f"({text})" if inner else text
        if isinstance(node, Unary) and node.op == "not":
            if isinstance(node.operand, Name):
                return f"{node.operand.id} : non"
            return f"non ({self.say(node.operand)})"
        if isinstance(node, Name):
            question = self.questionnaire.questions.get(node.id) if self.questionnaire else None
            return f"{node.id} : oui" if question is None or question.type == "yes_no" else node.id
        if isinstance(node, Compare):
            operands = (node.left, *node.rights)
            parts = []
            for left, op, right in zip(operands, node.ops, operands[1:]):
                if isinstance(left, Literal) and isinstance(right, Name) and op in ("in", "not in"):
                    parts.append(f"{right.id} {'comprend' if op == 'in' else 'ne comprend pas'} "
                                 f"{self.value(left, right)}")
                else:
                    parts.append(f"{self.value(left, right)} {_OPS[op]} {self.value(right, left)}")
            return " et ".join(parts)
        if isinstance(node, Call) and node.name in _CALLS:
            args = [self.value(a, node.args[0]) for a in node.args]
            return _CALLS[node.name].format(*args, *[""] * 2)
        raise _AsWritten

    def value(self, node: Node, other: Node) -> str:
        if isinstance(node, Name):
            return node.id
        if isinstance(node, Literal):
            if isinstance(node.value, bool):
                return "oui" if node.value else "non"
            if isinstance(node.value, str):
                return self.label(other, node.value)
            return str(node.value)
        if isinstance(node, ListOf):
            return ", ".join(self.value(item, other) for item in node.items)
        if isinstance(node, BinOp):
            return f"{self.value(node.left, other)} {node.op} {self.value(node.right, other)}"
        if isinstance(node, Call):
            return self.say(node)
        raise _AsWritten

    def label(self, name_node: Node, value: str) -> str:
        """A choice value as the person saw it, when the other side names a choice question."""
        if isinstance(name_node, Name) and self.questionnaire is not None:
            question = self.questionnaire.questions.get(name_node.id)
            choice = question.choice(value) if question is not None else None
            if choice is not None:
                label = " ".join(choice.label.split())
                return f"« {label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + '…'} »"
        return f"« {value} »"
