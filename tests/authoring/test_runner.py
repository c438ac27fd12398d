"""The scenario runner (`test`): one line per scenario, every difference with its line, exit 0/1, coverage."""
import json

GOOD = """\
name: À la rue ce soir
questionnaire: logis.yaml
answers:
  tonight: street
  comment: rien
  health_limits: none
expect:
  asked: [tonight, health_limits]
  not_asked: [rent_arrears]
  findings: {no_shelter: fort}
  no_findings: [housed]
  pathway: social
  actions: [call_115]
"""

BAD = """\
name: Attentes fausses
questionnaire: logis.yaml
answers:
  tonight: street
  health_limits: none
expect:
  asked: [rent_arrears]
  not_asked: [tonight]
  findings:
    no_shelter: moyen
    hosted: moyen
  no_findings: [no_shelter]
  pathway: emploi
  actions: [fsl_request]
"""


def test_a_passing_and_a_failing_scenario(logis, cli):
    (logis / "good.yaml").write_text(GOOD, encoding="utf-8")
    (logis / "bad.yaml").write_text(BAD, encoding="utf-8")
    out = cli("test", "good.yaml", "bad.yaml", cwd=logis)
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "ok     good.yaml  À la rue ce soir",
        "ÉCHEC  bad.yaml  Attentes fausses",
        "       bad.yaml:7:11: la question 'rent_arrears' devait être posée, elle ne l'a pas été",
        "       bad.yaml:8:15: la question 'tonight' ne devait pas être posée, elle l'a été",
        "       bad.yaml:10:17: constat 'no_shelter' : attendu moyen, obtenu fort",
        "       bad.yaml:11:13: constat 'hosted' : attendu moyen, il n'a pas été fait",
        "       bad.yaml:12:17: constat 'no_shelter' fait (fort) alors qu'il ne devait pas l'être",
        "       bad.yaml:13:12: parcours : attendu emploi, obtenu social",
        "       bad.yaml:14:13: l'action 'fsl_request' manque au plan d'action",
        "1 scénario(s) réussi(s), 1 en échec, sur 2"]
    assert "Traceback" not in out.stderr
    assert cli("test", "good.yaml", cwd=logis).returncode == 0


def test_typos_in_a_scenario_are_differences_not_silent_passes(logis, cli):
    (logis / "typo.yaml").write_text(GOOD.replace("not_asked:", "not_askd:").replace("[call_115]", "[call_11]"),
                                     encoding="utf-8")
    out = cli("test", "typo.yaml", cwd=logis)
    assert out.returncode == 1
    assert out.stdout.splitlines()[1] == "       typo.yaml:9:3: clé inconnue 'not_askd' dans le scénario : " \
                                         "elle ne vérifierait rien"


def test_a_refused_answer_or_a_missing_one_is_reported_on_the_answers(logis, cli):
    (logis / "refused.yaml").write_text(GOOD.replace("tonight: street", "tonight: rue"), encoding="utf-8")
    out = cli("test", "refused.yaml", cwd=logis)
    assert out.returncode == 1
    assert out.stdout.splitlines()[1] == ("       refused.yaml:4:12: réponse refusée pour 'tonight' : "
                                          "Choisissez une des réponses proposées.")
    (logis / "missing.yaml").write_text(GOOD.replace("  health_limits: none\n", ""), encoding="utf-8")
    out = cli("test", "missing.yaml", cwd=logis)
    assert out.stdout.splitlines()[1] == (
        "       missing.yaml:3:1: l'entretien s'arrête : la question 'health_limits' est posée mais le fichier "
        "de réponses n'a pas de réponse pour elle (Votre santé vous empêche-t-elle de travailler ?)")
    assert cli("test", "nothing_here", cwd=logis).returncode == 2


def test_a_scenario_answers_can_be_given_to_run(logis, cli):
    (logis / "good.yaml").write_text(GOOD, encoding="utf-8")
    out = cli("run", "logis.yaml", "--answers", "good.yaml", cwd=logis)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["pathway"]["pathway"] == "social" and data["answers"]["tonight"] == "street"


def test_coverage_says_what_no_scenario_exercises(logis, cli):
    (logis / "good.yaml").write_text(GOOD, encoding="utf-8")
    out = cli("test", "good.yaml", "--coverage", cwd=logis)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    start = lines.index("Couverture de logis.yaml (1 scénario(s)) :")
    assert lines[start + 1:start + 11] == [
        "  questions posées : 60 % (3/5)",
        "    jamais exercé(e)s : rent_arrears, arrears_amount",
        "  choix retenus : 33 % (2/6)",
        "    jamais exercé(e)s : tonight=own_home, tonight=third_party, health_limits=some, health_limits=a_lot",
        "  règles appliquées : 20 % (1/5)",
        "    jamais exercé(e)s : hosted, arrears, housed, health_blocks",
        "  actions proposées : 50 % (2/4)",
        "    jamais exercé(e)s : fsl_request, see_doctor",
        "  parcours proposés : 33 % (1/3)",
        "    jamais exercé(e)s : in_parallel, default"]


def test_indicators_and_alerts_are_compared(tmp_path, cli):
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    text = (root / "tests" / "scenarios" / "instrument_phq9_severe.yaml").read_text(encoding="utf-8")
    text = text.replace("questionnaire: questionnaires/examples/phq9.yaml",
                        f"questionnaire: {root / 'questionnaires' / 'examples' / 'phq9.yaml'}")
    (tmp_path / "good.yaml").write_text(text, encoding="utf-8")
    assert cli("test", "good.yaml").returncode == 0
    wrong = text.replace("phq9: {value: 20, band: Dépression sévère}", "phq9: {value: 19.5, band: Dépression légère}") \
        .replace("alerts: []", "alerts: [alerte_3114]")
    (tmp_path / "wrong.yaml").write_text(wrong, encoding="utf-8")
    out = cli("test", "wrong.yaml")
    assert out.returncode == 1
    lines = [line.split(": ", 1)[1] for line in out.stdout.splitlines()[1:-1]]
    assert lines == ["indicateur 'phq9' : attendu 19.5, obtenu 20",
                     "tranche de l'indicateur 'phq9' : attendu Dépression légère, obtenu Dépression sévère",
                     "alertes : attendu alerte_3114, obtenu rien"]
    coverage = cli("test", "good.yaml", "--coverage").stdout.splitlines()
    missing = next(line for line in coverage if line.startswith("    jamais") and "phq_1=" in line)
    assert "phq_1=0" in missing and "phq_1=3" not in missing, "scores chosen count, as text values do"
    assert "  parcours proposés : aucun(e) dans ce questionnaire" in coverage
