"""Pathways that name the findings they rest on (found), theme lists in freins(), and actions
proposed only when their own condition holds (one fact, one obstacle)."""
from scoring_base import CALM, RULES, TODAY

from diagnostic.commands.run import replay
from diagnostic.engine import Session
from diagnostic.scoring import diagnose

NAMED = RULES.replace('''  - id: social_first
    pathway: social
    when: "freins('fort', 'logement') + freins('fort', 'sante') >= 1"''', '''  - id: social_first
    pathway: social
    when: "found('no_shelter', 'health_blocks')"''').replace(
    '''when: "no_car or freins(['moyen']) >= 1"''', '''when: "freins(['fort', 'moyen'], ['logement', 'mobilite']) >= 1"''')

SIAO_ONLY_WITHOUT_CARE = RULES.replace("    actions: [call_115, siao]",
                                       "    actions: [call_115, {id: siao, when: \"licence == false\"}]")


def run(build, rules, **changes):
    q, ruleset = build(rules=rules)
    return diagnose(replay(q, {**CALM, **changes}, TODAY), ruleset)


def test_a_pathway_names_the_finding_that_decided(build):
    p = run(build, NAMED, tonight="street", licence=False, means=["walk"]).pathway
    assert (p.pathway, p.rule, [f.rule for f in p.findings]) == ("social", "social_first", ["no_shelter"])


def test_a_finding_not_named_does_not_decide(build):
    # a strong frein that the social pathway does not name leads elsewhere
    rules = NAMED.replace("found('no_shelter', 'health_blocks')", "found('no_shelter')")
    p = run(build, rules, health="a_lot", care=True).pathway
    assert p.pathway == "emploi"          # health is not among the themes of the second rule either


def test_freins_over_a_list_of_themes(build):
    p = run(build, NAMED, tonight="hosted").pathway
    assert (p.pathway, [f.rule for f in p.findings]) == ("socioprofessionnel", ["hosted"])
    p = run(build, NAMED, health="some", care=True).pathway
    assert p.pathway == "emploi"          # a sans_impact frein in sante is not counted


def test_found_waits_for_a_rule_still_pending(build):
    q, ruleset = build(rules=NAMED)
    session = Session(q, today=TODAY)
    session.answer("hosted")
    d = diagnose(session, ruleset)
    assert d.provisional and d.pathway is None   # health_blocks still unknown: social may come
    session.answer("a_lot")
    assert diagnose(session, ruleset).pathway.pathway == "social"


def test_an_action_with_its_own_condition(build):
    with_licence = run(build, SIAO_ONLY_WITHOUT_CARE, tonight="street", licence=True)
    assert "call_115" in {a.id for a in with_licence.plan.actions}
    assert "siao" not in {a.id for a in with_licence.plan.actions}
    without = run(build, SIAO_ONLY_WITHOUT_CARE, tonight="street", licence=False, means=["car"])
    assert {"call_115", "siao"} <= {a.id for a in without.plan.actions}
    # the finding is the same either way: the condition chose an action, not an obstacle
    assert [f.rule for f in with_licence.findings if f.kind == "frein"] == ["no_shelter"]


FIRST_STEP = RULES.replace('''    reason: Un frein fort en logement ou en santé passe d'abord.''', '''    reason: Un frein fort en logement ou en santé passe d'abord.
    first_step: 1''').replace('''    providers: [siao_115]
    delay_days: 0''', '''    providers: [siao_115]
    delay_days: 0
    bring: Rien, juste un téléphone.''')


def test_a_social_first_step_keeps_the_deciding_findings_actions_and_marks_the_rest_later(build):
    d = run(build, FIRST_STEP, tonight="street", health="some", care=False, licence=False, means=["walk"])
    assert d.pathway.pathway == "social"
    first = [a.id for a in d.plan.actions if not a.later]
    assert first == ["call_115"]                       # the deciding finding's most urgent action
    assert {a.id for a in d.plan.actions if a.later} == {"siao", "doctor", "mobility"}
    assert d.plan.objectives[0].label == "Trouver un hébergement"   # the plan opens with what decided
    assert d.plan.action("call_115").bring == "Rien, juste un téléphone."


def test_without_first_step_nothing_is_for_later(build):
    d = run(build, FIRST_STEP.replace("    first_step: 1\n", ""), tonight="street", licence=False, means=["walk"])
    assert d.pathway.pathway == "social" and not any(a.later for a in d.plan.actions)
