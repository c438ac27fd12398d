"""The calm screen shown after an unexpected error: the interview is kept, someone will help."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import KioskScreen, button

MESSAGES = ("Un petit problème est survenu.",
            "Vos réponses sont enregistrées.",
            "Un conseiller va vous aider.")


class ErrorScreen(KioskScreen):
    LANGUAGE_BAR = False

    def body(self) -> ComposeResult:
        t = self.app.t
        for message in MESSAGES:
            yield Static(t(message), classes="lead", markup=False)
        yield button(t("Revenir à l'accueil"), id="home", classes="big")

    def spoken(self) -> str:
        return " ".join(self.app.t(m) for m in MESSAGES)

    async def pressed(self, button: str) -> None:
        if button == "home":
            self.app.wipe()
