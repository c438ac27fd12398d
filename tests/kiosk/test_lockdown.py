"""No way out for the person: no quit key, no command palette, no terminal behind."""
from __future__ import annotations

import pytest
from textual.command import CommandPalette

from diagnostic.ui.kiosk.app import KioskApp

from .conftest import content, screen_name, screen_text, start

# Every key Textual (8.2) or a terminal habit could turn into quitting, suspending, a
# palette, a help panel, a screenshot, or a way back to the shell.
KEYS = ["ctrl+q", "ctrl+c", "ctrl+p", "ctrl+z", "ctrl+d", "ctrl+backslash", "ctrl+w",
        "ctrl+x", "ctrl+s", "ctrl+t", "ctrl+l", "escape", "f1", "f2", "f10", "f12", "q"]
LEAVING_ACTIONS = {"quit", "help_quit", "command_palette", "suspend_process", "screenshot",
                   "show_help_panel", "change_theme", "toggle_dark", "pop_screen", "back"}


def test_the_command_palette_is_off():
    assert KioskApp.ENABLE_COMMAND_PALETTE is False


def bound_actions(app) -> set[str]:
    return {active.binding.action.removeprefix("app.").removeprefix("screen.")
            for active in app.active_bindings.values()}


@pytest.mark.asyncio
@pytest.mark.parametrize("where", ["welcome", "question"])
async def test_no_key_leaves_the_kiosk_or_opens_a_palette(where, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if where == "question":
            await start(pilot, "fr")
        shown = screen_name(app)
        assert not bound_actions(app) & LEAVING_ACTIONS
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.return_code is None, key
            assert not isinstance(app.screen, CommandPalette), key
        # escape on the first question goes nowhere (there is no earlier question)
        assert screen_name(app) == shown
        assert len(app.screen_stack) == 2


@pytest.mark.asyncio
async def test_quitting_actions_do_nothing_even_when_asked_for(make_app):
    """A `[@click=app.quit]` written in some text, or any caller, cannot stop the kiosk."""
    app = make_app()
    async with app.run_test() as pilot:
        for action in ("quit", "help_quit", "command_palette", "suspend_process", "screenshot"):
            await app.run_action(action)
            await pilot.pause()
            assert app.is_running and app.return_code is None, action
        app.copy_to_clipboard("someone's answer")
        assert app.clipboard == ""


@pytest.mark.asyncio
async def test_questionnaire_texts_are_shown_as_written_never_as_actions(make_app, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: piege\nversion: 1\ntitle: Piège\nsections:\n  - id: s\n    theme: logement\n"
        "    title: Section\n    questions:\n      - id: a\n        type: choice\n"
        "        text: \"[@click=app.quit]Cliquez ici[/]\"\n        choices:\n"
        "          - {value: out, label: \"[@click=app.quit]Sortir[/]\"}\n"
        "          - {value: bold, label: \"[b]Gras[/b]\"}\n", encoding="utf-8")
    app = make_app(content=content(str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "fr")
        assert "[@click=app.quit]Cliquez ici[/]" in screen_text(app)
        assert "1  [@click=app.quit]Sortir[/]" in screen_text(app)
        await pilot.click("#question")
        await pilot.pause()
        assert app.is_running and app.return_code is None


def test_the_kiosk_refuses_to_start_without_a_pin(service):
    with pytest.raises(ValueError):
        KioskApp(lambda: (service, content()), pin="")
