"""The command palette (Ctrl+P): the console's main actions, in the session's words.

Replaces Textual's system commands (worded in English) with the app's own
list: what the app offers everywhere, then what the screen on top offers
(`palette_commands()` on a screen returns (title, help, callback) rows).
"""
from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ConsoleCommands(Provider):
    def _commands(self):
        return list(self.app.palette_commands(self.screen))

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
