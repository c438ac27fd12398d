"""run --trace: why each question was asked or skipped and each finding made, in words, on stderr."""
import json


def test_trace_says_why(logis, cli):
    (logis / "answers.yaml").write_text("tonight: street\nhealth_limits: some\n", encoding="utf-8")
    out = cli("run", "logis.yaml", "--answers", "answers.yaml", "--trace", cwd=logis)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["pathway"]["pathway"] == "social", "stdout keeps the JSON alone"
    assert out.stderr.splitlines() == [
        "posée    tonight : Où allez-vous dormir ce soir ? → Dans la rue",
        "sautée   rent_arrears : sa condition « tonight vaut « Dans mon logement » » n'est pas remplie "
        "(tonight = Dans la rue)",
        "sautée   arrears_amount : sa condition « rent_arrears : oui » n'est pas remplie "
        "(rent_arrears = sans objet (non posée))",
        "passée   comment : facultative, sans réponse",
        "posée    health_limits : Votre santé vous empêche-t-elle de travailler ? → Un peu",
        "constat  no_shelter (fort) : Sans solution pour dormir ce soir ; car tonight vaut « Dans la rue » "
        "(tonight = Dans la rue)",
        "constat  health_blocks (fort) : La santé empêche de travailler ; car health_limits vaut « Beaucoup » "
        "ou health_limits vaut « Un peu » (health_limits = Un peu)",
        "parcours social (règle social_first) : Un frein fort en logement ou en santé passe avant la recherche "
        "d'emploi."]


def test_a_conditional_question_asked_says_which_answers_opened_it(logis, cli):
    (logis / "answers.yaml").write_text("tonight: own_home\nrent_arrears: true\narrears_amount: 800\n"
                                        "health_limits: {declined: true}\n", encoding="utf-8")
    out = cli("run", "logis.yaml", "--answers", "answers.yaml", "--trace", "--format", "text", cwd=logis)
    lines = out.stderr.splitlines()
    assert lines[2] == ("posée    arrears_amount : Combien devez-vous ? → 800 ; car rent_arrears : oui "
                        "(rent_arrears = oui)")
    assert lines[4] == "posée    health_limits : Votre santé vous empêche-t-elle de travailler ? → refus de répondre"
    assert cli("run", "logis.yaml", "--answers", "answers.yaml", cwd=logis).stderr == "", "no trace unless asked"
