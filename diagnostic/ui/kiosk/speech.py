"""Reading a screen aloud with espeak-ng (Debian package `espeak-ng`), when it is installed.

The kiosk shows its "Écouter" button only when a `Speaker` is available; without
espeak-ng everything else works the same. One utterance at a time: a new one
stops the one still playing, and leaving the kiosk stops it too.
"""
from __future__ import annotations

import shutil
import subprocess

# espeak-ng voice for each kiosk language.
VOICES = {"fr": "fr", "en": "en-gb", "uk": "uk"}


class Speaker:
    """Speaks text through espeak-ng in a background process."""

    def __init__(self, program: str):
        self.program = program
        self._playing: subprocess.Popen | None = None

    @classmethod
    def find(cls) -> "Speaker | None":
        """A speaker when espeak-ng is installed, else None."""
        program = shutil.which("espeak-ng")
        return cls(program) if program else None

    def command(self, text: str, language: str) -> list[str]:
        # The text goes on standard input, so nothing the person typed reaches a command line.
        return [self.program, "--stdin", "-v", VOICES.get(language, "fr"), "-s", "150"]

    def say(self, text: str, language: str) -> None:
        self.stop()
        try:
            self._playing = subprocess.Popen(
                self.command(text, language), stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self._playing.stdin.write(text.encode("utf-8"))
            self._playing.stdin.close()
        except OSError:  # no sound device, program removed: the screen still shows everything
            self._playing = None

    def stop(self) -> None:
        if self._playing is not None and self._playing.poll() is None:
            self._playing.terminate()
            try:
                self._playing.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self._playing.kill()
        self._playing = None
