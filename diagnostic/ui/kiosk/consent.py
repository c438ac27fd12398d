"""The data-protection notice, before anything is asked or stored."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...model import N_
from .. import texts
from .base import KioskScreen, button

AGREE, REFUSE = N_("J'accepte"), N_("Je préfère parler à un conseiller")


class ConsentScreen(KioskScreen):
    BINDINGS = [("1", "agree", ""), ("2", "refuse", "")]

    def body(self) -> ComposeResult:
        _ = self.app.t
        yield Static(_(texts.KIOSK_NOTICE_TITLE), classes="title", markup=False)
        for paragraph in texts.KIOSK_NOTICE:
            yield Static(_(paragraph), classes="paragraph", markup=False)
        yield button(f"1  {_(AGREE)}", id="agree", classes="big primary")
        yield button(f"2  {_(REFUSE)}", id="refuse", classes="big")

    def spoken(self) -> str:
        _ = self.app.t
        return " ".join([_(texts.KIOSK_NOTICE_TITLE) + "."] + [_(p) for p in texts.KIOSK_NOTICE]
                        + [f"1 : {_(AGREE)}.", f"2 : {_(REFUSE)}."])

    async def action_agree(self) -> None:
        await self.press("agree")

    async def action_refuse(self) -> None:
        await self.press("refuse")

    async def pressed(self, button: str) -> None:
        if button == "agree":
            await self.app.agree()
        elif button == "refuse":
            self.app.refuse()
