"""The adviser's way out: the exit key, then the PIN; the person's interview is kept."""
from __future__ import annotations

import pytest
from textual.widgets import Input

from .conftest import PIN, STREET, scenario, screen_name, screen_text, start, walk


async def enter_pin(pilot, pin: str) -> None:
    field = pilot.app.screen.query_one("#pin", Input)
    field.focus()
    await pilot.press(*pin, "enter")
    await pilot.pause()


@pytest.mark.asyncio
async def test_the_right_pin_stops_the_kiosk_and_keeps_the_interview(make_app, service):
    app = make_app()
    async with app.run_test() as pilot:
        await start(pilot, "fr")
        (first,) = await walk(pilot, scenario(STREET), limit=1, until=app.screen.question.id)
        code = app.interview.code
        await pilot.press("ctrl+f12")
        await pilot.pause()
        assert screen_name(app) == "PinScreen"
        await enter_pin(pilot, PIN)
    assert app.return_code == 0
    record = service.export(code)
    assert record["status"] == "in_progress" and first in record["answers"]


@pytest.mark.asyncio
async def test_a_wrong_pin_is_refused_and_three_close_the_dialog(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+f12")
        await pilot.pause()
        await enter_pin(pilot, "1111")
        assert app.is_running and screen_name(app) == "PinScreen"
        assert "Code incorrect." in screen_text(app)
        await enter_pin(pilot, "2222")
        await enter_pin(pilot, "3333")
        assert screen_name(app) == "WelcomeScreen" and app.is_running


@pytest.mark.asyncio
async def test_the_exit_key_is_configurable_and_escape_cancels(make_app):
    app = make_app(exit_key="f9")
    async with app.run_test() as pilot:
        await pilot.press("ctrl+f12")
        await pilot.pause()
        assert screen_name(app) == "WelcomeScreen"
        await pilot.press("f9")
        await pilot.pause()
        assert screen_name(app) == "PinScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "WelcomeScreen" and app.is_running
