"""A small questionnaire and rule set, written inline, for the scoring tests."""
import datetime as dt

import pytest

from diagnostic.commands.run import replay
from diagnostic.loading import load_questionnaire
from diagnostic.loading.rules import load_rules
from diagnostic.scoring import diagnose

TODAY = dt.date(2024, 3, 1)

QUESTIONNAIRE = """\
id: base
version: 1
title: Base de test
rules: [rules.yaml]
sections:
  - id: logement
    theme: logement
    title: Logement
    questions:
      - id: tonight
        type: choice
        text: Où dormez-vous ce soir ?
        choices:
          - {value: home, label: Chez moi}
          - {value: hosted, label: Chez un proche}
          - {value: street, label: Dans la rue}
      - id: arrears
        type: yes_no
        text: Avez-vous des loyers en retard ?
        when: "tonight == 'home'"
  - id: sante
    theme: sante
    title: Santé
    questions:
      - id: health
        type: choice
        text: Votre santé vous gêne-t-elle pour travailler ?
        sensitive: true
        decline: true
        choices:
          - {value: none, label: Non}
          - {value: some, label: Un peu}
          - {value: a_lot, label: Beaucoup}
      - id: care
        type: yes_no
        text: Êtes-vous suivi par un médecin ?
        sensitive: true
        decline: true
        when: "health in ['some', 'a_lot']"
  - id: mobilite
    theme: mobilite
    title: Mobilité
    questions:
      - id: licence
        type: yes_no
        text: Avez-vous le permis ?
      - id: means
        type: multi_choice
        text: Comment vous déplacez-vous ?
        choices:
          - {value: car, label: En voiture}
          - {value: bus, label: En bus}
          - {value: walk, label: À pied}
  - id: famille
    theme: contraintes_familiales
    title: Famille
    when: "tonight == 'home'"
    questions:
      - id: children
        type: number
        text: Combien d'enfants avez-vous à charge ?
        integer: true
        min: 0
"""

RULES = """\
actions:
  - id: call_115
    label: Appeler le 115
    theme: logement
    category: logement-hebergement--rechercher-une-solution-dhebergement-temporaire
    providers: [siao_115]
    delay_days: 0
  - id: siao
    label: Demande au SIAO
    theme: logement
    category: logement-hebergement--rechercher-une-solution-dhebergement-temporaire
    providers: [siao_115, ccas]
    delay_days: 7
    needs_agreement: true
  - id: fsl
    label: Demande d'aide au FSL
    theme: logement
    category: logement-hebergement--reduire-les-impayes-de-loyer
    providers: [departement]
    delay_days: 15
    needs_agreement: true
  - id: doctor
    label: Trouver un médecin traitant
    theme: sante
    category: sante--acces-aux-soins
    providers: [cpam]
    delay_days: 30
  - id: mobility
    label: Bilan de mobilité
    theme: mobilite
    category: mobilite--etre-accompagne-dans-son-parcours-mobilite
    providers: [association]
    delay_days: 14

rules:
  - id: no_shelter
    theme: logement
    when: "tonight == 'street'"
    priority: 1
    finding: {kind: frein, intensity: fort, label: Sans solution pour dormir ce soir,
              objectives: [Trouver un hébergement]}
    actions: [call_115, siao]
  - id: hosted
    theme: logement
    when: "tonight == 'hosted'"
    priority: 3
    finding: {kind: frein, intensity: moyen, label: Hébergé chez un proche, objectives: [Trouver un hébergement]}
    actions: [siao]
  - id: rent_arrears
    theme: logement
    when: "arrears"
    priority: 2
    finding: {kind: frein, intensity: moyen, label: Loyers en retard}
    actions: [fsl]
  - id: health_blocks
    theme: sante
    when: "health == 'a_lot'"
    priority: 2
    finding: {kind: frein, intensity: fort, label: La santé empêche de travailler, objectives: [Se soigner]}
    actions: [doctor]
  - id: health_some
    theme: sante
    when: "health == 'some'"
    finding: {kind: frein, intensity: sans_impact, label: Une gêne de santé}
  - id: no_doctor
    theme: sante
    when: "care == false"
    priority: 4
    finding: {kind: frein, intensity: moyen, label: Pas de suivi médical, objectives: [Accéder aux soins]}
    actions: [doctor]
  - id: licence_ok
    theme: mobilite
    when: "licence"
    finding: {kind: atout, label: A le permis}
  - id: no_car
    theme: mobilite
    when: "(not licence and not any_of(means, ['car'])) or means == ['walk']"
    priority: 4
    finding: {kind: frein, intensity: moyen, label: Peu de moyens de se déplacer}
    actions: [mobility]

pathways:
  - id: social_first
    pathway: social
    when: "freins('fort', 'logement') + freins('fort', 'sante') >= 1"
    reason: Un frein fort en logement ou en santé passe d'abord.
  - id: in_parallel
    pathway: socioprofessionnel
    when: "no_car or freins(['moyen']) >= 1"
    reason: Des freins à lever en parallèle.
  - id: ready
    pathway: emploi
    when: "true"
    reason: Rien ne s'oppose à la recherche d'emploi.
"""

CALM = {"tonight": "home", "arrears": False, "health": "none", "licence": True, "means": ["car"], "children": 0}


@pytest.fixture
def build(write):
    """build(questionnaire_text=QUESTIONNAIRE, rules_text=RULES) -> (questionnaire, ruleset)."""
    def _build(questionnaire: str = QUESTIONNAIRE, rules: str | None = RULES):
        if rules is None:
            questionnaire = questionnaire.replace("rules: [rules.yaml]\n", "")
        else:
            write("rules.yaml", rules)
        write("q.yaml", questionnaire)
        q = load_questionnaire("q.yaml")
        return q, load_rules(q)
    return _build


@pytest.fixture
def diagnosis(build):
    """diagnosis(**answers) -> the Diagnostic of a finished interview on the base questionnaire."""
    q, ruleset = build()

    def _diagnosis(edits=(), **changes):
        answers = {**CALM, **changes}
        return diagnose(replay(q, answers, TODAY), ruleset, mode="script", edits=edits)
    _diagnosis.questionnaire, _diagnosis.ruleset = q, ruleset
    return _diagnosis
