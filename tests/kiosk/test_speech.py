""""Écouter": the screen read aloud by espeak-ng in the session's language, when installed."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from textual.drivers import headless_driver
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.web_driver import WebDriver

from diagnostic.ui.kiosk.speech import VOICES, Speaker as Espeak

from .conftest import Speaker, press, screen_name, start, tap

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed (Debian package espeak-ng)")


@needs_espeak
@pytest.mark.parametrize("language, text", [("fr", "Où allez-vous dormir ce soir ?"),
                                            ("en", "Where will you sleep tonight?"),
                                            ("uk", "Де ви будете спати сьогодні вночі?")])
def test_espeak_speaks_each_kiosk_language(language, text, tmp_path):
    speaker = Espeak.find()
    wav = tmp_path / "said.wav"
    subprocess.run(speaker.command(text, language) + ["-w", str(wav)], input=text.encode(),
                   check=True, timeout=60)
    assert wav.stat().st_size > 10_000                 # seconds of speech, not an empty file


@needs_espeak
def test_speaking_without_a_sound_card_does_not_disturb_the_kiosk():
    speaker = Espeak.find()
    speaker.say("Bonjour", "fr")
    speaker.say("Привіт", "uk")                         # stops the first
    speaker.stop()


def test_every_kiosk_language_has_a_voice():
    assert set(VOICES) == {"fr", "en", "uk"}


@pytest.mark.asyncio
async def test_listen_reads_the_question_and_its_choices_in_the_persons_language(make_app):
    speaker = Speaker()
    app = make_app(speaker=speaker)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "uk")
        await tap(pilot, "#listen")
        (text, language), = speaker.said
        assert language == "uk"
        question, words = app.screen.question, app.words
        assert words.content(question.text).rstrip(" ?") in text
        for choice in question.choices:
            assert f"{choice.number} : {words.content(choice.label)}" in text


@pytest.mark.asyncio
async def test_without_espeak_there_is_no_listen_button(make_app):
    app = make_app(speaker=None)
    async with app.run_test() as pilot:
        await start(pilot, "fr")
        assert not app.screen.query("#listen")


class Served(HeadlessDriver):
    """The test driver, saying what Textual's web driver says when textual-serve runs the kiosk."""
    is_web = WebDriver.is_web


@pytest.mark.asyncio
async def test_served_in_a_browser_there_is_no_listen_button(make_app, monkeypatch):
    # The app runs on the server: espeak-ng would sound there, not for the person at the browser.
    monkeypatch.setattr(headless_driver, "HeadlessDriver", Served)   # what run_test() starts
    speaker = Speaker()
    app = make_app(speaker=speaker)
    async with app.run_test() as pilot:
        assert app.is_web
        assert not app.screen.query("#listen")              # welcome
        await press(pilot, "1")
        assert screen_name(app) == "ConsentScreen" and not app.screen.query("#listen")
        await press(pilot, "1")
        assert screen_name(app) == "QuestionScreen" and not app.screen.query("#listen")
    assert speaker.said == []


@pytest.mark.asyncio
async def test_in_the_terminal_every_screen_has_the_listen_button(make_app):
    app = make_app(speaker=Speaker())
    async with app.run_test() as pilot:
        assert not app.is_web
        assert app.screen.query("#listen")                  # welcome
        await press(pilot, "1")
        assert screen_name(app) == "ConsentScreen" and app.screen.query("#listen")
        await press(pilot, "1")
        assert screen_name(app) == "QuestionScreen" and app.screen.query("#listen")
