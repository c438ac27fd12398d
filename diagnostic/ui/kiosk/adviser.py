""""I'd rather talk to an adviser": nothing was stored, someone will come."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...model import N_
from .base import KioskScreen, button

MESSAGES = (N_("Très bien. Rien n'a été enregistré."),
            N_("Un conseiller va vous recevoir. Vous pouvez vous adresser à l'accueil."))


class AdviserScreen(KioskScreen):
    def body(self) -> ComposeResult:
        _ = self.app.t
        for message in MESSAGES:
            yield Static(_(message), classes="lead", markup=False)
        yield button(_("Terminer"), id="done", classes="big primary")

    def spoken(self) -> str:
        return " ".join(self.app.t(m) for m in MESSAGES)

    async def pressed(self, button: str) -> None:
        if button == "done":
            self.app.wipe()
