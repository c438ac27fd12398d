"""Command line: `diagnostic SUBCOMMAND …` (also `python main.py …`).

Each subcommand lives in `diagnostic/commands/<name>.py` and exposes
`register(subparsers)`, which adds its parser and sets `func(args) -> int`.
This module only assembles them and turns failures into messages and exit
codes: no traceback reaches a user (set DIAGNOSTIC_DEBUG=1 to see one).

Exit codes: 0 ok; 1 invalid questionnaire or rule files; 2 usage error;
3 the interview could not be completed from the answers given (or its input
ended); 4 a stored session or data file could not be used; 70 internal
error; 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import traceback

COMMANDS = ["validate", "lint", "test", "graph", "diff", "schemas", "run", "interview", "console",
            "kiosk", "sessions", "log", "store", "translations"]
EXIT_INVALID, EXIT_USAGE, EXIT_ANSWERS, EXIT_DATA = 1, 2, 3, 4
EXIT_INTERNAL, EXIT_INTERRUPTED = 70, 130


class CommandError(Exception):
    """A failure to report to the user as one message with an exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def iso_date(text: str) -> dt.date:
    """argparse type for --today and the like: YYYY-MM-DD."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide : {text} (attendu AAAA-MM-JJ)") from None
    if not 1900 <= day.year <= 2999:  # due dates are computed from it: keep clear of date.max
        raise argparse.ArgumentTypeError(f"date hors des limites : {text}")
    return day


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the one named `only` (a command starts without
    importing the others: the console's start-up counts)."""
    parser = argparse.ArgumentParser(
        prog="diagnostic",
        description="Diagnostic socio-professionnel guidé (SPIE).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(f"diagnostic.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"diagnostic.commands.{name}":
                raise
            continue  # a command not built yet
        module.register(sub)
    parser.set_defaults(commands=frozenset(sub.choices))
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except CommandError as exc:
        print(f"diagnostic: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("\ndiagnostic: interrompu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception:  # last resort: a message, never a traceback
        if os.environ.get("DIAGNOSTIC_DEBUG"):
            traceback.print_exc()
        print(
            "diagnostic: erreur interne inattendue; relancez avec DIAGNOSTIC_DEBUG=1 "
            "pour le détail et signalez-la.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _main(argv: list[str]) -> int:
    if not argv:  # the main job: the console at a terminal, the plain interview otherwise
        argv = ["console"] if interactive() else ["interview"]
    elif argv[0] == "--plain":  # `python main.py --plain`: the plain interview, no colour
        argv = ["interview", *argv]
    parser = build_parser(only=argv[0] if argv[0] in COMMANDS else None)
    if argv[0] in COMMANDS and argv[0] not in parser.get_default("commands"):
        parser, argv = build_parser(), ["--help"]   # a command not built yet
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_USAGE if exc.code else 0
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    return args.func(args) or 0


def interactive() -> bool:
    """Both standard input and output are a terminal (not a pipe, a file or a script)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        return False
