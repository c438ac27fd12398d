"""What every kiosk screen has: the language buttons, "Écouter", what it reads aloud, and
a moment after it is shown when its own buttons and keys do nothing (`SETTLE_TIME`)."""
from __future__ import annotations

import time

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


#: Seconds a screen ignores its own buttons and keys after it is shown. The next screen's
#: buttons appear where the last ones were: without this, the second tap of a double tap
#: (a bouncing touch screen, a key pressed twice) would answer a question nobody read.
SETTLE_TIME = 0.4


class KioskScreen(Screen):
    """A full screen of the kiosk. Subclasses give `body()` and `spoken()`."""

    #: Idle time counts on this screen (a person is using the kiosk).
    COUNTS_IDLE = True
    #: The small language buttons at the top (the welcome screen has big ones instead).
    LANGUAGE_BAR = True
    #: What gets the focus first (Enter presses it); the screen is not scrolled to it,
    #: so that the question above the answers stays in view.
    FIRST = "#body Button"
    AUTO_FOCUS = None
    #: Drawn from the interview's state, which the service words in the interview's language.
    FROM_INTERVIEW = False

    _shown_at = 0.0   # when the screen was last shown (time.monotonic()), for `settling`

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            for code, name in LANGUAGES.items() if self.LANGUAGE_BAR else ():
                language = button(name, id=f"lang-{code}", classes="language", compact=True)
                if code == self.app.language:
                    language.add_class("current")
                yield language
            if self.app.speaker:
                yield button(self.app.gettext("Écouter"), id="listen", compact=True)
        with VerticalScroll(id="body"):
            yield from self.body()

    def body(self) -> ComposeResult:
        yield from ()

    def spoken(self) -> str:
        """What "Écouter" reads: the screen's words, in the person's language."""
        return ""

    def on_mount(self) -> None:
        for widget in self.query(self.FIRST).results():   # the first, in screen order
            widget.focus(scroll_visible=False)
            break

    def on_screen_resume(self) -> None:   # shown, or back from under a dialog
        self._shown_at = time.monotonic()
        self.app.count_idle(self.COUNTS_IDLE)

    @property
    def settling(self) -> bool:
        """Just shown: the screen's own buttons and keys do nothing yet (see `SETTLE_TIME`)."""
        return time.monotonic() - self._shown_at < SETTLE_TIME

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        pressed = event.button.id or ""
        if pressed.startswith("lang-"):
            event.stop()
            await self.app.set_language(pressed.removeprefix("lang-"))
        elif pressed == "listen":
            event.stop()
            self.app.speaker.say(self.spoken(), self.app.language)
        else:
            await self.press(pressed)

    async def press(self, button: str) -> None:
        """The person pressed one of the screen's own buttons (touch, mouse, Enter or its key):
        `pressed`, unless the screen was only just shown."""
        if not self.settling:
            await self.pressed(button)

    async def pressed(self, button: str) -> None:
        """A button of the screen's own was pressed, the screen settled (subclasses)."""
