"""Checking an adviser's plan edit against the plan as it stands.

The core applies edits leniently (an edit whose target is gone after the
rules were re-run is listed as stale, not an error). An edit the adviser is
making now must name what is in front of them: an unknown id is refused
here, with a code and a message, before it is stored.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from ..model import Action
from ..plan import Plan, PlanEdit, edits_from_json
from .errors import PlanEditRefused


def edits(stored: Iterable[dict]) -> tuple[PlanEdit, ...]:
    """The stored edit list as edits (each was checked when it was made)."""
    return edits_from_json(list(stored))


def check_edit(plan: Plan, edit: PlanEdit, catalogue: Mapping[str, Action]) -> None:
    """Raise PlanEditRefused if `edit` cannot apply to `plan` as it stands."""
    objectives = {o.id for o in plan.objectives}
    actions = {a.id for a in plan.actions}
    op = edit.op
    if op == "add_objective":
        if edit.objective in objectives:
            _refuse("duplicate_objective", f"l'objectif « {edit.objective} » est déjà dans le plan",
                    objective=edit.objective)
        return
    if op in ("edit_objective", "remove_objective") or (op == "agree" and edit.objective):
        _known_objective(edit.objective, objectives)
        return
    if op == "add_action":
        _known_objective(edit.get("objective"), objectives)
        if edit.action in actions:
            _refuse("duplicate_action", f"l'action « {edit.action} » est déjà dans le plan",
                    action=edit.action)
        if edit.action not in catalogue and not edit.has("label"):
            _refuse("unknown_catalogue_action", f"l'action « {edit.action} » n'est pas au "
                    "catalogue : donnez son libellé pour l'ajouter", action=edit.action)
        return
    if edit.action not in actions:  # edit_action, remove_action, agree on an action
        _refuse("unknown_action", f"aucune action « {edit.action} » dans le plan",
                action=edit.action, known=sorted(actions))
    if op == "edit_action" and edit.has("objective"):
        _known_objective(edit.get("objective"), objectives)


def _known_objective(objective: str | None, objectives: set) -> None:
    if objective not in objectives:
        _refuse("unknown_objective", f"aucun objectif « {objective} » dans le plan",
                objective=objective, known=sorted(objectives))


def _refuse(code: str, message: str, **params) -> None:
    raise PlanEditRefused(code, message, **params)
