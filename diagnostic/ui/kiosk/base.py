"""What every kiosk screen has: the language buttons, "Écouter", and what it reads aloud."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button

from ...i18n import LANGUAGES


def button(label: str, **options) -> Button:
    """A button whose label is shown as written: questionnaire texts and translations are
    data, and a `[@click=…]` in one must stay words, not become an action."""
    return Button(Content(label), **options)


class KioskScreen(Screen):
    """A full screen of the kiosk. Subclasses give `body()` and `spoken()`."""

    #: Idle time counts on this screen (a person is using the kiosk).
    COUNTS_IDLE = True
    #: The small language buttons at the top (the welcome screen has big ones instead).
    LANGUAGE_BAR = True
    AUTO_FOCUS = "#body Button"

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            for code, name in LANGUAGES.items() if self.LANGUAGE_BAR else ():
                button = Button(Content(name), id=f"lang-{code}", classes="language", compact=True)
                if code == self.app.language:
                    button.add_class("current")
                yield button
            if self.app.speaker:
                yield button(self.app.gettext("Écouter"), id="listen", compact=True)
        with VerticalScroll(id="body"):
            yield from self.body()

    def body(self) -> ComposeResult:
        yield from ()

    def spoken(self) -> str:
        """What "Écouter" reads: the screen's words, in the person's language."""
        return ""

    def on_screen_resume(self) -> None:
        self.app.count_idle(self.COUNTS_IDLE)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("lang-"):
            event.stop()
            await self.app.set_language(button.removeprefix("lang-"))
        elif button == "listen":
            event.stop()
            self.app.speaker.say(self.spoken(), self.app.language)
        else:
            await self.pressed(button)

    async def pressed(self, button: str) -> None:
        """A button of the screen's own was pressed (by touch, mouse, Enter or its key)."""
