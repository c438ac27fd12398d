"""The self-service kiosk: a person answers alone, in their language, and leaves nothing behind.

`KioskApp` is the only App of the kiosk. It owns what is true of the kiosk as a
whole: the language, the lock-down (no quit key, no command palette, no
clipboard, no text selection), the adviser's exit behind a PIN, the idle wipe
and the calm error screen. Everything about the interview itself goes through
the interview service (`self.interview`); screens draw what it says and hand
it what the person did.
"""
from __future__ import annotations

import hmac
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ...i18n import LANGUAGES, Formatter
from . import DEFAULT_EXIT_KEY, theme
from .speech import Speaker

if TYPE_CHECKING:  # the service is imported once the welcome screen is up (see `prepare`)
    from ...service import Content, Interview, Service

log = logging.getLogger("diagnostic.kiosk")


class KioskApp(App, inherit_bindings=False):  # no ctrl+q, no ctrl+c "help quit"
    CSS_PATH = Path(__file__).parent / "kiosk.tcss"   # absolute: subclasses live elsewhere
    TITLE = "Diagnostic"
    ENABLE_COMMAND_PALETTE = False   # no ctrl+p, no system commands
    ALLOW_SELECT = False             # no selecting (and copying) someone's answers
    BINDINGS: list = []

    def __init__(self, prepare: Callable[[], tuple[Service, Content]], *, pin: str,
                 exit_key: str = DEFAULT_EXIT_KEY, idle_timeout: float = 180.0,
                 idle_grace: float = 30.0, speaker: Speaker | None = None):
        """`prepare()` gives the service and the questionnaire (each person's interview is
        `service.start(content, …)`). It runs in a thread once the welcome screen is drawn:
        the kiosk shows itself without waiting for the service's imports and the files."""
        super().__init__()
        if not pin:
            raise ValueError("the kiosk needs an adviser PIN")
        self._pin = pin
        self._prepare = prepare
        self.failure: BaseException | None = None  # why `prepare` failed (the command reports it)
        self._backend: Worker | None = None
        self.exit_key = exit_key
        self.idle_timeout = idle_timeout
        self.idle_grace = idle_grace
        self.speaker = speaker
        self.interview: Interview | None = None  # the interview of the person at the kiosk
        self.language = "fr"
        self._words = Formatter("fr")
        self._idle: Timer | None = None
        self._failed = False             # the error screen is up: a second failure ends the app
        self._server_pid = os.getppid()
        self.register_theme(theme.HIGH_CONTRAST)
        self.theme = theme.NAME

    # --- words ---------------------------------------------------------------

    def t(self, message: str) -> str:
        """`message` (French source) in the person's language (screens: `_ = self.app.t`)."""
        return self._words.gettext(message)

    gettext = t  # the name pybabel looks for in `self.app.gettext("…")`

    @property
    def words(self) -> Formatter:
        return self._words

    async def set_language(self, code: str) -> None:
        """Speak `code` from now on; the screen is drawn again, nothing is lost."""
        if code not in LANGUAGES or code == self.language:
            return
        self.language = code
        self._words = Formatter(code)
        if self.interview is not None:
            self.interview.set_lang(code)
        if self.screen.FROM_INTERVIEW:
            # The service words the state in the interview's language: ask it again.
            self.draw(ticked=getattr(self.screen, "ticked", None))
        else:
            await self.screen.recompose()

    # --- the way through -------------------------------------------------------

    def on_mount(self) -> None:
        from .welcome import WelcomeScreen
        if self.is_web:   # served (textual-serve runs us with its web driver)
            # We run on the server: espeak-ng would sound there, not for the person at the browser.
            self.speaker = None
            self.set_interval(2.0, self._check_server)
        self.push_screen(WelcomeScreen())
        self.call_after_refresh(self._start_backend)  # not competing with drawing the welcome

    def _start_backend(self) -> None:
        if self._backend is None:
            self._backend = self.run_worker(self._prepare, thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._backend and event.state is WorkerState.ERROR:
            # The questionnaire or the data folder cannot be used: a deployment error, for
            # the adviser at the terminal; the kiosk stops and the command says why.
            self.failure = event.worker.error
            self.exit(return_code=1)

    async def _service(self) -> tuple[Service, Content]:
        self._start_backend()
        await self._backend.wait()
        return self._backend.result

    async def begin(self, language: str) -> None:
        """A person chose their language on the welcome screen: the data-protection notice."""
        from .consent import ConsentScreen
        self.language = language
        self._words = Formatter(language)
        self.show(ConsentScreen())

    async def agree(self) -> None:
        """The person agreed: their interview starts (and is stored) now, once (a double tap)."""
        if self.interview is not None:
            return
        service, content = await self._service()
        self.interview = service.start(content, lang=self.language, mode="kiosk")
        self.draw()

    def refuse(self) -> None:
        """The person would rather talk to an adviser: nothing was stored."""
        from .adviser import AdviserScreen
        self.show(AdviserScreen())

    async def reply(self, operation: str, value=None) -> None:
        """What the person did on a question screen, handed to the service; then draw again."""
        from ...service import AnswerRefused
        interview = self.interview
        try:
            if operation == "answer":
                interview.answer(value)
            elif operation == "back":
                interview.back()
            else:  # dont_know, decline, skip, keep
                getattr(interview, operation)()
        except AnswerRefused as refusal:
            self.screen.refused(self.screen.refusal(refusal))
            return
        self.draw()

    def draw(self, ticked: set | None = None) -> None:
        """Show what the interview asks for now: a question, or the end (finalised and stored,
        as the person left it: an adviser reopens it to go through it with them). `ticked`:
        choices of a multiple-choice question ticked but not confirmed yet."""
        from ...service import ServiceError
        from .end import EndScreen
        from .question import QuestionScreen
        interview = self.interview
        state = interview.state()
        if not state.finished:
            self.show(QuestionScreen(state, ticked))
            return
        try:
            diagnostic = interview.diagnostic() or interview.finalise()
            data, saved = diagnostic.data, True
        except ServiceError as exc:  # save_failed: the answers are there, the diagnostic is not
            log.error("kiosk: the diagnostic could not be stored (%s)", exc)
            data, saved = interview.provisional(), False
        self.show(EndScreen(interview.state(), data, saved=saved))

    def finish(self) -> None:
        """"Terminer" on the end screen: the interview stays stored, the kiosk is clean again."""
        self.close_interview()
        self.wipe()

    def show(self, screen: Screen) -> None:
        """Replace what is on screen (under any dialog) by `screen`."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    # --- lock-down ---------------------------------------------------------------

    async def action_quit(self) -> None:
        """No quitting from inside the kiosk (a `[@click=app.quit]` in some text does nothing)."""

    def action_help_quit(self) -> None:
        pass

    def action_command_palette(self) -> None:
        pass

    def action_suspend_process(self) -> None:
        pass

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        pass  # a screenshot would keep someone's answers in a file

    def copy_to_clipboard(self, text: str) -> None:
        pass  # the next person could paste what this one copied

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                              events.MouseScrollUp, events.Paste)):
            self._restart_idle()
            if isinstance(event, events.Key) and event.key == self.exit_key:
                event.stop()
                self._ask_pin()
                return
        await super().on_event(event)

    # --- the adviser's exit --------------------------------------------------------

    def _ask_pin(self) -> None:
        from .pin import PinScreen
        if not isinstance(self.screen, PinScreen):
            self.push_screen(PinScreen())

    def pin_matches(self, pin: str) -> bool:
        return hmac.compare_digest(pin.encode(), self._pin.encode())

    def adviser_exit(self) -> None:
        """The adviser entered the PIN: keep the interview as it is and stop the kiosk."""
        log.info("kiosk stopped by an adviser")
        self.close_interview()
        self.exit(return_code=0)

    # --- the idle wipe ---------------------------------------------------------------

    def count_idle(self, active: bool) -> None:
        """Count idle time while a person is using the kiosk (not on the welcome screen)."""
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        if active:
            self._idle = self.set_timer(self.idle_timeout, self._still_there)

    def _restart_idle(self) -> None:
        if self._idle is not None:
            self._idle.reset()

    def _still_there(self) -> None:
        from .still_there import StillThereScreen
        self._idle = None
        self.push_screen(StillThereScreen(self.idle_grace))

    def still_here(self) -> None:
        self.count_idle(True)

    def wipe(self) -> None:
        """The person left: keep their interview as abandoned, show a clean welcome screen."""
        from .welcome import WelcomeScreen
        self.close_interview(abandoned=True)
        self.count_idle(False)
        self.clear_notifications()
        if self.speaker:
            self.speaker.stop()
        self.language = "fr"
        self._words = Formatter("fr")
        self._failed = False
        self.show(WelcomeScreen())

    def close_interview(self, *, abandoned: bool = False) -> None:
        interview, self.interview = self.interview, None
        if interview is None:
            return
        try:
            if abandoned:
                interview.abandon()
            interview.close()
        except Exception:  # noqa: BLE001 - logged; the next person must still get a clean kiosk
            log.exception("could not close the interview")

    # --- errors ----------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual's funnel for errors in handlers, timers and screens: calm, not a traceback.

        Textual would end the app and print the traceback (the message pump that
        failed stops; the screen it belonged to is replaced by the error screen)."""
        if os.environ.get("DIAGNOSTIC_DEBUG"):
            super()._handle_exception(error)
            return
        self._calm(error)

    async def run_action(self, action, default_namespace=None) -> bool:
        """Keys run their actions in the App's own message pump: an error there must not stop it."""
        try:
            return await super().run_action(action, default_namespace)
        except Exception as error:  # noqa: BLE001 - any failure: the calm screen
            if os.environ.get("DIAGNOSTIC_DEBUG"):
                raise
            self._calm(error)
            return True

    def _calm(self, error: Exception) -> None:
        """Log the details for the adviser, keep the interview (it is saved as it goes) and
        say someone will help. A failure while the error screen is up ends the app (exit 70),
        still without a traceback on screen."""
        log.error("kiosk error", exc_info=error)
        if self._failed:
            self.close_interview()
            self.exit(return_code=70)
            return
        self._failed = True
        from .error import ErrorScreen
        self.show(ErrorScreen())

    # --- served in a browser -----------------------------------------------------------

    def _check_server(self) -> None:
        """textual-serve asks us to quit when the page closes; if the server itself died, quit."""
        if os.getppid() != self._server_pid:
            self.close_interview(abandoned=True)
            self.exit(return_code=0)
