"""The commands on the service, as a person or a script meets them: real subprocesses."""
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
FIXTURE = ROOT / "tests" / "fixtures" / "terminal" / "parcours.yaml"
TODAY = "2024-03-01"
FULL = ["Awa", "05/03/1990", "5", "voiture et vélo", "45", "oui", "", ""]   # tonight: in the street
CODE = re.compile(r"Votre code de reprise : ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})")


def env():
    out = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "DIAGNOSTIC_DATA_DIR", "XDG_DATA_HOME", "DIAGNOSTIC_DEBUG")}
    out["PYTHONPATH"] = str(ROOT)
    return out


def main(*args, data_dir=None, stdin=b""):
    command = [sys.executable, str(MAIN), *map(str, args)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    proc = subprocess.run(command, input=stdin, capture_output=True, timeout=60, cwd=ROOT, env=env())
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in out + err
    return proc.returncode, out, err


def interview(*lines, data_dir, args=()):
    return main("interview", FIXTURE, "--today", TODAY, *args, data_dir=data_dir,
                stdin=("\n".join(lines) + "\n").encode())


class Live:
    """An interview in a subprocess, fed line by line, read as it prints."""

    def __init__(self, data_dir):
        self.proc = subprocess.Popen(
            [sys.executable, str(MAIN), "interview", str(FIXTURE), "--today", TODAY,
             "--data-dir", str(data_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env())
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.out = b""

    def wait_for(self, text: str, count: int = 1, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while self.out.decode(errors="replace").count(text) < count:
            assert time.monotonic() < deadline, self.out.decode(errors="replace")
            chunk = self.proc.stdout.read()
            if chunk:
                self.out += chunk
            else:
                time.sleep(0.02)
        return self.out.decode()

    def send(self, line: str) -> None:
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def finish(self) -> tuple[int, str]:
        os.set_blocking(self.proc.stdout.fileno(), True)
        rest, _ = self.proc.communicate(timeout=30)
        return self.proc.returncode, (self.out + rest).decode()


def test_the_code_is_printed_before_the_first_question_and_again_at_the_end(tmp_path):
    code, out, _ = interview(*FULL, data_dir=tmp_path)
    assert code == 0
    printed = CODE.search(out).group(1)
    assert out.index(f"Votre code de reprise : {printed}") < out.index("Quel est votre prénom ?")
    assert out.rindex(printed) > out.index("Voici le résumé du diagnostic :")


def test_after_a_sigkill_at_the_fourth_question_resume_shows_the_three_answers(tmp_path):
    live = Live(tmp_path)
    out = live.wait_for("Réponse : ")
    printed = CODE.search(out).group(1)        # shown before the first question
    for line in ("Awa", "05/03/1990", "1"):
        live.send(line)
    live.wait_for("Noté : ", 3)
    live.wait_for("Dans votre logement, vous êtes…")
    live.proc.kill()                           # SIGKILL: no handler runs
    live.finish()
    code, out, _ = interview("revoir", "", "quitter", data_dir=tmp_path, args=("--resume", printed))
    assert code == 0
    assert "3 réponses déjà enregistrées." in out
    assert ("Vos réponses :\n1. Quel est votre prénom ? Réponse : Awa.\n"
            "2. Awa, quelle est votre date de naissance ? Réponse : 05/03/1990.\n"
            "3. Où allez-vous dormir ce soir ? Réponse : Dans mon logement.\n") in out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_save_and_print_the_code(tmp_path, signum):
    live = Live(tmp_path)
    out = live.wait_for("Réponse : ")
    printed = CODE.search(out).group(1)
    live.send("Awa")
    live.wait_for("Noté : Awa.")
    live.wait_for("Réponse : ", 2)
    live.proc.send_signal(signum)
    code, out = live.finish()
    assert code == 128 + signum
    tail = out[out.index("Interruption."):]
    assert f"Votre code de reprise : {printed}" in tail and f"--resume {printed}" in tail
    code, out, _ = interview("quitter", data_dir=tmp_path, args=("--resume", printed))
    assert "1 réponse déjà enregistrée." in out


def test_run_on_an_export_file_gives_the_same_diagnostic_and_html_export(tmp_path):
    code, out, _ = interview(*FULL, data_dir=tmp_path)
    assert code == 0
    session_id = re.search(r"export ([0-9a-f]{12})", out).group(1)
    code, exported, _ = main("export", session_id, data_dir=tmp_path)
    assert code == 0
    record = json.loads(exported)
    assert record["diagnostic"]["provisional"] is False and len(record["history"]) == 1
    (tmp_path / "export.json").write_text(exported, encoding="utf-8")
    code, ran, err = main("run", FIXTURE, "--answers", tmp_path / "export.json", "--today", TODAY)
    assert code == 0 and err == ""
    assert json.loads(ran) == record["diagnostic"]

    code, html, _ = main("export", session_id, "--format", "html", data_dir=tmp_path)
    assert code == 0 and html.lstrip().lower().startswith("<!doctype html")
    assert "Sans solution pour dormir ce soir" in html and "Appel 115" in html
    code, _, err = main("export", session_id, "--format", "text", "-o", tmp_path / "d.txt", data_dir=tmp_path)
    assert code == 0 and "ORIENTATION PROPOSÉE : SOCIAL" in (tmp_path / "d.txt").read_text(encoding="utf-8")

    code, listed, _ = main("sessions", data_dir=tmp_path)
    assert code == 0 and "VALIDÉ" in listed.splitlines()[0]
    assert re.search(rf"{session_id} .* oui", listed)


def test_export_as_html_of_an_unfinished_session_says_why_not(tmp_path):
    code, out, _ = interview("Awa", "quitter", data_dir=tmp_path)
    printed = CODE.search(out).group(1)
    code, _, err = main("export", printed, "--format", "html", data_dir=tmp_path)
    assert code == 4 and "n'a pas de diagnostic validé" in err


def test_run_warns_about_ids_that_are_no_question(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("first_name: Awa\nbirth_date: 1990-03-05\ntonigt: street\ntonight: own_home\n"
                       "housing_status: owner\ntransport: [walk]\ncommute_minutes: 10\nhealth_issue: false\n",
                       encoding="utf-8")
    code, out, err = main("run", FIXTURE, "--answers", answers, "--today", TODAY)
    assert code == 0 and json.loads(out)["answers"]["tonight"] == "own_home"
    assert "« tonigt » n'est pas une question de ce questionnaire (vouliez-vous dire « tonight » ?)" in err
    answers.write_text(answers.read_text(encoding="utf-8").replace("owner", "castle"), encoding="utf-8")
    code, _, err = main("run", FIXTURE, "--answers", answers, "--today", TODAY)
    assert code == 3 and "answers.yaml:5:" in err and "réponse refusée pour 'housing_status'" in err
