"""Editing an action of the plan (label, providers, due date, status, the person's agreement),
or an objective (label, agreement)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList, Static

from ...model import ACTION_STATUSES, PROVIDERS
from ..parsing import Invalid, parse_date
from .base import N_, ConsoleModal

AGREEMENTS = ((None, N_("À recueillir")), (True, N_("Donné")), (False, N_("Refusé")))


class ActionScreen(ConsoleModal):
    """Dismissed with the changes made ({"label": …, "providers": […], "due": "YYYY-MM-DD" |
    None, "status": …, "agreed": True | False | None}, only what changed) on Ctrl+S, None on
    Escape. `item` is an action or objective of `Interview.plan()`."""
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("ctrl+s", "save", N_("Enregistrer"), priority=True),
                Binding("escape", "cancel", N_("Annuler"))]

    def __init__(self, item: dict, *, objective: bool, today):
        super().__init__()
        self.item, self.objective, self.today = item, objective, today

    def compose(self) -> ComposeResult:
        _ = self.gettext
        fmt = self.app.words
        item = self.item
        with VerticalScroll(classes="dialog"):
            yield Label(_("Modifier l'objectif") if self.objective else _("Modifier l'action"),
                        classes="dialog-title")
            yield Static(_("Libellé"))
            yield Input(item["label"], id="label", max_length=300)
            if not self.objective:
                yield Static(_("Structures"))
                yield SelectionList(*[(fmt.provider(p), p, p in item["providers"]) for p in PROVIDERS],
                                    id="providers")
                yield Static(_("Échéance (JJ/MM/AAAA ; vide : sans échéance)"))
                due = item.get("due")
                yield Input(_day(due) if due else "", placeholder=_("JJ/MM/AAAA"), id="due", max_length=20)
                yield Static(_("Statut"))
                yield Select([(fmt.action_status(s), s) for s in ACTION_STATUSES], value=item["status"],
                             allow_blank=False, id="status")
            yield Static(_("Accord de la personne"))
            yield Select([(_(label), str(value)) for value, label in AGREEMENTS],
                         value=str(item.get("agreed")), allow_blank=False, id="agreed")
            yield Static("", id="action-error", classes="dialog-error")
            yield Static(_("Ctrl+S pour enregistrer, Échap pour annuler"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def action_save(self) -> None:
        _ = self.gettext
        item, changes = self.item, {}
        label = self.query_one("#label", Input).value.strip()
        if not label:
            return self._error(_("Le libellé ne peut pas être vide."))
        if label != item["label"]:
            changes["label"] = label
        if not self.objective:
            providers = list(self.query_one("#providers", SelectionList).selected)
            if set(providers) != set(item["providers"]):   # ticked in list order: compare as sets
                changes["providers"] = providers
            text = self.query_one("#due", Input).value.strip()
            due = None
            if text:
                reply = parse_date(text, self.today)
                if isinstance(reply, Invalid):
                    return self._error(reply.message)
                due = reply.value.isoformat()
            if due != item.get("due"):
                changes["due"] = due
            status = self.query_one("#status", Select).value
            if status != item["status"]:
                changes["status"] = status
        agreed = {"None": None, "True": True, "False": False}[self.query_one("#agreed", Select).value]
        if agreed != item.get("agreed"):
            changes["agreed"] = agreed
        self.dismiss(changes)

    def _error(self, message: str) -> None:
        self.query_one("#action-error", Static).update(message)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _day(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
