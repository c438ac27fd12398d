"""The adviser's exit: the PIN, behind the exit key."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from .base import button

MAX_TRIES = 3


class PinScreen(ModalScreen):
    AUTO_FOCUS = "#pin"
    BINDINGS = [("escape", "cancel", "")]

    def __init__(self):
        super().__init__()
        self.tries = 0

    def compose(self) -> ComposeResult:
        _ = self.app.t
        with Vertical(id="dialog"):
            yield Static(_("Réservé aux conseillers"), classes="title", markup=False)
            yield Input(password=True, restrict=r"[0-9]*", max_length=12, id="pin",
                        placeholder=_("Code PIN"))
            yield Static("", id="message", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield button(_("Valider"), id="ok", classes="primary")
                yield button(_("Annuler"), id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._check()
        else:
            self.dismiss()

    def action_cancel(self) -> None:
        self.dismiss()

    def _check(self) -> None:
        field = self.query_one("#pin", Input)
        if self.app.pin_matches(field.value):
            self.app.adviser_exit()
            return
        self.tries += 1
        field.value = ""
        if self.tries >= MAX_TRIES:
            self.dismiss()
        else:
            self.query_one("#message", Static).update(self.app.gettext("Code incorrect."))
