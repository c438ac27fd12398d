"""The end: a summary for the person, the retrieval code shown large, and "Terminer".

The summary is the person's, in plain words: what they told us (answers to
sensitive questions are left off a screen others may see), what happens next,
the first actions proposed. Adviser wording (intensities, pathways, reasons,
adviser notes) is not shown here.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...model import N_
from .base import KioskScreen, button

FIRST_ACTIONS = 3
NEXT = N_("Un conseiller va relire vos réponses avec vous et préparer avec vous la suite. "
          "Donnez-lui ce code :")


def spaced(code: str) -> str:
    """'ACDE-2345-XY' -> 'A C D E   2 3 4 5   X Y': grouped, easy to read aloud."""
    return "   ".join(" ".join(group) for group in code.split("-"))


class EndScreen(KioskScreen):
    FROM_INTERVIEW = True
    FIRST = "#done"

    def __init__(self, state, diagnostic: dict, *, saved: bool = True):
        super().__init__()
        self.state = state
        self.diagnostic = diagnostic
        self.saved = saved

    def told(self) -> list[tuple[str, list[str]]]:
        """(theme, ["question : answer", …]) for each theme the person answered about."""
        w = self.app.words
        told = []
        for theme in self.diagnostic.get("themes", ()):
            facts = [f"{w.content(f['text'])} — {w.content(f['answer'])}"
                     for f in theme.get("facts", ()) if not f.get("sensitive")]
            if facts:
                told.append((w.theme(theme["theme"]), facts))
        return told

    def actions(self) -> list[str]:
        """The first actions proposed, most urgent first, with who offers them."""
        w = self.app.words
        proposed = [a for o in self.diagnostic.get("action_plan", {}).get("objectives", ())
                    for a in o.get("actions", ())]
        proposed.sort(key=lambda a: a.get("priority", 5))
        return [w.content(a["label"]) + (f" ({', '.join(w.provider(p) for p in a['providers'])})"
                                         if a.get("providers") else "")
                for a in proposed[:FIRST_ACTIONS]]

    def body(self) -> ComposeResult:
        _, w = self.app.t, self.app.words
        yield Static(_("Merci, c'est terminé."), classes="title", markup=False)
        if not self.saved or self.state.save_error is not None:
            yield Static(_("Votre diagnostic n'a pas pu être enregistré. Prévenez un conseiller."),
                         classes="error", markup=False)
        for note in self.state.urgent_notes:
            yield Static(w.content(note.text), classes="urgent", markup=False)
        if self.state.code:
            yield Static(_(NEXT), classes="lead", markup=False)
            yield Static(spaced(self.state.code), id="code", classes="code", markup=False)
        actions = self.actions()
        if actions:
            yield Static(_("Les premières actions proposées"), classes="section", markup=False)
            yield Static("\n".join(f"• {action}" for action in actions), classes="paragraph",
                         markup=False)
        told = self.told()
        if told:
            yield Static(_("Ce que vous nous avez dit"), classes="section", markup=False)
            for theme, facts in told:
                yield Static(theme, classes="lead", markup=False)
                yield Static("\n".join(f"• {fact}" for fact in facts), classes="paragraph",
                             markup=False)
        yield button(_("Terminer"), id="done", classes="big primary")

    def spoken(self) -> str:
        _ = self.app.t
        parts = [_("Merci, c'est terminé.")]
        if self.state.code:
            parts += [_(NEXT), ", ".join(self.state.code.replace("-", ""))]
        parts += self.actions()
        return ". ".join(p.rstrip(" .:") for p in parts) + "."

    async def pressed(self, button: str) -> None:
        if button == "done":
            self.app.finish()
