"""The adviser console: one Textual App over the interview service.

The app holds the service and the translator; screens ask the service what
to draw and hand it what the adviser did (DESIGN.md: widgets hold no
interview state). Every call into the service goes through `guard`, so an
unexpected error becomes a message on screen and a line in the log, and the
session (saved at every change) is kept.
"""
from __future__ import annotations

import gc
import logging
import os
from contextlib import contextmanager
from typing import Iterable

from textual import work
from textual.app import App
from textual.binding import Binding

from ...errors import LoadError
from ...i18n import Formatter
from ...service import ServiceError
from .base import N_, PaletteRow, translate_bindings
from .messages import noticed, refusal
from .palette import ConsoleCommands
from .themes import THEMES

log = logging.getLogger("diagnostic.console")


class ConsoleApp(App[int]):
    CSS_PATH = "console.tcss"
    COMMANDS = {ConsoleCommands}
    BINDINGS = [
        Binding("f1", "help", N_("Aide")),
        Binding("ctrl+q", "quit", N_("Quitter"), priority=True),
        Binding("ctrl+p", "command_palette", N_("Commandes"), show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, service, *, lang: str = "fr", log_path: str | None = None):
        super().__init__()
        self.service = service
        self.lang = lang                          # the console's own language (home, new sessions)
        self.languages: dict[str, Formatter] = {}   # a translator per language, made once
        self.words = self.translator(lang)        # the words on screen: the open session's language
        self.log_path = log_path
        self.interview = None          # the session open on screen (a service Interview)
        self._announced: set[str] = set()   # its alerts already popped up
        self.title = self.gettext("Diagnostic socio-professionnel")
        translate_bindings(self, self.gettext)
        for theme in THEMES:
            self.register_theme(theme)

    # --- words ---------------------------------------------------------------
    def gettext(self, message: str) -> str:
        return self.words.gettext(message)

    def _speak(self, lang: str) -> None:
        self.words = self.translator(lang)
        translate_bindings(self, self.gettext)
        self.refresh_bindings()

    def translator(self, lang: str) -> Formatter:
        if lang not in self.languages:
            self.languages[lang] = Formatter(lang)
        return self.languages[lang]

    # --- screens ---------------------------------------------------------------
    def on_mount(self) -> None:
        from .home import HomeScreen
        self.push_screen(HomeScreen())

    # --- garbage collection: never in the middle of a keypress -----------------------
    # A full collection walks every live object (Textual keeps many: 0.1 to 0.2 s here)
    # and would fall on a keypress every few answers (benchmarks/bench_console.py). So
    # what lives is frozen (left out of collections) at pauses, and everything is
    # collected once home, an interview or a review is drawn (base.ConsoleScreen).
    @staticmethod
    def settle_heap() -> None:
        """At a screen change: collect everything (a closed session's screens are freed,
        not kept), then freeze what survives (Textual, the questionnaire, the screen)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    @staticmethod
    def keep_heap() -> None:
        """At a pause within a screen (an answer drawn): collect what the last keypress
        left (only objects made since the last freeze are walked: a few milliseconds),
        then freeze what survives. A frozen object that later becomes garbage in a cycle
        waits for the next `settle_heap`."""
        gc.collect()
        gc.freeze()

    def action_help(self) -> None:
        from .help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help_quit(self) -> None:
        self.notify(self.gettext("Pour quitter, appuyez sur Ctrl+Q : tout est déjà enregistré."))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=self.gettext("Chercher une commande…"),
                                            id="--command-palette"))

    def action_theme(self, name: str) -> None:
        self.theme = name

    async def action_quit(self) -> None:
        self.close_interview()
        self.exit(0)

    def palette_commands(self, screen) -> Iterable[PaletteRow]:
        """Rows of the command palette: the screen's own first, then the app's."""
        _ = self.gettext
        yield from getattr(screen, "palette_commands", lambda: ())()
        yield _("Aide"), _("Les touches et le fonctionnement de la console"), self.action_help
        yield (_("Contraste élevé"), _("Texte blanc et jaune sur fond noir"),
               lambda: self.action_theme("contraste-eleve"))
        yield _("Thème"), _("Choisir les couleurs de la console"), self.action_change_theme
        yield _("Quitter"), _("Fermer la console ; tout est déjà enregistré"), self.action_quit

    # --- sessions: every operation is the service's ----------------------------------
    def content(self):
        """The shipped diagnostic (new interviews, the demo): the service opens it once."""
        return self.service.open_questionnaire()

    def start_interview(self, reference: str | None) -> None:
        with self.guard(self.gettext("Création de la session")):
            interview = self.service.start(self.content(), lang=self.lang, mode="adviser",
                                           reference=reference)
            self.show_interview(interview)
            # The code exists before the first question: the person can resume even if this
            # terminal dies.
            self.notify(self.gettext("Code de reprise de la personne : {code}").format(code=interview.code),
                        timeout=12, markup=False)

    def start_demo(self) -> None:
        """A session for a fictitious person, answered up to a few questions from the end, so
        that every screen has something to show; its reference says it is a demonstration."""
        from .demo import DEMO_ANSWERS
        with self.guard(self.gettext("Création de la démonstration")):
            interview = self.service.start(
                self.content(), lang=self.lang, mode="adviser",
                reference=self.gettext("DÉMONSTRATION (personne fictive)"))
            try:
                interview.replay(DEMO_ANSWERS)
            except ServiceError as exc:
                if exc.code != "answer_missing":  # the demo stops short of the end on purpose
                    interview.close()
                    raise
            self.show_interview(interview)

    def open_session(self, ref: str) -> None:
        with self.guard(self.gettext("Ouverture de la session")):
            self.show_interview(self.service.open(ref))

    @work(thread=True, exclusive=True, group="code")
    def open_by_code(self, code: str) -> None:
        """A retrieval code (a kiosk session): in a thread, since after several wrong codes
        the service waits before checking the next (it slows down guessing)."""
        with self.guard(self.gettext("Recherche du code"), thread=True):
            interview = self.service.resume(code)
            self.call_from_thread(self.show_interview, interview)

    def show_interview(self, interview) -> None:
        """Draw an opened interview: the questions while some remain, else the review."""
        from .interview import InterviewScreen
        from .review import ReviewScreen
        self.close_interview()
        self.interview = interview
        self._announced = set()
        self._speak(interview.lang)   # the screens of a session speak its language
        for notice in interview.notices:
            self.notify(noticed(notice, self.gettext), severity="warning", timeout=15, markup=False)
        screen = ReviewScreen(interview) if interview.state().finished else InterviewScreen(interview)
        self.push_screen(screen)

    def announce(self, alerts: dict[str, str]) -> None:
        """Ring and pop up the alerts (id -> words) not announced yet for the open session:
        an urgent note or finding is seen the moment it appears, on whichever screen."""
        new = [label for key, label in alerts.items() if key not in self._announced]
        self._announced.update(alerts)
        if new:
            self.bell()
        for label in new:
            self.notify(label, title=self.gettext("Alerte"), severity="warning", timeout=15, markup=False)

    def close_interview(self) -> None:
        """Release the open session (everything is already written) and go back home."""
        if self.interview is None:
            return
        interview, self.interview = self.interview, None
        self.sub_title = ""
        self._speak(self.lang)
        with self.guard(self.gettext("Fermeture de la session")):
            interview.close()
        while len(self.screen_stack) > 2:   # Textual's default screen, then home
            self.pop_screen()

    # --- errors ----------------------------------------------------------------------
    @contextmanager
    def guard(self, doing: str, *, thread: bool = False):
        """Run service calls: a refusal is shown in words, an unexpected error is logged
        and shown; neither is raised. `doing` names the operation ("Ouverture de la
        session"); `thread`: the block runs in a worker thread."""
        show = (lambda *a, **k: self.call_from_thread(self.notify, *a, **k)) if thread else self.notify
        try:
            yield
        except ServiceError as exc:
            show(refusal(exc, self.gettext), title=doing, severity="error", timeout=10, markup=False)
        except LoadError as exc:
            show(self.gettext("Le questionnaire ne peut pas être chargé : {error}").format(error=exc),
                 title=doing, severity="error", timeout=15, markup=False)
        except Exception:  # noqa: BLE001 - the last line before a traceback on screen
            log.exception("console: %s", doing)
            if os.environ.get("DIAGNOSTIC_DEBUG"):
                raise
            where = (self.gettext(" Le détail est dans {path}.").format(path=self.log_path)
                     if self.log_path else "")
            show(self.gettext("Erreur inattendue. La session est conservée.") + where,
                 title=doing, severity="error", timeout=15, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        # Last resort for an error outside `guard`: log it and leave with a message
        # (the session is saved at every change). Tests and DIAGNOSTIC_DEBUG see it raised.
        if self.is_headless or os.environ.get("DIAGNOSTIC_DEBUG"):
            return super()._handle_exception(error)
        log.error("console: erreur inattendue", exc_info=error)
        self.exit(return_code=70, message=self.gettext(
            "La console s'est arrêtée sur une erreur inattendue ; la session est enregistrée."
            " Relancez-la pour reprendre.") + (
            self.gettext(" Le détail est dans {path}.").format(path=self.log_path)
            if self.log_path else ""))
