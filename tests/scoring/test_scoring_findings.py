"""Findings, their *why*, and the status of each theme."""
import datetime as dt

from scoring_base import CALM, QUESTIONNAIRE, TODAY

from diagnostic.commands.run import replay
from diagnostic.engine import Session
from diagnostic.expressions import DECLINED
from diagnostic.scoring import diagnose


def rules_of(d):
    return [f.rule for f in d.findings]


def theme(d, slug):
    return next(t for t in d.themes if t.theme == slug)


def test_a_finding_says_why_with_the_question_and_the_answer_label(diagnosis):
    d = diagnosis(tonight="street")
    finding = d.findings[0]
    assert (finding.rule, finding.kind, finding.intensity, finding.label) == \
        ("no_shelter", "frein", "fort", "Sans solution pour dormir ce soir")
    assert [(w.text, w.labels) for w in finding.why] == [("Où dormez-vous ce soir ?", ("Dans la rue",))]


def test_why_keeps_only_the_part_of_an_or_that_decided(diagnosis):
    # licence is true, so only "means == ['walk']" made no_car true
    d = diagnosis(licence=True, means=["walk"])
    no_car = next(f for f in d.findings if f.rule == "no_car")
    assert [w.name for w in no_car.why] == ["means"]
    # without a licence and without a car, the first part decided, and both of its names count
    d = diagnosis(licence=False, means=["bus"])
    no_car = next(f for f in d.findings if f.rule == "no_car")
    assert [w.name for w in no_car.why] == ["licence", "means"]
    assert [w.value for w in no_car.why] == [False, ("bus",)]


def test_findings_come_most_urgent_first(diagnosis):
    d = diagnosis(tonight="street", health="a_lot", care=False, licence=False, means=["walk"])
    assert rules_of(d) == ["no_shelter", "health_blocks", "no_doctor", "no_car"]
    assert [f.priority for f in d.findings] == [1, 2, 4, 4]


def test_a_theme_with_freins_shows_the_strongest(diagnosis):
    d = diagnosis(health="a_lot", care=False)
    sante = theme(d, "sante")
    assert (sante.status, sante.intensity) == ("frein", "fort")
    assert [f.rule for f in sante.findings] == ["health_blocks", "no_doctor"]
    assert [f.name for f in sante.facts] == ["health", "care"]


def test_atout_declined_not_discussed_and_discussed_without_finding(diagnosis):
    d = diagnosis(tonight="hosted", health={"declined": True}, licence=True)
    assert [(t.theme, t.status) for t in d.themes] == [
        ("logement", "frein"),
        ("sante", "declined"),           # the person preferred not to answer
        ("mobilite", "atout"),
        ("contraintes_familiales", "non_aborde"),  # its section was not asked
    ]
    assert theme(d, "sante").facts[0].value is DECLINED
    d = diagnosis()
    assert theme(d, "logement").status == "sans_constat"  # discussed, nothing concluded


def test_key_facts_are_the_answers_given_in_the_theme(diagnosis):
    d = diagnosis(tonight="home", arrears=True)
    logement = theme(d, "logement")
    assert [(f.text, f.value) for f in logement.facts] == [
        ("Où dormez-vous ce soir ?", "home"), ("Avez-vous des loyers en retard ?", True)]
    assert logement.facts[0].labels == ("Chez moi",)


def test_a_questionnaire_without_rules_still_runs_with_no_finding_and_no_pathway(build):
    q, ruleset = build(rules=None)
    assert q.rule_files == () and ruleset.rules == () and ruleset.pathways == ()
    d = diagnose(replay(q, {**CALM, "tonight": "street"}, TODAY), ruleset)
    assert d.findings == () and d.pathway is None and d.plan.objectives == ()
    assert theme(d, "logement").status == "sans_constat"
    assert d.header.rules_hash == ""


def test_during_the_interview_only_settled_rules_conclude(diagnosis):
    session = Session(diagnosis.questionnaire, today=TODAY)
    session.answer("street")
    d = diagnose(session, diagnosis.ruleset, mode="adviser")
    assert d.provisional and d.header.mode == "adviser"
    assert rules_of(d) == ["no_shelter"]                 # known already
    pending = {p.rule: p.missing for p in d.pending}
    assert pending["health_blocks"] == ("health",)        # waits for an answer
    assert "hosted" not in pending                        # false already, not pending
    # the social pathway counts freins in santé too, which may still come: no proposal yet
    assert d.pathway is None
    session.answer("none")
    d = diagnose(session, diagnosis.ruleset)
    assert d.pathway is not None and d.pathway.pathway == "social"
    assert d.provisional                                   # mobilité still to come


def test_the_header_names_the_questionnaire_and_the_rules(diagnosis):
    d = diagnosis()
    h = d.header
    assert (h.questionnaire, h.version, h.date, h.mode, h.locale) == ("base", 1, dt.date(2024, 3, 1), "script", "fr")
    assert h.content_hash.startswith("sha256:") and h.rules_hash.startswith("sha256:")
    assert not h.provisional


def test_a_computed_value_in_why_uses_its_label(build):
    text = QUESTIONNAIRE.replace("sections:\n", """\
computed:
  - id: n_children
    compute: "children + 0"
    label: Nombre d'enfants à charge
sections:
""", 1)
    rules = """\
rules:
  - id: large_family
    theme: contraintes_familiales
    when: "n_children >= 3"
    finding: {kind: frein, intensity: moyen, label: Famille nombreuse}
"""
    q, ruleset = build(text, rules)
    d = diagnose(replay(q, {**CALM, "children": 4}, TODAY), ruleset)
    assert [(w.text, w.value) for w in d.findings[0].why] == [("Nombre d'enfants à charge", 4)]


def test_a_multiple_choice_equals_a_list_of_the_same_values_in_any_order(build):
    rules = """\
rules:
  - id: bus_and_walk
    theme: mobilite
    when: "means == ['walk', 'bus']"
    finding: {kind: frein, intensity: sans_impact, label: Bus et marche}
"""
    q, ruleset = build(rules=rules)
    concluded = lambda means: [f.rule for f in diagnose(replay(q, {**CALM, "means": means}, TODAY), ruleset).findings]  # noqa: E731
    assert concluded(["bus", "walk"]) == ["bus_and_walk"]
    assert concluded(["walk"]) == [] and concluded(["car", "bus", "walk"]) == []


def test_a_theme_answered_only_with_dont_know_was_discussed(build):
    text = QUESTIONNAIRE.replace("        text: Combien d'enfants avez-vous à charge ?\n",
                                 "        text: Combien d'enfants avez-vous à charge ?\n        dont_know: true\n")
    q, ruleset = build(text)
    d = diagnose(replay(q, {**CALM, "children": {"dont_know": True}}, TODAY), ruleset)
    famille = theme(d, "contraintes_familiales")
    assert [f.state for f in famille.facts] == ["dont_know"]
    assert famille.status == "sans_constat"   # asked and answered "je ne sais pas": not "non abordé"
