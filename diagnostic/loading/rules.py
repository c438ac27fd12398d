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

from ..errors import LoadError, Location, Problem, Word, closest, problem
from ..expressions import ANY, BOOL, ExpressionError, NameInfo, check, parse
from ..expressions import Call, ListOf, Literal, walk
from ..model import INTENSITIES, THEMES, Action, Conclusion, PathwayRule, Questionnaire, Rule, RuleSet
from ..engine import PIPE
from ..scoring import PATHWAY_FUNCTIONS
from . import schema
from .questionnaire import RESERVED, display_path, name_info
from .yamlreader import Document, read, read_limited

__all__ = ["load_rules", "check_rules_for", "check_rule_file", "categories", "readable"]


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


def readable(path: str | Path) -> bool:
    """Whether a rule file reads and has the right shape (so its rules could be checked)."""
    return _read(Path(path))[0] is not None


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
        digest = hashlib.sha1(read_limited(path)).hexdigest()
    except OSError:
        digest = ""
    return _read_cached(path.resolve(), display_path(path), digest)


@lru_cache(maxsize=256)
def _read_cached(path: Path, shown: str, digest: str) -> tuple[Document | None, list[Problem]]:
    doc, problems = read(path, shown)
    if problems:
        return None, problems
    if not doc.data:
        return None, [problem("E406.empty", Location(doc.path))]
    shape = schema.check(doc, "rules")
    if shape:
        return None, shape
    return doc, []


def _sibling_actions(path: Path) -> frozenset:
    """Action ids declared by the rule files next to `path` (their own problems are not ours)."""
    return _sibling_ids(path, "actions")


def _sibling_ids(path: Path, key: str) -> frozenset:
    """The ids of `key` ('actions' or 'rules') declared by the rule files next to `path`."""
    ids = set()
    folder = path.resolve().parent
    for other in sorted(folder.glob("*.y*ml")):
        try:
            raw = read_limited(other)
        except OSError:
            continue
        ids |= _ids(str(other), hashlib.sha1(raw).hexdigest(), key)
    return frozenset(ids)


@lru_cache(maxsize=256)
def _ids(path: str, digest: str, key: str) -> frozenset:
    doc, problems = read(path)
    data = doc.data
    if problems or not isinstance(data, dict) or "sections" in data or not isinstance(data.get(key), list):
        return frozenset()   # not a rule file with these, or a malformed one (its own check reports it)
    return frozenset(item["id"] for item in data[key]
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
        self.rule_ids: frozenset = frozenset()
        self.scope: Mapping = _scope(questionnaire) if questionnaire else _ANYTHING

    def problem(self, key: str, where: Location, /, **params) -> None:
        self.problems.append(problem(key, where, **params))

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
            self.problem(f"E201.{what}_twice", where, id=ident, first=seen[ident])
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
                self.problem("E402.category", item.where("category"), category=category,
                             suggestion=closest(category, categories()))
            result[data["id"]] = Action(
                id=data["id"], label=data["label"], theme=data["theme"], category=category,
                providers=tuple(data["providers"]), delay_days=data["delay_days"],
                needs_agreement=data.get("needs_agreement", False), description=data.get("description"),
                bring=data.get("bring"),
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
                self.problem("E114.reserved", item.where("id"), id=rid)
            if self.questionnaire is not None and rid in self.scope:
                self.problem("E405.rule_is_question", item.where("id"), id=rid, questionnaire=self.questionnaire.id)
            finding = data["finding"]
            if finding["kind"] == "atout" and "intensity" in finding:
                self.problem("E403.atout_intensity", item.where("finding", "intensity", key=True))
            ids, when, ok = [], [], True
            for i, entry in enumerate(data.get("actions") or []):
                # an entry is an action id, or {id, when}: proposed only when its own condition holds
                aid = entry["id"] if isinstance(entry, dict) else entry
                where = ("actions", i, "id") if isinstance(entry, dict) else ("actions", i)
                if aid not in known and (self.questionnaire is not None or self.catalogue is not None):
                    self.problem("E401.unknown_action", item.where(*where), id=aid,
                                 suggestion=closest(aid, known), **self.context())
                if aid in ids:
                    self.problem("E201.action_listed_twice", item.where(*where), id=aid)
                if aid in actions and aid not in ids:
                    ids.append(aid)
                if isinstance(entry, dict):
                    cond = self.condition(item, pathway=False, keys=("actions", i, "when"))
                    ok = ok and cond is not None
                    if cond is not None:
                        when.append((aid, cond))
            self.label_names(item)
            expr = self.condition(item, pathway=False)
            if expr is None or not ok:
                continue
            conclusion = Conclusion(finding["kind"], finding["label"], finding.get("intensity"),
                                    finding.get("situation"), tuple(finding.get("objectives") or ()))
            result.append(Rule(rid, data["theme"], expr, conclusion, tuple(ids),
                               data.get("priority", 5), len(result), action_when=tuple(when),
                               location=item.where(), urgent=data.get("urgent", False)))
        return result

    def label_names(self, item: _Item) -> None:
        """{{ name }} in a finding's label shows a value: the name must exist (with a questionnaire)."""
        if self.questionnaire is None:
            return
        label = item.data["finding"]["label"]
        for match in PIPE.finditer(label):
            name = match.group(1)
            if name not in self.scope:
                self.problem("E202.unknown_label_value", item.where("finding", "label", offset=match.start(1)),
                             name=name, suggestion=closest(name, self.scope), **self.context())

    # --- pathways ---------------------------------------------------------------

    def pathways(self, rules: list[Rule]) -> list[PathwayRule]:
        seen: dict = {}
        result = []
        always: _Item | None = None
        self.rule_ids = frozenset(r.id for r in rules)
        if self.questionnaire is not None:
            self.scope = {**self.scope, **{r.id: NameInfo(BOOL) for r in rules}}
        for item in self.items("pathways"):
            if not self.unique(item, seen, "pathway"):
                continue
            if always is not None:
                self.problem("E407.unreachable", item.where("id"), id=item.data["id"], after=always.data["id"])
            expr = self.condition(item, pathway=True)
            if expr is None:
                continue
            if isinstance(expr.tree, Literal) and expr.tree.value is True and always is None:
                always = item
            result.append(PathwayRule(item.data["id"], item.data["pathway"], expr, item.data["reason"],
                                      item.where(), item.data.get("first_step")))
        return result

    # --- conditions ---------------------------------------------------------------

    def context(self) -> dict:
        return {"questionnaire": self.questionnaire.id} if self.questionnaire is not None else {}

    def condition(self, item: _Item, pathway: bool, keys: tuple = ("when",)):
        text = item.data
        for key in keys:
            text = text[key]
        at = lambda offset=None: item.where(*keys, offset=offset)  # noqa: E731
        try:
            expr = parse(text, PATHWAY_FUNCTIONS)
        except ExpressionError as exc:
            self.problem(exc.key, at(exc.offset), **exc.params)
            return None
        calls = [n for n in walk(expr.tree) if isinstance(n, Call) and n.name in PATHWAY_FUNCTIONS]
        # an action's own condition is read once every rule has concluded: it may name findings
        allowed = set(PATHWAY_FUNCTIONS) if pathway else {"found"} if keys[0] == "actions" else set()
        refused = [call for call in calls if call.name not in allowed]
        for call in refused:
            self.problem("E404.found_only" if call.name == "found" else "E404.pathway_only", at(call.offset),
                         name=call.name)
        if refused:
            return None
        bad = len(self.problems)
        for call in calls:
            self.context_call(call, item, at)
        # What holds whatever the questionnaire, then what its names add (said for which questionnaire).
        general = self.issues(expr, _ANYTHING, at)
        if self.questionnaire is not None:
            shown = {(p.code, p.message, p.location) for p in general}
            specific = self.issues(expr, self.scope, at)
            general += [p.with_params(**self.context()) for p in specific
                        if (p.code, p.message, p.location) not in shown]
        self.problems.extend(general)
        return None if len(self.problems) > bad else expr

    def issues(self, expr, scope: Mapping, at) -> list[Problem]:
        kind, issues = check(expr, scope)
        found = [problem(i.key, at(i.offset), **i.params) for i in issues]
        if kind not in (BOOL, ANY):
            found.append(problem("E305.not_boolean", at(), kind=Word(kind)))
        return found

    def context_call(self, call: Call, item: _Item, at) -> None:
        """freins('fort', 'logement'), atouts('sante'), found('rule_id', …): written intensities,
        themes (or lists of themes) and rule ids only."""
        args = list(call.args)
        where = lambda node: at(node.offset)  # noqa: E731
        if call.name == "found":
            self.found_call(args, item, where)
            return
        intensity = args.pop(0) if call.name == "freins" and args else None
        if intensity is not None:
            literals = intensity.items if isinstance(intensity, ListOf) else (intensity,)
            for lit in literals:
                if not (isinstance(lit, Literal) and isinstance(lit.value, str)):
                    self.problem("E404.intensity_first", where(lit))
                elif lit.value not in INTENSITIES:
                    hint = closest(lit.value, INTENSITIES)
                    self.problem("E404.not_intensity" if hint else "E404.not_intensity_among", where(lit),
                                 value=lit.value, suggestion=hint)
        for arg in args[:1]:
            for theme in (arg.items if isinstance(arg, ListOf) else (arg,)):
                if not (isinstance(theme, Literal) and isinstance(theme.value, str)):
                    self.problem("E404.written_theme", where(theme), name=call.name)
                elif theme.value not in THEMES:
                    self.problem("E209.unknown_theme", where(theme), value=theme.value,
                                 suggestion=closest(theme.value, THEMES))

    def found_call(self, args: list, item: _Item, where) -> None:
        """found('no_shelter_tonight', …) names rules: of this rule set, or of a rule file next to
        the pathway file (a domain questionnaire runs with its own rules only, so a rule of another
        domain simply did not conclude there; a misspelt id is still an error)."""
        known = self.rule_ids | _sibling_ids(Path(item.doc.path), "rules")
        for arg in args:
            if not (isinstance(arg, Literal) and isinstance(arg.value, str)):
                self.problem("E404.written_rule", where(arg))
            elif arg.value not in known:
                self.problem("E408.unknown_rule", where(arg), id=arg.value, suggestion=closest(arg.value, known))


def _scope(questionnaire: Questionnaire) -> dict:
    scope = {}
    for q in questionnaire.flow:
        if q.asks:
            scope[q.id] = name_info(q.type, q.choices)
    for cid in questionnaire.computed:
        scope[cid] = NameInfo(ANY)
    return scope
