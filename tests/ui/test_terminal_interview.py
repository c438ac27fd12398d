"""The terminal interview as a person (or a script) meets it: `main.py interview` with piped input.

Each test runs the real program in a subprocess and reads what it printed.
The fixture questionnaire has every kind of question; see
tests/fixtures/terminal/parcours.yaml.
"""
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
FIXTURE = ROOT / "tests" / "fixtures" / "terminal" / "parcours.yaml"
TODAY = "2024-03-01"
ANSI = re.compile(r"\x1b")
SUMMARY = "Voici le résumé du diagnostic :"

# A whole interview, one line per question, in the order they are asked.
FULL = [
    "Awa",               # first_name (text)
    "05/03/1990",        # birth_date (date)
    "1",                 # tonight: Dans mon logement
    "locataire social",  # housing_status
    "non",               # rent_arrears
    "voiture et vélo",   # transport (multi)
    "45 minutes",        # commute_minutes
    "oui",               # health_issue
    "",                  # comment (optional): skipped
    "",                  # end: show the summary
]


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "DIAGNOSTIC_DATA_DIR", "XDG_DATA_HOME", "DIAGNOSTIC_DEBUG")}
    env.update(extra)
    return env


def run(*lines, data_dir, args=(), questionnaire=FIXTURE, raw: bytes | None = None, cwd=None,
        env=None):
    data = raw if raw is not None else ("\n".join(lines) + "\n").encode() if lines else b""
    command = [sys.executable, str(MAIN), "interview"]
    if questionnaire is not None:
        command.append(str(questionnaire))
    command += ["--today", TODAY, "--data-dir", str(data_dir), *args]
    proc = subprocess.run(command, input=data, capture_output=True, timeout=60, cwd=cwd or ROOT,
                          env=env or clean_env())
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in out + err
    return proc.returncode, out, err


def stored(data_dir, session_id):
    proc = subprocess.run([sys.executable, str(MAIN), "export", session_id, "--data-dir", str(data_dir)],
                          capture_output=True, timeout=60, env=clean_env())
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)
    return record, {qid: entry["value"] for qid, entry in record["answers"].items()}


def resume_code(out):
    match = re.search(r"--resume ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})", out)
    assert match, out
    return match.group(1)


def test_a_whole_interview(tmp_path):
    code, out, err = run(*FULL, data_dir=tmp_path)
    assert code == 0, err
    # the data protection notice comes before the first question
    assert out.index("vos données personnelles") < out.index("Quel est votre prénom ?")
    assert "conservées au plus 2 ans" in out
    # progress as text, piped earlier answers, confirmations in words
    assert "Le diagnostic compte entre 7 et 9 questions, selon votre situation." in out
    assert "Question 1, environ 7 restantes." in out
    assert "Awa, quelle est votre date de naissance ?" in out
    assert "Noté : Locataire d'un logement social." in out
    assert "Noté : Avec ma voiture ; À vélo ou en trottinette." in out
    assert "Noté : 45 minutes." in out
    assert "Question 9, la dernière." in out
    # the summary, then where it is saved and how to export it
    assert "Vous avez répondu à toutes les questions." in out
    summary = out[out.index(SUMMARY):]
    assert "ORIENTATION PROPOSÉE : EMPLOI" in summary
    assert "Atout : Se déplace en voiture" in summary
    assert "Où allez-vous dormir ce soir ? Dans mon logement" in summary
    assert "Pour l'exporter (toutes les données de la session, en JSON), tapez :" in out
    session_id = re.search(r"\n  python \S+ export ([0-9a-f]{12}) --data-dir", out).group(1)
    record, answers = stored(tmp_path, session_id)
    assert record["status"] == "finished"
    assert answers == {"first_name": "Awa", "birth_date": "1990-03-05", "tonight": "own_home",
                       "housing_status": "social_tenant", "rent_arrears": False,
                       "transport": ["car", "bike"], "commute_minutes": 45, "health_issue": True,
                       "comment": {"skipped": True}}


def test_ambiguous_and_wrong_answers_are_explained_and_asked_again(tmp_path):
    code, out, _ = run(
        "",                 # nothing typed
        "Awa",
        "31/02/1990",       # a date that does not exist
        "05/03/2030",       # after the maximum (today)
        "05/03/1990",
        "7",                # no such choice
        "1",
        "loc",              # two candidates
        "2",
        "peut-être",        # neither yes nor no
        "refuser",          # not offered here
        "nsp",
        "1, avion",         # one unknown part
        "1, 3",
        "300",              # out of bounds
        "douze",
        "12",
        "quitter", data_dir=tmp_path)
    assert code == 0
    assert "Vous n'avez rien tapé." in out
    assert "Le 31/02/1990 n'existe pas." in out
    assert "La date doit être le 01/03/2024 ou avant." in out
    assert "Il n'y a pas de réponse numéro 7. Tapez un numéro entre 1 et 5." in out
    assert "« loc » correspond à plusieurs réponses :\n1. Locataire d'un logement social\n" \
           "2. Locataire d'un logement privé\n" in out
    assert "Noté : Locataire d'un logement privé." in out
    assert "Répondez par oui ou par non" in out
    assert "« Je préfère ne pas répondre » n'est pas proposé pour cette question. " \
           "Vous pouvez répondre : nsp (je ne sais pas)." in out
    assert "Noté : je ne sais pas." in out
    assert "« avion » ne correspond à aucune des réponses proposées." in out
    assert "Indiquez un nombre entre 0 et 240 minutes." in out
    assert "Noté : 12 minutes." in out
    # after each refusal the question comes again
    assert out.count("Avez-vous des retards de loyer ?") >= 3


def test_back_review_and_change(tmp_path):
    code, out, _ = run(
        "Awa", "05/03/1990",
        "retour",           # back to the date: its current answer is offered
        "",                 # keep it
        "1", "prop",
        "revoir",           # the list, with numbers
        "1",                # change the first name
        "Aïssatou",
        "modifier 3",       # where I sleep tonight: now in the street
        "rue",
        "1", "10", "non", "", "", data_dir=tmp_path)
    assert code == 0
    assert "Question 2, déjà répondue." in out
    assert "Réponse actuelle : 05/03/1990. Appuyez sur Entrée pour la garder" in out
    assert "Vos réponses :\n1. Quel est votre prénom ? Réponse : Awa.\n" \
           "2. Awa, quelle est votre date de naissance ? Réponse : 05/03/1990.\n" \
           "3. Où allez-vous dormir ce soir ? Réponse : Dans mon logement.\n" \
           "4. Dans votre logement, vous êtes… Réponse : Propriétaire.\n" in out
    assert "Noté : Aïssatou." in out
    assert "Aïssatou, quelle est votre date de naissance ?" in out
    assert "Important : Appelez le 115" in out  # the new path shows the alert
    summary = out[out.index(SUMMARY):]
    assert "ORIENTATION PROPOSÉE : SOCIAL" in summary
    assert "Frein fort : Sans solution pour dormir ce soir" in summary
    assert "Appel 115 pour une mise à l'abri" in summary
    assert "Où allez-vous dormir ce soir ? Dans la rue" in summary
    assert "Dans votre logement" not in summary   # no longer on the path


def test_back_at_the_first_question_and_change_out_of_range(tmp_path):
    code, out, _ = run("retour", "modifier 4", "Awa", "modifier 9", "quitter", data_dir=tmp_path)
    assert code == 0
    assert "Vous êtes à la première question : il n'y a rien avant." in out
    assert "Vous n'avez encore répondu à aucune question." in out
    assert "Il n'y a pas de réponse numéro 9." in out


def test_decline_a_sensitive_question(tmp_path):
    lines = FULL[:7] + ["je préfère ne pas répondre"] + FULL[8:]
    code, out, _ = run(*lines, data_dir=tmp_path)
    assert code == 0
    assert "Vous pouvez aussi répondre : refuser (je préfère ne pas répondre)." in out
    assert "Noté : je préfère ne pas répondre." in out
    session_id = re.search(r"\n  python \S+ export ([0-9a-f]{12}) --data-dir", out).group(1)
    _, answers = stored(tmp_path, session_id)
    assert answers["health_issue"] == {"declined": True}


def test_end_of_input_saves_and_resume_goes_on(tmp_path):
    code, out, _ = run(*FULL[:4], data_dir=tmp_path)
    assert code == 3
    assert "Fin de la saisie" in out
    assert "Vos réponses sont enregistrées." in out
    code_text = resume_code(out)
    assert f"Votre code de reprise : {code_text}\n" in out

    code, out, _ = run(*FULL[4:], data_dir=tmp_path, args=("--resume", code_text.lower()))
    assert code == 0
    assert "Reprise du diagnostic : Essai du diagnostic" in out
    assert "4 réponses déjà enregistrées." in out
    assert "Quel est votre prénom ?" not in out.split(SUMMARY)[0]
    assert "Question 5, " in out
    summary = out[out.index(SUMMARY):]
    assert "Quel est votre prénom ? Awa" in summary
    assert "Combien de temps pouvez-vous mettre pour aller au travail ? 45 minutes" in summary


def test_quit_saves_and_says_how_to_resume(tmp_path):
    code, out, _ = run("Awa", "quitter", data_dir=tmp_path)
    assert code == 0
    assert "Vous arrêtez le diagnostic pour le moment." in out
    assert "Pour reprendre, tapez :\n  python " in out and "--resume" in out
    # nothing answered: the session exists from the start (its code was shown), empty
    code, out, _ = run("quit", data_dir=tmp_path)
    assert "Vous n'avez donné aucune réponse.\nVotre code de reprise : " in out


def test_help_and_explanation(tmp_path):
    code, out, _ = run("Awa", "aide", "?", "quitter", data_dir=tmp_path)
    assert "Commandes, à taper à la place d'une réponse" in out
    for words in ("retour (back)", "revoir (review)", "quitter (quit)", "nsp (je ne sais pas)",
                  "refuser (je préfère ne pas répondre)", "? (explication)"):
        assert words in out
    assert "Votre âge permet de savoir quelles aides vous sont ouvertes." in out


def test_hostile_input_never_crashes(tmp_path):
    raw = b"\n".join([
        b"",
        b"\x00\x01\x02\x1b[A\x1b[2J",        # control characters and terminal escapes
        b"A" * 100_000,                        # a very long line
        b"Ren\xe9",                            # Latin-1 from an old terminal: read as René
        b"\xff\xfe\xfa\xc3",                    # invalid UTF-8 (for a date)
        b"05/03/1990",
        b"\x1b[B",
    ])                                          # and the input ends without a newline
    code, out, err = run(raw=raw, data_dir=tmp_path)
    assert code == 3, err
    assert "Votre réponse est trop longue" in out
    assert "Noté : René." in out
    assert "Écrivez la date sous la forme JJ/MM/AAAA" in out
    assert out.count("Vous n'avez rien tapé.") == 3
    assert "Fin de la saisie" in out
    assert "\x1b" not in out and "\x00" not in out


def test_no_colour_codes_when_no_color_is_set(tmp_path):
    """Under a pseudo-terminal (so colour could be used): NO_COLOR and --plain remove it."""
    pty = pytest.importorskip("pty")

    def under_tty(env, *args):
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen(
                [sys.executable, str(MAIN), "interview", str(FIXTURE), "--today", TODAY,
                 "--data-dir", str(tmp_path), *args],
                stdin=subprocess.PIPE, stdout=slave, stderr=slave, env=env, cwd=ROOT)
            os.close(slave)
            proc.stdin.write("\n".join(FULL).encode() + b"\n")
            proc.stdin.close()
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            assert proc.wait(timeout=60) == 0
        finally:
            os.close(master)
        return b"".join(chunks).decode()

    coloured = under_tty(clean_env(TERM="xterm"))
    assert ANSI.search(coloured), "the check would not see colour codes"
    for out in (under_tty(clean_env(TERM="xterm", NO_COLOR="1")),
                under_tty(clean_env(TERM="xterm"), "--plain")):
        assert SUMMARY in out
        bad = [line for line in out.splitlines() if ANSI.search(line)]
        assert bad == []


def test_runs_from_any_directory_and_reports_a_bad_questionnaire(tmp_path):
    code, out, _ = run(*FULL, data_dir=tmp_path / "data", cwd=tmp_path)
    assert code == 0 and SUMMARY in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nversion: 1\ntitle: x\nsections: 3\n", encoding="utf-8")
    code, out, err = run(data_dir=tmp_path, questionnaire=broken, cwd=tmp_path)
    assert code == 1
    assert "broken.yaml" in err and "questionnaire invalide" in err
    code, out, err = run(data_dir=tmp_path, questionnaire=tmp_path / "missing.yaml")
    assert code == 2 and "introuvable" in err


def test_no_arguments_start_the_full_diagnostic(tmp_path):
    proc = subprocess.run([sys.executable, str(MAIN)], input=b"", capture_output=True, timeout=60,
                          cwd=tmp_path, env=clean_env(DIAGNOSTIC_DATA_DIR=str(tmp_path)))
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in out + err
    if (ROOT / "questionnaires" / "diagnostic.yaml").exists():
        assert "vos données personnelles" in out and proc.returncode == 3
    else:
        assert proc.returncode == 2 and "diagnostic.yaml" in err and "introuvable" in err


def test_no_save_says_nothing_was_kept(tmp_path):
    code, out, _ = run("Awa", "quitter", data_dir=tmp_path, args=("--no-save",))
    assert code == 0
    assert "vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré)" in out
    assert not any(tmp_path.iterdir())


def test_resume_on_a_changed_questionnaire_says_what_was_dropped(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    for name in ("parcours.yaml", "parcours_rules.yaml"):
        (folder / name).write_text((FIXTURE.parent / name).read_text(encoding="utf-8"), encoding="utf-8")
    copy = folder / "parcours.yaml"
    code, out, _ = run("Awa", "05/03/1990", "1", "prop", "quitter", data_dir=tmp_path, questionnaire=copy)
    text = copy.read_text(encoding="utf-8").replace("version: 1", "version: 2")
    copy.write_text(text.replace("{value: owner, label: Propriétaire}", "{value: owner2, label: Propriétaire}"),
                    encoding="utf-8")
    code, out, _ = run("3", "quitter", data_dir=tmp_path, questionnaire=copy, args=("--resume", resume_code(out)))
    assert code == 0
    assert "Le questionnaire « parcours » a changé" in out
    assert ("1 réponse enregistrée ne peut pas être reprise car le questionnaire a changé : "
            "la question concernée vous sera posée de nouveau.") in out
    assert "Dans votre logement, vous êtes…" in out and "Noté : Propriétaire." in out


def test_the_export_command_shown_works_for_a_data_folder_with_spaces(tmp_path):
    data_dir = tmp_path / "mon dossier"
    code, out, _ = run(*FULL, data_dir=data_dir)
    assert code == 0
    line = re.search(r"\n  python \S+ export (.+)\n", out).group(1)
    argv = shlex.split(line)          # what a person pastes into a shell
    assert argv[1:] == ["--data-dir", str(data_dir)]
    record, _ = stored(data_dir, argv[0])
    assert record["status"] == "finished"
