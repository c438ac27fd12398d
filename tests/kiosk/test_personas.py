"""Three personas walk the real diagnostic at the kiosk, each in a language, end to end.

The kiosk's words come from locales/<lang>/LC_MESSAGES/diagnostic.po, the
questionnaire's from questionnaires.po (French where a text has no
translation). Each walk is checked against what is stored: the same answers a
headless replay of the persona gives, the language, the kiosk mode, the
finalised diagnostic, and the code shown on the end screen.
"""
from __future__ import annotations

import pytest

from diagnostic.service import Service

from .conftest import STREET, TODAY, content, scenario, screen_name, screen_text, start, tap, walk

PERSONAS = {  # scenario file -> the language the persona chooses
    STREET: "fr",
    "aidante_familiale_en_zone_rurale": "en",
    "refugie_permis_etranger_peu_de_francais": "uk",
}
WORDS = {"fr": "Merci, c'est terminé.", "en": "Thank you, you have finished.",
         "uk": "Дякуємо, ви все завершили."}


def replayed(answers: dict) -> dict:
    """What the service keeps for these answers, without any front (nothing stored)."""
    interview = Service(None, today=TODAY).start(content(), mode="kiosk")
    interview.replay(answers)
    return {row.id: row.value for row in interview.state().outline if row.value is not None}


@pytest.mark.asyncio
@pytest.mark.parametrize("persona", PERSONAS)
async def test_a_persona_answers_alone_in_their_language(persona, make_app, service):
    language, answers = PERSONAS[persona], scenario(persona)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, language)
        asked = await walk(pilot, answers)
        assert screen_name(app) == "EndScreen"
        shown = screen_text(app)
        assert WORDS[language] in shown
        code = app.interview.code
        assert " ".join(code.split("-")[0]) in shown          # the code, grouped for reading aloud
        if persona == STREET:                                   # the 115, shown again at the end
            assert "appelez le 115" in shown
        await tap(pilot, "#done")
        assert screen_name(app) == "WelcomeScreen"
        assert app.interview is None

    record = service.export(code)
    assert record["mode"] == "kiosk" and record["locale"] == language
    assert record["status"] == "finished"
    questions = content().questionnaire.questions
    stored = {qid: a["value"] for qid, a in record["answers"].items() if questions[qid].asks}
    assert stored == replayed(answers)
    assert asked == [qid for qid in record["diagnostic"]["asked"]]
    assert record["diagnostic"]["locale"] == language


@pytest.mark.asyncio
async def test_the_115_is_shown_at_once(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "uk")
        await walk(pilot, scenario(STREET), until="tonight")    # "in the street"
        assert "115" in screen_text(app)
        assert app.screen.query_one(".urgent")  # drawn as an alert, before the next question
