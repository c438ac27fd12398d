"""The kiosk under test: the real questionnaire, the real service, a store in a temp folder.

Helpers drive the kiosk the way a person does (keys, taps, typing) and read
back what is on screen; what is stored is read through the service.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from diagnostic.service import Service
from diagnostic.storage import open_store
from diagnostic.ui.kiosk import base
from diagnostic.ui.kiosk.app import KioskApp

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 27)
PIN = "2468"


@lru_cache(maxsize=None)
def content(path: str | None = None):
    """The shipped diagnostic (or `path`) with its rules, loaded once for all tests."""
    return Service(None).open_questionnaire(path)


class Speaker:
    """Stands for espeak-ng: keeps what it was asked to say."""

    def __init__(self):
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, language: str) -> None:
        self.said.append((text, language))

    def stop(self) -> None:
        pass


#: The settle time of the kiosk's screens under test: short, so that walking through a
#: questionnaire stays quick; the helpers below wait for it as a person's next tap would.
SETTLE_TIME = 0.02


@pytest.fixture(autouse=True)
def quick_settle(monkeypatch):
    monkeypatch.setattr(base, "SETTLE_TIME", SETTLE_TIME)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(data_dir) -> Service:
    return Service(open_store(data_dir), front="kiosk", today=TODAY)


@pytest.fixture
def make_app(service):
    def make(**options) -> KioskApp:
        options.setdefault("pin", PIN)
        questionnaire = options.pop("content", None) or content()
        return KioskApp(lambda: (service, questionnaire), **options)
    return make


# --- reading the screen -------------------------------------------------------------

def screen_text(app) -> str:
    """Every word on every screen of the stack (the one shown and any under a dialog)."""
    parts = []
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=False):
            if isinstance(widget, Button):
                parts.append(str(widget.label))
            elif isinstance(widget, Input):
                parts.append(widget.value)
            elif isinstance(widget, Static):
                parts.append(str(widget.render()))
    return "\n".join(parts)


def screen_name(app) -> str:
    return type(app.screen).__name__


# --- acting like a person ---------------------------------------------------------------

async def settle(pilot) -> None:
    """Wait until the screen shown takes its buttons and keys (a kiosk screen ignores them
    for `SETTLE_TIME` after it is shown, so that a double tap cannot answer the next question)."""
    while getattr(pilot.app.screen, "settling", False):
        await pilot.pause(base.SETTLE_TIME)


async def tap(pilot, selector: str) -> None:
    """Touch a button (scrolled into view first, as a person would scroll to it)."""
    await settle(pilot)
    widget = pilot.app.screen.query_one(selector)
    widget.scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click(selector)
    await pilot.pause()


async def type_in(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#field", Input)
    field.focus()
    await pilot.pause()
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def start(pilot, language: str = "fr") -> None:
    """From the welcome screen: choose the language (its key), then agree to the notice."""
    await press(pilot, {"fr": "1", "en": "2", "uk": "3"}[language])
    await press(pilot, "1")


async def press(pilot, *keys: str) -> None:
    """Press keys on the screen shown, once it takes them."""
    await pilot.pause()
    await settle(pilot)
    await pilot.press(*keys)
    await pilot.pause()


async def wait_for(pilot, condition, attempts: int = 100) -> None:
    """Let timers run until `condition()` holds (not a timing check: it fails only if it never does)."""
    for _ in range(attempts):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def answer(pilot, value) -> None:
    """Give `value` (an answers-file value) to the question on screen, by keys, taps and typing."""
    await settle(pilot)
    question = pilot.app.screen.question
    if isinstance(value, dict):                 # {declined: true}, {dont_know: true}, {skipped: true}
        (kind,) = value
        await tap(pilot, "#" + {"declined": "decline", "dont_know": "dont_know", "skipped": "skip"}[kind])
    elif value is None:                         # an optional question left without an answer
        await tap(pilot, "#skip")
    elif question.type == "yes_no":
        await pilot.press("1" if value else "2")
    elif question.type == "choice":
        number = next(c.number for c in question.choices if c.value == value)
        if number <= 9:
            await pilot.press(str(number))
        else:
            await tap(pilot, f"#choice-{number}")
    elif question.type == "multi_choice":
        for choice in question.choices:
            if choice.value in value:
                await tap(pilot, f"#choice-{choice.number}")
        await tap(pilot, "#submit")
    elif question.type == "date":
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        await type_in(pilot, day.strftime("%d/%m/%Y"))
    else:                                       # number, text
        await type_in(pilot, str(value))
    await pilot.pause()


async def walk(pilot, answers: dict, until: str | None = None, limit: int = 200) -> list[str]:
    """Answer the questions shown from `answers` until the end screen (or until the question
    `until` is answered); the ids asked."""
    asked = []
    while screen_name(pilot.app) == "QuestionScreen" and until not in asked:
        question = pilot.app.screen.question
        asked.append(question.id)
        assert len(asked) <= limit, f"stuck at {question.id}"
        await answer(pilot, answers.get(question.id))
    return asked


def scenario(name: str) -> dict:
    """The answers of a persona of tests/scenarios/."""
    from diagnostic.loading.yamlreader import read
    doc, problems = read(ROOT / "tests" / "scenarios" / f"{name}.yaml")
    assert not problems
    return doc.data["answers"]


#: A persona who sleeps in the street tonight (the 115 is shown).
STREET = "homme_50_ans_a_la_rue"
