"""A double tap (a bouncing touch screen, a key pressed twice) answers one question, not two.

The next screen's buttons appear where the last ones were; each screen ignores its
own buttons and keys for `SETTLE_TIME` after it is shown. Here the settle time is
set long enough for the second tap to come within it even on a busy machine, then
the test pauses past it: what is checked is what got stored, never a duration.
"""
from __future__ import annotations

import pytest
from diagnostic.ui.kiosk import base

from .conftest import press, screen_name, start

#: Long enough for a second tap sent at once to fall within it, on a loaded machine too.
SETTLE = 1.0


def stored_answers(service, app) -> dict:
    return service.export(app.interview.code)["answers"]


async def double(pilot, how: str) -> None:
    """Give the question on screen its first answer, twice in a row: by its key "1", by Enter
    (it has the focus), or by touching it; the second lands on the next question's first answer."""
    for _ in range(2):
        if how == "click":
            await pilot.click("#choice-1")
        else:
            await pilot.press(how)
        await pilot.pause()


@pytest.mark.asyncio
@pytest.mark.parametrize("how", ["1", "enter", "click"])
async def test_the_second_tap_does_not_answer_the_next_question(make_app, service, monkeypatch, how):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "fr")
        first = app.screen.question
        assert first.type == "choice"
        monkeypatch.setattr(base, "SETTLE_TIME", SETTLE)
        await pilot.pause(SETTLE)                   # the first question has been read

        await double(pilot, how)
        answers = stored_answers(service, app)
        assert list(answers) == [first.id] and answers[first.id]["value"] == first.choices[0].value
        second = app.screen.question
        assert second.id != first.id and second.type == "choice"
        assert second.answer is None and app.interview.state().question.id == second.id

        await pilot.pause(SETTLE)                   # read: now a tap answers
        await pilot.press("1")
        await pilot.pause()
        assert stored_answers(service, app)[second.id]["value"] == second.choices[0].value
        assert app.screen.question.id not in (first.id, second.id)


@pytest.mark.asyncio
async def test_a_double_tap_on_the_language_does_not_agree_to_the_notice_unread(make_app, service,
                                                                              monkeypatch):
    monkeypatch.setattr(base, "SETTLE_TIME", SETTLE)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(SETTLE)                   # the welcome screen has been read
        for _ in range(2):                          # "1": French, then "1" again: « J'accepte »
            await pilot.press("1")
            await pilot.pause()
        assert screen_name(app) == "ConsentScreen"
        assert app.interview is None and service.sessions() == []

        await pilot.pause(SETTLE)
        await press(pilot, "1")
        assert screen_name(app) == "QuestionScreen" and len(service.sessions()) == 1
