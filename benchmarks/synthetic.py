"""A large synthetic questionnaire for benchmarks and property tests.

`generate(n, conditions, seed)` returns YAML text: n questions in sections of
25, about `conditions` of them conditional, many in chains (a question that
depends on one that is itself conditional), over yes/no, choice and number
questions, plus a few computed values.
"""
from __future__ import annotations

import random


def generate(n: int = 1000, conditions: int = 300, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["id: synthetic", "version: 1", "title: Questionnaire synthétique",
             "computed:", "  - {id: total, compute: \"q2 + q5\"}", "sections:"]
    conditional = set(rng.sample(range(10, n), min(conditions, max(n - 10, 0))))
    kinds = {}
    for i in range(n):
        if i % 25 == 0:
            lines += [f"  - id: s{i // 25}", "    theme: emploi", f"    title: Partie {i // 25}", "    questions:"]
        kind = ("yes_no", "choice", "number")[i % 3] if i not in (2, 5) else "number"
        kinds[i] = kind
        lines.append(f"      - id: q{i}")
        lines.append(f"        type: {kind}")
        lines.append(f"        text: Question numéro {i} ?")
        if kind == "choice":
            lines.append("        choices: [{value: a, label: A}, {value: b, label: B}, {value: c, label: C}]")
        if kind == "number":
            lines.append("        min: 0")
            lines.append("        max: 100")
        if i in conditional:
            # chain to a recent question half of the time, so conditions depend on conditions
            j = i - rng.randint(1, 5) if rng.random() < 0.5 else rng.randrange(0, i)
            lines.append(f"        when: \"{_condition(j, kinds[j], rng)}\"")
    return "\n".join(lines) + "\n"


def _condition(j: int, kind: str, rng: random.Random) -> str:
    if kind == "yes_no":
        return f"q{j}" if rng.random() < 0.7 else f"not q{j}"
    if kind == "choice":
        return f"q{j} in ['a', 'b']" if rng.random() < 0.5 else f"q{j} != 'c'"
    return f"q{j} >= 20 or total > 50"  # numbers: mostly true


def answer_for(question, rng: random.Random):
    """A valid answer to a synthetic question."""
    if question.type == "yes_no":
        return rng.random() < 0.7
    if question.type == "choice":
        return rng.choice(["a", "b", "c"])
    return rng.randint(0, 100)
