"""The draft action plan the rules propose."""
import datetime as dt


def plan_of(d):
    return [(o.label, [a.id for a in o.actions]) for o in d.plan.objectives]


def test_objectives_and_actions_by_priority_with_due_dates(diagnosis):
    d = diagnosis(tonight="street", licence=False, means=["bus"])
    assert plan_of(d) == [("Trouver un hébergement", ["call_115", "siao"]),
                          ("Peu de moyens de se déplacer", ["mobility"])]
    call, siao = d.plan.objectives[0].actions
    assert (call.label, call.providers, call.status, call.due, call.needs_agreement) == \
        ("Appeler le 115", ("siao_115",), "planned", dt.date(2024, 3, 1), False)
    assert (siao.due, siao.needs_agreement) == (dt.date(2024, 3, 8), True)
    assert d.plan.objectives[0].theme == "logement" and d.plan.objectives[0].needs_agreement


def test_an_action_proposed_by_several_rules_appears_once(diagnosis):
    d = diagnosis(health="a_lot", care=False)
    # health_blocks (priority 2) and no_doctor (priority 4) both propose 'doctor'
    assert plan_of(d) == [("Se soigner", ["doctor"]), ("Accéder aux soins", [])]
    doctor = d.plan.objectives[0].actions[0]
    assert doctor.proposed_by == ("health_blocks", "no_doctor")
    assert [a.id for a in d.plan.actions] == ["doctor"]


def test_a_finding_without_objectives_gets_one_named_after_it(diagnosis):
    d = diagnosis(tonight="home", arrears=True)
    assert plan_of(d) == [("Loyers en retard", ["fsl"])]


def test_an_atout_proposes_nothing_and_no_finding_means_an_empty_plan(diagnosis):
    d = diagnosis(licence=True)
    assert [f.kind for f in d.findings] == ["atout"] and d.plan.objectives == ()


def test_objective_ids_are_stable_across_runs(diagnosis):
    first = diagnosis(tonight="street").plan.objectives[0].id
    again = diagnosis(tonight="street", licence=False).plan.objectives[0].id
    assert first == again and first.startswith("o_")
