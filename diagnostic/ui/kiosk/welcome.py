"""The welcome screen: the choice of language, each named in its own language."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from ...i18n import LANGUAGES
from .base import KioskScreen, button

# Shown before anyone chose a language, so in all three at once.
GREETING = "Bienvenue · Welcome · Ласкаво просимо"
CHOOSE = "Choisissez votre langue · Choose your language · Оберіть мову"


class WelcomeScreen(KioskScreen):
    COUNTS_IDLE = False   # nobody's answers here yet
    LANGUAGE_BAR = False  # the big buttons are the language choice
    BINDINGS = [Binding(str(n), f"choose({n})", show=False) for n in range(1, len(LANGUAGES) + 1)]

    def body(self) -> ComposeResult:
        yield Static(GREETING, classes="title", markup=False)
        yield Static(CHOOSE, classes="lead", markup=False)
        for n, (code, name) in enumerate(LANGUAGES.items(), 1):
            yield button(f"{n}  {name}", id=f"start-{code}", classes="big")

    def spoken(self) -> str:
        return self.app.gettext("Choisissez votre langue") + ". " + ". ".join(
            f"{n} : {name}" for n, name in enumerate(LANGUAGES.values(), 1))

    async def action_choose(self, n: int) -> None:
        await self.press(f"start-{list(LANGUAGES)[n - 1]}")

    async def pressed(self, button: str) -> None:
        if button.startswith("start-"):
            await self.app.begin(button.removeprefix("start-"))
