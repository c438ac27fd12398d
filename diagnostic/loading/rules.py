"""Rule files (actions, rules, pathways) → a checked `RuleSet`.

Two ways in:

- `load_rules(questionnaire)`: the rule files a questionnaire declares,
  merged and checked in its context: conditions against its questions and
  computed values, a rule's actions against the catalogue of all the files,
  pathway conditions against the rule ids too. Raises LoadError.
- `check_rule_file(path)`: one file on its own (`validate rules/`): its
  shape, its conditions as far as they can be checked without questions,
  duplicate ids, and a rule's actions against the actions of the file and
  of the other rule files in its folder.

Problems have the same form and codes as for questionnaires
(`path:line:col: CODE message`); the E4xx codes are for rules.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Mapping

from ..errors import LoadError, Location, Problem, did_you_mean
from ..expressions import ANY, BOOL, ExpressionError, NameInfo, check, parse
from ..expressions.parser import Call, ListOf, Literal, Node, _children
from ..model import INTENSITIES, THEMES, Action, Conclusion, PathwayRule, Questionnaire, Rule, RuleSet
from ..engine import PIPE
from ..scoring import PATHWAY_FUNCTIONS
from . import schema
from .questionnaire import RESERVED, display_path, name_info
from .yamlreader import Document, read

__all__ = ["load_rules", "check_rules_for", "check_rule_file", "categories"]


@lru_cache(maxsize=1)
def categories() -> frozenset:
    """data·inclusion slugs: the 69 sub-categories of thématiques v1 and their 16 categories."""
    text = resources.files(__package__).joinpath("data", "di_thematiques_v1.json").read_text("utf-8")
    subs = [item["value"] for item in json.loads(text)]
    return frozenset(subs) | frozenset(s.split("--")[0] for s in subs)


def load_rules(questionnaire: Questionnaire) -> RuleSet:
    """The rule set of a questionnaire (empty when it declares no rule file)."""
    ruleset, problems = _load(questionnaire)
    if problems:
        raise LoadError(problems)
    return ruleset


def check_rules_for(questionnaire: Questionnaire) -> list[Problem]:
    """Every problem of a questionnaire's rule files, checked in its context."""
    return _load(questionnaire)[1]


def check_rule_file(path: str | Path) -> list[Problem]:
    """Every problem found in one rule file on its own."""
    doc, problems = _read(Path(path))
    if doc is None:
        return list(problems)
    builder = _Builder([doc], catalogue=_sibling_actions(Path(path)))
    builder.build()
    return builder.problems


def _load(questionnaire: Questionnaire) -> tuple[RuleSet, list[Problem]]:
    if not questionnaire.rule_files:
        return RuleSet(), []
    docs, problems = [], []
    for name in questionnaire.rule_files:
        doc, found = _read(Path(name))
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    builder = _Builder(docs, questionnaire=questionnaire)
    ruleset = builder.build()
    return ruleset, problems + builder.problems


def _read(path: Path) -> tuple[Document | None, list[Problem]]:
    """A rule file read and shape-checked; cached on its content (validate reads each file
    once per questionnaire that declares it). Callers do not change what they get."""
    try:
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        digest = ""
    return _read_cached(path.resolve(), display_path(path), digest)


@lru_cache(maxsize=256)
def _read_cached(path: Path, shown: str, digest: str) -> tuple[Document | None, list[Problem]]:
    doc, problems = read(path, shown)
    if problems:
        return None, problems
    if not doc.data:
        return None, [Problem("E406", "this rule file is empty: expected actions, rules or pathways",
                              Location(doc.path))]
    shape = schema.check(doc, "rules")
    if shape:
        return None, shape
    return doc, []


def _sibling_actions(path: Path) -> frozenset:
    """Action ids declared by the rule files next to `path` (their own problems are not ours)."""
    ids = set()
    folder = path.resolve().parent
    for other in sorted(folder.glob("*.y*ml")):
        try:
            raw = other.read_bytes()
        except OSError:
            continue
        ids |= _action_ids(str(other), hashlib.sha1(raw).hexdigest())
    return frozenset(ids)


@lru_cache(maxsize=256)
def _action_ids(path: str, digest: str) -> frozenset:
    doc, problems = read(path)
    data = doc.data
    if problems or not isinstance(data, dict) or "sections" in data or not isinstance(data.get("actions"), list):
        return frozenset()   # not a rule file with actions, or a malformed one (its own check reports it)
    return frozenset(item["id"] for item in data["actions"]
                     if isinstance(item, dict) and isinstance(item.get("id"), str))


class _Anything(Mapping):
    """A scope where every name exists and may be anything (a file checked on its own)."""

    def __getitem__(self, name):
        return NameInfo(ANY)

    def get(self, name, default=None):
        return NameInfo(ANY)

    def __iter__(self) -> Iterator:
        return iter(())

    def __len__(self) -> int:
        return 0


_ANYTHING = _Anything()


@dataclass
class _Item:
    data: dict
    doc: Document
    path: tuple

    def where(self, *keys, key: bool = False, offset: int | None = None) -> Location:
        return self.doc.where(self.path + keys, key=key, offset=offset)


class _Builder:
    def __init__(self, docs: list[Document], questionnaire: Questionnaire | None = None,
                 catalogue: frozenset | None = None):
        self.docs = docs
        self.questionnaire = questionnaire
        self.catalogue = catalogue      # standalone: action ids known around the file
        self.problems: list[Problem] = []
        self.scope: Mapping = _scope(questionnaire) if questionnaire else _ANYTHING

    def problem(self, code: str, message: str, where: Location) -> None:
        self.problems.append(Problem(code, message, where))

    def items(self, key: str) -> list[_Item]:
        return [_Item(data, doc, (key, i)) for doc in self.docs for i, data in enumerate(doc.data.get(key) or [])]

    def build(self) -> RuleSet:
        actions = self.actions()
        rules = self.rules(actions)
        pathways = self.pathways(rules)
        digest = hashlib.sha256(
            json.dumps([d.data for d in self.docs], sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        return RuleSet(tuple(rules), actions, tuple(pathways), tuple(d.path for d in self.docs),
                       f"sha256:{digest[:16]}")

    def unique(self, item: _Item, seen: dict, what: str) -> bool:
        ident = item.data["id"]
        where = item.where("id")
        if ident in seen:
            self.problem("E201", f"{what} id '{ident}' is used twice (first at {seen[ident]})", where)
            return False
        seen[ident] = where
        return True

    # --- the action catalogue -------------------------------------------

    def actions(self) -> dict:
        seen: dict = {}
        result = {}
        for item in self.items("actions"):
            data = item.data
            if not self.unique(item, seen, "action"):
                continue
            category = data["category"]
            if category not in categories():
                self.problem("E402", f"'{category}' is not a data·inclusion category"
                             f"{did_you_mean(category, categories())}", item.where("category"))
            result[data["id"]] = Action(
                id=data["id"], label=data["label"], theme=data["theme"], category=category,
                providers=tuple(data["providers"]), delay_days=data["delay_days"],
                needs_agreement=data.get("needs_agreement", False), description=data.get("description"),
                location=item.where(),
            )
        return result

    # --- rules ----------------------------------------------------------------

    def rules(self, actions: dict) -> list[Rule]:
        seen: dict = {}
        known = set(actions) | (self.catalogue or set())
        result = []
        for item in self.items("rules"):
            data = item.data
            if not self.unique(item, seen, "rule"):
                continue
            rid = data["id"]
            if rid in RESERVED or rid in PATHWAY_FUNCTIONS:
                self.problem("E114", f"'{rid}' is a reserved word and cannot be an id", item.where("id"))
            if self.questionnaire is not None and rid in self.scope:
                self.problem("E405", f"rule id '{rid}' is also a question or computed value of questionnaire "
                                     f"'{self.questionnaire.id}'; rename the rule", item.where("id"))
            finding = data["finding"]
            if finding["kind"] == "atout" and "intensity" in finding:
                self.problem("E403", "an atout takes no intensity (only a frein is fort, moyen or sans_impact)",
                             item.where("finding", "intensity", key=True))
            for i, aid in enumerate(data.get("actions") or []):
                if aid not in known and (self.questionnaire is not None or self.catalogue is not None):
                    self.problem("E401", f"unknown action '{aid}'{did_you_mean(aid, known)}"
                                 + self.context(), item.where("actions", i))
            self.label_names(item)
            expr = self.condition(item, pathway=False)
            if expr is None:
                continue
            conclusion = Conclusion(finding["kind"], finding["label"], finding.get("intensity"),
                                    finding.get("situation"), tuple(finding.get("objectives") or ()))
            result.append(Rule(rid, data["theme"], expr, conclusion,
                               tuple(a for a in data.get("actions") or () if a in actions),
                               data.get("priority", 5), len(result), item.where(), data.get("urgent", False)))
        return result

    def label_names(self, item: _Item) -> None:
        """{{ name }} in a finding's label shows a value: the name must exist (with a questionnaire)."""
        if self.questionnaire is None:
            return
        label = item.data["finding"]["label"]
        for match in PIPE.finditer(label):
            name = match.group(1)
            if name not in self.scope:
                self.problem("E202", f"the label shows unknown value '{name}'{did_you_mean(name, self.scope)}"
                             + self.context(), item.where("finding", "label", offset=match.start(1)))

    # --- pathways ---------------------------------------------------------------

    def pathways(self, rules: list[Rule]) -> list[PathwayRule]:
        seen: dict = {}
        result = []
        always: _Item | None = None
        if self.questionnaire is not None:
            self.scope = {**self.scope, **{r.id: NameInfo(BOOL) for r in rules}}
        for item in self.items("pathways"):
            if not self.unique(item, seen, "pathway"):
                continue
            if always is not None:
                self.problem("E407", f"pathway '{item.data['id']}' comes after '{always.data['id']}', "
                                     "whose condition is always true: it can never be proposed", item.where("id"))
            expr = self.condition(item, pathway=True)
            if expr is None:
                continue
            if isinstance(expr.tree, Literal) and expr.tree.value is True and always is None:
                always = item
            result.append(PathwayRule(item.data["id"], item.data["pathway"], expr, item.data["reason"],
                                      item.where()))
        return result

    # --- conditions ---------------------------------------------------------------

    def context(self) -> str:
        return f" (questionnaire '{self.questionnaire.id}')" if self.questionnaire is not None else ""

    def condition(self, item: _Item, pathway: bool):
        text = item.data["when"]
        try:
            expr = parse(text, PATHWAY_FUNCTIONS)
        except ExpressionError as exc:
            self.problem(exc.code, exc.message, item.where("when", offset=exc.offset))
            return None
        calls = [n for n in _walk(expr.tree) if isinstance(n, Call) and n.name in PATHWAY_FUNCTIONS]
        if not pathway:
            for call in calls:
                self.problem("E404", f"{call.name}() counts findings: it can only be used in a pathway "
                                     "condition", item.where("when", offset=call.offset))
            if calls:
                return None
        bad = len(self.problems)
        for call in calls:
            self.context_call(call, item)
        # What holds whatever the questionnaire, then what its names add (said for which questionnaire).
        general = self.issues(expr, _ANYTHING, item)
        if self.questionnaire is not None:
            shown = {(p.code, p.message, p.location) for p in general}
            specific = self.issues(expr, self.scope, item)
            general += [Problem(p.code, p.message + self.context(), p.location) for p in specific
                        if (p.code, p.message, p.location) not in shown]
        self.problems.extend(general)
        return None if len(self.problems) > bad else expr

    def issues(self, expr, scope: Mapping, item: _Item) -> list[Problem]:
        kind, issues = check(expr, scope)
        found = [Problem(code, message, item.where("when", offset=offset)) for code, message, offset in issues]
        if kind not in (BOOL, ANY):
            found.append(Problem("E305", f"this condition gives a {kind}, not true or false", item.where("when")))
        return found

    def context_call(self, call: Call, item: _Item) -> None:
        """freins('fort', 'logement'), atouts('sante'): written intensities and themes only."""
        args = list(call.args)
        intensity = args.pop(0) if call.name == "freins" and args else None
        where = lambda node: item.where("when", offset=node.offset)  # noqa: E731
        if intensity is not None:
            literals = intensity.items if isinstance(intensity, ListOf) else (intensity,)
            for lit in literals:
                if not (isinstance(lit, Literal) and isinstance(lit.value, str)):
                    self.problem("E404", "freins() takes a written intensity first: 'fort', 'moyen' or "
                                         "'sans_impact' (or a list of them)", where(lit))
                elif lit.value not in INTENSITIES:
                    hint = did_you_mean(lit.value, INTENSITIES) or "; expected 'fort', 'moyen' or 'sans_impact'"
                    self.problem("E404", f"'{lit.value}' is not an intensity{hint}", where(lit))
        for theme in args[:1]:
            if not (isinstance(theme, Literal) and isinstance(theme.value, str)):
                self.problem("E404", f"{call.name}() takes a written theme, e.g. 'logement'", where(theme))
            elif theme.value not in THEMES:
                self.problem("E209", f"unknown theme '{theme.value}'{did_you_mean(theme.value, THEMES)}",
                             where(theme))


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in _children(node):
        yield from _walk(child)


def _scope(questionnaire: Questionnaire) -> dict:
    scope = {}
    for q in questionnaire.flow:
        if q.asks:
            scope[q.id] = name_info(q.type, q.choices)
    for cid in questionnaire.computed:
        scope[cid] = NameInfo(ANY)
    return scope
