"""The help screen (F1): what the keys do here and how the console works."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from .base import N_, ConsoleModal

# (keys, what they do): the same on every screen, in the console's words.
KEYS = (
    ("F1", N_("cette aide")),
    ("Ctrl+P", N_("la palette de commandes : toutes les actions, à chercher par leur nom")),
    (N_("Tab / Maj+Tab"), N_("passer d'une zone à l'autre")),
    (N_("↑ ↓, Entrée"), N_("choisir dans une liste")),
    ("1…9, a…z", N_("répondre par le numéro ou la lettre d'une réponse")),
    (N_("Échap"), N_("fermer une fenêtre, revenir en arrière")),
    ("Ctrl+Q", N_("quitter : tout est déjà enregistré")),
)

ABOUT = (
    N_("Chaque réponse, note ou modification du plan est enregistrée aussitôt. "
       "Vous pouvez quitter à tout moment et reprendre la session depuis l'accueil."),
    N_("Dans l'entretien, le plan de gauche montre chaque question : choisissez une question "
       "répondue pour revenir dessus ; si vous changez la réponse, le questionnaire décide de "
       "la suite. Les notes sont réservées au conseiller : elles ne sont jamais montrées à la "
       "personne."),
    N_("Le bilan montre les constats par thème avec leurs raisons, le parcours proposé et le "
       "plan d'action, que vous pouvez modifier avant de finaliser et d'exporter."),
)


class HelpScreen(ConsoleModal):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q", "dismiss", N_("Fermer"))]

    def compose(self) -> ComposeResult:
        _ = self.gettext
        rows = "\n".join(f"| `{_(keys)}` | {_(what)} |" for keys, what in KEYS)
        here = "\n".join(
            f"| `{self.app.get_key_display(binding)}` | {binding.description} |"
            for _node, binding, _enabled, _tooltip in self._underneath_bindings())
        # the words are taken out of the f-strings: pybabel does not look inside them
        title, keys_heading, here_heading = _("Aide"), _("Touches"), _("Sur cet écran")
        text = (f"# {title}\n\n| {keys_heading} | |\n|---|---|\n{rows}\n"
                + (f"\n## {here_heading}\n\n| | |\n|---|---|\n{here}\n" if here else "")
                + "\n" + "\n\n".join(_(p) for p in ABOUT))
        with VerticalScroll(id="help-body"):
            yield Markdown(text)
            yield Static(_("Échap pour fermer"), id="help-close")

    def _underneath_bindings(self):
        """The bindings shown in the footer of the screen this help covers."""
        stack = self.app.screen_stack
        screen = stack[-2] if len(stack) > 1 and stack[-1] is self else self.app.screen
        seen = set()
        for node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.description and binding.action not in seen:
                seen.add(binding.action)
                yield node, binding, enabled, tooltip
