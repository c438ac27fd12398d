"""The draft action plan: what the rules propose, and the adviser's edits on top.

`propose()` turns findings into objectives per theme, each with actions from
the catalogue (status `planned`, due date = day of the diagnostic + the
action's delay), ordered by priority, each action once even when several
rules propose it.

The plan is a draft. An adviser adds, removes and edits objectives and
actions and records the person's agreement; each change is a `PlanEdit`,
kept apart from the proposal (storage keeps the list as opaque JSON:
`[edit.to_json() for edit in edits]`) and applied on top by `apply_edits()`.
Re-running the rules after an answer changed gives a new proposal and the
same edits apply again; an edit whose target is gone is not an error, it is
listed in `Plan.stale` so that the adviser can see it.

Core module: standard library only.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from .model import ACTION_STATUSES, DEFAULT_PRIORITY, PROVIDERS, THEMES, Action, RuleSet
from .typography import clean_text

ORIGIN_RULES, ORIGIN_ADVISER = "rules", "adviser"


@dataclass(frozen=True)
class PlannedAction:
    id: str                              # the catalogue id, or an adviser's own id
    label: str
    theme: str
    providers: tuple[str, ...] = ()
    category: str | None = None          # data·inclusion slug, when from the catalogue
    status: str = "planned"
    due: dt.date | None = None
    needs_agreement: bool = False
    agreed: bool | None = None           # None: not asked yet
    priority: int = DEFAULT_PRIORITY
    proposed_by: tuple[str, ...] = ()    # rule ids
    origin: str = ORIGIN_RULES
    edited: bool = False
    note: str | None = None
    later: bool = False                  # not part of the first step
    bring: str | None = None             # what the person brings, from the catalogue


@dataclass(frozen=True)
class Objective:
    id: str
    theme: str
    label: str
    priority: int = DEFAULT_PRIORITY
    actions: tuple[PlannedAction, ...] = ()
    proposed_by: tuple[str, ...] = ()
    agreed: bool | None = None
    origin: str = ORIGIN_RULES
    edited: bool = False

    @property
    def needs_agreement(self) -> bool:
        return any(a.needs_agreement for a in self.actions)


@dataclass(frozen=True)
class Removed:
    """A proposed objective or action that the adviser took out."""
    kind: str      # 'objective' | 'action'
    id: str
    label: str


@dataclass(frozen=True)
class Stale:
    """An edit that could not be applied, and why (in plain French)."""
    edit: "PlanEdit"
    reason: str


@dataclass(frozen=True)
class Plan:
    objectives: tuple[Objective, ...] = ()
    removed: tuple[Removed, ...] = ()
    stale: tuple[Stale, ...] = ()

    @property
    def actions(self) -> tuple[PlannedAction, ...]:
        return tuple(a for o in self.objectives for a in o.actions)

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def action(self, action_id: str) -> PlannedAction | None:
        return next((a for a in self.actions if a.id == action_id), None)


# --- the proposal ---------------------------------------------------------------

def objective_id(theme: str, label: str) -> str:
    """A stable id for a proposed objective, so that edits survive a re-run of the rules."""
    return "o_" + hashlib.sha1(f"{theme}\n{label}".encode("utf-8")).hexdigest()[:8]


def propose(findings: Iterable, ruleset: RuleSet, today: dt.date, first_step: int | None = None,
            drivers: Iterable[str] = ()) -> Plan:
    """Objectives and actions from findings (objects with .rule, .theme, .label,
    .objectives, .priority, optionally .actions); a finding without objectives
    that proposes actions gets one objective, named after the finding.

    With `first_step`, only that many actions make the first step: first those
    of the findings that decided the pathway (`drivers`, rule ids), then the
    most urgent, the soonest due first. The others are marked `later`, and the
    objectives of the first step open the plan."""
    rules = {r.id: r for r in ruleset.rules}
    ordered = sorted(findings, key=lambda f: (f.priority, rules[f.rule].order if f.rule in rules else 0))
    objectives: dict[str, dict] = {}
    placed: dict[str, dict] = {}   # action id -> its entry (first, most urgent, rule wins)
    for finding in ordered:
        rule = rules.get(finding.rule)
        action_ids = getattr(finding, "actions", None)
        if action_ids is None:
            action_ids = rule.actions if rule else ()
        labels = finding.objectives or ((finding.label,) if action_ids else ())
        first = None
        for label in labels:
            oid = objective_id(finding.theme, label)
            entry = objectives.setdefault(oid, {"id": oid, "theme": finding.theme, "label": label,
                                                "priority": finding.priority, "actions": [],
                                                "proposed_by": []})
            entry["proposed_by"].append(finding.rule)
            # kept unless every rule behind it had its actions set aside by their own conditions
            entry["keep"] = entry.get("keep", False) or bool(action_ids) or not (rule.actions if rule else ())
            first = first or entry
        for aid in action_ids:
            if aid in placed:
                placed[aid]["proposed_by"].append(finding.rule)
                continue
            action = ruleset.actions.get(aid)
            if action is None or first is None:
                continue  # the loader refuses unknown actions; be safe anyway
            placed[aid] = {"action": action, "priority": finding.priority, "proposed_by": [finding.rule]}
            first["actions"].append(aid)
    built = []
    for entry in objectives.values():
        if not entry["actions"] and not entry["keep"]:
            continue  # nothing left to do for it: the steps were already taken, or do not apply
        actions = tuple(_planned(placed[aid]["action"], today, placed[aid]["priority"],
                                 tuple(dict.fromkeys(placed[aid]["proposed_by"])))
                        for aid in entry["actions"])
        built.append(Objective(entry["id"], entry["theme"], entry["label"], entry["priority"],
                               actions, tuple(dict.fromkeys(entry["proposed_by"]))))
    ordered_objectives = _sorted(built)
    if first_step is not None:
        ordered_objectives = _first_step(ordered_objectives, first_step, frozenset(drivers))
    return Plan(tuple(ordered_objectives))


_WORK_THEMES = ("emploi", "formation")   # the job search itself: after a first step on what decided


def _first_step(objectives: list[Objective], size: int, drivers: frozenset) -> list[Objective]:
    """Keep `size` actions in the first step, mark the others for later. The first step holds
    the actions of the findings that decided, then the most urgent others, but not the job
    search itself (a job fair, a CV) unless it is what decided. The objectives of the findings
    that decided open the plan, then those holding first-step actions."""
    candidates = [a for o in objectives for a in o.actions
                  if drivers & set(a.proposed_by) or a.theme not in _WORK_THEMES]
    candidates.sort(key=lambda a: (not drivers & set(a.proposed_by), a.priority, a.due or dt.date.max))
    first = {a.id for a in candidates[:size]}
    result = [replace(o, actions=tuple(a if a.id in first else replace(a, later=True) for a in o.actions))
              for o in objectives]
    return sorted(result, key=lambda o: (not drivers & set(o.proposed_by),
                                         not any(a.id in first for a in o.actions)))


def _planned(action: Action, today: dt.date, priority: int, proposed_by: tuple,
             origin: str = ORIGIN_RULES) -> PlannedAction:
    return PlannedAction(
        id=action.id, label=action.label, theme=action.theme, providers=action.providers,
        category=action.category, due=today + dt.timedelta(days=action.delay_days),
        needs_agreement=action.needs_agreement, priority=priority, proposed_by=proposed_by,
        origin=origin, bring=action.bring,
    )


def _sorted(objectives: Iterable[Objective]) -> list[Objective]:
    """By priority; the original order breaks ties (sorted() is stable)."""
    return sorted(objectives, key=lambda o: o.priority)


# --- edits ----------------------------------------------------------------------

# op -> (the target key, the keys it may change, the keys it requires)
_OBJECTIVE_KEYS = frozenset({"theme", "label", "priority"})
_ACTION_KEYS = frozenset({"objective", "label", "providers", "due", "needs_agreement", "status", "note", "priority"})
_OPS: dict[str, tuple[str, frozenset, frozenset]] = {
    "add_objective": ("objective", _OBJECTIVE_KEYS, frozenset({"theme", "label"})),
    "edit_objective": ("objective", _OBJECTIVE_KEYS, frozenset()),
    "remove_objective": ("objective", frozenset(), frozenset()),
    "add_action": ("action", _ACTION_KEYS, frozenset({"objective"})),
    "edit_action": ("action", _ACTION_KEYS, frozenset()),
    "remove_action": ("action", frozenset(), frozenset()),
    "agree": ("", frozenset({"objective", "action", "agreed"}), frozenset({"agreed"})),
}


class InvalidEdit(ValueError):
    """An edit that does not have the right shape; the message is in plain French."""


@dataclass(frozen=True)
class PlanEdit:
    """One change an adviser made to the draft plan. `to_json()` / `from_json()`
    give the form stored with the session, e.g.
    {"op": "edit_action", "action": "call_115", "due": "2024-03-04", "status": "done"}."""

    op: str
    objective: str | None = None
    action: str | None = None
    changes: tuple = field(default=())   # ((key, JSON value), ...), keys sorted

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.changes).get(key, default)

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.changes)

    def to_json(self) -> dict:
        data: dict[str, Any] = {"op": self.op}
        if self.objective is not None:
            data["objective"] = self.objective
        if self.action is not None:
            data["action"] = self.action
        for key, value in self.changes:
            data[key] = list(value) if isinstance(value, tuple) else value
        return data

    @classmethod
    def from_json(cls, data: Any) -> "PlanEdit":
        if not isinstance(data, Mapping) or not isinstance(data.get("op"), str) or data["op"] not in _OPS:
            raise InvalidEdit(f"modification du plan inconnue : {data!r}")
        op = data["op"]
        target, allowed, required = _OPS[op]
        keys = set(data) - {"op", target}
        unknown = keys - allowed
        if unknown:
            raise InvalidEdit(f"{op} : clé(s) inattendue(s) {', '.join(sorted(map(str, unknown)))}")
        missing = required - set(data)
        if missing:
            raise InvalidEdit(f"{op} : il manque {', '.join(sorted(missing))}")
        if target and not _is_id(data.get(target)):
            raise InvalidEdit(f"{op} : '{target}' doit être un identifiant")
        if op == "agree" and ("objective" in data) == ("action" in data):
            raise InvalidEdit("agree : indiquez soit un objectif, soit une action")
        changes = {key: _check_value(op, key, data[key]) for key in keys}
        objective = action = None
        if target == "objective" or op == "agree":
            objective = changes.pop("objective", None) if op == "agree" else data["objective"]
        if target == "action" or op == "agree":
            action = changes.pop("action", None) if op == "agree" else data["action"]
        return cls(op, objective, action, tuple(sorted(changes.items())))

    # Constructors for front ends (they return checked edits).

    @classmethod
    def add_objective(cls, theme: str, label: str, objective: str | None = None,
                      priority: int | None = None) -> "PlanEdit":
        data = {"op": "add_objective", "objective": objective or new_id("o"), "theme": theme, "label": label}
        if priority is not None:
            data["priority"] = priority
        return cls.from_json(data)

    @classmethod
    def edit_objective(cls, objective: str, **changes) -> "PlanEdit":
        return cls.from_json({"op": "edit_objective", "objective": objective, **changes})

    @classmethod
    def remove_objective(cls, objective: str) -> "PlanEdit":
        return cls.from_json({"op": "remove_objective", "objective": objective})

    @classmethod
    def add_action(cls, objective: str, action: str | None = None, **fields) -> "PlanEdit":
        """`action`: a catalogue id (its label, providers, delay come with it) or None for
        an action of the adviser's own (then give `label`)."""
        return cls.from_json({"op": "add_action", "action": action or new_id("a"),
                              "objective": objective, **_jsonable(fields)})

    @classmethod
    def edit_action(cls, action: str, **changes) -> "PlanEdit":
        return cls.from_json({"op": "edit_action", "action": action, **_jsonable(changes)})

    @classmethod
    def remove_action(cls, action: str) -> "PlanEdit":
        return cls.from_json({"op": "remove_action", "action": action})

    @classmethod
    def agree(cls, agreed: bool | None, objective: str | None = None, action: str | None = None) -> "PlanEdit":
        data = {"op": "agree", "agreed": agreed}
        data.update({k: v for k, v in (("objective", objective), ("action", action)) if v is not None})
        return cls.from_json(data)


def new_id(prefix: str) -> str:
    """A fresh id for what an adviser adds (never equal to a catalogue id: those have no '-')."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def edits_from_json(data: Any) -> tuple[PlanEdit, ...]:
    """The stored edit list back as edits; raise InvalidEdit on the first bad one."""
    if not isinstance(data, list):
        raise InvalidEdit("les modifications du plan sont une liste")
    return tuple(PlanEdit.from_json(item) for item in data)


def _jsonable(fields: dict) -> dict:
    out = {}
    for key, value in fields.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 80 and value.isprintable()


def _check_value(op: str, key: str, value: Any) -> Any:
    bad = InvalidEdit(f"{op} : valeur invalide pour {key} : {value!r}")
    if key in ("objective", "action"):
        if not _is_id(value):
            raise bad
        return value
    if key in ("label", "note"):
        text = clean_text(value).strip() if isinstance(value, str) else ""
        if not text or len(value) > 2000:
            if key == "note" and value is None:
                return None
            raise bad
        return text
    if key == "theme":
        if not isinstance(value, str) or value not in THEMES:
            raise bad
        return value
    if key == "priority":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
            raise bad
        return value
    if key == "providers":
        if not isinstance(value, (list, tuple)) or any(not isinstance(p, str) or p not in PROVIDERS for p in value):
            raise bad
        return tuple(dict.fromkeys(value))
    if key == "due":
        if value is None:
            return None
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise bad from None
        return value
    if key == "status":
        if not isinstance(value, str) or value not in ACTION_STATUSES:
            raise bad
        return value
    if key in ("needs_agreement", "agreed"):
        if not isinstance(value, bool) and not (key == "agreed" and value is None):  # 1 == True: not a bool
            raise bad
        return value
    raise bad  # unreachable: keys are checked against _OPS first


def apply_edits(plan: Plan, edits: Iterable[PlanEdit], catalogue: Mapping[str, Action],
                today: dt.date) -> Plan:
    """The plan with the adviser's edits applied, in order. Pure."""
    objectives = [_Mutable.of(o) for o in plan.objectives]
    removed = list(plan.removed)
    stale = list(plan.stale)
    for edit in edits:
        reason = _apply(edit, objectives, removed, catalogue, today)
        if reason:
            stale.append(Stale(edit, reason))
    built = [o.freeze() for o in objectives]
    return Plan(tuple(_sorted(built)), tuple(removed), tuple(stale))


class _Mutable:
    """An objective while edits are applied."""

    def __init__(self, objective: Objective, actions: list):
        self.objective, self.actions = objective, actions

    @classmethod
    def of(cls, objective: Objective) -> "_Mutable":
        return cls(objective, list(objective.actions))

    def freeze(self) -> Objective:
        actions = sorted(self.actions, key=lambda a: a.priority)
        return replace(self.objective, actions=tuple(actions))


def _find_action(objectives: list, action_id: str):
    for holder in objectives:
        for i, action in enumerate(holder.actions):
            if action.id == action_id:
                return holder, i, action
    return None, -1, None


def _apply(edit: PlanEdit, objectives: list, removed: list, catalogue, today) -> str | None:
    by_id = {o.objective.id: o for o in objectives}
    op = edit.op
    if op == "add_objective":
        if edit.objective in by_id:
            return "cet objectif est déjà dans le plan"
        objectives.append(_Mutable(Objective(edit.objective, edit.get("theme"), edit.get("label"),
                                             edit.get("priority", DEFAULT_PRIORITY), origin=ORIGIN_ADVISER,
                                             edited=True), []))
        return None
    if op in ("edit_objective", "remove_objective") or (op == "agree" and edit.objective):
        holder = by_id.get(edit.objective)
        if holder is None:
            return "cet objectif n'est plus dans le plan"
        if op == "remove_objective":
            objectives.remove(holder)
            if holder.objective.origin == ORIGIN_RULES:
                removed.append(Removed("objective", holder.objective.id, holder.objective.label))
            removed.extend(Removed("action", a.id, a.label) for a in holder.actions if a.origin == ORIGIN_RULES)
            return None
        if op == "agree":
            holder.objective = replace(holder.objective, agreed=edit.get("agreed"), edited=True)
            return None
        changes = {k: v for k, v in edit.changes}
        holder.objective = replace(holder.objective, edited=True, **changes)
        return None
    if op == "add_action":
        holder = by_id.get(edit.get("objective"))
        if holder is None:
            return "l'objectif de cette action n'est plus dans le plan"
        if _find_action(objectives, edit.action)[2] is not None:
            return "cette action est déjà dans le plan"
        entry = catalogue.get(edit.action)
        if entry is not None:
            base = _planned(entry, today, holder.objective.priority, (), ORIGIN_ADVISER)
        elif edit.has("label"):
            base = PlannedAction(edit.action, edit.get("label"), holder.objective.theme,
                                 priority=holder.objective.priority, origin=ORIGIN_ADVISER)
        else:
            return "action inconnue du catalogue et sans libellé"
        holder.actions.append(_changed(base, edit, edited=True))
        removed[:] = [r for r in removed if (r.kind, r.id) != ("action", edit.action)]  # put back: not removed
        return None
    holder, index, action = _find_action(objectives, edit.action)
    if action is None:
        return "cette action n'est plus dans le plan"
    if op == "remove_action":
        del holder.actions[index]
        if action.origin == ORIGIN_RULES:
            removed.append(Removed("action", action.id, action.label))
        return None
    if op == "agree":
        holder.actions[index] = replace(action, agreed=edit.get("agreed"), edited=True)
        return None
    # edit_action
    target = edit.get("objective")
    if target is not None and target != holder.objective.id:
        destination = by_id.get(target)
        if destination is None:
            return "l'objectif de destination n'est plus dans le plan"
        del holder.actions[index]
        destination.actions.append(_changed(action, edit, edited=True))
        return None
    holder.actions[index] = _changed(action, edit, edited=True)
    return None


def _changed(action: PlannedAction, edit: PlanEdit, edited: bool) -> PlannedAction:
    changes: dict[str, Any] = {}
    for key, value in edit.changes:
        if key == "objective":
            continue
        if key == "due":
            value = dt.date.fromisoformat(value) if value else None
        changes[key] = value
    return replace(action, edited=edited, **changes)
