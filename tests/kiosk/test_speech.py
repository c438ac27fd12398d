""""Écouter": the screen read aloud by espeak-ng in the session's language, when installed."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from diagnostic.ui.kiosk.speech import VOICES, Speaker as Espeak

from .conftest import Speaker, start, tap

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
