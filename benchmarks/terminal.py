"""A program run in a pseudo-terminal, for the console benchmarks.

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
import time

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
        self.seen = b""   # what was drawn since the last wait (escapes removed)

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Read until `text` is drawn; the perf_counter time when it was."""
        wanted = text.encode("utf-8")
        deadline = time.perf_counter() + timeout
        raw = b""
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            now = time.perf_counter()
            raw += chunk
            visible = ESCAPES.sub(b"", raw)
            if wanted in visible:
                self.seen = b""
                return now
        raise TimeoutError(f"« {text} » never drawn; last drawn: {ESCAPES.sub(b'', raw)[-400:]!r}")

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
