"""The adviser console: one Textual App over the interview service.

The app holds the service and the translator; screens ask the service what
to draw and hand it what the adviser did (DESIGN.md: widgets hold no
interview state). Every call into the service goes through `guard`, so an
unexpected error becomes a message on screen and a line in the log, and the
session (saved at every change) is kept.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Iterable

from textual.app import App
from textual.binding import Binding

from ...i18n import Formatter
from .base import N_, PaletteRow, translate_bindings
from .palette import ConsoleCommands
from .themes import THEMES

log = logging.getLogger("diagnostic.console")


class ConsoleApp(App[int]):
    CSS_PATH = "console.tcss"
    COMMANDS = {ConsoleCommands}
    BINDINGS = [
        Binding("f1", "help", N_("Aide")),
        Binding("ctrl+q", "quit", N_("Quitter"), priority=True),
        Binding("ctrl+p", "command_palette", N_("Commandes"), priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, service, *, lang: str = "fr", log_path: str | None = None):
        super().__init__()
        self.service = service
        self.words = Formatter(lang)
        self.lang = lang
        self.log_path = log_path
        self.title = self.gettext("Diagnostic socio-professionnel")
        translate_bindings(self, self.gettext)
        for theme in THEMES:
            self.register_theme(theme)

    # --- words ---------------------------------------------------------------
    def gettext(self, message: str) -> str:
        return self.words.gettext(message)

    # --- screens ---------------------------------------------------------------
    def on_mount(self) -> None:
        from .home import HomeScreen
        self.push_screen(HomeScreen())

    def action_help(self) -> None:
        from .help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help_quit(self) -> None:
        self.notify(self.gettext("Pour quitter, appuyez sur Ctrl+Q : tout est déjà enregistré."))

    def action_theme(self, name: str) -> None:
        self.theme = name

    def palette_commands(self, screen) -> Iterable[PaletteRow]:
        """Rows of the command palette: the screen's own first, then the app's."""
        _ = self.gettext
        yield from getattr(screen, "palette_commands", lambda: ())()
        yield _("Aide"), _("Les touches et le fonctionnement de la console"), self.action_help
        yield (_("Contraste élevé"), _("Texte blanc et jaune sur fond noir"),
               lambda: self.action_theme("contraste-eleve"))
        yield _("Thème"), _("Choisir les couleurs de la console"), self.action_change_theme
        yield _("Quitter"), _("Fermer la console ; tout est déjà enregistré"), self.exit

    # --- errors ----------------------------------------------------------------------
    @contextmanager
    def guard(self, doing: str):
        """Run a service call; an unexpected error is logged and shown, never raised.

        `doing` says what failed, in the console's words ("Enregistrement de la note")."""
        try:
            yield
        except Exception:  # noqa: BLE001 - the last line before a traceback on screen
            log.exception("console: %s", doing)
            if os.environ.get("DIAGNOSTIC_DEBUG"):
                raise
            where = (self.gettext(" Le détail est dans {path}.").format(path=self.log_path)
                     if self.log_path else "")
            self.notify(self.gettext("{doing} : erreur inattendue. La session est conservée.")
                        .format(doing=doing) + where,
                        severity="error", timeout=15, markup=False)

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
