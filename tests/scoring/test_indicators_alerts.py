"""Indicators and alerts as `diagnose` makes them (issue 10): bands at their limits, the reason
an indicator is undefined, the order of alerts."""
import datetime as dt

import pytest

from diagnostic.engine import Session
from diagnostic.expressions import NOT_APPLICABLE, UNKNOWN
from diagnostic.i18n import Formatter
from diagnostic.loading import load_questionnaire
from diagnostic.loading.rules import load_rules
from diagnostic.report import to_data
from diagnostic.scoring import diagnose

TODAY = dt.date(2026, 12, 1)

QUESTIONNAIRE = """\
id: mesure
version: 1
title: Mesure
rules: [rules.yaml]
computed:
  - id: total
    label: Total
    decimals: 2
    unit: points
    bands:
      - {below: 5, label: Bas}
      - {below: 10, label: Moyen}
      - {label: Haut}
    compute: "sum(a, b)"
  - id: double
    label: Double
    compute: "total * 2"
sections:
  - id: s
    theme: sante
    title: Santé
    questions:
      - id: a
        type: number
        text: Premier nombre ?
        decline: true
      - id: b
        type: number
        text: Second nombre ?
      - id: alerte
        type: note
        urgent: true
        when: "b > 8"
        text: Appelez le 15.
      - id: info
        type: note
        when: "b > 8"
        text: Une note ordinaire.
"""

RULES = """\
rules:
  - id: haut
    theme: sante
    when: "total >= 10"
    urgent: true
    priority: 2
    finding: {kind: frein, intensity: fort, label: "Total élevé : {{ total }}"}
  - id: tres_haut
    theme: sante
    when: "total >= 12"
    urgent: true
    priority: 1
    finding: {kind: frein, intensity: fort, label: "Total très élevé"}
  - id: ordinaire
    theme: sante
    when: "b > 0"
    finding: {kind: atout, label: Ordinaire}
"""


@pytest.fixture
def loaded(write):
    write("q.yaml", QUESTIONNAIRE)
    write("rules.yaml", RULES)
    q = load_questionnaire("q.yaml")
    return q, load_rules(q)


def data(loaded, *answers):
    q, rules = loaded
    session = Session(q, today=TODAY)
    for answer in answers:
        session.answer(answer)
    while session.current is not None and not session.current.asks:
        session.answer(None)
    return diagnose(session, rules), to_data(diagnose(session, rules), Formatter("fr"))


@pytest.mark.parametrize("a, b, band", [(0, 0, "Bas"), (2.5, 2.49, "Bas"), (2.5, 2.5, "Moyen"),
                                        (5, 4.99, "Moyen"), (5, 5, "Haut"), (50, 50, "Haut")])
def test_the_band_is_the_first_whose_below_is_above_the_value(loaded, a, b, band):
    diagnostic, out = data(loaded, a, b)
    assert diagnostic.indicators[0].band == band
    assert out["indicators"][0]["band"] == band


def test_an_indicator_is_shown_with_its_decimals_and_unit_for_the_locale(loaded):
    _, out = data(loaded, 1234.5, 0.25)
    assert out["indicators"][0] == {"id": "total", "label": "Total", "theme": None, "value": 1234.75,
                                    "display": "1\u202f234,75 points", "band": "Haut", "sensitive": False}
    assert out["indicators"][1]["display"] == "2\u202f469,5"   # no decimals: as it comes


def test_an_undefined_indicator_says_which_answer_is_missing(loaded):
    diagnostic, out = data(loaded, {"declined": True}, 3)
    assert diagnostic.indicators[0].value is NOT_APPLICABLE
    total, double = out["indicators"]
    assert total["value"] is None and total["band"] is None
    assert total["display"] == "non calculé : une réponse manque (question « Premier nombre ? »)"
    assert double["display"] == total["display"]     # through the computed value it reads
    assert [f["rule"] for f in out["findings"]] == ["ordinaire"]


def test_during_the_interview_an_indicator_is_not_computed_yet(loaded):
    diagnostic, out = data(loaded, 3)
    assert diagnostic.indicators[0].value is UNKNOWN
    assert out["indicators"][0]["display"] == "pas encore calculé : l'entretien n'est pas terminé"


def test_alerts_list_urgent_findings_by_priority_then_urgent_notes_shown(loaded):
    _, out = data(loaded, 3, 9.5)
    assert out["alerts"] == [
        {"id": "tres_haut", "kind": "finding", "label": "Total très élevé"},
        {"id": "haut", "kind": "finding", "label": "Total élevé : 12,50 points"},
        {"id": "alerte", "kind": "note", "label": "Appelez le 15."},
    ]
    assert out["notes"] == ["alerte", "info"]       # the ordinary note is shown, not an alert


def test_no_alert_when_nothing_urgent_holds(loaded):
    _, out = data(loaded, 1, 2)
    assert out["alerts"] == []
