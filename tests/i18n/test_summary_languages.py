"""The person's summary in English and Ukrainian has no French sentence in it; --report-lang
gives the adviser the French one; two languages in one process do not mix.

These run a small fixture questionnaire with its own en/uk catalogue (tests/fixtures/i18n/locales),
in every output format; test_personas_in_languages.py runs every persona on the real diagnostic.
"""
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "i18n"
ANSWERS = sorted((FIXTURE / "answers").glob("*.json"))

# Words that are everywhere in French and nowhere in English or Ukrainian.
FRENCH_WORDS = set("le la les des du de un une et est vous votre vos pour dans avec qui que sur pas aux au "
                   "ce cette sont être ou en à ne plus par il elle son sa ses nous aucun aucune".split())
# Latin-script words a Ukrainian summary may keep: official names, acronyms, the questionnaire id.
LATIN_KEPT = set("CAF FSL SIAO France Travail MSA CCAS CPAM MDPH PLIE Mission locale Cap emploi logis sha".split())


@pytest.fixture(scope="module")
def locales(tmp_path_factory):
    """The shipped interface catalogues with the fixture's questionnaire catalogues."""
    folder = tmp_path_factory.mktemp("locales")
    for lang in ("en", "uk"):
        target = folder / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locales" / lang / "LC_MESSAGES" / "diagnostic.po", target)
        shutil.copy(FIXTURE / "locales" / lang / "LC_MESSAGES" / "questionnaires.po", target)
    return folder


def run(locales, answers, *options):
    done = subprocess.run([sys.executable, "main.py", "run", str(FIXTURE / "logis.yaml"), "--answers", str(answers),
                           "--today", "2024-03-01", *options], cwd=ROOT, capture_output=True, text=True,
                          env={"DIAGNOSTIC_LOCALES": str(locales), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def words_of(text: str, answers: Path) -> list[str]:
    """The words a reader sees, without those the person typed (kept as typed) and the hash."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"sha256:[0-9a-f]+", " ", text)))
    typed = {w for v in json.loads(answers.read_text()).values() if isinstance(v, str) for w in _words(v)}
    return [w for w in _words(text) if w not in typed]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("answers", ANSWERS, ids=lambda p: p.stem)
def test_the_summary_in_english_or_ukrainian_has_no_french_in_it(locales, answers, lang, fmt):
    out = run(locales, answers, "--lang", lang, "--format", fmt)
    if fmt == "json":   # ids and values stay neutral; the words are in the language it names
        data = json.loads(out)
        assert data["language"] == lang
        out = " ".join(str(v) for v in _texts(data))
    words = words_of(out, answers)
    french = sorted({w for w in words if w.lower() in FRENCH_WORDS})
    assert not french, f"French words in the {lang} summary: {french}"
    if lang == "uk" and fmt == "text":
        latin = sorted({w for w in words if re.fullmatch(r"[A-Za-z]+", w)} - LATIN_KEPT)
        assert not latin, f"untranslated words in the Ukrainian summary: {latin}"


def _texts(data):
    """The worded values of the JSON (labels, texts, reasons, answers), not ids or codes."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("label", "text", "answer", "reason", "status_label", "kind_label", "theme_label",
                       "agreement_label", "situation", "title") and isinstance(value, str):
                yield value
            elif key in ("objectives", "provider_labels"):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from _texts(value)
    elif isinstance(data, list):
        for item in data:
            yield from _texts(item)


def test_the_detector_would_catch_french(locales):
    answers = FIXTURE / "answers" / "arrears.json"
    french = run(locales, answers, "--lang", "fr", "--format", "text")
    assert {w.lower() for w in words_of(french, answers)} & FRENCH_WORDS >= {"des", "avec", "la", "vous"}


def test_report_lang_gives_the_french_summary_of_a_ukrainian_interview(locales):
    answers = FIXTURE / "answers" / "street.json"
    ukrainian = run(locales, answers, "--lang", "uk", "--format", "text")
    french = run(locales, answers, "--lang", "uk", "--report-lang", "fr", "--format", "text")
    assert "Де ви спатимете сьогодні вночі? На вулиці" in ukrainian
    assert "Où allez-vous dormir ce soir ? Dans la rue" in french
    assert "ORIENTATION PROPOSÉE : SOCIAL" in french and not re.search(r"[а-яіїєґ]", french, re.I)
    data = json.loads(run(locales, answers, "--lang", "uk", "--report-lang", "fr", "--format", "json"))
    same = json.loads(run(locales, answers, "--lang", "uk", "--format", "json"))
    assert data["language"] == "fr" and same["language"] == "uk"
    assert data["answers"] == same["answers"] and data["asked"] == same["asked"]   # ids and values neutral
    assert [f["rule"] for f in data["findings"]] == [f["rule"] for f in same["findings"]]


def test_two_languages_in_one_process_do_not_mix(locales, monkeypatch):
    monkeypatch.setenv("DIAGNOSTIC_LOCALES", str(locales))
    from diagnostic.i18n import Formatter
    from diagnostic.loading import load_questionnaire
    from diagnostic.loading.rules import load_rules
    from diagnostic.commands.run import replay
    from diagnostic.report import render
    from diagnostic.scoring import diagnose
    import datetime as dt
    questionnaire = load_questionnaire(FIXTURE / "logis.yaml")
    rules = load_rules(questionnaire)
    answers = json.loads((FIXTURE / "answers" / "street.json").read_text())
    session = replay(questionnaire, answers, dt.date(2024, 3, 1))
    uk, en = Formatter("uk"), Formatter("en")
    texts = [render(diagnose(session, rules, locale=f.code), "text", f) for f in (uk, en, uk)]
    assert "На вулиці" in texts[0] and "On the street" in texts[1] and texts[2] == texts[0]
    assert "На вулиці" not in texts[1] and "On the street" not in texts[0]
