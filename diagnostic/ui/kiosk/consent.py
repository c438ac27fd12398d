"""The data-protection notice, before anything is asked or stored."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button, Static

from .. import texts
from .base import KioskScreen


class ConsentScreen(KioskScreen):
    BINDINGS = [("1", "agree", ""), ("2", "refuse", "")]

    def body(self) -> ComposeResult:
        t = self.app.t
        yield Static(t(texts.KIOSK_NOTICE_TITLE), classes="title", markup=False)
        for paragraph in texts.KIOSK_NOTICE:
            yield Static(t(paragraph), classes="paragraph", markup=False)
        yield Button(f"1  {t('J'accepte')}", id="agree", classes="big primary")
        yield Button(f"2  {t('Je préfère parler à un conseiller')}", id="refuse", classes="big")

    def spoken(self) -> str:
        t = self.app.t
        return " ".join([t(texts.KIOSK_NOTICE_TITLE) + "."] + [t(p) for p in texts.KIOSK_NOTICE]
                        + [f"1 : {t('J'accepte')}.", f"2 : {t('Je préfère parler à un conseiller')}."])

    async def action_agree(self) -> None:
        await self.pressed("agree")

    async def action_refuse(self) -> None:
        await self.pressed("refuse")

    async def pressed(self, button: str) -> None:
        if button == "agree":
            await self.app.agree()
        elif button == "refuse":
            self.app.refuse()
