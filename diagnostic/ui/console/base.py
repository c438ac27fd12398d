"""What every console screen shares: its words, its palette rows, error guarding.

Words go through the session's translator (`self.gettext`, French source
strings); binding descriptions are French msgids translated when the screen
is made, so the footer speaks the console's language.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from ...model import N_  # noqa: F401 - re-exported: marks msgids worded later (bindings)

PaletteRow = tuple[str, str, Callable[[], object]]


def translate_bindings(node: DOMNode, gettext: Callable[[str], str]) -> None:
    """Word a node's binding descriptions (French msgids) in its language.

    Textual builds bindings from the class's BINDINGS; a copy per instance
    with translated descriptions keeps classes language-free. Made again from
    the class's (French) bindings each time, so a node can change language."""
    words = BindingsMap()
    for key, bindings in type(node)._merged_bindings.key_to_bindings.items():
        words.key_to_bindings[key] = [
            replace(b, description=gettext(b.description) if b.description else "",
                    tooltip=gettext(b.tooltip) if b.tooltip else "")
            for b in bindings]
    node._bindings = words


class Worded:
    """Mixin for screens: `gettext` and translated bindings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        translate_bindings(self, self.gettext)

    def gettext(self, message: str) -> str:
        return self.app.gettext(message)

    def palette_commands(self) -> Iterable[PaletteRow]:
        return ()


#: seconds after a screen is mounted, once its first frames are drawn (Textual's
#: call_after_refresh may run before them)
SETTLE_AFTER = 0.5


class ConsoleScreen(Worded, Screen):
    """Home, interview, review: the main screens."""

    def on_mount(self) -> None:
        # Textual calls this besides the screen's own on_mount (handlers of every class).
        self.set_timer(SETTLE_AFTER, self.app.settle_heap)


class ConsoleModal(Worded, ModalScreen):
    pass
