"""An adviser's note on the question shown or on its theme (never shown to the person)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, RadioButton, RadioSet, Static, TextArea

from .base import N_, ConsoleModal


class NoteScreen(ConsoleModal):
    """Dismissed with ("question" | "theme", text) on Ctrl+S, None on Escape.
    An empty text removes the note."""
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("ctrl+s", "save", N_("Enregistrer"), priority=True),
                Binding("escape", "cancel", N_("Annuler"))]

    def __init__(self, question: str, theme: str | None, question_note: str, theme_note: str):
        super().__init__()
        self.question, self.theme = question, theme
        self.texts = {"question": question_note, "theme": theme_note}
        self.about = "question"

    def compose(self) -> ComposeResult:
        _ = self.gettext
        with Vertical(classes="dialog"):
            yield Label(_("Note du conseiller"), classes="dialog-title")
            yield Static(_("Réservée aux conseillers : jamais montrée à la personne, jamais "
                           "comptée comme une réponse."), classes="dialog-prompt")
            with RadioSet(id="about"):
                yield RadioButton(_("Sur la question : {text}").format(text=_short(self.question)),
                                  value=True, id="about-question")
                if self.theme:
                    yield RadioButton(_("Sur le thème : {theme}").format(theme=self.theme),
                                      id="about-theme")
            yield TextArea(self.texts["question"], id="note-text")
            yield Static(_("Ctrl+S pour enregistrer, Échap pour annuler ; un texte vide "
                           "efface la note."), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        text = self.query_one(TextArea)
        self.texts[self.about] = text.text
        self.about = "theme" if event.pressed.id == "about-theme" else "question"
        text.load_text(self.texts[self.about])

    def action_save(self) -> None:
        self.dismiss((self.about, self.query_one(TextArea).text.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
