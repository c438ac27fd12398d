"""`python main.py run … --format json|text|markdown|html`: what a user of the command sees."""
import json
from pathlib import Path

import jsonschema
import pytest

from diagnostic.cli import main
from diagnostic.report import schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "diagnostic"
LOGIS = ["run", "logis/logis.yaml", "--answers", "logis/answers/street.json", "--today", "2024-03-01"]


@pytest.fixture
def run(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)

    def _run(*args):
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err
    return _run


def test_json_has_the_diagnostic_and_keeps_the_first_keys(run):
    code, out, _ = run(*LOGIS, "--format", "json")
    data = json.loads(out)
    assert code == 0
    jsonschema.Draft7Validator(schema()).validate(data)
    assert data["questionnaire"] == {"id": "logis", "version": 2, "hash": data["questionnaire"]["hash"],
                                     "title": "Se loger (exemple de test)"}
    assert (data["date"], data["locale"], data["mode"], data["provisional"]) == ("2024-03-01", "fr", "script", False)
    assert data["asked"] == ["tonight", "comment", "health_limits"]
    assert data["answers"]["health_limits"] == {"declined": True}
    assert [(t["theme"], t["status"], t["intensity"]) for t in data["themes"]] == [
        ("logement", "frein", "fort"), ("sante", "declined", None)]
    assert [f["rule"] for f in data["findings"]] == ["no_shelter"]
    assert data["findings"][0]["why"] == [{"question": "tonight", "text": "Où allez-vous dormir ce soir ?",
                                           "state": "answer", "answer": "Dans la rue", "value": "street",
                                           "sensitive": False}]
    assert (data["pathway"]["pathway"], data["pathway"]["findings"]) == ("social", ["no_shelter"])
    actions = data["action_plan"]["objectives"][0]["actions"]
    assert [(a["id"], a["due"], a["status"], a["needs_agreement"]) for a in actions] == [
        ("call_115", "2024-03-01", "planned", False), ("siao_request", "2024-03-08", "planned", True)]


@pytest.mark.parametrize("fmt, marker", [("text", "ORIENTATION PROPOSÉE : SOCIAL"),
                                         ("markdown", "**Social** :"),
                                         ("html", '<p class="name">Social</p>')])
def test_every_format_shows_the_proposed_pathway(run, fmt, marker):
    code, out, _ = run(*LOGIS, "--format", fmt)
    assert code == 0 and marker in out


def test_the_html_page_is_standalone_and_printable_on_a4(run):
    _, page, _ = run(*LOGIS, "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "@page { size: A4" in page and "@media print" in page
    for external in ("<script", "<link", "src=", "href=", "url(", "@import", "http://", "https://"):
        assert external not in page
    # what an answer holds is shown, never interpreted
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; **gras** | tableau" in page


def test_dates_and_numbers_follow_the_locale(run):
    _, fr, _ = run("run", "logis/logis.yaml", "--answers", "logis/answers/arrears.json", "--today", "2024-03-01",
                   "--format", "text")
    assert "Date : 1 mars 2024" in fr and "Combien devez-vous ? 1\u202f250,5 €" in fr
    _, en, _ = run("run", "logis/logis.yaml", "--answers", "logis/answers/arrears.json", "--today", "2024-03-01",
                   "--format", "text", "--locale", "en_GB")
    assert "Date : 1 March 2024" in en and "Combien devez-vous ? 1,250.5 €" in en
    code, _, err = run(*LOGIS, "--locale", "xx_YY")
    assert code == 2 and "locale inconnue : xx_YY" in err


def test_a_questionnaire_without_rules_runs_with_no_finding(run):
    code, out, _ = run("run", "sans_regles/sans_regles.yaml", "--answers", "sans_regles/answers/one.json",
                       "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["rules"], data["findings"], data["pathway"], data["action_plan"]["objectives"]) == \
        (None, [], None, [])


def test_invalid_rules_stop_the_run_with_located_problems(run, write):
    write("q.yaml", (FIXTURES / "logis" / "logis.yaml").read_text(encoding="utf-8"))
    write("rules.yaml", (FIXTURES / "logis" / "rules.yaml").read_text(encoding="utf-8")
          .replace("actions: [call_115, siao_request]", "actions: [call_115, siao_requets]"))
    write("a.json", (FIXTURES / "logis" / "answers" / "street.json").read_text(encoding="utf-8"))
    code = main(["run", "q.yaml", "--answers", "a.json"])
    assert code == 1


def test_invalid_rules_message(capsys, write):
    write("q.yaml", (FIXTURES / "logis" / "logis.yaml").read_text(encoding="utf-8"))
    write("rules.yaml", (FIXTURES / "logis" / "rules.yaml").read_text(encoding="utf-8")
          .replace("actions: [call_115, siao_request]", "actions: [call_115, siao_requets]"))
    write("a.json", "{}")
    assert main(["run", "q.yaml", "--answers", "a.json"]) == 1
    err = capsys.readouterr().err
    assert "rules.yaml:41:25: E401 action inconnue 'siao_requets' ; vouliez-vous dire 'siao_request' ? " \
           "(questionnaire 'logis')" in err
    assert "Traceback" not in err


def test_adviser_edits_from_a_file(run):
    code, out, _ = run(*LOGIS, "--format", "json", "--edits", "logis/edits/street.json")
    plan = json.loads(out)["action_plan"]
    assert code == 0
    assert [o["label"] for o in plan["objectives"]] == [
        "Rechercher une solution d’hébergement temporaire", "Faire un <b>bilan</b> de santé & reprendre un suivi"]
    assert plan["objectives"][0]["actions"][0]["status"] == "done"
    assert [s["reason"] for s in plan["stale"]] == ["cette action n'est plus dans le plan"]
    assert len(plan["edits"]) == 6


def test_malformed_edits_file(run, tmp_path):
    bad = tmp_path / "edits.json"
    bad.write_text('[{"op": "edit_action", "action": "call_115", "status": "fini"}]')
    code, _, err = run(*LOGIS, "--edits", str(bad))
    assert code == 2 and "valeur invalide pour status" in err


def test_a_policy_team_may_replace_a_template(run, tmp_path):
    (tmp_path / "text.txt.j2").write_text("Orientation : {{ d.pathway.label }} ({{ d.date|date('short') }})\n")
    code, out, _ = run(*LOGIS, "--format", "text", "--templates", str(tmp_path))
    assert (code, out) == (0, "Orientation : Social (01/03/2024)\n")


@pytest.mark.parametrize("template", [
    "{{ d.__class__.__mro__ }}",
    "{{ fmt.__init__.__globals__ }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ fmt.translations._catalog }}",
    "{{ d.findings.append(1) }}",          # the data a template is given cannot be changed
    "{{ fmt.translations.install() }}",    # nor the catalogue shared by every formatter (or builtins)
    "{{ fmt.translations.add_fallback(fmt.translations) }}",
])
def test_templates_run_in_a_sandbox(run, tmp_path, template):
    (tmp_path / "text.txt.j2").write_text(template)
    code, out, err = run(*LOGIS, "--format", "text", "--templates", str(tmp_path))
    assert code == 1 and out == ""
    assert "modèle de rendu invalide" in err and "Traceback" not in err


def test_a_replacement_template_that_fails_while_rendering_is_a_template_error(run, tmp_path):
    (tmp_path / "text.txt.j2").write_text("Orientation\n{{ 1 / 0 }}\n")
    code, out, err = run(*LOGIS, "--format", "text", "--templates", str(tmp_path))
    assert (code, out) == (1, "")
    assert "text.txt.j2:2: modèle de rendu invalide : ZeroDivisionError" in err and "Traceback" not in err
