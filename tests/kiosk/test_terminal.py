"""`diagnostic kiosk` in a real terminal (a pseudo-terminal): the keys a shell habit sends
(ctrl+c, ctrl+q, ctrl+z, ctrl+\\) stop nothing, even with TEXTUAL_ALLOW_SIGNALS set; the
exit key and the PIN end it with 0."""
from __future__ import annotations

import os
import pty
import select
import sys
import time

import pytest

from .conftest import PIN, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")


def read(fd: int, seconds: float) -> bytes:
    """What the kiosk drew during `seconds` (pacing, not a measure)."""
    end, out = time.monotonic() + seconds, b""
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def wait_until_drawn(fd: int, text: bytes, limit: float = 60.0) -> bytes:
    end, out = time.monotonic() + limit, b""
    while time.monotonic() < end and text not in out:
        out += read(fd, 0.5)
    return out


def test_shell_keys_stop_nothing_and_the_adviser_exit_does(tmp_path):
    pid, fd = pty.fork()
    if pid == 0:  # the child: the kiosk, as an agency would start it
        os.chdir(ROOT)
        os.environ.update(TERM="xterm-256color", TEXTUAL_ALLOW_SIGNALS="1",
                          PYTHONPATH=str(ROOT), DIAGNOSTIC_KIOSK_PIN=PIN)
        os.execv(sys.executable, [sys.executable, "main.py", "kiosk", "--data-dir", str(tmp_path)])
    status = (0, 0)
    try:
        assert b"Bienvenue" in wait_until_drawn(fd, b"Bienvenue")
        for key in (b"\x03", b"\x11", b"\x1a", b"\x1c"):   # ctrl+c, ctrl+q, ctrl+z, ctrl+backslash
            os.write(fd, key)
            read(fd, 0.5)
            status = os.waitpid(pid, os.WNOHANG)
            assert status == (0, 0), key
        os.write(fd, b"\x1b[24;5~")                        # ctrl+f12, the exit key
        read(fd, 1.0)
        os.write(fd, PIN.encode() + b"\r")
        output = read(fd, 3.0)
        end = time.monotonic() + 30
        while (status := os.waitpid(pid, os.WNOHANG)) == (0, 0) and time.monotonic() < end:
            time.sleep(0.1)
        assert status[0] == pid and os.waitstatus_to_exitcode(status[1]) == 0
        assert b"Traceback" not in output
    finally:
        if status == (0, 0):         # not reaped yet (a failure): do not leave it behind
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
