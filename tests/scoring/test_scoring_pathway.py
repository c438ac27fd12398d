"""The proposed pathway: first matching rule, with its reason and the findings behind it."""
from scoring_base import CALM, RULES, TODAY

from diagnostic.commands.run import replay
from diagnostic.scoring import diagnose


def test_a_strong_frein_in_housing_proposes_the_social_pathway_and_says_which(diagnosis):
    p = diagnosis(tonight="street", licence=False, means=["walk"]).pathway
    assert (p.pathway, p.label, p.rule) == ("social", "Social", "social_first")
    assert p.reason == "Un frein fort en logement ou en santé passe d'abord."
    assert [f.rule for f in p.findings] == ["no_shelter"]   # not no_car: it did not count


def test_freins_counts_health_too(diagnosis):
    p = diagnosis(health="a_lot", care=True).pathway
    assert p.pathway == "social" and [f.rule for f in p.findings] == ["health_blocks"]


def test_a_rule_id_in_a_pathway_condition(diagnosis):
    p = diagnosis(licence=True, means=["walk"]).pathway
    assert (p.pathway, [f.rule for f in p.findings]) == ("socioprofessionnel", ["no_car"])


def test_a_list_of_intensities(diagnosis):
    p = diagnosis(tonight="hosted").pathway
    assert (p.pathway, [f.rule for f in p.findings]) == ("socioprofessionnel", ["hosted"])


def test_the_default_pathway_has_its_reason_and_no_finding(diagnosis):
    p = diagnosis().pathway
    assert (p.pathway, p.rule, p.findings) == ("emploi", "ready", ())


def test_no_pathway_when_none_matches(build):
    q, ruleset = build(rules=RULES.replace('when: "true"', 'when: "licence == false"'))
    d = diagnose(replay(q, CALM, TODAY), ruleset)
    assert d.pathway is None and not d.provisional


def test_a_pathway_may_read_answers_directly(build):
    rules = RULES.replace("when: \"no_car or freins(['moyen']) >= 1\"", "when: \"tonight == 'hosted'\"")
    q, ruleset = build(rules=rules)
    p = diagnose(replay(q, {**CALM, "tonight": "hosted"}, TODAY), ruleset).pathway
    assert p.pathway == "socioprofessionnel"
    assert [(f.text, f.labels) for f in p.facts] == [("Où dormez-vous ce soir ?", ("Chez un proche",))]
