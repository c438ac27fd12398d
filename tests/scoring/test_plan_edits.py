"""The adviser's edits to the draft plan: kept apart from the proposal, applied on top, stored as JSON."""
import datetime as dt
import json

import pytest

from diagnostic.plan import InvalidEdit, PlanEdit, edits_from_json


def labels(plan):
    return [(o.label, [a.label for a in o.actions]) for o in plan.objectives]


def street(diagnosis, *edits):
    return diagnosis(tonight="street", edits=edits)


def test_removing_a_proposed_action_keeps_the_proposal_apart(diagnosis):
    d = street(diagnosis, PlanEdit.remove_action("siao"))
    assert labels(d.plan) == [("Trouver un hébergement", ["Appeler le 115"])]
    assert labels(d.proposed_plan) == [("Trouver un hébergement", ["Appeler le 115", "Demande au SIAO"])]
    assert [(r.kind, r.id, r.label) for r in d.plan.removed] == [("action", "siao", "Demande au SIAO")]


def test_editing_an_action_due_date_status_and_note(diagnosis):
    edit = PlanEdit.edit_action("siao", due=dt.date(2024, 3, 4), status="in_progress", note="RDV pris")
    siao = street(diagnosis, edit).plan.action("siao")
    assert (siao.due, siao.status, siao.note, siao.edited, siao.origin) == \
        (dt.date(2024, 3, 4), "in_progress", "RDV pris", True, "rules")


def test_adding_an_objective_with_an_action_of_the_catalogue_and_one_of_our_own(diagnosis):
    goal = PlanEdit.add_objective("mobilite", "Passer le permis", objective="o-permis")
    from_catalogue = PlanEdit.add_action("o-permis", "mobility")
    own = PlanEdit.add_action("o-permis", "a-ecole", label="S'inscrire à l'auto-école sociale",
                              providers=["association"], needs_agreement=True)
    d = street(diagnosis, goal, from_catalogue, own)
    objective = d.plan.objective("o-permis")
    assert (objective.theme, objective.origin, objective.priority) == ("mobilite", "adviser", 5)
    mobility, school = objective.actions
    assert (mobility.label, mobility.due, mobility.origin) == ("Bilan de mobilité", dt.date(2024, 3, 15), "adviser")
    assert (school.label, school.providers, school.needs_agreement, school.due) == \
        ("S'inscrire à l'auto-école sociale", ("association",), True, None)


def test_agreement_on_an_action_and_on_an_objective(diagnosis):
    objective_id = diagnosis(tonight="street").plan.objectives[0].id
    d = street(diagnosis, PlanEdit.agree(True, action="siao"), PlanEdit.agree(False, objective=objective_id))
    assert d.plan.action("siao").agreed is True
    assert d.plan.objective(objective_id).agreed is False
    assert d.plan.action("call_115").agreed is None


def test_moving_an_action_and_removing_an_objective(diagnosis):
    d0 = diagnosis(tonight="street", health="a_lot", care=True)
    housing, health = (o.id for o in d0.plan.objectives)
    d = diagnosis(tonight="street", health="a_lot", care=True,
                  edits=[PlanEdit.edit_action("doctor", objective=housing), PlanEdit.remove_objective(health)])
    assert labels(d.plan) == [("Trouver un hébergement",
                               ["Appeler le 115", "Demande au SIAO", "Trouver un médecin traitant"])]
    assert [(r.kind, r.id) for r in d.plan.removed] == [("objective", health)]


def test_edits_whose_target_is_gone_are_listed_not_fatal(diagnosis):
    edits = [PlanEdit.remove_action("siao"), PlanEdit.edit_action("call_115", status="done")]
    d = diagnosis(tonight="home", edits=edits)   # the answers changed: no housing frein any more
    assert d.plan.objectives == ()
    assert [(s.edit.action, s.reason) for s in d.plan.stale] == [
        ("siao", "plan.action_gone"), ("call_115", "plan.action_gone")]


def test_edits_round_trip_through_json(diagnosis):
    edits = [PlanEdit.add_objective("mobilite", "Passer le permis", objective="o-permis", priority=2),
             PlanEdit.add_action("o-permis", "a-1", label="Code de la route", due="2024-04-01"),
             PlanEdit.edit_action("siao", providers=["ccas"], needs_agreement=False),
             PlanEdit.agree(None, action="siao"),
             PlanEdit.remove_action("call_115")]
    stored = json.loads(json.dumps([e.to_json() for e in edits]))
    assert edits_from_json(stored) == tuple(edits)
    assert stored[2] == {"op": "edit_action", "action": "siao", "needs_agreement": False, "providers": ["ccas"]}
    d = street(diagnosis, *edits_from_json(stored))
    assert labels(d.plan) == [("Trouver un hébergement", ["Demande au SIAO"]),   # priority 1
                              ("Passer le permis", ["Code de la route"])]          # priority 2
    assert d.plan.action("a-1").due == dt.date(2024, 4, 1)


@pytest.mark.parametrize("data, message", [
    ({"op": "rename"}, "modification du plan inconnue"),
    ({"op": "remove_action"}, "'action' doit être un identifiant"),
    ({"op": "edit_action", "action": "x", "colour": "red"}, "clé(s) inattendue(s) colour"),
    ({"op": "edit_action", "action": "x", "status": "finished"}, "valeur invalide pour status"),
    ({"op": "edit_action", "action": "x", "due": "2024-02-30"}, "valeur invalide pour due"),
    ({"op": "add_objective", "objective": "o", "theme": "logement"}, "il manque label"),
    ({"op": "add_objective", "objective": "o", "theme": "housing", "label": "x"}, "valeur invalide pour theme"),
    ({"op": "agree", "agreed": True}, "indiquez soit un objectif, soit une action"),
    ({"op": "edit_action", "action": "x", "providers": ["pole_emploi"]}, "valeur invalide pour providers"),
    # values of the wrong type are refused too, not a crash (unhashable) nor taken for a boolean (1 == True)
    ({"op": ["agree"]}, "modification du plan inconnue"),
    ({"op": "add_objective", "objective": "o", "theme": ["logement"], "label": "x"}, "valeur invalide pour theme"),
    ({"op": "edit_action", "action": "x", "providers": [["ccas"]]}, "valeur invalide pour providers"),
    ({"op": "edit_action", "action": "x", "status": {"done": 1}}, "valeur invalide pour status"),
    ({"op": "agree", "action": "x", "agreed": 1}, "valeur invalide pour agreed"),
    ({"op": "remove_action", "action": "x", 1: 2}, "clé(s) inattendue(s) 1"),
])
def test_malformed_edits_are_refused_in_plain_french(data, message):
    with pytest.raises(InvalidEdit, match=message.replace("(", r"\(").replace(")", r"\)")):
        PlanEdit.from_json(data)


def test_an_action_removed_then_added_back_is_no_longer_listed_as_removed(diagnosis):
    housing = diagnosis(tonight="street").plan.objectives[0].id
    d = street(diagnosis, PlanEdit.remove_action("siao"), PlanEdit.add_action(housing, "siao"))
    assert [a.id for a in d.plan.actions] == ["call_115", "siao"]
    assert d.plan.removed == () and d.plan.stale == ()
