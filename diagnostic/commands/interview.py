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

Exit codes: 0 finished or stopped with `quitter`; 2 usage; 1 invalid
questionnaire; 3 input ended before the end (answers saved); 4 a stored
session or the data folder could not be used; 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from ..cli import EXIT_ANSWERS, EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, CommandError, iso_date
from ..engine import Session
from .. import storage
from ..storage import add_data_dir_argument
from ..storage.resume import resume as apply_resume
from ..ui.terminal import Console, Interview, LineReader, NoAutosave, Outcome, SaveFailed
from .run import load_or_fail, rules_or_fail

QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"
DEFAULT = QUESTIONNAIRES / "diagnostic.yaml"
FRONT = "terminal"  # for the access log
EXIT_CODES = {Outcome.FINISHED: 0, Outcome.QUIT: 0, Outcome.END_OF_INPUT: EXIT_ANSWERS,
              Outcome.INTERRUPTED: EXIT_INTERRUPTED}


def register(sub) -> None:
    p = sub.add_parser(
        "interview", help="faire le diagnostic : une question à la fois, dans le terminal",
        description="Le diagnostic en conversation : une question à la fois, en lignes simples "
                    "(lecteurs d'écran, plages braille, scripts).")
    p.add_argument("questionnaire", nargs="?", metavar="QUESTIONNAIRE",
                   help="fichier de questionnaire (défaut : le diagnostic complet, "
                        "questionnaires/diagnostic.yaml)")
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


# --- choosing the questionnaire ------------------------------------------------------

def questionnaire_path(given: str | None, questionnaire_id: str | None = None) -> str:
    """The file to load: the one given, else the stored session's, else the full diagnostic."""
    if given:
        return given
    if questionnaire_id:
        candidate = QUESTIONNAIRES / f"{questionnaire_id}.yaml"
        if candidate.exists():
            return str(candidate)
        raise CommandError(f"le questionnaire « {questionnaire_id} » de cette session est introuvable "
                           f"dans {QUESTIONNAIRES} : indiquez son fichier, par exemple "
                           f"interview CHEMIN/{questionnaire_id}.yaml --resume …", EXIT_USAGE)
    if not DEFAULT.exists():
        others = sorted(p.name for p in QUESTIONNAIRES.glob("*.yaml")) if QUESTIONNAIRES.is_dir() else []
        hint = (f" Questionnaires disponibles dans {QUESTIONNAIRES} : {', '.join(others)} ;"
                f" par exemple : interview {QUESTIONNAIRES / others[0]}") if others else ""
        raise CommandError(f"le diagnostic complet ({DEFAULT}) est introuvable : indiquez le fichier "
                           f"d'un questionnaire.{hint}", EXIT_USAGE)
    return str(DEFAULT)


# --- saving through the storage layer ----------------------------------------------------

class StoreAutosave:
    """Autosave into a `diagnostic.storage` store; the session is created at the first answer."""

    def __init__(self, store, questionnaire, *, mode: str, how_to_run: str, extra: str,
                 data_dir_option: str = "", handle=None):
        self.store = store
        self.questionnaire = questionnaire
        self.mode = mode
        self.how_to_run = how_to_run   # "python main.py"
        self.extra = extra             # options to repeat when resuming (file, --data-dir)
        self.data_dir_option = data_dir_option  # " --data-dir DIR" (quoted), also for export
        self.handle = handle
        self.failed: str | None = None

    def save(self, answers: dict, position: str | None) -> None:
        from ..storage import StorageError
        try:
            if self.handle is None:
                if not answers:
                    return
                self.handle = self.store.create(self.questionnaire, locale="fr", mode=self.mode)
                self.store.log_access("created", self.handle.id, front=FRONT)
            self.handle.save_answers(answers, position=position)
            self.failed = None
        except (StorageError, OSError) as exc:
            self.failed = str(exc)
            raise SaveFailed(str(exc)) from None

    def finish(self) -> None:
        from ..storage import StorageError
        if self.handle is None:
            return
        try:
            self.handle.set_status("finished")
        except (StorageError, OSError) as exc:
            raise SaveFailed(str(exc)) from None

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()

    def _code(self) -> str:
        from ..storage import format_code
        return format_code(self.handle.retrieval_code)

    def resume_lines(self) -> list[str]:
        if self.handle is None:
            if self.failed:
                return [f"Attention : vos réponses n'ont pas pu être enregistrées ({self.failed})."]
            return ["Vous n'avez donné aucune réponse : rien n'a été enregistré."]
        lines = []
        if self.failed:
            lines.append(f"Attention : les dernières réponses n'ont peut-être pas été enregistrées "
                         f"({self.failed}).")
        else:
            lines.append("Vos réponses sont enregistrées.")
        code = self._code()
        lines.append(f"Votre code de reprise : {code}")
        lines.append("Notez-le : il permet de reprendre le diagnostic là où il s'est arrêté.")
        lines.append("Pour reprendre, tapez :")
        lines.append(f"  {self.how_to_run} interview{self.extra} --resume {code}")
        return lines

    def export_lines(self) -> list[str]:
        if self.handle is None:
            if self.failed:
                return [f"Attention : le diagnostic n'a pas pu être enregistré ({self.failed})."]
            return ["Aucune réponse n'a été enregistrée."]
        sid, code = self.handle.id, self._code()
        lines = []
        if self.failed:
            lines.append(f"Attention : les dernières réponses n'ont peut-être pas été enregistrées "
                         f"({self.failed}).")
        return lines + [
            f"Le diagnostic est enregistré : session {sid}, code de reprise {code}.",
            "Pour l'exporter (toutes les données de la session, en JSON), tapez :",
            f"  {self.how_to_run} export {sid}{self.data_dir_option}",
            "Pour relire ou modifier une réponse, tapez :",
            f"  {self.how_to_run} interview{self.extra} --resume {code}"]


def _how_to_run() -> str:
    program = sys.argv[0] if sys.argv and sys.argv[0] else "diagnostic"
    if program.endswith(".py"):
        return f"python {shlex.quote(program)}"
    return Path(program).name or "diagnostic"


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
    if args.no_save:
        questionnaire = load_or_fail(questionnaire_path(args.questionnaire))
        session = Session(questionnaire, today=args.today)
        return _interview(session, console, reader, NoAutosave(), resumed=False,
                          mode="adviser" if tty_in else "script")

    try:
        store = storage.store_for_args(args)
        data_dir_option = f" --data-dir {shlex.quote(args.data_dir)}" if args.data_dir else ""
        extra = (f" {shlex.quote(args.questionnaire)}" if args.questionnaire else "") + data_dir_option
        common = dict(mode="adviser" if tty_in else "script", how_to_run=_how_to_run(), extra=extra,
                      data_dir_option=data_dir_option)
        if args.resume:
            session_id = store.resolve(args.resume)
            record = store.load(session_id)
            questionnaire = load_or_fail(questionnaire_path(args.questionnaire,
                                                            record["questionnaire"]["id"]))
            handle = store.open(session_id)
            autosave = StoreAutosave(store, questionnaire, handle=handle, **common)
            try:
                store.log_access("resumed", session_id, front=FRONT)
                plan = apply_resume(handle, questionnaire)
                session = Session(questionnaire, answers=plan.answers, today=args.today)
                if session.dropped:  # answers the engine refuses now (a choice that is gone…)
                    handle.remove_answers(list(session.dropped))
                return _interview(session, console, reader, autosave, resumed=True,
                                  mode=common["mode"], notices=(plan.message,))
            finally:
                autosave.close()
        questionnaire = load_or_fail(questionnaire_path(args.questionnaire))
        autosave = StoreAutosave(store, questionnaire, **common)
        try:
            session = Session(questionnaire, today=args.today)
            return _interview(session, console, reader, autosave, resumed=False,
                              mode=common["mode"])
        finally:
            autosave.close()
    except storage.StorageError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        raise CommandError(f"accès aux données impossible{where} : {exc.strerror or exc}",
                           EXIT_DATA) from None


def _interview(session, console, reader, autosave, *, resumed: bool, mode: str,
               notices: tuple = ()) -> int:
    summary = _summary_renderer(session.questionnaire, mode)
    interview = Interview(session, console, reader, autosave=autosave, summary=summary,
                          resumed=resumed, notices=notices)
    return EXIT_CODES[interview.run()]


def _summary_renderer(questionnaire, mode: str):
    """The report layer's text summary (findings by theme, pathway, draft plan), rules loaded now.

    The rule files are loaded before the first question, so that an error in
    them stops the command at once (with its location) rather than at the end
    of someone's interview."""
    ruleset = rules_or_fail(questionnaire)

    def summary(session) -> str:
        from ..i18n import Formatter   # Jinja2 & co. only when the summary is due
        from ..report import render
        from ..scoring import diagnose
        return render(diagnose(session, ruleset, mode=mode, locale="fr"), "text", Formatter("fr"))
    return summary


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
