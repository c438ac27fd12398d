"""A small dialog asking for one line of text (a reference, a code, a reason, a label)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from .base import N_, ConsoleModal


class AskScreen(ConsoleModal):
    """Dismissed with the text typed (stripped; may be empty) on Enter, None on Escape.

    `required`: an empty answer is refused with a message, the dialog stays."""
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Annuler"))]

    def __init__(self, title: str, prompt: str, *, value: str = "", placeholder: str = "",
                 required: bool = False, max_length: int = 200):
        super().__init__()
        self.title_text, self.prompt, self.value = title, prompt, value
        self.placeholder, self.required, self.max_length = placeholder, required, max_length

    def compose(self) -> ComposeResult:
        _ = self.gettext
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.prompt, classes="dialog-prompt")
            yield Input(self.value, placeholder=self.placeholder, max_length=self.max_length,
                        id="ask-input")
            yield Static("", id="ask-error", classes="dialog-error")
            yield Static(_("Entrée pour valider, Échap pour annuler"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self.required and not text:
            self.query_one("#ask-error", Static).update(self.gettext("Ce champ est obligatoire."))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
