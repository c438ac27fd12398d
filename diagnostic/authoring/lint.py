"""`lint`: advice on files that load (warnings W5xx), in the shape of `validate`.

The flow (W501-W504) is checked on the loaded questionnaire and its rules,
the wording (W505-W508) on the YAML texts, translations (W509) against the
gettext catalogues in `locales/`. A warning is silenced by a comment on the
line it points at: `# lint: ignore` (every warning of that line) or
`# lint: ignore W506 W507` (those codes only).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..errors import LoadError, Problem, problem
from ..expressions import Call, Compare, ListOf, Literal, Name, walk
from ..loading import load_questionnaire
from ..loading.questionnaire import display_path
from ..loading.rules import load_rules
from ..loading.validate import Report, Skipped, kind_of, unique, yaml_files
from ..loading.yamlreader import read, read_limited
from ..model import Questionnaire, RuleSet
from .reach import can_be_true
from .translations import translation_warnings
from .wording import wording_warnings

IGNORE = re.compile(r"#\s*lint:\s*ignore\b([\sW0-9,]*)")


def lint(paths: list[str]) -> Report:
    files, problems = yaml_files(paths)
    report = Report(files=[display_path(p) for p in files if kind_of(read(p)[0].data) != "scenario"])
    declared, rulesets = set(), []
    for path in files:
        doc, read_problems = read(path, display_path(path))
        if read_problems or kind_of(doc.data) != "questionnaire":
            continue
        try:
            questionnaire = load_questionnaire(path)
            ruleset = load_rules(questionnaire)
        except LoadError:
            report.skipped.append(Skipped(doc.path, "skipped.lint_invalid"))
            continue
        declared |= {Path(r).resolve() for r in questionnaire.rule_files}
        rulesets.append(ruleset)
        problems.extend(flow_warnings(questionnaire, ruleset))
        for document in documents(questionnaire):
            problems.extend(wording_warnings(document))
            problems.extend(translation_warnings(document))
        for doc_rules in (d for d, found in map(read, ruleset.sources) if not found):
            problems.extend(translation_warnings(doc_rules, rules=True))
    problems.extend(unproposed(rulesets))
    for path in files:
        if path.resolve() not in declared and kind_of(read(path)[0].data) == "rules":
            report.skipped.append(Skipped(display_path(path), "skipped.lint_rules_alone"))
    files_read: dict = {}
    report.problems = unique(p for p in problems if not silenced(p, files_read))
    return report


def documents(questionnaire: Questionnaire) -> list:
    """The YAML documents a questionnaire was read from (itself and its includes)."""
    paths = dict.fromkeys([questionnaire.source] + [q.location.path for q in questionnaire.flow if q.location])
    return [doc for doc, found in (read(p) for p in paths) if not found]


def silenced(found: Problem, files: dict) -> bool:
    """Whether the line a warning points at says `# lint: ignore` (for its code); `files`
    caches the lines of the files read, for one run."""
    loc = found.location
    if loc is None or not loc.line:
        return False
    if loc.path not in files:
        try:
            files[loc.path] = read_limited(loc.path).decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            files[loc.path] = []
    lines = files[loc.path]
    match = IGNORE.search(lines[loc.line - 1]) if loc.line <= len(lines) else None
    if match is None:
        return False
    codes = re.findall(r"W\d{3}", match.group(1))
    return not codes or found.code in codes


# --- the flow -------------------------------------------------------------------

def flow_warnings(questionnaire: Questionnaire, ruleset: RuleSet) -> Iterator[Problem]:
    for q in questionnaire.flow:
        if q.conditions and can_be_true(q.conditions, questionnaire) is False:
            yield problem("W501.never_asked", q.location, id=q.id)
    for rule in ruleset.rules:
        if can_be_true([rule.when], questionnaire) is False:
            yield problem("W502.never_fires", rule.location, id=rule.id)
    tested = tested_choices(questionnaire, ruleset)
    for q in questionnaire.flow:
        untested = [c.value for c in q.choices if c.value not in tested.get(q.id, ())]
        # Looks like a mistake: every choice is tested but one, in the middle of the list
        # (the first and the last are often "none" or "other", which nothing needs to test).
        if len(q.choices) >= 3 and len(untested) == 1 and untested[0] not in (q.choices[0].value,
                                                                              q.choices[-1].value):
            yield problem("W503.unused_choice", q.location, id=q.id, value=untested[0])


def unproposed(rulesets: list[RuleSet]) -> Iterator[Problem]:
    """Catalogue actions that no rule of any of these rule sets proposes (W504)."""
    proposed = {a for ruleset in rulesets for rule in ruleset.rules for a in rule.actions}
    actions = {a.location: a for ruleset in rulesets for a in ruleset.actions.values()}
    for action in actions.values():
        if action.id not in proposed:
            yield problem("W504.never_proposed", action.location, id=action.id)


def expressions(questionnaire: Questionnaire, ruleset: RuleSet) -> Iterator:
    """Every condition and computed value of a questionnaire and its rules."""
    seen = set()
    for q in questionnaire.flow:
        for c in q.conditions:
            if id(c) not in seen:
                seen.add(id(c))
                yield c
    yield from (c.expression for c in questionnaire.computed.values())
    yield from (r.when for r in ruleset.rules)
    yield from (p.when for p in ruleset.pathways)


def tested_choices(questionnaire: Questionnaire, ruleset: RuleSet) -> dict[str, set]:
    """Question id -> the choice values some condition tests."""
    tested: dict[str, set] = {}
    for expr in expressions(questionnaire, ruleset):
        for name, value in choice_tests(expr.tree):
            tested.setdefault(name, set()).add(value)
    return tested


def choice_tests(tree) -> Iterator[tuple[str, str]]:
    """(question, value) pairs a condition compares: q == 'v', q in ['v', …], 'v' in q, any_of(q, [...])."""
    for node in walk(tree):
        pairs = []
        if isinstance(node, Compare):
            operands = (node.left, *node.rights)
            pairs = list(zip(operands, operands[1:]))
        elif isinstance(node, Call) and node.name in ("any_of", "all_of") and len(node.args) == 2:
            pairs = [tuple(node.args)]
        for left, right in pairs:
            for name, other in ((left, right), (right, left)):
                if isinstance(name, Name):
                    items = other.items if isinstance(other, ListOf) else (other,)
                    yield from ((name.id, i.value) for i in items
                                if isinstance(i, Literal) and isinstance(i.value, str))
