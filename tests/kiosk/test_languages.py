"""The language can be changed on every screen without losing anything."""
from __future__ import annotations

import pytest

from .conftest import screen_name, screen_text, start, tap


@pytest.mark.asyncio
async def test_switching_language_mid_interview_keeps_every_answer(make_app, service):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "fr")
        await pilot.press("3")                        # housed by someone
        await pilot.pause()
        await pilot.press("2")                        # at my parents'
        await pilot.pause()
        before = app.interview.state()
        assert "Retour" in screen_text(app)

        await tap(pilot, "#lang-uk")
        after = app.interview.state()
        assert screen_name(app) == "QuestionScreen"
        assert app.screen.question.id == before.question.id
        assert after.progress.answered == before.progress.answered == 2
        text = screen_text(app)
        assert "Назад" in text and "Питання 3" in text and "Retour" not in text

        await tap(pilot, "#back")                     # the earlier answer is still there
        assert app.screen.question.id == "tonight"
        assert "chosen" in app.screen.query_one("#choice-2").classes
        assert "Залишити мою відповідь" in screen_text(app)
        await tap(pilot, "#lang-en")
        assert app.screen.question.id == "tonight" and "Keep my answer" in screen_text(app)
        code = app.interview.code

    record = service.export(code)
    assert record["locale"] == "en"
    assert {k: v["value"] for k, v in record["answers"].items()} == {
        "housing_difficulty": "hosted", "tonight": "parents"}


@pytest.mark.asyncio
async def test_the_notice_and_the_welcome_speak_the_chosen_language(make_app, service):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        text = screen_text(app)
        for name in ("Français", "English", "Українська"):   # each in its own language
            assert name in text
        await pilot.press("2")
        await pilot.pause()
        assert "I'd rather talk to an adviser" in screen_text(app)
        await tap(pilot, "#lang-uk")
        assert "Я хочу поговорити з консультантом" in screen_text(app)
        await pilot.press("2")                        # rather talk to an adviser: nothing stored
        await pilot.pause()
        assert screen_name(app) == "AdviserScreen" and app.interview is None
        assert "Нічого не збережено." in screen_text(app)
    assert service.sessions() == []
