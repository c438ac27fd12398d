""""I'd rather talk to an adviser": nothing was stored, someone will come."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import KioskScreen, button

MESSAGES = ("Très bien. Rien n'a été enregistré.",
            "Un conseiller va vous recevoir. Vous pouvez vous adresser à l'accueil.")


class AdviserScreen(KioskScreen):
    def body(self) -> ComposeResult:
        t = self.app.t
        for message in MESSAGES:
            yield Static(t(message), classes="lead", markup=False)
        yield button(t("Terminer"), id="done", classes="big primary")

    def spoken(self) -> str:
        return " ".join(self.app.t(m) for m in MESSAGES)

    async def pressed(self, button: str) -> None:
        if button == "done":
            self.app.wipe()
