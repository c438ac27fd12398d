"""`kiosk --serve`: the same kiosk in a browser, through textual-serve.

textual-serve starts one kiosk process per browser connection (so each
browser has its own session) and, when the page's websocket closes, asks that
process to quit; the kiosk also quits by itself if the server that started it
disappears (see `KioskApp`), so a disconnected browser leaves no process behind.
The PIN reaches the processes through the environment, never their command line.
"""
from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def kiosk_command(options: list[str]) -> str:
    """The shell command textual-serve runs for each browser: this Python, `kiosk OPTIONS`."""
    # `exec`: the shell gives way to the kiosk, so the server's child *is* the kiosk process.
    return "exec " + shlex.join([sys.executable, "-m", "diagnostic", "kiosk", *options])


def serve(options: list[str], *, host: str, port: int, pin: str, pin_variable: str) -> None:
    """Serve the kiosk on http://HOST:PORT until interrupted."""
    from textual_serve.server import Server

    os.environ[pin_variable] = pin  # inherited by each kiosk process
    server = Server(kiosk_command(options), host=host, port=port, title="Diagnostic",
                    templates_path=TEMPLATES)
    server.serve()
