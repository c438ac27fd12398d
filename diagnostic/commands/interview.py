"""`diagnostic interview [QUESTIONNAIRE]`: the conversational interview in a terminal.

    python main.py                                   # the full diagnostic
    python main.py interview questionnaires/logement.yaml --plain
    python main.py interview --resume ABCD-EFGH-XY   # take a saved interview up again
    printf '2\\noui\\n' | python main.py interview q.yaml --data-dir /tmp/d --today 2024-03-01

Plain lines, one exchange at a time: the mode for screen readers, braille
displays, slow links and scripts. Colour is used only when the output is a
terminal, `--plain` is not given and NO_COLOR is not set. On a terminal,
long lines are broken between words at its width; piped output keeps one
line per sentence. Every answer is
saved as it is given (``--data-dir``, else $DIAGNOSTIC_DATA_DIR, else the
XDG data folder); ``--no-save`` keeps nothing.

The interview runs on the interview service (docs/service.md): this
command only picks the store and the questionnaire and hands them to the
terminal front. The session and its retrieval code exist from the start.

Exit codes: 0 finished or stopped with `quitter`; 2 usage; 1 invalid
questionnaire; 3 input ended before the end (answers saved); 4 a stored
session or the data folder could not be used; 130 interrupted (Ctrl-C);
143 SIGTERM, 129 SIGHUP (answers saved, retrieval code printed).
"""
from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ..cli import (EXIT_ANSWERS, EXIT_DATA, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_USAGE, CommandError,
                   iso_date)
from ..errors import LoadError
from .. import storage
from ..storage import add_data_dir_argument
from ..service import Service, ServiceError, SessionUnavailable
from ..ui.terminal import Console, Instructions, Interview, LineReader, Outcome, Stopped

EXIT_CODES = {Outcome.FINISHED: 0, Outcome.QUIT: 0, Outcome.END_OF_INPUT: EXIT_ANSWERS,
              Outcome.INTERRUPTED: EXIT_INTERRUPTED}


def register(sub) -> None:
    p = sub.add_parser(
        "interview", help="faire le diagnostic : une question à la fois, dans le terminal",
        description="Le diagnostic en conversation : une question à la fois, en lignes simples "
                    "(lecteurs d'écran, plages braille, scripts).")
    p.add_argument("questionnaire", nargs="?", metavar="QUESTIONNAIRE",
                   help="fichier de questionnaire (défaut : le diagnostic complet livré avec le "
                        "logiciel)")
    p.add_argument("--plain", action="store_true",
                   help="sans couleur (lecteur d'écran, plage braille, liaison lente)")
    p.add_argument("--resume", metavar="SESSION",
                   help="reprendre une session enregistrée (code de reprise ou identifiant)")
    p.add_argument("--no-save", action="store_true",
                   help="ne rien enregistrer (démonstration, essai)")
    p.add_argument("--today", type=iso_date, metavar="AAAA-MM-JJ",
                   help="date de l'entretien (défaut : aujourd'hui ; pour les essais)")
    add_data_dir_argument(p)
    p.set_defaults(func=run)


# --- the command ------------------------------------------------------------------------------

def run(args) -> int:
    stdout = sys.stdout
    if hasattr(stdout, "reconfigure"):
        try:
            stdout.reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    tty_out = _isatty(stdout)
    colour = (tty_out and not args.plain and not os.environ.get("NO_COLOR")
              and os.environ.get("TERM", "") != "dumb")
    # A terminal breaks long lines anyway, often inside a word: break them between words
    # instead (also in --plain, which a braille display reads row by row). Piped output,
    # a log or a script gets one logical line per sentence.
    width = min(shutil.get_terminal_size((80, 24)).columns - 1, 100) if tty_out else None
    console = Console(stdout, colour=colour, width=width)
    stdin = getattr(sys.stdin, "buffer", None)
    if stdin is None:
        raise CommandError("aucune entrée standard : lancez l'entretien dans un terminal", EXIT_USAGE)
    tty_in = _isatty(sys.stdin)
    reader = LineReader(stdin, console, echo=not tty_in)
    if args.no_save and args.resume:
        raise CommandError("--resume et --no-save ne vont pas ensemble", EXIT_USAGE)
    data_dir = _store_option(args)
    extra = (f" {shlex.quote(args.questionnaire)}" if args.questionnaire else "") + data_dir
    how = Instructions(_how_to_run(), extra, data_dir)
    try:
        store = None if args.no_save else storage.store_for_args(args)
        service = Service(store, front="terminal", today=args.today, sleep=patient_sleep)
        content = _content(service, args.questionnaire) if args.questionnaire or not args.resume else None
        if args.resume:
            try:
                interview = service.resume(args.resume, content)
            except ServiceError as exc:
                if exc.code == "questionnaire_not_found":
                    raise CommandError(f"{exc} : par exemple interview CHEMIN/{exc.params['id']}.yaml "
                                       "--resume …", EXIT_USAGE) from None
                raise
            except LoadError as exc:
                raise _invalid(exc, "le questionnaire de cette session") from None
        else:
            interview = service.start(content, lang="fr", mode="adviser" if tty_in else "script")
        with interview, _signals_stop():
            front = Interview(interview, console, reader, instructions=how, resumed=bool(args.resume))
            outcome = front.run()
        if front.signal is not None:
            return 128 + front.signal
        return EXIT_CODES[outcome]
    except SessionUnavailable as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    except ServiceError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    except storage.StorageError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        raise CommandError(f"accès aux données impossible{where} : {exc.strerror or exc}",
                           EXIT_DATA) from None


def _store_option(args) -> str:
    """The option that names the store again in "resume with…" (never a password)."""
    if args.data_dir:
        return f" --data-dir {shlex.quote(args.data_dir)}"
    if getattr(args, "store", None) and not storage.store_url_has_password(args.store):
        return f" --store {shlex.quote(args.store)}"
    return ""


def _content(service: Service, path: str | None):
    """The questionnaire and its rules, loaded before the first question, so that an error
    in them stops the command at once (with its location), not at the end of an interview."""
    try:
        return service.open_questionnaire(path)
    except LoadError as exc:
        raise _invalid(exc, path or "le diagnostic complet") from None


def _invalid(exc: LoadError, what: str) -> CommandError:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    kind = "règles invalides" if getattr(exc, "part", "") == "rules" else "questionnaire invalide"
    return CommandError(f"{what}: {kind} ({len(exc.problems)} problème(s))", EXIT_INVALID)


@contextmanager
def _signals_stop():
    """SIGTERM and SIGHUP stop the interview as Ctrl-C does: save, print the code."""
    def stop(signum, frame):
        raise Stopped(signum)
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    try:
        for signum in wanted:
            previous[signum] = signal.signal(signum, stop)
    except ValueError:  # not the main thread (an embedding program): leave its handlers alone
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def patient_sleep(seconds: float) -> None:
    """The wait after too many wrong retrieval codes, said before it starts."""
    print(f"diagnostic: trop de codes de reprise erronés à la suite : vérification dans "
          f"{seconds:g} s…", file=sys.stderr, flush=True)
    time.sleep(seconds)


def _how_to_run() -> str:
    program = sys.argv[0] if sys.argv and sys.argv[0] else "diagnostic"
    if program.endswith(".py"):
        return f"python {shlex.quote(program)}"
    return Path(program).name or "diagnostic"


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
