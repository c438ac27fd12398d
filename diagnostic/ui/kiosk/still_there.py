""""Êtes-vous toujours là ?": after the idle time, before the kiosk wipes the screen."""
from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .base import button


class StillThereScreen(ModalScreen):
    AUTO_FOCUS = "#here"

    def __init__(self, grace: float):
        super().__init__()
        self.grace = grace
        self.left = grace

    def compose(self) -> ComposeResult:
        _ = self.app.t
        with Vertical(id="dialog"):
            yield Static(_("Êtes-vous toujours là ?"), classes="title", markup=False)
            yield Static(self._countdown(), id="countdown", markup=False)
            yield button(_("Oui, je continue"), id="here", classes="big primary")

    def on_mount(self) -> None:
        self.set_timer(self.grace, self._gone)
        self.set_interval(1.0, self._tick)

    def _countdown(self) -> str:
        seconds = max(0, math.ceil(self.left))
        return self.app.gettext("Sans réponse, l'écran revient à l'accueil dans {n} s.").format(n=seconds)

    def _tick(self) -> None:
        self.left -= 1
        self.query_one("#countdown", Static).update(self._countdown())

    def _gone(self) -> None:
        self.app.wipe()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "here":
            self.dismiss()
            self.app.still_here()
