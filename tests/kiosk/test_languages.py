"""The language can be changed on every screen without losing anything."""
from __future__ import annotations

import pytest

from .conftest import STREET, answer, content, press, scenario, screen_name, screen_text, start, tap


@pytest.mark.asyncio
async def test_switching_language_mid_interview_keeps_every_answer(make_app, service):
    app = make_app()
    answers = scenario(STREET)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "fr")
        asked = []
        for _ in range(2):                            # two answers, by their keys
            asked.append(app.screen.question.id)
            await answer(pilot, answers[asked[-1]])
        before = app.interview.state()
        assert "Retour" in screen_text(app)

        await tap(pilot, "#lang-uk")
        after = app.interview.state()
        assert screen_name(app) == "QuestionScreen"
        assert app.screen.question.id == before.question.id
        assert after.progress.answered == before.progress.answered == 2
        text = screen_text(app)
        assert "Назад" in text and "Питання 3" in text and "Retour" not in text
        french = content().questionnaire.questions[app.screen.question.id].text   # the source
        shown = str(app.screen.query_one("#question").render())
        assert shown == app.words.content(french) != french                 # the question, in Ukrainian

        await tap(pilot, "#back")                     # the earlier answer is still there
        question = app.screen.question
        assert question.id == asked[1]
        chosen = next(c.number for c in question.choices if c.value == answers[asked[1]])
        assert "chosen" in app.screen.query_one(f"#choice-{chosen}").classes
        assert "Залишити мою відповідь" in screen_text(app)
        await tap(pilot, "#lang-en")
        assert app.screen.question.id == asked[1] and "Keep my answer" in screen_text(app)
        code = app.interview.code

    record = service.export(code)
    assert record["locale"] == "en"
    assert {k: v["value"] for k, v in record["answers"].items()} == {q: answers[q] for q in asked}


@pytest.mark.asyncio
async def test_the_notice_and_the_welcome_speak_the_chosen_language(make_app, service):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        text = screen_text(app)
        for name in ("Français", "English", "Українська"):   # each in its own language
            assert name in text
        await press(pilot, "2")
        assert "I'd rather talk to an adviser" in screen_text(app)
        await tap(pilot, "#lang-uk")
        assert "Я хочу поговорити з консультантом" in screen_text(app)
        await press(pilot, "2")                       # rather talk to an adviser: nothing stored
        assert screen_name(app) == "AdviserScreen" and app.interview is None
        assert "Нічого не збережено." in screen_text(app)
    assert service.sessions() == []
