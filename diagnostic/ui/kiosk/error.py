"""The calm screen shown after an unexpected error: the interview is kept, someone will help."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...model import N_
from .base import KioskScreen, button
from .end import spaced

PROBLEM = N_("Un petit problème est survenu.")
KEPT = N_("Vos réponses sont enregistrées. Votre code :")
HELP = N_("Un conseiller va vous aider.")


class ErrorScreen(KioskScreen):
    LANGUAGE_BAR = False

    def body(self) -> ComposeResult:
        _ = self.app.t
        yield Static(_(PROBLEM), classes="title", markup=False)
        code = self.app.interview.code if self.app.interview is not None else None
        if code:
            yield Static(_(KEPT), classes="lead", markup=False)
            yield Static(spaced(code), classes="code", markup=False)
        yield Static(_(HELP), classes="lead", markup=False)
        yield button(_("Revenir à l'accueil"), id="home", classes="big")

    def spoken(self) -> str:
        return f"{self.app.t(PROBLEM)} {self.app.t(HELP)}"

    async def pressed(self, button: str) -> None:
        if button == "home":
            self.app.wipe()
