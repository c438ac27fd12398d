"""The widgets that take an answer, keyboard first: a list of choices, several choices,
a typed value. Each posts `Answered(value)` with a candidate answer for the service
(which checks it); none holds interview state.
"""
from __future__ import annotations

import string
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList
from textual.widgets.option_list import Option

from .base import N_

KEYS = "123456789" + string.ascii_lowercase   # the key of each choice, in order


class Answered(Message):
    def __init__(self, value: Any):
        super().__init__()
        self.value = value


def key_of(index: int) -> str:
    return KEYS[index] if index < len(KEYS) else ""


def _label(index: int, label: str) -> str:
    key = key_of(index)
    return f"{key}. {label}" if key else f"   {label}"


class Choices(OptionList):
    """One choice: its key (1…9, then a…z) or arrows and Enter."""

    def __init__(self, choices: list[tuple[Any, str]] = (), current: Any = None, **kwargs):
        super().__init__(**kwargs)
        self.values: list = []
        self._current = current
        self.show(choices, current)

    def show(self, choices: list[tuple[Any, str]], current: Any = None) -> None:
        """Offer these (value, label) choices, the current answer highlighted."""
        self.values = [value for value, _label_ in choices]
        self.set_options([Option(_label(i, label)) for i, (_v, label) in enumerate(choices)])
        self.highlighted = self.values.index(current) if current in self.values else (0 if choices else None)

    def on_key(self, event) -> None:
        index = KEYS.find(event.character or "\0") if event.character else -1
        if 0 <= index < len(self.values):
            # Answered at once, not highlighted first: the next question is the one frame
            # this key draws (a highlight would take the frame and delay it by one).
            event.stop()
            event.prevent_default()
            self.post_message(Answered(self.values[index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Answered(self.values[event.option_index]))


class Several(SelectionList):
    """Several choices: keys or Space tick and untick, Enter gives the ticked ones."""
    BINDINGS = [Binding("enter", "give", N_("Valider"), show=False)]

    def __init__(self, choices: list[tuple[Any, str]] = (), current=None, **kwargs):
        super().__init__(**kwargs)
        self.values: list = []
        self.show(choices, current)

    def show(self, choices: list[tuple[Any, str]], current=None) -> None:
        """Offer these (value, label) choices, those of the current answer ticked."""
        ticked = set(current or ())
        self.values = [value for value, _label_ in choices]
        self.clear_options()
        self.add_options([(_label(i, label), value, value in ticked)
                          for i, (value, label) in enumerate(choices)])
        self.highlighted = 0 if choices else None

    def on_key(self, event) -> None:
        index = KEYS.find(event.character or "\0") if event.character else -1
        if 0 <= index < len(self.values):
            event.stop()
            event.prevent_default()
            self.highlighted = index
            self.toggle(self.values[index])

    def action_give(self) -> None:
        chosen = set(self.selected)
        self.post_message(Answered([v for v in self.values if v in chosen]))


class Typed(Input):
    """A number, a date or a text: Enter gives what was typed (the screen reads it)."""

    def show(self, value: str, placeholder: str, max_length: int) -> None:
        self.max_length = max_length
        self.placeholder = placeholder
        self.value = value
        self.cursor_position = len(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Answered(event.value))
