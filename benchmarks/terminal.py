"""A program run in a pseudo-terminal (the console benchmarks and start-up tests), and the
keys an adviser presses to give an answer.

`Terminal(argv)` starts the program with a pty of the given size as its
terminal; `wait_for(text)` reads what it draws until `text` appears (escape
sequences removed, so the words a person sees are what is matched) and
returns the time it appeared; `send(keys)` types.
"""
from __future__ import annotations

import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import fcntl
import datetime as dt
import time

from diagnostic.ui.console.answering import KEYS

#: what a terminal sends for the key names of `keys_for`
KEY_BYTES = {"enter": "\r", "space": " ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~"}

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


class Terminal:
    def __init__(self, argv: list[str], *, size=(120, 40), env=None, cwd=None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        environment = dict(os.environ if env is None else env, TERM="xterm-256color",
                           COLUMNS=str(size[0]), LINES=str(size[1]))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                                        env=environment, start_new_session=True)
        os.close(slave)

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Read until `text` is drawn; the perf_counter time when it was."""
        wanted = text.encode("utf-8")
        deadline = time.perf_counter() + timeout
        visible, held = b"", b""   # words seen so far; a tail that may be half an escape sequence
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            now = time.perf_counter()
            data = held + chunk
            cut = data.rfind(b"\x1b")
            if cut != -1 and len(data) - cut < 64:     # maybe cut in the middle: keep it for later
                data, held = data[:cut], data[cut:]
            else:
                held = b""
            visible += ESCAPES.sub(b"", data)
            if wanted in visible[-(len(wanted) + len(data)):]:
                return now
            visible = visible[-4096:]
        raise TimeoutError(f"« {text} » never drawn; last drawn: {visible[-400:]!r}")

    def drain(self, quiet: float = 0.3) -> None:
        """Read until nothing is drawn for `quiet` seconds."""
        while select.select([self.master], [], [], quiet)[0]:
            try:
                if not os.read(self.master, 65536):
                    return
            except OSError:
                return

    def send(self, keys: str) -> float:
        """Type `keys`; the perf_counter time just before they were written."""
        now = time.perf_counter()
        os.write(self.master, keys.encode("utf-8"))
        return now

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                os.write(self.master, b"\x11")  # Ctrl+Q
                self.process.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(5)
        os.close(self.master)


def keys_for(question, value) -> list[str]:
    """The console keys (Textual key names) that give `value`, an answers-file value, to
    `question` (a service QuestionView): a choice's key, ticks then Enter, typed text then Enter,
    F3 / F4 / F5 for don't know / decline / skip."""
    if isinstance(value, dict):
        return [{"dont_know": "f3", "declined": "f4", "skipped": "f5"}[next(iter(value))]]
    if question.type == "yes_no":
        return ["1" if value else "2"]
    values = [c.value for c in question.choices]
    if question.type == "choice":
        return [KEYS[values.index(value)]]
    if question.type == "multi_choice":
        return [KEYS[values.index(v)] for v in value] + ["enter"]
    if isinstance(value, dt.date):
        value = value.strftime("%d/%m/%Y")
    return ["space" if ch == " " else ch for ch in str(value)] + ["enter"]


def key_bytes(keys: list[str]) -> str:
    return "".join(KEY_BYTES.get(k, k) for k in keys)
