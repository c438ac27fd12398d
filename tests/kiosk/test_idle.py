"""The idle wipe: "Êtes-vous toujours là ?", then nothing of the person is left or reachable."""
from __future__ import annotations

import pytest

from .conftest import STREET, press, scenario, screen_name, screen_text, start, tap, wait_for, walk

# Short enough for a test, long enough that a loaded machine does not time out between keys.
QUICK = dict(idle_timeout=1.5, idle_grace=0.5)


@pytest.mark.asyncio
async def test_after_the_idle_time_nothing_of_the_person_is_left(make_app, service):
    app = make_app(**QUICK)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "en")
        await walk(pilot, scenario(STREET), until="tonight")   # sleeping in the street tonight
        code = app.interview.code
        seen = [str(app.screen.query_one(selector).render()) for selector in ("#question", ".urgent")]
        await wait_for(pilot, lambda: screen_name(app) == "StillThereScreen")
        assert "Are you still there?" in screen_text(app)
        await wait_for(pilot, lambda: screen_name(app) == "WelcomeScreen")

        text = screen_text(app)
        for trace in (*seen, "115", code, " ".join(code.split("-")[0]), "Question"):
            assert trace not in text
        assert app.interview is None and len(app.screen_stack) == 2
        await press(pilot, "escape")                # "back" from the welcome screen: nowhere
        assert screen_name(app) == "WelcomeScreen"

        # The next person starts afresh: no way back to the previous one's answers.
        await start(pilot, "fr")
        assert app.interview.code != code
        assert app.screen.question.number == 1 and app.screen.question.answer is None
        assert not app.screen.query("#back")
        first = app.screen.question.id
        await press(pilot, "escape")
        assert app.screen.question.id == first
        assert app.interview.back() is False

    record = service.export(code)
    assert record["status"] == "abandoned"
    assert record["answers"]["tonight"]["value"] == "street"   # kept for the adviser


@pytest.mark.asyncio
async def test_still_here_keeps_the_interview(make_app):
    app = make_app(idle_timeout=1.5, idle_grace=30)
    async with app.run_test() as pilot:
        await start(pilot, "uk")
        await press(pilot, "1")                     # the first question is a choice
        question = app.screen.question.id
        await wait_for(pilot, lambda: screen_name(app) == "StillThereScreen")
        assert "Ви ще тут?" in screen_text(app)
        await tap(pilot, "#here")
        assert screen_name(app) == "QuestionScreen" and app.screen.question.id == question


@pytest.mark.asyncio
async def test_the_welcome_screen_does_not_count_idle_time(make_app):
    app = make_app(**QUICK)
    async with app.run_test() as pilot:
        await pilot.pause(2.5)
        assert screen_name(app) == "WelcomeScreen" and len(app.screen_stack) == 2
