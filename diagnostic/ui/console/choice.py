"""A small dialog choosing one of a few options (a pathway, a theme, a format, yes or no)."""
from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from .answering import Answered, Choices
from .base import N_, ConsoleModal


class ChoiceScreen(ConsoleModal):
    """Dismissed with the value chosen (its key, or arrows and Enter), None on Escape."""
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Annuler"))]

    def __init__(self, title: str, prompt: str, options: list[tuple[Any, str]], current: Any = None):
        super().__init__()
        self.title_text, self.prompt, self.options, self.current = title, prompt, options, current

    def compose(self) -> ComposeResult:
        _ = self.gettext
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.prompt:
                yield Static(self.prompt, classes="dialog-prompt")
            yield Choices(self.options, current=self.current, id="choice-list")
            yield Static(_("Tapez le numéro, ou flèches puis Entrée ; Échap pour annuler"),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Choices).focus()

    def on_answered(self, event: Answered) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
