"""The conversational interview in a plain terminal.

One exchange at a time, in plain lines: the engine asks, the person
answers. No cursor movement, no redraw, no full screen: what is printed
stays printed, so that a screen reader, a braille display, a slow remote
link or a script reads it in order. Colour is optional (`Console(colour=…)`)
and only ever wraps whole words of text; it is off unless the caller turns
it on.

`Interview.run()` drives an interview of the service
(`diagnostic.service.Interview`): it draws the service's state, reads a
line, hands it to `parsing.interpret`, and passes what it means to the
service (answer, back, change…), which saves every change. This module only
words and parses. The retrieval code is shown before the first question and
again at the end; end of input, `quitter`, Ctrl-C, SIGTERM and SIGHUP save
the position and say how to resume.
"""
from __future__ import annotations

import datetime as dt
import enum
import os
from dataclasses import dataclass
from typing import IO, Any

from ..expressions import DECLINED, DONT_KNOW, SKIPPED, Special
from ..model import Question, special_from_json
from ..service import AnswerRefused, Interview as ServiceInterview, ServiceError
from ..typography import fold
from . import texts
from .parsing import (Command, Empty, Invalid, Reply, Unclear, alternatives, clean_line,
                      interpret, parse_command)

__all__ = ["Interview", "Outcome", "Console", "LineReader", "Instructions", "Stopped", "describe"]

PROMPT = "Réponse : "
LINE_LIMIT = 16384  # bytes read for one line; the rest of a longer line is dropped


class Outcome(enum.Enum):
    FINISHED = "finished"        # every question answered, summary shown
    QUIT = "quit"                # the person typed quitter
    END_OF_INPUT = "eof"         # input ended before the end
    INTERRUPTED = "interrupted"  # Ctrl-C, or a signal (SIGTERM, SIGHUP)


class Stopped(Exception):
    """Raised by a signal handler (SIGTERM, SIGHUP) to stop the interview as Ctrl-C does."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class Instructions:
    """How to run the program again, for the resume and export lines."""
    program: str = "python main.py"   # how the program was started
    extra: str = ""                   # options to repeat when resuming (file, --data-dir), quoted
    data_dir: str = ""                # " --data-dir DIR" (quoted), also for export


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
    """An answer (the engine's value or its JSON form) as the person would say it."""
    special = special_from_json(value)
    value = value if special is None else special
    if isinstance(value, Special):
        return _SPECIAL_WORDS.get(value, "sans réponse")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if question.type == "date" and isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
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
    """Runs one interview of the service until it ends, the person quits or input ends."""

    def __init__(self, interview: ServiceInterview, console: Console, reader: LineReader, *,
                 instructions: Instructions | None = None, resumed: bool = False):
        self.iv = interview
        self.questionnaire = interview.questionnaire
        self.out = console
        self.reader = reader
        self.how = instructions or Instructions()
        self.resumed = resumed
        self._sections = {s.id: s for s in self.questionnaire.sections}
        self._section_shown: str | None = None
        self._notes_shown: tuple = ()
        self.signal: int | None = None     # the signal that stopped the interview, if any

    # --- the loop ---
    def run(self) -> Outcome:
        try:
            self._start()
            while True:
                state = self.iv.state()
                self._notes(state)
                if state.question is None:
                    if self._end():
                        return Outcome.FINISHED
                else:
                    self._ask(self.questionnaire.questions[state.question.id])
        except _Stop as stop:
            return stop.outcome
        except (KeyboardInterrupt, Stopped) as exc:
            self.signal = exc.signum if isinstance(exc, Stopped) else None
            try:
                self.out.line()
                self.out.line("Interruption.")
                self._save_and_tell()
            except OSError:
                pass  # the terminal is gone (SIGHUP): everything was saved already
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
        q = self.questionnaire
        progress = self.iv.state().progress
        if self.resumed:
            self.out.line(f"Reprise du diagnostic : {q.title}", "title")
            n = progress.answered
            self.out.line(f"{n} réponse{'s' if n > 1 else ''} déjà enregistrée{'s' if n > 1 else ''}.")
            for notice in self.iv.notices:
                if notice.code == "questionnaire_changed":
                    self.out.line(notice.message)
                elif notice.code == "answers_refused":
                    self.out.line(_refused_words(notice.params["count"]))
            if self.iv.finalised:
                self.out.line("Ce diagnostic est déjà validé : il est conservé tel quel. Si vous "
                              "modifiez une réponse, il sera validé de nouveau (nouvelle version).")
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
        if self.iv.code:
            self.out.line()
            self.out.line(f"Votre code de reprise : {self.iv.code}", wrap=False)
            self.out.line("Notez-le : si l'entretien s'interrompt, il permet de reprendre le "
                          "diagnostic là où il s'est arrêté.")

    def _privacy(self) -> None:
        self.out.line(texts.PRIVACY_TITLE, "title")
        for paragraph in texts.PRIVACY_NOTICE:
            self.out.line(paragraph)

    # --- showing a question ---
    def _notes(self, state) -> None:
        """The questionnaire's notes passed on the way to the question, once."""
        key = (state.question.id if state.question else None, state.notes)
        if not state.notes or key == self._notes_shown:
            return
        self._notes_shown = key
        for note in state.notes:
            self._section(note.section)
            self.out.line()
            if note.urgent:
                self.out.line(f"Important : {note.text}", "alert")
            else:
                self.out.line(note.text)

    def _section(self, section_id: str | None) -> None:
        if section_id == self._section_shown:
            return
        self._section_shown = section_id
        section = self._sections.get(section_id)
        if section is None:
            return
        self.out.line()
        self.out.line(f"Partie : {section.title}", "title")
        if section.intro:
            self.out.line(section.intro.strip())

    def _show(self, question: Question) -> None:
        state = self.iv.state()
        view = state.question
        self._section(question.section)
        self.out.line()
        if state.revisiting:
            self.out.line(f"Question {view.number}, déjà répondue.")
        else:
            self.out.line(self._progress(state.progress))
        self.out.line(view.text, "question")
        for choice in view.choices:
            self.out.line(f"{choice.number}. {choice.label}")
        for hint in self._hints(question):
            self.out.line(hint)
        if state.revisiting:
            self.out.line(f"Réponse actuelle : {describe(question, view.answer)}. Appuyez sur Entrée "
                          "pour la garder, ou donnez une autre réponse.")

    def _text(self, question: Question) -> str:
        """The question's text as the service pipes it (earlier answers in place)."""
        view = self.iv.state().question
        if view is not None and view.id == question.id:
            return view.text
        return next(r.text for r in self.iv.outline() if r.id == question.id)

    @staticmethod
    def _progress(p) -> str:
        """"Question 12, environ 20 restantes": after this one, between the questions sure
        to come and all those that may still come, the middle (exact when they agree)."""
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
        self.out.line(self._text(question), "question")

    # --- one exchange ---
    def _ask(self, question: Question) -> None:
        self._show(question)
        while True:
            line = self._read()
            result = interpret(question, line, self.iv.today)
            if isinstance(result, Reply):
                if self._answer(question, result.value):
                    return
            elif isinstance(result, Empty):
                if self.iv.state().revisiting:
                    kept = self.iv.answer_of(question.id)
                    if self._act(question, self._keep):
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

    def _answer(self, question: Question, value: Any) -> bool:
        if not self._act(question, lambda: self.iv.answer(value)):
            return False
        self.out.line(f"Noté : {describe(question, self.iv.answer_of(question.id))}.", "ok")
        return True

    def _keep(self) -> None:
        self.iv.keep()

    def _act(self, question: Question, operation) -> bool:
        """Run a change through the service: reopen a finalised diagnostic first, word a
        refusal, and say when the change could not be saved (each time it happens)."""
        try:
            if self.iv.finalised:
                self.iv.reopen()
            operation()
        except AnswerRefused as exc:
            self.out.line(exc.params.get("reason") or str(exc), "error")
            self._remind(question)
            return False
        except ServiceError as exc:  # the reopening could not be saved
            self.out.line(f"Attention : {exc}.", "error")
            return False
        error = self.iv.state().save_error
        if error is not None:
            self.out.line(f"Attention : la réponse n'a pas pu être enregistrée ({error.params['reason']}). "
                          "Le diagnostic continue.", "error")
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
            if not self.iv.back():
                self.out.line("Vous êtes à la première question : il n'y a rien avant.", "error")
                return False
            return True
        elif name == "resume":
            if not self.iv.state().revisiting:
                self.out.line("Vous êtes déjà à la question en cours.")
                return False
            self.iv.to_current()
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
        view = self.iv.state().question
        shown = False
        if view.help:
            self.out.line(view.help.strip())
            shown = True
        for choice in view.choices:
            if choice.help:
                label = choice.label.rstrip()
                end = "" if label.endswith((".", "?", "!", "…")) else "."
                self.out.line(f"{choice.number}. {label}{end} {choice.help.strip()}")
                shown = True
        if not shown:
            self.out.line("Il n'y a pas d'explication pour cette question.")
        self.out.line(self._how(question))
        self._remind(question)

    # --- review and change ---
    def _asked(self) -> list:
        """The outline rows of the questions asked so far (they have an answer), in order."""
        return [row for row in self.iv.outline() if row.value is not None]

    def _review(self, question: Question | None) -> bool:
        asked = self._asked()
        if not asked:
            self.out.line("Vous n'avez encore répondu à aucune question.")
            if question is not None:
                self._remind(question)
            return False
        self.out.line()
        self.out.line("Vos réponses :", "title")
        for i, row in enumerate(asked, 1):
            q = self.questionnaire.questions[row.id]
            self.out.line(f"{i}. {row.text} Réponse : {describe(q, row.value)}.")
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
        asked = self._asked()
        if not number or not 1 <= number <= len(asked):
            if asked:
                self.out.line(f"Il n'y a pas de réponse numéro {number}. Tapez « revoir » pour voir "
                              f"la liste (de 1 à {len(asked)}).", "error")
            else:
                self.out.line("Vous n'avez encore répondu à aucune question.", "error")
            if question is not None:
                self._remind(question)
            return False
        self.iv.jump(asked[number - 1].id)
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
            if name == "back" and self.iv.back():
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
        """Finalise (the diagnostic is stored with the session), then show it as stored."""
        self.out.line()
        failed = None
        if not self.iv.finalised:
            try:
                self.iv.finalise()
            except ServiceError as exc:
                failed = str(exc)
            except Exception:  # noqa: BLE001 - the answers are saved; never lose the end of an interview
                if os.environ.get("DIAGNOSTIC_DEBUG"):
                    raise
        text = None
        try:
            text = self.iv.render("text")
        except Exception:  # noqa: BLE001 - same: show the answers instead
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
        if failed:
            self.out.line(f"Attention : le diagnostic n'a pas pu être enregistré ({failed}).", "error")
        self.out.line()
        self.out.lines(self._export_lines(), wrap=False)

    def _plain_summary(self) -> None:
        self.out.line("Voici le résumé de vos réponses :", "title")
        by_section: dict[str, list] = {}
        for row in self._asked():
            by_section.setdefault(row.section, []).append(row)
        for section in self.questionnaire.sections:
            rows = by_section.get(section.id)
            if not rows:
                continue
            self.out.line()
            self.out.line(f"Partie : {section.title}", "title")
            for row in rows:
                q = self.questionnaire.questions[row.id]
                self.out.line(f"{row.text} Réponse : {describe(q, row.value)}.")

    # --- saying where the answers are ---
    def _save_and_tell(self) -> None:
        self.iv.save()
        self.out.lines(self._resume_lines(), wrap=False)

    def _warning(self) -> list[str]:
        error = self.iv.state().save_error
        if error is None:
            return []
        return [f"Attention : les dernières réponses n'ont peut-être pas été enregistrées "
                f"({error.params['reason']})."]

    def _resume_lines(self) -> list[str]:
        if self.iv.code is None:
            return ["Attention : vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré) ; "
                    "il faudra recommencer."]
        lines = self._warning() or (["Vos réponses sont enregistrées."] if self.iv.state().progress.answered
                                    else ["Vous n'avez donné aucune réponse."])
        return lines + [
            f"Votre code de reprise : {self.iv.code}",
            "Notez-le : il permet de reprendre le diagnostic là où il s'est arrêté.",
            "Pour reprendre, tapez :",
            f"  {self.how.program} interview{self.how.extra} --resume {self.iv.code}"]

    def _export_lines(self) -> list[str]:
        if self.iv.code is None:
            return ["Vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré)."]
        return self._warning() + [
            f"Le diagnostic est enregistré : session {self.iv.id}, code de reprise {self.iv.code}.",
            "Pour l'exporter (toutes les données de la session, en JSON), tapez :",
            f"  {self.how.program} export {self.iv.id}{self.how.data_dir}",
            "Pour relire ou modifier une réponse, tapez :",
            f"  {self.how.program} interview{self.how.extra} --resume {self.iv.code}"]


def _refused_words(count: int) -> str:
    if count == 1:
        return ("1 réponse enregistrée ne peut pas être reprise car le questionnaire a changé : "
                "la question concernée vous sera posée de nouveau.")
    return (f"{count} réponses enregistrées ne peuvent pas être reprises car le questionnaire a "
            "changé : les questions concernées vous seront posées de nouveau.")


def _fmt(n) -> str | None:
    if n is None:
        return None
    return str(int(n)) if float(n).is_integer() else str(n).replace(".", ",")
