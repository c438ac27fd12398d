"""Scoring instruments in every output (issue 10): indicators in their theme's section, urgent
alerts first, {{ name }} in finding labels, refusals of `run` that list the valid values.
Runs the real `run` command on questionnaires/examples/."""
import json
from pathlib import Path

import jsonschema
import pytest

from diagnostic.cli import main
from diagnostic.report import schema

EXAMPLES = Path(__file__).resolve().parents[2] / "questionnaires" / "examples"
PHQ9_URGENT = {"phq_1": 2, "phq_2": 2, "phq_3": 2, "phq_4": 2, "phq_5": 1, "phq_6": 1, "phq_7": 1,
               "phq_8": 0, "phq_9": 1}


def run(capsys, tmp_path, questionnaire, answers, fmt="json"):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    code = main(["run", str(EXAMPLES / questionnaire), "--answers", str(path), "--format", fmt,
                 "--today", "2026-12-01"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_json_has_alerts_and_indicators_and_follows_the_schema(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, "phq9.yaml", PHQ9_URGENT)
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft7Validator(schema()).validate(data)
    assert data["alerts"] == [
        {"id": "phq9_idees_noires", "kind": "finding",
         "label": "Pensées de mort ou de se faire du mal (question 9 du PHQ-9) : en parler aujourd'hui"},
        {"id": "alerte_3114", "kind": "note", "label": data["alerts"][1]["label"]}]
    assert "3114" in data["alerts"][1]["label"]
    assert data["indicators"][1] == {"id": "phq9", "label": "Score PHQ-9", "theme": "sante", "value": 12,
                                     "display": "12", "band": "Dépression modérée", "sensitive": True}
    sante = next(t for t in data["themes"] if t["theme"] == "sante")
    assert sante["indicators"] == ["phq2", "phq9"]
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert by_rule["phq9_symptomes_depressifs"]["label"] == "Symptômes dépressifs (score PHQ-9 : 12 sur 27)"
    assert by_rule["phq9_idees_noires"]["urgent"] is True


def test_a_label_shows_an_indicator_with_its_decimals_for_the_locale(capsys, tmp_path):
    answers = dict.fromkeys(["travailleur_social", "difficultes_financieres", "contacts_famille",
                             "aide_materielle"], True)
    answers |= dict.fromkeys(["complementaire", "en_couple", "proprietaire", "sport", "spectacle", "vacances",
                              "hebergement"], False)
    data = json.loads(run(capsys, tmp_path, "epices.yaml", answers)[1])
    assert data["findings"][0]["label"] == "Situation de précarité (score EPICES : 83,43)"
    assert data["indicators"][0]["display"] == "83,43"
    assert data["alerts"] == []


@pytest.mark.parametrize("fmt, first", [("text", "ALERTE : À TRAITER EN PRIORITÉ"),
                                        ("markdown", "## ⚠ Alerte : à traiter en priorité"),
                                        ("html", '<section class="alerts" aria-labelledby="alerts">')])
def test_alerts_come_first_in_every_format(capsys, tmp_path, fmt, first):
    code, out, _ = run(capsys, tmp_path, "phq9.yaml", PHQ9_URGENT, fmt)
    assert code == 0
    alert = out.index(first)
    assert alert < out.index("ORIENTATION PROPOSÉE" if fmt == "text" else "Orientation proposée")
    assert out.index("3114") > alert
    # in the theme's section, with the band
    assert "Score PHQ-9" in out[out.index("Santé"):] and "Dépression modérée" in out


def test_the_html_alert_box_does_not_rely_on_colour(capsys, tmp_path):
    out = run(capsys, tmp_path, "phq9.yaml", PHQ9_URGENT, "html")[1]
    box = out[out.index('<section class="alerts"'):out.index("</section>", out.index('<section class="alerts"'))]
    assert "Alerte" in box and "⚠" in box      # words and a sign, not only a red frame
    assert ".alerts { border: 4px double" in out


def test_no_alert_section_without_an_urgent_finding_or_note(capsys, tmp_path):
    out = run(capsys, tmp_path, "phq9.yaml", {"phq_1": 0, "phq_2": 1}, "text")[1]
    assert "ALERTE" not in out
    assert "Score PHQ-9 : non calculé : questions non posées" in out


def test_a_refused_answer_lists_the_valid_values(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path, "phq9.yaml", {"phq_1": 4, "phq_2": 0})
    assert code == 3
    assert "réponse refusée pour 'phq_1'" in err
    assert "Valeurs possibles : 0, 1, 2, 3, {declined: true}." in err
    code, _, err = run(capsys, tmp_path, "epices.yaml", {"travailleur_social": "oui"})
    assert code == 3 and "Valeurs possibles : true, false, {declined: true}." in err


def test_run_refuses_an_exclusive_choice_combined_with_another(capsys, write):
    write("q.yaml", """\
        id: aides
        version: 1
        title: Vos aides
        sections:
          - id: aides
            theme: difficulte_financiere
            title: Vos aides
            questions:
              - id: aides
                type: multi_choice
                text: Quelles aides recevez-vous ?
                choices:
                  - {value: caf, label: Prestations de la CAF}
                  - {value: aucune, label: Aucune aide, exclusive: true}
        """)
    write("a.yaml", "aides: [caf, aucune]\n")
    assert main(["run", "q.yaml", "--answers", "a.yaml"]) == 3
    err = capsys.readouterr().err
    assert "« Aucune aide » ne se combine pas avec une autre réponse" in err
    assert "Valeurs possibles (une liste de valeurs) : caf, aucune." in err
    write("a.yaml", "aides: [aucune]\n")
    assert main(["run", "q.yaml", "--answers", "a.yaml"]) == 0
