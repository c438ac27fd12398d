"""The plain interview in the person's language: driven in Ukrainian through a pipe, switched
to English halfway without losing an answer, the language stored with the session.

A small fixture questionnaire with its own en/uk catalogue (tests/fixtures/i18n/locales) keeps these
subprocess tests short; the interface words are the shipped catalogues.
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from diagnostic.expressions import DECLINED, DONT_KNOW, SKIPPED
from diagnostic.i18n import LANGUAGES, Formatter
from diagnostic.ui import texts
from diagnostic.ui.parsing import Command, Reply, interpret, parse_command
from diagnostic.model import Question

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "i18n"
FRENCH_WORDS = set("le la les des du de un une et est vous votre vos pour dans avec qui que sur pas aux au "
                   "ce cette sont être ou en à ne plus par il elle son sa ses nous tapez réponse".split())


@pytest.fixture(scope="module")
def locales(tmp_path_factory):
    folder = tmp_path_factory.mktemp("locales")
    for lang in ("en", "uk"):
        target = folder / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locales" / lang / "LC_MESSAGES" / "diagnostic.po", target)
        shutil.copy(FIXTURE / "locales" / lang / "LC_MESSAGES" / "questionnaires.po", target)
    return folder


def interview(locales, data_dir, lines, *options):
    return subprocess.run(
        [sys.executable, "main.py", "interview", str(FIXTURE / "logis.yaml"), "--data-dir", str(data_dir),
         "--today", "2024-03-01", *options], cwd=ROOT, input="\n".join(lines) + "\n", capture_output=True,
        text=True, env={"DIAGNOSTIC_LOCALES": str(locales), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_the_plain_interview_driven_in_ukrainian_through_a_pipe(locales, tmp_path):
    # own home, rent arrears «так», 1200, the Ukrainian command «довідка», skip, health «ні», summary
    done = interview(locales, tmp_path, ["1", "так", "1200", "довідка", "пропустити", "ні", ""], "--lang", "uk")
    out = done.stdout.replace("\u00a0", " ").replace("\u202f", " ")   # numbers' no-break spaces
    assert done.returncode == 0, done.stderr
    assert "Чи маєте ви борги з оплати житла?\nВідповідайте «так» або «ні».\nВідповідь: так\nЗаписано: так." in out
    assert "Команди, які можна ввести замість відповіді" in out and "довідка (help): показати цей список." in out
    assert "Записано: 1 200 €." in out and "Записано: без відповіді." in out
    assert "ЗАПРОПОНОВАНИЙ НАПРЯМ: СОЦІАЛЬНИЙ І ПРОФЕСІЙНИЙ СУПРОВІД" in out   # the summary, in Ukrainian
    shown = "\n".join(line for line in out.splitlines() if not line.startswith("  python "))  # commands to type
    shown = re.sub(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}\b|\b[0-9a-f]{12}\b", " ", shown)   # codes, ids
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", shown)}
    assert not words & FRENCH_WORDS, sorted(words & FRENCH_WORDS)
    session = json.loads(subprocess.run([sys.executable, "main.py", "export", _code(out), "--data-dir", str(tmp_path)],
                                        cwd=ROOT, capture_output=True, text=True,
                                        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout)
    assert session["locale"] == "uk"
    answers = {qid: a["value"] for qid, a in session["answers"].items()}
    assert answers["rent_arrears"] is True and answers["arrears_amount"] == 1200


def test_changing_language_midway_keeps_the_answers_and_is_stored(locales, tmp_path):
    done = interview(locales, tmp_path, ["1", "так", "мова", "English", "1200", "skip", "no", ""], "--lang", "uk")
    out = done.stdout.replace("\u00a0", " ").replace("\u202f", " ")
    assert done.returncode == 0, done.stderr
    assert "Мови: Français (fr), English (en), Українська (uk)." in out
    assert "The assessment goes on in English. Your answers are kept." in out
    assert "How much do you owe?" in out and "Noted: 1,200 €." in out
    assert "Are you behind with your rent? Yes" in out                    # the answer given in Ukrainian
    code = _code(out)
    export = subprocess.run([sys.executable, "main.py", "export", code, "--data-dir", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    session = json.loads(export.stdout)
    assert session["locale"] == "en" and session["answers"]["rent_arrears"]["value"] is True
    # resumed later in French: the same answers, French words
    again = interview(locales, tmp_path, ["revoir", "", ""], "--resume", code, "--lang", "fr")
    assert "Avez-vous des loyers en retard ? Réponse : oui." in again.stdout


def _code(out: str) -> str:
    return re.search(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\b", out).group(1)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_command_the_help_lists_is_understood_in_that_language(lang):
    fmt = Formatter(lang)
    question = Question("q", "yes_no", "Question ?", "s", "sante", 0, decline=True, dont_know=True,
                        required=False)
    expected = ["help", "explain", "repeat", "back", "review", "change", "resume", DONT_KNOW, DECLINED,
                SKIPPED, "privacy", "language", "quit"]
    assert len(texts.COMMANDS_HELP) == len(expected)
    for (words, _), meaning in zip(texts.COMMANDS_HELP, expected):
        typed = re.sub(r"\s*\(.*\)$", "", fmt.gettext(words))     # "довідка (help)" -> "довідка"
        result = interpret(question, typed, None, fmt)
        got = result.value if isinstance(result, Reply) else result.name if isinstance(result, Command) else result
        assert got == meaning, (lang, typed, result)


def test_yes_no_numbers_and_dates_in_words_per_language():
    uk, en = Formatter("uk"), Formatter("en")
    assert parse_command("змінити 2", uk) == Command("change", 2)
    assert [interpret(Question("q", "yes_no", "?", "s", "sante", 0), w, None, uk) for w in ("Так", "ні")] == [
        Reply(True), Reply(False)]
    number = Question("n", "number", "?", "s", "sante", 0)
    assert interpret(number, "п'ять", None, uk) == Reply(5) and interpret(number, "twenty", None, en) == Reply(20)
    assert interpret(number, "deux", None, uk) == Reply(2)       # French words still understood
    import datetime as dt
    day = Question("d", "date", "?", "s", "sante", 0)
    assert interpret(day, "5 березня 2024", None, uk) == Reply(dt.date(2024, 3, 5))
    assert interpret(day, "5 March 2024", None, en) == Reply(dt.date(2024, 3, 5))


def test_export_report_lang_gives_each_reader_their_language(locales, tmp_path):
    done = interview(locales, tmp_path, ["3", "skip", "1", ""], "--lang", "uk")
    assert done.returncode == 0, done.stderr
    code = _code(done.stdout)
    export = lambda *more: subprocess.run(
        [sys.executable, "main.py", "export", code, "--data-dir", str(tmp_path), "--format", "text", *more],
        cwd=ROOT, capture_output=True, text=True,
        env={"DIAGNOSTIC_LOCALES": str(locales), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    person, adviser, english = export(), export("--report-lang", "fr"), export("--report-lang", "en")
    assert "Де ви спатимете сьогодні вночі? На вулиці" in person.stdout       # the interview's language
    assert "Où allez-vous dormir ce soir ? Dans la rue" in adviser.stdout      # the one the adviser files
    assert "ORIENTATION PROPOSÉE : SOCIAL" in adviser.stdout and not re.search(r"[а-яіїєґ]", adviser.stdout)
    assert "Where will you sleep tonight? On the street" in english.stdout
    assert "Call 115 for a safe place to sleep tonight" in english.stdout
    stored = json.loads(subprocess.run([sys.executable, "main.py", "export", code, "--data-dir", str(tmp_path)],
                                       cwd=ROOT, capture_output=True, text=True,
                                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout)
    assert stored["diagnostic"]["language"] == "fr" and stored["diagnostic"]["locale"] == "uk"
