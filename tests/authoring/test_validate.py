"""validate: every problem in one run, once each, sorted, in French, with a count line."""
import json
import shutil


def six_mistakes(logis, edit):
    q = logis / "logis.yaml"
    edit(q, "when: \"tonight == 'own_home'\"", "when: \"tonigth == 'own_home'\"")     # unknown name
    edit(q, "when: \"rent_arrears\"", "when: \"tonight == 'rue'\"")                     # no such choice
    edit(q, "      - id: comment", "      - id: rent_arrears")                          # id used twice
    edit(q, "        decline: true\n", "")                                              # sensitive, no decline
    edit(logis / "rules.yaml", "when: \"tonight == 'street'\"", "when: \"tonight == 'streets'\"")  # in a rule
    edit(logis / "rules.yaml", "actions: [call_115, siao_request]", "actions: [call_11, siao_request]")
    # a second questionnaire sharing the rule file: its problems are still reported once
    shutil.copy(q, logis / "logis2.yaml")
    edit(logis / "logis2.yaml", "id: logis", "id: logis_bis")


def test_six_mistakes_give_six_lines_in_one_run(logis, edit, cli):
    six_mistakes(logis, edit)
    out = cli("validate", ".", cwd=logis)
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    problems = [line for line in lines if " E" in line and line.split(":")[0].endswith(".yaml")
                and line.split(" ")[1].startswith("E")]
    codes = sorted((line.split(":")[0], line.split(" ")[1]) for line in problems)
    assert codes == sorted([("logis.yaml", "E203"), ("logis.yaml", "E206"), ("logis.yaml", "E201"),
                            ("logis.yaml", "E208"), ("logis2.yaml", "E203"), ("logis2.yaml", "E206"),
                            ("logis2.yaml", "E201"), ("logis2.yaml", "E208"),
                            ("rules.yaml", "E206"), ("rules.yaml", "E401")])
    rules_lines = [line for line in problems if line.startswith("rules.yaml")]
    assert rules_lines == [
        "rules.yaml:33:23: E206 'tonight' n'a pas de choix 'streets' ; vouliez-vous dire 'street' ? "
        "(questionnaire 'logis')",
        "rules.yaml:41:15: E401 action inconnue 'call_11' ; vouliez-vous dire 'call_115' ? "
        "(questionnaire 'logis')"]
    assert len(set(lines)) == len(lines), "no line twice"
    assert problems == sorted(problems, key=lambda l: (l.split(":")[0], int(l.split(":")[1]))), "sorted"
    assert lines[-1] == "10 erreur(s) et 0 avertissement(s) dans 3 fichier(s) sur 3"


def test_one_questionnaire_with_six_mistakes(logis, edit, cli):
    six_mistakes(logis, edit)
    out = cli("validate", "logis.yaml", cwd=logis)
    lines = out.stdout.splitlines()
    assert len(lines) == 7 and lines[-1] == "6 erreur(s) et 0 avertissement(s) dans 2 fichier(s) sur 2"
    assert "E206 'tonight' n'a pas de choix 'streets'" in lines[4]


def test_all_is_well_is_said(logis, cli):
    out = cli("validate", "logis.yaml", cwd=logis)
    assert (out.returncode, out.stdout) == (0, "les 2 fichiers sont valides\n")
    (logis / "scenario.yaml").write_text("questionnaire: logis.yaml\nanswers: {}\nexpect: {}\n", encoding="utf-8")
    out = cli("validate", ".", cwd=logis)
    assert (out.returncode, out.stdout) == (0, "les 2 fichiers sont valides\n"), "a scenario is no questionnaire"


def test_a_file_that_does_not_parse_says_which_checks_were_skipped(logis, edit, cli):
    edit(logis / "logis.yaml", "    title: Pour ce soir", "\ttitle: Pour ce soir")
    out = cli("validate", "logis.yaml", cwd=logis)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "logis.yaml:9:1: E101 une tabulation sert de retrait : YAML n'accepte que des espaces ; "
        "remplacez-la par des espaces (réglez l'éditeur pour qu'il insère des espaces)",
        "logis.yaml: vérifications sautées : le fichier ne se lit pas, sa forme, ses références et ses "
        "conditions n'ont pas été vérifiées ; corrigez d'abord l'erreur ci-dessus",
        "1 erreur(s) et 0 avertissement(s) dans 1 fichier(s) sur 1"]


def test_rules_of_a_questionnaire_with_the_wrong_shape_are_still_checked_alone(logis, edit, cli):
    edit(logis / "logis.yaml", "type: number", "type: numbr")
    edit(logis / "rules.yaml", "actions: [call_115, siao_request]", "actions: [call_11, siao_request]")
    lines = cli("validate", "logis.yaml", cwd=logis).stdout.splitlines()
    assert [line.split(" ")[1] for line in lines[:2]] == ["E113", "E401"]
    assert lines[2].startswith("logis.yaml: vérifications sautées : un fichier de ce questionnaire")
    assert lines[3].startswith("rules.yaml: vérifié seul, sans les questions d'un questionnaire")


YAML_MISTAKES = {
    "missing space": ("    title: Pour ce soir", "    title:Pour ce soir",
                      "logis.yaml:9:5: E101 il manque une espace après « : » ligne 9 (écrivez « title: Pour ce soir »)"),
    "list item": ("      - id: rent_arrears", "     - id: rent_arrears",
                  "logis.yaml:18:6: E101 un élément de liste (« - ») n'est pas au bon retrait : alignez-le sur "
                  "les autres éléments de la même liste"),
    "unclosed quote": ("title: Se loger (exemple de test)", "title: \"Se loger (exemple de test)",
                       "logis.yaml:4:8: E101 ce guillemet n'est jamais fermé : ajoutez le guillemet fermant à la "
                       "fin du texte"),
    "colon in text": ("text: Combien devez-vous ?", "text: Montant : combien devez-vous ?",
                      "logis.yaml:24:23: E101 ce texte contient « : » suivi d'une espace, que YAML lit comme une "
                      "nouvelle clé : mettez tout le texte entre guillemets"),
    "indentation": ("        text: Combien devez-vous ?", "          text: Combien devez-vous ?",
                    "logis.yaml:24:15: E101 le retrait de cette ligne ne correspond pas au bloc où elle se trouve : "
                    "alignez la clé sur celles du même bloc (même nombre d'espaces en début de ligne)"),
}


def test_yaml_syntax_errors_in_plain_french(logis, edit, cli):
    for name, (old, new, expected) in YAML_MISTAKES.items():
        shutil.copy(logis / "rules.yaml", logis / "keep.yaml")
        text = (logis / "logis.yaml").read_text(encoding="utf-8")
        edit(logis / "logis.yaml", old, new)
        first = cli("validate", "logis.yaml", cwd=logis).stdout.splitlines()[0]
        assert first == expected, name
        (logis / "logis.yaml").write_text(text, encoding="utf-8")


def test_json_format_for_editors(logis, edit, cli):
    edit(logis / "rules.yaml", "actions: [call_115, siao_request]", "actions: [call_11, siao_request]")
    out = cli("validate", "logis.yaml", "--format", "json", cwd=logis)
    data = json.loads(out.stdout)
    assert out.returncode == 1 and data["valid"] is False and data["files"] == 2
    assert data["problems"] == [{
        "code": "E401", "severity": "error", "file": "rules.yaml", "line": 41, "column": 15,
        "message": "action inconnue 'call_11' ; vouliez-vous dire 'call_115' ? (questionnaire 'logis')"}]


def test_a_problem_can_be_worded_again_from_another_catalogue(logis, edit):
    """What the English catalogue of `--lang en` will do: every message from its key and params."""
    from diagnostic.loading.validate import validate
    edit(logis / "rules.yaml", "actions: [call_115, siao_request]", "actions: [call_11, siao_request]")
    edit(logis / "logis.yaml", "version: 2", "version: two")
    found = validate(["logis.yaml"]).problems
    english = {"E401.unknown_action": "unknown action '{id}'", "E112.wrong_type": "'{field}' should be {expected}, "
               "not {actual}", "ending.suggestion": "; did you mean '{suggestion}'?"}
    words = {"integer": "a whole number"}
    assert [p.worded(english, words) for p in found] == [
        "'version' should be a whole number, not 'two'",
        "unknown action 'call_11'; did you mean 'call_115'?"]   # the rules checked alone
    edit(logis / "logis.yaml", "version: two", "version: 2")
    [action] = validate(["logis.yaml"]).problems
    assert action.worded(english, words) == ("unknown action 'call_11'; did you mean 'call_115'? "
                                             "(questionnaire 'logis')")
    assert action.worded({}, {}) == action.message, "a catalogue without the key keeps the French"
