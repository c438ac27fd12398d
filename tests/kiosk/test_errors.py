"""An unexpected error: a calm screen, the interview kept, the details logged for the adviser."""
from __future__ import annotations

import logging

import pytest

from diagnostic.service import Interview
from diagnostic.ui.kiosk.error import ErrorScreen

from .conftest import STREET, answer, press, scenario, screen_name, screen_text, start, tap, wait_for, walk


def broken(*args, **kwargs):
    raise RuntimeError("boom: something inside failed")


@pytest.mark.asyncio
async def test_an_error_shows_a_calm_screen_and_keeps_the_interview(make_app, service, monkeypatch, caplog):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "en")
        answers = scenario(STREET)
        (first,) = await walk(pilot, answers, until=app.screen.question.id)   # one answer stored
        code = app.interview.code
        monkeypatch.setattr(Interview, "answer", broken)
        with caplog.at_level(logging.ERROR, logger="diagnostic.kiosk"):
            await answer(pilot, answers[app.screen.question.id])
        assert screen_name(app) == "ErrorScreen" and app.is_running
        text = screen_text(app)
        assert "An adviser will help you." in text and " ".join(code.split("-")[0]) in text
        assert "Traceback" not in text and "boom" not in text and "RuntimeError" not in text
        logged = "\n".join(r.getMessage() + str(r.exc_info) for r in caplog.records)
        assert "boom: something inside failed" in logged
        await tap(pilot, "#home")
        assert screen_name(app) == "WelcomeScreen"
    record = service.export(code)
    assert record["status"] == "abandoned" and list(record["answers"]) == [first]


@pytest.mark.asyncio
async def test_when_even_the_error_screen_fails_the_app_ends_without_a_traceback(make_app, monkeypatch):
    app = make_app()
    monkeypatch.setattr(Interview, "answer", broken)
    monkeypatch.setattr(ErrorScreen, "body", broken)
    async with app.run_test() as pilot:
        await start(pilot, "fr")
        await press(pilot, "1")               # the first question is a choice
        await wait_for(pilot, lambda: app.return_code is not None)
        assert app.return_code == 70
