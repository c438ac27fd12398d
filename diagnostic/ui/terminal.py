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
from ..i18n import LANGUAGES, Formatter
from ..model import N_, Question, special_from_json
from ..service import AnswerRefused, Interview as ServiceInterview, ServiceError
from ..typography import fold
from . import texts
from .parsing import (Command, Empty, Invalid, Reply, Unclear, alternatives, clean_line,
                      interpret, language_named, parse_command, shown_choices)

__all__ = ["Interview", "Outcome", "Console", "LineReader", "Instructions", "Stopped", "describe"]

PROMPT = N_("Réponse : ")
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

_SPECIAL_WORDS = {DECLINED: N_("je préfère ne pas répondre"), DONT_KNOW: N_("je ne sais pas"),
                  SKIPPED: N_("sans réponse")}
_FRENCH = Formatter("fr")


def describe(question: Question, value: Any, fmt: Formatter | None = None) -> str:
    """An answer (the engine's value or its JSON form) as the person would say it, in the
    formatter's language (default French)."""
    fmt = fmt or _FRENCH
    _ = fmt.gettext
    special = special_from_json(value)
    value = value if special is None else special
    if isinstance(value, Special):
        return _(_SPECIAL_WORDS.get(value, N_("sans réponse")))
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if question.type == "date" and isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if fmt.lang == "fr" else fmt.date(value)
    if question.choices:
        values = value if isinstance(value, (list, tuple)) else (value,)
        labels = [(fmt.content(question.choice(v).label) if question.choice(v) else str(v)) for v in values]
        return _(" ; ").join(labels) if labels else _("aucune")
    if isinstance(value, (int, float)):
        number = f"{value:g}" if isinstance(value, float) else str(value)
        number = number.replace(".", ",") if fmt.lang == "fr" else fmt.number(value)
        return f"{number} {fmt.content(question.unit)}" if question.unit else number
    return str(value)


# --- the interview ---------------------------------------------------------------------

class _Stop(Exception):
    def __init__(self, outcome: Outcome):
        self.outcome = outcome


class Interview:
    """Runs one interview of the service until it ends, the person quits or input ends."""

    def __init__(self, interview: ServiceInterview, console: Console, reader: LineReader, *,
                 instructions: Instructions | None = None, resumed: bool = False,
                 fmt: Formatter | None = None):
        self.iv = interview
        self.fmt = fmt or Formatter(interview.lang)   # the session's language
        self.questionnaire = interview.questionnaire
        self.out = console
        self.reader = reader
        self.how = instructions or Instructions()
        self.resumed = resumed
        self._sections = {s.id: s for s in self.questionnaire.sections}
        self._section_shown: str | None = None
        self._notes_shown: tuple = ()
        self.signal: int | None = None     # the signal that stopped the interview, if any

    def _(self, message: str, **params) -> str:
        """`message` (a French msgid) in the session's language, its {placeholders} filled."""
        text = self.fmt.gettext(message)
        return text.format(**params) if params else text

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
                self.out.line(self._("Interruption."))
                self._save_and_tell()
            except OSError:
                pass  # the terminal is gone (SIGHUP): everything was saved already
            return Outcome.INTERRUPTED

    def _read(self, prompt: str = PROMPT) -> str:
        line = self.reader.read(self._(prompt))
        if line is None:
            self.out.line(self._("Fin de la saisie : le diagnostic s'arrête ici pour le moment."))
            self._save_and_tell()
            raise _Stop(Outcome.END_OF_INPUT)
        return line

    # --- opening ---
    def _start(self) -> None:
        q = self.questionnaire
        progress = self.iv.state().progress
        if self.resumed:
            self.out.line(self._("Reprise du diagnostic : {title}", title=self.fmt.content(q.title)), "title")
            n = progress.answered
            self.out.line(self.fmt.ngettext("{n} réponse déjà enregistrée.", "{n} réponses déjà enregistrées.",
                                            n).format(n=n))
            for notice in self.iv.notices:
                if notice.code == "questionnaire_changed":
                    self.out.line(notice.message if self.fmt.lang == "fr" else self._changed_words(notice.params))
                elif notice.code == "answers_refused":
                    self.out.line(self._refused_words(notice.params["count"]))
            if self.iv.finalised:
                self.out.line(self._("Ce diagnostic est déjà validé : il est conservé tel quel. Si vous "
                                     "modifiez une réponse, il sera validé de nouveau (nouvelle version)."))
            self.out.line(self._("Tapez « données » pour relire l'information sur vos données personnelles, "
                                 "« aide » pour la liste des commandes."))
            return
        self.out.line(self._("Diagnostic : {title}", title=self.fmt.content(q.title)), "title")
        self.out.line()
        self._privacy()
        total, sure = progress.remaining, progress.certain
        self.out.line()
        count = (self.fmt.ngettext("Le diagnostic compte {n} question.", "Le diagnostic compte {n} questions.",
                                   total).format(n=total) if sure == total
                 else self._("Le diagnostic compte entre {low} et {high} questions, selon votre situation.",
                             low=sure, high=total))
        self.out.line(count + " " + self._("Vous pouvez revenir en arrière et modifier vos réponses à tout "
                                           "moment. Tapez « aide » pour la liste des commandes."))
        if len(LANGUAGES) > 1:
            self.out.line(self._("Tapez « langue » pour choisir une autre langue : {languages}.",
                                 languages=", ".join(LANGUAGES.values())))
        if self.iv.code:
            self.out.line()
            self.out.line(self._("Votre code de reprise : {code}", code=self.iv.code), wrap=False)
            self.out.line(self._("Notez-le : si l'entretien s'interrompt, il permet de reprendre le "
                                 "diagnostic là où il s'est arrêté."))

    def _privacy(self) -> None:
        self.out.line(self._(texts.PRIVACY_TITLE), "title")
        for paragraph in texts.PRIVACY_NOTICE:
            self.out.line(self._(paragraph))

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
                self.out.line(self._("Important : {text}", text=note.text), "alert")
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
        self.out.line(self._("Partie : {title}", title=self.fmt.content(section.title)), "title")
        if section.intro:
            self.out.line(self.fmt.content(section.intro).strip())

    def _show(self, question: Question) -> None:
        state = self.iv.state()
        view = state.question
        self._section(question.section)
        self.out.line()
        if state.revisiting:
            self.out.line(self._("Question {n}, déjà répondue.", n=view.number))
        else:
            self.out.line(self._progress(state.progress))
        self.out.line(view.text, "question")
        for choice in view.choices:
            self.out.line(f"{choice.number}. {choice.label}")
        for hint in self._hints(question):
            self.out.line(hint)
        if state.revisiting:
            self.out.line(self._("Réponse actuelle : {answer}. Appuyez sur Entrée pour la garder, ou donnez "
                                 "une autre réponse.", answer=describe(question, view.answer, self.fmt)))

    def _text(self, question: Question) -> str:
        """The question's text as the service pipes it (earlier answers in place)."""
        view = self.iv.state().question
        if view is not None and view.id == question.id:
            return view.text
        return next(r.text for r in self.iv.outline() if r.id == question.id)

    def _progress(self, p) -> str:
        """"Question 12, environ 20 restantes": after this one, between the questions sure
        to come and all those that may still come, the middle (exact when they agree)."""
        number, high = p.answered + 1, max(p.remaining - 1, 0)
        low = min(max(p.certain - 1, 0), high)
        if high == 0:
            return self._("Question {n}, la dernière.", n=number)
        left = max((low + high + 1) // 2, 1)
        if low == high:
            words = self.fmt.ngettext("Question {n}, {left} restante.", "Question {n}, {left} restantes.", left)
        else:
            words = self.fmt.ngettext("Question {n}, environ {left} restante.",
                                      "Question {n}, environ {left} restantes.", left)
        return words.format(n=number, left=left)

    def _hints(self, q: Question) -> list[str]:
        hints = [self._how(q)]
        others = alternatives(q, self.fmt)
        if others:
            hints.append(self._("Vous pouvez aussi répondre : {others}.", others=self._(" ; ").join(others)))
        if q.help or any(c.help for c in q.choices):
            hints.append(self._("Tapez ? pour une explication."))
        return hints

    def _how(self, q: Question) -> str:
        _ = self._
        if q.type == "yes_no":
            return _("Répondez oui ou non.")
        if q.type == "choice":
            return _("Tapez le numéro de votre réponse, ou ses premiers mots.")
        if q.type == "multi_choice":
            if q.min is not None and q.min > 1:
                limit = (_(" (au moins {low}, au plus {high})", low=q.min, high=q.max) if q.max is not None
                         else _(" (au moins {low})", low=q.min))
            else:
                limit = _(" ({high} au plus)", high=q.max) if q.max is not None else ""
            alone = [f"« {self.fmt.content(c.label)} »" for c in q.choices if c.exclusive]
            apart = (" " + self.fmt.ngettext("{choices} se choisit sans autre réponse.",
                                             "{choices} se choisissent sans autre réponse.", len(alone))
                     .format(choices=_(" ou ").join(alone))) if alone else ""
            return _("Une ou plusieurs réponses{limit} : tapez leurs numéros, par exemple 1 et 3, ou 1, 3.",
                     limit=limit) + apart
        if q.type == "number":
            unit = self.fmt.content(q.unit) if q.unit else None
            lo, hi = self._number(q.min), self._number(q.max)
            words = {(True, True): N_("Indiquez un nombre entre {low} et {high}."),
                     (True, False): N_("Indiquez un nombre, {low} ou plus."),
                     (False, True): N_("Indiquez un nombre, {high} au plus."),
                     (False, False): N_("Indiquez un nombre.")}[(lo is not None, hi is not None)]
            if q.integer:
                words = {(True, True): N_("Indiquez un nombre entier entre {low} et {high}."),
                         (True, False): N_("Indiquez un nombre entier, {low} ou plus."),
                         (False, True): N_("Indiquez un nombre entier, {high} au plus."),
                         (False, False): N_("Indiquez un nombre entier.")}[(lo is not None, hi is not None)]
            text = _(words, low=lo, high=hi)
            return text[:-1] + _(" (en {unit}).", unit=unit) if unit else text
        if q.type == "date":
            return _("Indiquez une date : le jour, le mois et l'année, par exemple 05/03/1990.")
        return _("Écrivez votre réponse ({n} caractères au plus), puis appuyez sur Entrée.", n=q.max_length)

    def _number(self, n) -> str | None:
        if n is None:
            return None
        return _fmt(n) if self.fmt.lang == "fr" else self.fmt.number(n)

    def _remind(self, question: Question) -> None:
        """After a message: the question again, in one line (`répéter` shows it all)."""
        self.out.line(self._text(question), "question")

    # --- one exchange ---
    def _ask(self, question: Question) -> None:
        self._show(question)
        while True:
            line = self._read()
            result = interpret(question, line, self.iv.today, self.fmt)
            if isinstance(result, Reply):
                if self._answer(question, result.value):
                    return
            elif isinstance(result, Empty):
                if self.iv.state().revisiting:
                    kept = self.iv.answer_of(question.id)
                    if self._act(question, self._keep):
                        self.out.line(self._("Réponse gardée : {answer}.", answer=describe(question, kept, self.fmt)),
                                      "ok")
                    return
                if not question.required:
                    self._answer(question, SKIPPED)
                    return
                self.out.line(self._("Vous n'avez rien tapé. Donnez votre réponse, ou tapez « aide »."), "error")
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
        self.out.line(self._("Noté : {answer}.", answer=describe(question, self.iv.answer_of(question.id), self.fmt)),
                      "ok")
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
            refusal = exc.params.get("refusal")
            self.out.line(self.fmt.message(refusal, exc.params.get("refusal_params")) if refusal
                          else exc.params.get("reason") or str(exc), "error")
            self._remind(question)
            return False
        except ServiceError as exc:  # the reopening could not be saved
            self.out.line(self._("Attention : {problem}.", problem=exc), "error")
            return False
        error = self.iv.state().save_error
        if error is not None:
            self.out.line(self._("Attention : la réponse n'a pas pu être enregistrée ({reason}). "
                                 "Le diagnostic continue.", reason=error.params['reason']), "error")
        return True

    def _unclear(self, question: Question, result: Unclear) -> None:
        fragment = clean_line(result.fragment)
        fragment = fragment if len(fragment) <= 40 else fragment[:39] + "…"
        if result.guess:
            self.out.line(self._("« {typed} » ne correspond exactement à aucune réponse. Vouliez-vous dire :",
                                 typed=fragment), "error")
        else:
            self.out.line(self._("« {typed} » correspond à plusieurs réponses :", typed=fragment), "error")
        choices = shown_choices(question, self.fmt)
        for i in result.candidates:
            self.out.line(f"{i + 1}. {choices[i].label}")
        self.out.line(self._("Tapez le numéro de la bonne réponse."))
        self._remind(question)

    def _command(self, question: Question, command: Command) -> bool:
        """Run a command; True when the question on screen changed."""
        name = command.name
        if name == "help":
            self.out.line(self._(texts.COMMANDS_INTRO))
            for words, what in texts.COMMANDS_HELP:
                self.out.line(f"{self._(words)}{self.fmt.colon}{self._(what)}.")
            self._remind(question)
        elif name == "language":
            if self._language(command.argument):
                self._show(question)   # the question again, in the new language
            else:
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
                self.out.line(self._("Vous êtes à la première question : il n'y a rien avant."), "error")
                return False
            return True
        elif name == "resume":
            if not self.iv.state().revisiting:
                self.out.line(self._("Vous êtes déjà à la question en cours."))
                return False
            self.iv.to_current()
            self.out.line(self._("Retour à la question en cours."))
            return True
        elif name == "review":
            return self._review(question)
        elif name == "change":
            return self._change(command.number, question)
        elif name == "quit":
            self.out.line(self._("Vous arrêtez le diagnostic pour le moment."))
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
            self.out.line(self._("Il n'y a pas d'explication pour cette question."))
        self.out.line(self._how(question))
        self._remind(question)

    # --- review and change ---
    def _asked(self) -> list:
        """The outline rows of the questions asked so far (they have an answer), in order."""
        return [row for row in self.iv.outline() if row.value is not None]

    def _review(self, question: Question | None) -> bool:
        asked = self._asked()
        if not asked:
            self.out.line(self._("Vous n'avez encore répondu à aucune question."))
            if question is not None:
                self._remind(question)
            return False
        self.out.line()
        self.out.line(self._("Vos réponses :"), "title")
        for i, row in enumerate(asked, 1):
            q = self.questionnaire.questions[row.id]
            self.out.line(self._("{n}. {question} Réponse : {answer}.", n=i, question=row.text,
                                 answer=describe(q, row.value, self.fmt)))
        self.out.line(self._("Pour modifier une réponse, tapez son numéro. Pour continuer, appuyez sur Entrée."))
        line = clean_line(self._read(N_("Numéro : ")))
        command = parse_command(line, self.fmt)
        if command is not None and command.name == "quit":
            return self._command(question, command) if question else self._quit_at_end()
        if line.isdecimal():  # not isdigit(): "²" (a key of French keyboards) is a digit int() refuses
            return self._change(int(line[:7]), question)
        if line:
            self.out.line(self._("Ce n'est pas un numéro de la liste."), "error")
        if question is not None:
            self.out.line(self._("Retour à la question."))
            self._show(question)
        return False

    def _change(self, number: int | None, question: Question | None) -> bool:
        asked = self._asked()
        if not number or not 1 <= number <= len(asked):
            if asked:
                self.out.line(self._("Il n'y a pas de réponse numéro {number}. Tapez « revoir » pour voir "
                                     "la liste (de 1 à {last}).", number=number, last=len(asked)), "error")
            else:
                self.out.line(self._("Vous n'avez encore répondu à aucune question."), "error")
            if question is not None:
                self._remind(question)
            return False
        self.iv.jump(asked[number - 1].id)
        return True

    # --- the end ---
    def _end(self) -> bool:
        """All questions answered: offer a review, then the summary. True when done."""
        self.out.line()
        self.out.line(self._("Vous avez répondu à toutes les questions."), "title")
        while True:
            self.out.line(self._("Tapez « revoir » pour relire ou modifier vos réponses, "
                                 "ou appuyez sur Entrée pour voir le résumé."))
            line = self.reader.read(self._(PROMPT))
            if line is None:
                break
            text = clean_line(line)
            if not text:
                break
            command = parse_command(text, self.fmt)
            name = command.name if command else None
            if name == "review" and self._review(None):
                return False
            if name == "change" and self._change(command.number, None):
                return False
            if name == "back" and self.iv.back():
                return False
            if name == "quit":
                return self._quit_at_end()
            if name == "language":
                self._language(command.argument)
            elif name == "help":
                self.out.line(self._("Les réponses sont toutes données. Commandes utiles ici : revoir, "
                                     "modifier 3, retour, langue, quitter."))
            elif name not in ("review", "change", "back"):
                self.out.line(self._("Toutes les questions ont une réponse."))
        self._finish()
        return True

    def _quit_at_end(self) -> bool:
        self.out.line(self._("Vous arrêtez avant le résumé."))
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
            text = self.iv.render("text", lang=self.fmt.code)
        except Exception:  # noqa: BLE001 - same: show the answers instead
            if os.environ.get("DIAGNOSTIC_DEBUG"):
                raise
            self.out.line(self._("Le résumé du diagnostic n'a pas pu être préparé (erreur interne). "
                                 "Voici vos réponses."), "error")
        if text:
            self.out.line(self._("Voici le résumé du diagnostic :"), "title")
            self.out.line()
            for row in text.rstrip("\n").split("\n"):
                self.out.line(row)
        else:
            self._plain_summary()
        if failed:
            self.out.line(self._("Attention : le diagnostic n'a pas pu être enregistré ({reason}).", reason=failed),
                          "error")
        self.out.line()
        self.out.lines(self._export_lines(), wrap=False)

    def _plain_summary(self) -> None:
        self.out.line(self._("Voici le résumé de vos réponses :"), "title")
        by_section: dict[str, list] = {}
        for row in self._asked():
            by_section.setdefault(row.section, []).append(row)
        for section in self.questionnaire.sections:
            rows = by_section.get(section.id)
            if not rows:
                continue
            self.out.line()
            self.out.line(self._("Partie : {title}", title=self.fmt.content(section.title)), "title")
            for row in rows:
                q = self.questionnaire.questions[row.id]
                self.out.line(self._("{question} Réponse : {answer}.", question=row.text,
                                     answer=describe(q, row.value, self.fmt)))

    # --- saying where the answers are ---
    def _save_and_tell(self) -> None:
        self.iv.save()
        self.out.lines(self._resume_lines(), wrap=False)

    def _warning(self) -> list[str]:
        error = self.iv.state().save_error
        if error is None:
            return []
        return [self._("Attention : les dernières réponses n'ont peut-être pas été enregistrées ({reason}).",
                       reason=error.params['reason'])]

    def _resume_lines(self) -> list[str]:
        _ = self._
        if self.iv.code is None:
            return [_("Attention : vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré) ; "
                      "il faudra recommencer.")]
        lines = self._warning() or ([_("Vos réponses sont enregistrées.")] if self.iv.state().progress.answered
                                    else [_("Vous n'avez donné aucune réponse.")])
        return lines + [
            _("Votre code de reprise : {code}", code=self.iv.code),
            _("Notez-le : il permet de reprendre le diagnostic là où il s'est arrêté."),
            _("Pour reprendre, tapez :"),
            f"  {self.how.program} interview{self.how.extra} --resume {self.iv.code}"]

    def _export_lines(self) -> list[str]:
        _ = self._
        if self.iv.code is None:
            return [_("Vos réponses n'ont pas été enregistrées (aucun stockage n'est configuré).")]
        return self._warning() + [
            _("Le diagnostic est enregistré : session {id}, code de reprise {code}.", id=self.iv.id, code=self.iv.code),
            _("Pour l'exporter (toutes les données de la session, en JSON), tapez :"),
            f"  {self.how.program} export {self.iv.id}{self.how.data_dir}",
            _("Pour relire ou modifier une réponse, tapez :"),
            f"  {self.how.program} interview{self.how.extra} --resume {self.iv.code}"]

    def _refused_words(self, count: int) -> str:
        return self.fmt.ngettext(
            "{n} réponse enregistrée ne peut pas être reprise car le questionnaire a changé : "
            "la question concernée vous sera posée de nouveau.",
            "{n} réponses enregistrées ne peuvent pas être reprises car le questionnaire a "
            "changé : les questions concernées vous seront posées de nouveau.", count).format(n=count)

    def _changed_words(self, params: dict) -> str:
        """The questionnaire changed since the session began (storage words it in French)."""
        head = self._("Le questionnaire a changé depuis le début de cette session (version {old} → {new}). "
                      "La session continue sur la nouvelle version.", old=params.get("from"), new=params.get("to"))
        dropped = params.get("dropped") or []
        if not dropped:
            return head + " " + self._("Toutes les réponses sont gardées.")
        return head + " " + self.fmt.ngettext(
            "{n} réponse à une question supprimée est écartée : {questions}.",
            "{n} réponses à des questions supprimées sont écartées : {questions}.",
            len(dropped)).format(n=len(dropped), questions=", ".join(dropped))

    # --- changing language ---
    def _language(self, wanted: str | None) -> bool:
        """Switch the interview to another language (answers kept); True when it changed."""
        lang = language_named(wanted) if wanted else None
        if lang is None:
            self.out.line(self._("Langues : {languages}. Tapez le nom ou le code de la langue.",
                                 languages=", ".join(f"{name} ({code})" for code, name in LANGUAGES.items())))
            line = clean_line(self._read(N_("Langue : ")))
            lang = language_named(line)
            if lang is None:
                self.out.line(self._("Langue inconnue : « {typed} ». La langue ne change pas.", typed=line), "error")
                return False
        if lang == self.fmt.lang:
            self.out.line(self._("Le diagnostic est déjà dans cette langue."))
            return False
        self.iv.set_lang(lang)
        self.fmt = Formatter(lang)
        self.out.line(self._("Le diagnostic continue en français. Vos réponses sont gardées."), "ok")
        return True


def _fmt(n) -> str | None:
    if n is None:
        return None
    return str(int(n)) if float(n).is_integer() else str(n).replace(".", ",")
