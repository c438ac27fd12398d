"""Adding an action from the catalogue: type to search, arrows and Enter to choose."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..parsing import fold
from .base import N_, ConsoleModal


class CatalogueScreen(ConsoleModal):
    """Dismissed with a catalogue action id, None on Escape.

    `actions`: (id, label, theme label) rows; `present`: ids already in the plan (shown, not
    offered)."""
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Annuler")),
                Binding("down", "to_list", show=False)]

    def __init__(self, actions: list[tuple[str, str, str]], present: set[str]):
        super().__init__()
        self.actions, self.present = actions, present

    def compose(self) -> ComposeResult:
        _ = self.gettext
        with Vertical(classes="dialog"):
            yield Label(_("Ajouter une action du catalogue"), classes="dialog-title")
            yield Input(placeholder=_("Chercher : un mot du libellé ou du thème"), id="catalogue-search")
            yield OptionList(id="catalogue-list")
            yield Static("", id="catalogue-error", classes="dialog-error")
            yield Static(_("Flèche bas pour la liste, Entrée pour ajouter, Échap pour annuler"),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        _ = self.gettext
        words = fold(query).split()
        options = []
        for action_id, label, theme in self.actions:
            haystack = fold(f"{label} {theme}")
            if all(w in haystack for w in words):
                taken = action_id in self.present
                suffix = " — " + _("déjà dans le plan") if taken else ""
                options.append(Option(f"{label} ({theme}){suffix}", id=action_id, disabled=taken))
        listing = self.query_one(OptionList)
        listing.set_options(options or [Option(_("Aucune action ne correspond."), disabled=True)])

    @on(Input.Changed, "#catalogue-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#catalogue-search")
    def _first(self) -> None:
        listing = self.query_one(OptionList)
        first = next((o for o in listing.options if not o.disabled), None)
        if first is not None:
            self.dismiss(first.id)
        else:
            self.query_one("#catalogue-error", Static).update(
                self.gettext("Aucune action à ajouter pour cette recherche."))

    @on(OptionList.OptionSelected, "#catalogue-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
