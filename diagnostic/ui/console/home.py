"""Home: recent sessions, search, new interview, resume, retrieve a kiosk session by code."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from .base import N_, ConsoleScreen


class HomeScreen(ConsoleScreen):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("n", "new", N_("Nouvel entretien")),
        Binding("c", "code", N_("Code de reprise")),
        Binding("slash", "search", N_("Chercher")),
    ]

    def compose(self) -> ComposeResult:
        _ = self.gettext
        yield Header()
        yield Static(_("Sessions récentes"), id="home-title")
        yield Input(placeholder=_("Chercher : référence, code, questionnaire, date…"), id="search")
        yield DataTable(id="sessions", cursor_type="row")
        yield Footer()
