"""From answers to a diagnostic: rules × session → findings → themes → pathway → plan.

    diagnostic = diagnose(session, ruleset, mode="adviser", locale="fr", edits=edits)

`diagnose` works on a finished interview as well as on one in progress: a
rule whose condition is still unknown (it needs an answer not given yet) is
not concluded, it is listed in `Diagnostic.pending`, and the header says the
diagnostic is provisional. A questionnaire without rules gives no findings
and no pathway.

Each finding carries *why*: the answers that made its condition true (the
deciding part of an `or`, all parts of an `and`), as `Fact`s holding the
question text and the raw answer; the report layer words them for the
session's locale.

Pathway conditions see the questions, the rule ids (true when the rule
concluded) and two functions that exist only there: `freins(intensity[,
theme])` and `atouts([theme])`, counts of the findings. The first pathway
rule whose condition is true is proposed, with its reason and the findings
that drove it.

Core module: standard library and the core only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Iterable

from .engine import PIPE, Session
from .expressions import BOOL, DECLINED, DONT_KNOW, NOT_APPLICABLE, NUMBER, SKIPPED, UNKNOWN, Special, truth
from .expressions.explain import explain
from .expressions.functions import Function
from .model import INTENSITIES, PATHWAYS, THEMES, Questionnaire, Rule, RuleSet
from .plan import Plan, PlanEdit, apply_edits, propose

__all__ = ["diagnose", "Diagnostic", "Header", "Fact", "Finding", "Indicator", "Alert", "ThemeReport",
           "ProposedPathway", "Pending", "PATHWAY_FUNCTIONS", "THEME_STATUSES", "MODES"]

MODES = ("adviser", "kiosk", "script")
THEME_STATUSES = ("frein", "atout", "sans_constat", "declined", "non_aborde")
EMPTY_RULES = RuleSet()


# --- the result ---------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """An answer (or a computed value) as the diagnostic reports it."""
    name: str                      # question or computed id
    text: str                      # the question as asked, or the computed value's label
    value: Any                     # the raw value: an answer, DECLINED & co., NOT_APPLICABLE, UNKNOWN
    type: str = "text"             # the question type ('computed' for a computed value)
    labels: tuple[str, ...] = ()   # choice labels, for a choice or multiple choice
    unit: str | None = None
    sensitive: bool = False
    decimals: int | None = None    # display precision of a computed value

    @property
    def state(self) -> str:
        """'answer', 'declined', 'dont_know', 'skipped', 'not_applicable' or 'unknown'."""
        if self.value is UNKNOWN:
            return "unknown"
        if isinstance(self.value, Special):
            return {DECLINED: "declined", DONT_KNOW: "dont_know", SKIPPED: "skipped"}.get(
                self.value, "not_applicable")
        return "answer"


@dataclass(frozen=True)
class Finding:
    rule: str
    theme: str
    kind: str                       # 'atout' | 'frein'
    label: str
    intensity: str | None = None
    situation: str | None = None
    objectives: tuple[str, ...] = ()
    priority: int = 5
    why: tuple[Fact, ...] = ()
    urgent: bool = False
    shown: tuple[Fact, ...] = ()    # the values its label shows ({{ name }}), for the formatter to put in
    actions: tuple[str, ...] | None = None   # the actions proposed (None: all of the rule's)


@dataclass(frozen=True)
class Indicator:
    """A computed value with a label, as every output shows it."""
    id: str
    label: str
    theme: str | None
    value: Any                      # a number (or any value); UNKNOWN or NOT_APPLICABLE when undefined
    unit: str | None = None
    decimals: int | None = None
    band: str | None = None         # the label of the value's band
    missing: tuple[Fact, ...] = ()  # when undefined: the questions without an answer it needed
    sensitive: bool = False         # computed from a sensitive question (a health score…)

    @property
    def defined(self) -> bool:
        return self.value is not UNKNOWN and not isinstance(self.value, Special)


@dataclass(frozen=True)
class Alert:
    """What must be seen first: an urgent rule's finding, or an urgent note that was shown."""
    id: str                         # the rule id or the note's question id
    kind: str                       # 'finding' | 'note'
    label: str


@dataclass(frozen=True)
class ThemeReport:
    theme: str
    label: str
    status: str                     # THEME_STATUSES
    intensity: str | None = None    # the strongest frein's, when status is 'frein'
    facts: tuple[Fact, ...] = ()    # the answers given in this theme, in flow order
    findings: tuple[Finding, ...] = ()
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class ProposedPathway:
    pathway: str                    # PATHWAYS key
    label: str
    rule: str                       # the pathway rule that matched
    reason: str
    findings: tuple[Finding, ...] = ()   # the findings that drove it
    facts: tuple[Fact, ...] = ()         # answers its condition read directly


@dataclass(frozen=True)
class Pending:
    """A rule not concluded yet: it needs answers not given so far."""
    rule: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    date: dt.date
    questionnaire: str
    version: int
    content_hash: str
    title: str
    locale: str
    mode: str
    provisional: bool = False
    rules_hash: str = ""       # the rule set's content hash; '' when the questionnaire has no rules
    rule_count: int = 0
    pathway_count: int = 0


@dataclass(frozen=True)
class Diagnostic:
    header: Header
    asked: tuple[str, ...]
    answers: dict                         # question id -> raw value, asked questions only
    themes: tuple[ThemeReport, ...]
    findings: tuple[Finding, ...]
    pathway: ProposedPathway | None
    proposed_plan: Plan                   # what the rules propose
    plan: Plan                            # the same with the adviser's edits applied
    edits: tuple[PlanEdit, ...] = ()
    pending: tuple[Pending, ...] = ()
    notes: tuple[str, ...] = ()           # notes shown (the 115 alert…), in order
    indicators: tuple[Indicator, ...] = ()  # in flow order
    alerts: tuple[Alert, ...] = ()        # urgent findings (by priority), then urgent notes shown

    @property
    def provisional(self) -> bool:
        return self.header.provisional


# --- pathway functions ----------------------------------------------------------------

TALLY = "@findings"   # where pathway functions find the findings: not a name a condition can write


@dataclass(frozen=True)
class _Tally:
    concluded: tuple   # Finding
    pending: tuple     # Rule


def _matches(kind: str, intensity, theme, finding_kind, finding_intensity, finding_theme) -> bool:
    themes = (theme,) if theme is None or isinstance(theme, str) else tuple(theme)
    if finding_kind != kind or (theme is not None and finding_theme not in themes):
        return False
    if intensity is None:
        return True
    wanted = (intensity,) if isinstance(intensity, str) else tuple(intensity)
    return finding_intensity in wanted


def _count(values, kind: str, intensity, theme):
    tally = values.get(TALLY)
    if not isinstance(tally, _Tally):
        return NOT_APPLICABLE
    if any(_matches(kind, intensity, theme, r.conclusion.kind, r.conclusion.intensity, r.theme)
           for r in tally.pending):
        return UNKNOWN  # a rule not concluded yet could still change the count
    return sum(1 for f in tally.concluded if _matches(kind, intensity, theme, f.kind, f.intensity, f.theme))


def _texts(value) -> bool:
    return isinstance(value, str) or isinstance(value, list) and all(isinstance(i, str) for i in value)


def _freins(values, intensity, theme=None):
    if not _texts(intensity) or theme is not None and not _texts(theme):
        return NOT_APPLICABLE
    return _count(values, "frein", intensity, theme)


def _atouts(values, theme=None):
    if theme is not None and not _texts(theme):
        return NOT_APPLICABLE
    return _count(values, "atout", None, theme)


def _found(values, *rules):
    """True when one of the named rules concluded; unknown while one of them is pending."""
    tally = values.get(TALLY)
    if not isinstance(tally, _Tally) or not all(isinstance(r, str) for r in rules):
        return NOT_APPLICABLE
    if any(f.rule in rules for f in tally.concluded):
        return True
    return UNKNOWN if any(r.id in rules for r in tally.pending) else False


PATHWAY_FUNCTIONS = {
    "freins": Function("freins", 1, 2, NUMBER, _freins, needs_values=True,
                       doc="number of freins of an intensity (or a list of intensities), in a theme or in all"),
    "atouts": Function("atouts", 0, 1, NUMBER, _atouts, needs_values=True,
                       doc="number of atouts, in a theme (or a list of themes) or in all"),
    "found": Function("found", 1, None, BOOL, _found, needs_values=True,
                      doc="true when one of the named rules concluded (a finding the pathway rests on)"),
}


# --- diagnose -------------------------------------------------------------------------

def diagnose(session: Session, ruleset: RuleSet | None = None, *, mode: str = "adviser",
             locale: str = "fr", edits: Iterable[PlanEdit] = ()) -> Diagnostic:
    """The diagnostic of a session (finished or not) under a rule set.

    `mode` is 'adviser', 'kiosk' or 'script'; `locale` is recorded in the header
    (wording is the formatter's job); `edits` are the adviser's plan edits."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    ruleset = ruleset or EMPTY_RULES
    questionnaire = session.questionnaire
    values = session.values()
    today = session.today
    asked = tuple(session.asked())
    facts = _Facts(session, values)

    findings, pending = [], []
    concluded: dict[str, bool] = {}
    for rule in ruleset.rules:
        result = rule.when.evaluate(values, today)
        holds = truth(result.value)
        if holds is UNKNOWN:
            pending.append(Pending(rule.id, tuple(sorted(result.missing))))
            continue
        concluded[rule.id] = holds
        if holds:
            why = explain(rule.when, values, today, holds=True)
            shown = tuple(fact for m in PIPE.finditer(rule.conclusion.label) if (fact := facts.get(m.group(1))))
            findings.append(_finding(rule, tuple(fact for n in why.names if (fact := facts.get(n))), shown))
    order = {r.id: r.order for r in ruleset.rules}
    findings.sort(key=lambda f: (f.priority, order[f.rule]))
    findings = _with_actions(findings, ruleset, values, today, pending)

    pathway = _pathway(ruleset, values, today, concluded, findings, pending, facts, order)
    indicators = _indicators(questionnaire, values, facts)
    themes = _themes(questionnaire, asked, facts, findings, indicators)
    alerts = tuple(Alert(f.rule, "finding", f.label) for f in findings if f.urgent) + tuple(
        Alert(n, "note", session.text(questionnaire.questions[n]))
        for n in session.notes_shown() if questionnaire.questions[n].urgent)
    rule = next((p for p in ruleset.pathways if pathway and p.id == pathway.rule), None)
    proposed = propose(findings, ruleset, today, rule.first_step if rule else None,
                       tuple(f.rule for f in pathway.findings) if pathway else ())
    edits = tuple(edits)
    plan = apply_edits(proposed, edits, ruleset.actions, today) if edits else proposed
    header = Header(
        date=today, questionnaire=questionnaire.id, version=questionnaire.version,
        content_hash=questionnaire.content_hash, title=questionnaire.title, locale=locale, mode=mode,
        provisional=not session.finished, rules_hash=ruleset.content_hash, rule_count=len(ruleset.rules),
        pathway_count=len(ruleset.pathways),
    )
    return Diagnostic(header, asked, session.relevant_answers(), themes, tuple(findings), pathway,
                      proposed, plan, edits, tuple(pending), tuple(session.notes_shown()), indicators, alerts)


def _finding(rule: Rule, why: tuple, shown: tuple = ()) -> Finding:
    c = rule.conclusion
    return Finding(rule.id, rule.theme, c.kind, c.label, c.intensity, c.situation, c.objectives,
                   rule.priority, why, rule.urgent, shown)


def _indicators(questionnaire: Questionnaire, values: dict, facts: _Facts) -> tuple:
    result = []
    for item in questionnaire.computed.values():
        if not item.indicator:
            continue
        value = values.get(item.id, UNKNOWN)
        band = item.band(value)
        read = _questions_read(questionnaire, item.id)
        missing = ()
        if value is UNKNOWN or isinstance(value, Special):
            missing = tuple(fact for name in read if (fact := facts.get(name)) is not None and fact.state != "answer")
        result.append(Indicator(item.id, item.label, item.theme, value, item.unit, item.decimals,
                                band.label if band else None, missing,
                                any(questionnaire.questions[name].sensitive for name in read)))
    return tuple(result)


def _questions_read(questionnaire: Questionnaire, name: str) -> list:
    """The questions a computed value reads, through other computed values, in flow order."""
    seen, stack = set(), [name]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        if current in questionnaire.computed:
            stack.extend(questionnaire.computed[current].depends_on)
    return [q for q in questionnaire.questions if q in seen]


def _with_actions(findings: list, ruleset: RuleSet, values: dict, today: dt.date, pending: list) -> list:
    """Each finding with the actions it proposes: those of its rule whose own condition (if any)
    does not say no. The conditions are read once every rule has concluded, so that they may
    name findings (found()); an action waiting for an answer not given yet stays proposed, so a
    provisional plan does not lose it."""
    rules = {r.id: r for r in ruleset.rules}
    scope = None
    result = []
    for finding in findings:
        rule = rules[finding.rule]
        if rule.action_when and scope is None:
            scope = dict(values)
            scope[TALLY] = _Tally(tuple(findings), tuple(rules[p.rule] for p in pending))
        conditions = dict(rule.action_when)
        kept = tuple(a for a in rule.actions
                     if a not in conditions or truth(conditions[a].value(scope, today)) is not False)
        result.append(replace(finding, actions=kept))
    return result


class _Facts:
    """Facts by name, made on demand from the session."""

    def __init__(self, session: Session, values: dict):
        self.session, self.values = session, values
        self.cache: dict[str, Fact] = {}

    def get(self, name: str) -> Fact | None:
        if name in self.cache:
            return self.cache[name]
        q = self.session.questionnaire
        value = self.values.get(name, UNKNOWN)
        question = q.questions.get(name)
        fact = None
        if question is not None and question.asks:
            labels = ()
            if question.choices and not isinstance(value, Special) and value is not UNKNOWN:
                picked = value if isinstance(value, tuple) else (value,)
                labels = tuple(c.label for v in picked if (c := question.choice(v)) is not None)
            fact = Fact(name, self.session.text(question), value, question.type, labels, question.unit,
                        question.sensitive)
        elif name in q.computed:
            computed = q.computed[name]
            fact = Fact(name, computed.label or name, value, "computed", unit=computed.unit,
                        decimals=computed.decimals)
        if fact is not None:
            self.cache[name] = fact
        return fact


def _pathway(ruleset: RuleSet, values: dict, today: dt.date, concluded: dict, findings: list,
             pending: list, facts: _Facts, order: dict) -> ProposedPathway | None:
    if not ruleset.pathways:
        return None
    rules_by_id = {r.id: r for r in ruleset.rules}
    scope = dict(values)
    scope.update(concluded)
    scope[TALLY] = _Tally(tuple(findings), tuple(rules_by_id[p.rule] for p in pending))
    by_rule = {f.rule: f for f in findings}
    for candidate in ruleset.pathways:
        holds = truth(candidate.when.value(scope, today))
        if holds is UNKNOWN:
            return None  # an earlier pathway may still match: nothing to propose yet
        if not holds:
            continue
        why = explain(candidate.when, scope, today, holds=True)
        drove: dict[str, Finding] = {}
        for name in why.names:
            if name in by_rule:
                drove[name] = by_rule[name]
        for fname, args in why.calls:
            if fname == "found":
                drove.update((f.rule, f) for f in findings if f.rule in args)
                continue
            kind = "frein" if fname == "freins" else "atout"
            intensity, theme = (args + (None, None))[:2] if kind == "frein" else (None, (args + (None,))[0])
            for f in findings:
                if _matches(kind, intensity, theme, f.kind, f.intensity, f.theme):
                    drove.setdefault(f.rule, f)
        read = tuple(fact for n in why.names if n not in rules_by_id and (fact := facts.get(n)))
        ordered = tuple(sorted(drove.values(), key=lambda f: (f.priority, order[f.rule])))
        return ProposedPathway(candidate.pathway, PATHWAYS[candidate.pathway], candidate.id, candidate.reason,
                               ordered, read)
    return None


def _themes(questionnaire: Questionnaire, asked: tuple, facts: _Facts, findings: list, indicators: tuple) -> tuple:
    order = list(dict.fromkeys(s.theme for s in questionnaire.sections))
    order += [t for t in THEMES if t not in order and any(f.theme == t for f in (*findings, *indicators))]
    asked_set = set(asked)
    per_theme: dict[str, list] = {t: [] for t in order}
    for question in questionnaire.flow:
        if question.id in asked_set and question.theme in per_theme:
            fact = facts.get(question.id)
            if fact is not None and fact.state != "skipped":  # an optional question left blank says nothing
                per_theme[question.theme].append(fact)
    reports = []
    for theme in order:
        mine = tuple(f for f in findings if f.theme == theme)
        theme_facts = tuple(per_theme[theme])
        status, intensity = _status(mine, theme_facts)
        reports.append(ThemeReport(theme, THEMES.get(theme, theme), status, intensity, theme_facts, mine,
                                   tuple(i for i in indicators if i.theme == theme)))
    return tuple(reports)


_STRENGTH = {name: i for i, name in enumerate(INTENSITIES)}  # fort first


def _status(findings: tuple, facts: tuple) -> tuple[str, str | None]:
    freins = [f for f in findings if f.kind == "frein"]
    if freins:
        strongest = min(freins, key=lambda f: _STRENGTH.get(f.intensity, len(_STRENGTH)))
        return "frein", strongest.intensity
    if any(f.kind == "atout" for f in findings):
        return "atout", None
    states = {f.state for f in facts}   # 'answer', 'declined', 'dont_know' (asked questions only)
    if "answer" in states:
        return "sans_constat", None
    if "declined" in states:
        return "declined", None
    return ("sans_constat" if states else "non_aborde"), None  # "je ne sais pas" is an answer given
