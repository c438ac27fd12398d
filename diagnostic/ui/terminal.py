"""The conversational interview in a plain terminal.

One exchange at a time, in plain lines: the engine asks, the person
answers. No cursor movement, no redraw, no full screen: what is printed
stays printed, so that a screen reader, a braille display, a slow remote
link or a script reads it in order. Colour is optional (`Console(colour=…)`)
and only ever wraps whole words of text; it is off unless the caller turns
it on.

`Interview.run()` drives a `diagnostic.engine.Session`: it shows the
question, reads a line, hands it to `parsing.interpret`, and either answers,
navigates or explains and asks again. Each accepted answer goes to an
`Autosave` (the storage layer, through an adapter chosen by the command);
end of input and `quitter` save and say how to resume.
"""
from __future__ import annotations

import datetime as dt
import enum
import os
from typing import IO, Any, Callable, Protocol

from ..answers import InvalidAnswer
from ..engine import Session
from ..expressions import DECLINED, DONT_KNOW, SKIPPED, Special
from ..model import Question
from ..typography import fold
from . import texts
from .parsing import (Command, Empty, Invalid, Reply, Unclear, alternatives, clean_line,
                      interpret, parse_command)

__all__ = ["Interview", "Outcome", "Console", "LineReader", "Autosave", "NoAutosave",
           "SaveFailed", "describe"]

PROMPT = "Réponse : "
LINE_LIMIT = 16384  # bytes read for one line; the rest of a longer line is dropped


class Outcome(enum.Enum):
    FINISHED = "finished"        # every question answered, summary shown
    QUIT = "quit"                # the person typed quitter
    END_OF_INPUT = "eof"         # input ended before the end
    INTERRUPTED = "interrupted"  # Ctrl-C


# --- saving ----------------------------------------------------------------------

class SaveFailed(Exception):
    """The answers could not be saved; the message is for the person."""


class Autosave(Protocol):
    def save(self, answers: dict[str, Any], position: str | None) -> None:
        """Record answers (JSON values) that changed; `position`: question now shown."""

    def finish(self) -> None:
        """The interview reached its end."""

    def resume_lines(self) -> list[str]:
        """Where the answers are and how to take the interview up again."""

    def export_lines(self) -> list[str]:
        """Where the finished diagnostic is and how to export it."""


class NoAutosave:
    """Nothing is stored (no storage configured): say so honestly."""

    def save(self, answers, position) -> None:
        pass

    def finish(self) -> None:
        pass

    def resume_lines(self) -> list[str]:
        return ["Attention : vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré) ; "
                "il faudra recommencer."]

    def export_lines(self) -> list[str]:
        return ["Vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré)."]


# --- input and output ----------------------------------------------------------------

_STYLES = {"title": "1", "question": "1", "error": "31", "alert": "1;31", "ok": "32"}


class Console:
    """Writes plain lines; optional colour and word wrapping, never cursor control."""

    def __init__(self, stream: IO[str], *, colour: bool = False, width: int | None = None):
        self.stream = stream
        self.colour = colour
        self.width = width if width and width >= 20 else None

    def line(self, text: str = "", style: str | None = None, wrap: bool = True) -> None:
        """Write `text`; wrapped at word boundaries when a width is set (never a command line)."""
        for paragraph in text.split("\n") or [""]:
            if wrap and self.width and len(paragraph) > self.width:
                rows = fold(paragraph, self.width, indent=" " * _hanging(paragraph),
                            cut_long_words=False) or [""]
            else:
                rows = [paragraph]
            for row in rows:
                self.stream.write(self._paint(row, style) + "\n")
        self.stream.flush()

    def lines(self, rows, style: str | None = None, wrap: bool = True) -> None:
        for row in rows:
            self.line(row, style, wrap)

    def prompt(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def echo(self, text: str) -> None:
        """Show what was read when the input is not typed at this terminal (a script)."""
        self.stream.write(text + "\n")
        self.stream.flush()

    def _paint(self, text: str, style: str | None) -> str:
        if not self.colour or not style or not text:
            return text
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"


def _hanging(paragraph: str) -> int:
    """Indent of the wrapped rows of "12. label": under the label."""
    head = paragraph.split(" ", 1)[0]
    return len(head) + 1 if head[:-1].isdigit() and head.endswith(".") else 0


class LineReader:
    """Reads lines as bytes, so that nothing typed can stop the interview.

    Invalid UTF-8 (a terminal set to Latin-1) is read as Windows-1252; a line
    longer than LINE_LIMIT bytes is cut; end of input gives None."""

    def __init__(self, stream: IO[bytes], console: Console | None = None, echo: bool = False):
        self.stream = stream
        self.console = console
        self.echo = echo

    def read(self, prompt: str) -> str | None:
        if self.console:
            self.console.prompt(prompt)
        try:
            data = self.stream.readline(LINE_LIMIT)
            if len(data) >= LINE_LIMIT and not data.endswith(b"\n"):
                while (rest := self.stream.readline(LINE_LIMIT)) and not rest.endswith(b"\n"):
                    pass
        except (OSError, ValueError):
            data = b""
        if not data:
            if self.console:
                self.console.echo("")  # end the prompt line
            return None
        text = _decode(data.rstrip(b"\r\n"))
        if self.echo and self.console:
            shown = clean_line(text)
            self.console.echo(shown if len(shown) <= 200 else shown[:199] + "…")
        return text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --- answers in words --------------------------------------------------------------

_SPECIAL_WORDS = {DECLINED: "je préfère ne pas répondre", DONT_KNOW: "je ne sais pas",
                  SKIPPED: "sans réponse"}


def describe(question: Question, value: Any) -> str:
    """An answer as the person would say it."""
    if isinstance(value, Special):
        return _SPECIAL_WORDS.get(value, "sans réponse")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if question.choices:
        values = value if isinstance(value, (list, tuple)) else (value,)
        labels = [(question.choice(v).label if question.choice(v) else str(v)) for v in values]
        return " ; ".join(labels) if labels else "aucune"
    if isinstance(value, (int, float)):
        number = f"{value:g}" if isinstance(value, float) else str(value)
        number = number.replace(".", ",")
        return f"{number} {question.unit}" if question.unit else number
    return str(value)


# --- the interview ---------------------------------------------------------------------

class _Stop(Exception):
    def __init__(self, outcome: Outcome):
        self.outcome = outcome


class Interview:
    """Runs one interview on `session` until it ends, the person quits or input ends."""

    def __init__(self, session: Session, console: Console, reader: LineReader, *,
                 autosave: Autosave | None = None,
                 summary: Callable[[Session], str | None] | None = None,
                 resumed: bool = False, notices: tuple[str, ...] = ()):
        self.session = session
        self.out = console
        self.reader = reader
        self.autosave = autosave or NoAutosave()
        self.summary = summary
        self.resumed = resumed
        self.notices = tuple(n for n in notices if n)   # shown on resuming, after the title
        self._sections = {s.id: s for s in session.questionnaire.sections}
        self._section_shown: str | None = None
        self._saved: dict[str, Any] = session.record() if resumed else {}
        self._save_warned = False

    # --- the loop ---
    def run(self) -> Outcome:
        try:
            self._start()
            while True:
                question = self.session.current
                if question is None:
                    if self._end():
                        return Outcome.FINISHED
                elif not question.asks:
                    self._note(question)
                else:
                    self._ask(question)
        except _Stop as stop:
            return stop.outcome
        except KeyboardInterrupt:
            self.out.line()
            self.out.line("Interruption.")
            self._save_and_tell()
            return Outcome.INTERRUPTED

    def _read(self, prompt: str = PROMPT) -> str:
        line = self.reader.read(prompt)
        if line is None:
            self.out.line("Fin de la saisie : le diagnostic s'arrête ici pour le moment.")
            self._save_and_tell()
            raise _Stop(Outcome.END_OF_INPUT)
        return line

    # --- opening ---
    def _start(self) -> None:
        q = self.session.questionnaire
        progress = self.session.progress()
        if self.resumed:
            self.out.line(f"Reprise du diagnostic : {q.title}", "title")
            n = progress.answered
            self.out.line(f"{n} réponse{'s' if n > 1 else ''} déjà enregistrée{'s' if n > 1 else ''}.")
            for notice in self.notices:
                self.out.line(notice)
            dropped = len(self.session.dropped)
            if dropped == 1:
                self.out.line("1 réponse enregistrée ne peut pas être reprise car le questionnaire a "
                              "changé : la question concernée vous sera posée de nouveau.")
            elif dropped:
                self.out.line(f"{dropped} réponses enregistrées ne peuvent pas être reprises car le "
                              "questionnaire a changé : les questions concernées vous seront posées "
                              "de nouveau.")
            self.out.line("Tapez « données » pour relire l'information sur vos données personnelles, "
                          "« aide » pour la liste des commandes.")
            return
        self.out.line(f"Diagnostic : {q.title}", "title")
        self.out.line()
        self._privacy()
        total, sure = progress.remaining, progress.certain
        self.out.line()
        count = (f"{total} question{'s' if total > 1 else ''}" if sure == total
                 else f"entre {sure} et {total} questions, selon votre situation")
        self.out.line(f"Le diagnostic compte {count}. "
                      "Vous pouvez revenir en arrière et modifier vos réponses à tout moment. "
                      "Tapez « aide » pour la liste des commandes.")

    def _privacy(self) -> None:
        self.out.line(texts.PRIVACY_TITLE, "title")
        for paragraph in texts.PRIVACY_NOTICE:
            self.out.line(paragraph)

    # --- showing a question ---
    def _note(self, question: Question) -> None:
        self._section(question)
        self.out.line()
        text = self.session.text(question)
        if question.urgent:
            self.out.line(f"Important : {text}", "alert")
        else:
            self.out.line(text)
        self.session.answer(None)
        self._autosave()

    def _section(self, question: Question) -> None:
        if question.section == self._section_shown:
            return
        self._section_shown = question.section
        section = self._sections.get(question.section)
        if section is None:
            return
        self.out.line()
        self.out.line(f"Partie : {section.title}", "title")
        if section.intro:
            self.out.line(section.intro.strip())

    def _revisit(self, question: Question) -> int | None:
        """The number of an already answered question shown again (back, change), else None."""
        asked = self.session.asked()
        return asked.index(question.id) + 1 if question.id in asked else None

    def _show(self, question: Question) -> None:
        self._section(question)
        self.out.line()
        number = self._revisit(question)
        if number is not None:
            self.out.line(f"Question {number}, déjà répondue.")
        else:
            self.out.line(self._progress())
        self.out.line(self.session.text(question), "question")
        for i, choice in enumerate(question.choices, 1):
            self.out.line(f"{i}. {choice.label}")
        for hint in self._hints(question):
            self.out.line(hint)
        if number is not None:
            current = describe(question, self.session.answers[question.id])
            self.out.line(f"Réponse actuelle : {current}. Appuyez sur Entrée pour la garder, "
                          "ou donnez une autre réponse.")

    def _progress(self) -> str:
        """"Question 12, environ 20 restantes": after this one, between the questions sure
        to come and all those that may still come, the middle (exact when they agree)."""
        p = self.session.progress()
        number, high = p.answered + 1, max(p.remaining - 1, 0)
        low = min(max(p.certain - 1, 0), high)
        if high == 0:
            return f"Question {number}, la dernière."
        left = max((low + high + 1) // 2, 1)
        about = "" if low == high else "environ "
        return f"Question {number}, {about}{left} restante{'s' if left > 1 else ''}."

    def _hints(self, q: Question) -> list[str]:
        hints = [self._how(q)]
        others = alternatives(q)
        if others:
            hints.append(f"Vous pouvez aussi répondre : {' ; '.join(others)}.")
        if q.help or any(c.help for c in q.choices):
            hints.append("Tapez ? pour une explication.")
        return hints

    def _how(self, q: Question) -> str:
        if q.type == "yes_no":
            return "Répondez oui ou non."
        if q.type == "choice":
            return "Tapez le numéro de votre réponse, ou ses premiers mots."
        if q.type == "multi_choice":
            limit = ""
            if q.max is not None:
                limit = f" ({q.max} au plus)"
            if q.min is not None and q.min > 1:
                limit = f" (au moins {q.min}{f', au plus {q.max}' if q.max is not None else ''})"
            alone = [f"« {c.label} »" for c in q.choices if c.exclusive]
            apart = f" {' ou '.join(alone)} se choisit sans autre réponse." if alone else ""
            return ("Une ou plusieurs réponses" + limit + " : tapez leurs numéros, "
                    "par exemple 1 et 3, ou 1, 3." + apart)
        if q.type == "number":
            words = "Indiquez un nombre entier" if q.integer else "Indiquez un nombre"
            if q.unit:
                words += f" (en {q.unit})"
            lo, hi = _fmt(q.min), _fmt(q.max)
            if lo is not None and hi is not None:
                words += f", entre {lo} et {hi}"
            elif lo is not None:
                words += f", {lo} ou plus"
            elif hi is not None:
                words += f", {hi} au plus"
            return words + "."
        if q.type == "date":
            return "Indiquez une date : le jour, le mois et l'année, par exemple 05/03/1990."
        return f"Écrivez votre réponse ({q.max_length} caractères au plus), puis appuyez sur Entrée."

    def _remind(self, question: Question) -> None:
        """After a message: the question again, in one line (`répéter` shows it all)."""
        self.out.line(self.session.text(question), "question")

    # --- one exchange ---
    def _ask(self, question: Question) -> None:
        self._show(question)
        while True:
            line = self._read()
            result = interpret(question, line, self.session.today)
            if isinstance(result, Reply):
                if self._answer(question, result.value):
                    return
            elif isinstance(result, Empty):
                if self._revisit(question) is not None:
                    kept = self.session.answers[question.id]
                    if self._answer(question, kept, confirm=False):
                        self.out.line(f"Réponse gardée : {describe(question, kept)}.", "ok")
                    return
                if not question.required:
                    self._answer(question, SKIPPED)
                    return
                self.out.line("Vous n'avez rien tapé. Donnez votre réponse, ou tapez « aide ».", "error")
                self._remind(question)
            elif isinstance(result, Unclear):
                self._unclear(question, result)
            elif isinstance(result, Invalid):
                self.out.line(result.message, "error")
                self._remind(question)
            elif isinstance(result, Command):
                if self._command(question, result):
                    return

    def _answer(self, question: Question, value: Any, confirm: bool = True) -> bool:
        try:
            self.session.answer(value)
        except InvalidAnswer as exc:
            self.out.line(str(exc), "error")
            self._remind(question)
            return False
        if confirm:
            self.out.line(f"Noté : {describe(question, self.session.answers[question.id])}.", "ok")
        self._autosave()
        return True

    def _unclear(self, question: Question, result: Unclear) -> None:
        fragment = clean_line(result.fragment)
        fragment = fragment if len(fragment) <= 40 else fragment[:39] + "…"
        if result.guess:
            self.out.line(f"« {fragment} » ne correspond exactement à aucune réponse. Vouliez-vous dire :",
                          "error")
        else:
            self.out.line(f"« {fragment} » correspond à plusieurs réponses :", "error")
        for i in result.candidates:
            self.out.line(f"{i + 1}. {question.choices[i].label}")
        self.out.line("Tapez le numéro de la bonne réponse.")
        self._remind(question)

    def _command(self, question: Question, command: Command) -> bool:
        """Run a command; True when the question on screen changed."""
        name = command.name
        if name == "help":
            self.out.line(texts.COMMANDS_INTRO)
            for words, what in texts.COMMANDS_HELP:
                self.out.line(f"{words} : {what}.")
            self._remind(question)
        elif name == "explain":
            self._explain(question)
        elif name == "repeat":
            self._show(question)
        elif name == "privacy":
            self._privacy()
            self._remind(question)
        elif name == "back":
            if self.session.back() is None:
                self.out.line("Vous êtes à la première question : il n'y a rien avant.", "error")
                return False
            return True
        elif name == "resume":
            if self._revisit(question) is None:
                self.out.line("Vous êtes déjà à la question en cours.")
                return False
            self.session.resume()
            self.out.line("Retour à la question en cours.")
            return True
        elif name == "review":
            return self._review(question)
        elif name == "change":
            return self._change(command.number, question)
        elif name == "quit":
            self.out.line("Vous arrêtez le diagnostic pour le moment.")
            self._save_and_tell()
            raise _Stop(Outcome.QUIT)
        return False

    def _explain(self, question: Question) -> None:
        shown = False
        if question.help:
            self.out.line(self.session.text(question, "help").strip())
            shown = True
        for i, choice in enumerate(question.choices, 1):
            if choice.help:
                label = choice.label.rstrip()
                end = "" if label.endswith((".", "?", "!", "…")) else "."
                self.out.line(f"{i}. {label}{end} {choice.help.strip()}")
                shown = True
        if not shown:
            self.out.line("Il n'y a pas d'explication pour cette question.")
        self.out.line(self._how(question))
        self._remind(question)

    # --- review and change ---
    def _review(self, question: Question | None) -> bool:
        asked = self.session.asked()
        if not asked:
            self.out.line("Vous n'avez encore répondu à aucune question.")
            if question is not None:
                self._remind(question)
            return False
        self.out.line()
        self.out.line("Vos réponses :", "title")
        answers = self.session.answers
        for i, qid in enumerate(asked, 1):
            q = self.session.questionnaire.questions[qid]
            self.out.line(f"{i}. {self.session.text(q)} Réponse : {describe(q, answers[qid])}.")
        self.out.line("Pour modifier une réponse, tapez son numéro. Pour continuer, appuyez sur Entrée.")
        line = clean_line(self._read("Numéro : "))
        command = parse_command(line)
        if command is not None and command.name == "quit":
            return self._command(question, command) if question else self._quit_at_end()
        if line.isdecimal():  # not isdigit(): "²" (a key of French keyboards) is a digit int() refuses
            return self._change(int(line[:7]), question)
        if line:
            self.out.line("Ce n'est pas un numéro de la liste.", "error")
        if question is not None:
            self.out.line("Retour à la question.")
            self._show(question)
        return False

    def _change(self, number: int | None, question: Question | None) -> bool:
        asked = self.session.asked()
        if not number or not 1 <= number <= len(asked):
            if asked:
                self.out.line(f"Il n'y a pas de réponse numéro {number}. Tapez « revoir » pour voir "
                              f"la liste (de 1 à {len(asked)}).", "error")
            else:
                self.out.line("Vous n'avez encore répondu à aucune question.", "error")
            if question is not None:
                self._remind(question)
            return False
        self.session.jump(asked[number - 1])
        return True

    # --- the end ---
    def _end(self) -> bool:
        """All questions answered: offer a review, then the summary. True when done."""
        self.out.line()
        self.out.line("Vous avez répondu à toutes les questions.", "title")
        while True:
            self.out.line("Tapez « revoir » pour relire ou modifier vos réponses, "
                          "ou appuyez sur Entrée pour voir le résumé.")
            line = self.reader.read(PROMPT)
            if line is None:
                break
            text = clean_line(line)
            if not text:
                break
            command = parse_command(text)
            name = command.name if command else None
            if name == "review" and self._review(None):
                return False
            if name == "change" and self._change(command.number, None):
                return False
            if name == "back" and self.session.back() is not None:
                return False
            if name == "quit":
                return self._quit_at_end()
            if name == "help":
                self.out.line("Les réponses sont toutes données. Commandes utiles ici : revoir, "
                              "modifier 3, retour, quitter.")
            elif name not in ("review", "change", "back"):
                self.out.line("Toutes les questions ont une réponse.")
        self._finish()
        return True

    def _quit_at_end(self) -> bool:
        self.out.line("Vous arrêtez avant le résumé.")
        self._save_and_tell()
        raise _Stop(Outcome.QUIT)

    def _finish(self) -> None:
        self._autosave()
        self.out.line()
        text = None
        if self.summary is not None:
            try:
                text = self.summary(self.session)
            except Exception:  # noqa: BLE001 - the answers are saved; never lose the end of an interview
                if os.environ.get("DIAGNOSTIC_DEBUG"):
                    raise
                self.out.line("Le résumé du diagnostic n'a pas pu être préparé (erreur interne). "
                              "Voici vos réponses.", "error")
        if text:
            self.out.line("Voici le résumé du diagnostic :", "title")
            self.out.line()
            for row in text.rstrip("\n").split("\n"):
                self.out.line(row)
        else:
            self._plain_summary()
        try:
            self.autosave.finish()
        except SaveFailed as exc:
            self.out.line(f"Attention : {exc}", "error")
        self.out.line()
        self.out.lines(self.autosave.export_lines(), wrap=False)

    def _plain_summary(self) -> None:
        self.out.line("Voici le résumé de vos réponses :", "title")
        answers = self.session.answers
        by_section: dict[str, list[str]] = {}
        for qid in self.session.asked():
            by_section.setdefault(self.session.questionnaire.questions[qid].section, []).append(qid)
        for section in self.session.questionnaire.sections:
            ids = by_section.get(section.id)
            if not ids:
                continue
            self.out.line()
            self.out.line(f"Partie : {section.title}", "title")
            for qid in ids:
                q = self.session.questionnaire.questions[qid]
                self.out.line(f"{self.session.text(q)} Réponse : {describe(q, answers[qid])}.")

    # --- saving ---
    def _autosave(self, position_only: bool = False) -> None:
        record = self.session.record()
        changed = {k: v for k, v in record.items() if k not in self._saved or self._saved[k] != v}
        if not changed and not position_only:
            return
        current = self.session.current
        try:
            self.autosave.save(changed, current.id if current is not None else None)
        except SaveFailed as exc:
            if not self._save_warned:
                self.out.line(f"Attention : la réponse n'a pas pu être enregistrée ({exc}). "
                              "Le diagnostic continue.", "error")
                self._save_warned = True
            return
        self._saved.update(changed)
        self._save_warned = False

    def _save_and_tell(self) -> None:
        self._autosave(position_only=True)
        self.out.lines(self.autosave.resume_lines(), wrap=False)


def _fmt(n) -> str | None:
    if n is None:
        return None
    return str(int(n)) if float(n).is_integer() else str(n).replace(".", ",")
