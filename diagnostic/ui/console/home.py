"""Home: recent sessions, search, new interview, resume, retrieve a kiosk session by code."""
from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from ...storage.codes import format_code
from .ask import AskScreen
from .base import N_, ConsoleScreen

STATUSES = {"in_progress": N_("En cours"), "finished": N_("Terminée"), "abandoned": N_("Abandonnée")}


class HomeScreen(ConsoleScreen):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("n", "new", N_("Nouvel entretien")),
        Binding("enter", "open", N_("Ouvrir"), show=False),
        Binding("c", "code", N_("Code de reprise")),
        Binding("slash", "search", N_("Chercher")),
        Binding("d", "demo", N_("Démonstration")),
    ]

    def compose(self) -> ComposeResult:
        _ = self.gettext
        yield Header()
        yield Static(_("Sessions récentes"), id="home-title")
        yield Input(placeholder=_("Chercher : référence, code, questionnaire…"), id="search")
        yield Static("", id="home-hint")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        _ = self.gettext
        table = self.query_one(DataTable)
        for label, key in ((_("Dernier contact"), "when"), (_("Référence"), "reference"),
                           (_("Questionnaire"), "questionnaire"), (_("Statut"), "status"),
                           (_("Finalisé"), "finalised"), (_("Réponses"), "answers"),
                           (_("Code"), "code")):
            table.add_column(label, key=key)
        table.focus()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the list is read once at start-up.
        self.refresh_sessions()

    # --- the list ----------------------------------------------------------------------
    def refresh_sessions(self) -> None:
        _ = self.gettext
        query = self.query_one("#search", Input).value.strip() or None
        rows = None
        with self.app.guard(_("Lecture des sessions")):
            rows = self.app.service.sessions(limit=200, query=query)
        if rows is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        fmt = self.app.words
        for s in rows:
            if s.problem:
                cells = ("—", _("Fichier illisible"), s.id, "", "", "", "")
                key = None
            else:
                cells = (_when(s.updated_at, fmt), s.reference or "—", s.questionnaire_id,
                         _(STATUSES.get(s.status, s.status)), fmt.yes_no(s.finalised),
                         fmt.number(s.answer_count), format_code(s.retrieval_code))
                key = s.id
            # Literal cells: a reference is the adviser's text, never markup (a "[/x]" in it
            # would stop the table from drawing).
            table.add_row(*map(Text, cells), key=key)
        hint = self.query_one("#home-hint", Static)
        if rows:
            hint.update(_("Entrée : ouvrir la session choisie. N : nouvel entretien."))
        elif query:
            hint.update(_("Aucune session ne correspond à « {query} ».").format(query=query))
        else:
            hint.update(_("Aucune session pour l'instant. Appuyez sur N pour commencer un entretien "
                          "tout de suite, ou sur D pour créer une session de démonstration "
                          "(une personne fictive) et voir chaque écran."))

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.refresh_sessions()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_session(event.row_key.value)

    # --- actions -------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key:
                self.app.open_session(key)

    def action_new(self) -> None:
        _ = self.gettext
        self.app.push_screen(
            AskScreen(_("Nouvel entretien"),
                      _("Référence de la personne (votre numéro de dossier, facultatif). "
                        "Elle n'est vue que des conseillers."),
                      placeholder=_("par exemple DOS-2024-118")),
            self._start)

    def _start(self, reference: str | None) -> None:
        if reference is not None:
            self.app.start_interview(reference or None)

    def action_code(self) -> None:
        _ = self.gettext
        self.app.push_screen(
            AskScreen(_("Retrouver une session"),
                      _("Code de reprise donné à la personne (à la borne ou en fin d'entretien)."),
                      placeholder="ABCD-EFGH-XY", required=True, max_length=40),
            self._retrieve)

    def _retrieve(self, code: str | None) -> None:
        if code:
            self.app.open_by_code(code)

    def action_demo(self) -> None:
        self.app.start_demo()

    def palette_commands(self):
        _ = self.gettext
        yield _("Nouvel entretien"), _("Commencer un diagnostic avec une personne"), self.action_new
        yield _("Code de reprise"), _("Retrouver une session par son code"), self.action_code
        yield _("Chercher une session"), _("Par référence, code ou questionnaire"), self.action_search
        yield (_("Session de démonstration"), _("Une personne fictive, pour voir chaque écran"),
               self.action_demo)


def _when(iso: str, fmt) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except (ValueError, AttributeError):
        return iso or "—"
    return f"{fmt.date(moment.date(), 'short')} {moment:%H:%M}"
