"""One question per screen, as a conversation: the question, big answers, help, back, progress.

The screen draws the service's `InterviewState` and hands what the person did
to the App (`app.reply`), which asks the service; it holds nothing of the
interview but the choices ticked of a multiple-choice question before
"Valider". Sensitive questions never get a free-text field here.
"""
from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, ProgressBar, Static

from ...model import N_
from ..parsing import Invalid, parse_date, parse_number
from .base import KioskScreen, button

#: The non-answers a question may offer, in the order shown.
NON_ANSWERS = (("dont_know", N_("Je ne sais pas")),
               ("decline", N_("Je préfère ne pas répondre")),
               ("skip", N_("Passer cette question")))


class QuestionScreen(KioskScreen):
    BINDINGS = [Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)] + [
        Binding("escape", "previous", show=False)]
    FIRST = "#body Input, #body .answer, #body Button"

    FROM_INTERVIEW = True

    def __init__(self, state, ticked: set | None = None):
        super().__init__()
        self.state = state
        self.question = state.question
        answer = self.question.answer
        # Ticked choices of a multiple-choice question, until "Valider" (the stored answer when
        # revisiting; kept across a change of language).
        self.ticked: set[str] = set(ticked) if ticked is not None else (
            set(answer) if isinstance(answer, list) else set())

    # --- drawing -------------------------------------------------------------------

    def body(self) -> ComposeResult:
        _, w, q = self.app.t, self.app.words, self.question
        with Horizontal(id="progress-line"):
            yield Static(_("Question {n}").format(n=w.number(q.number)), markup=False)
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="progress")
        if self.state.save_error is not None:
            yield Static(_("Vos dernières réponses n'ont pas pu être enregistrées. "
                           "Continuez, et prévenez un conseiller."), classes="error", markup=False)
        for note in self.state.notes:
            yield Static(w.content(note.text), classes="urgent" if note.urgent else "paragraph",
                         markup=False)
        if q.section is not None:
            yield Static(w.content(q.section.title), classes="section", markup=False)
        yield Static(w.content(q.text), classes="title", id="question", markup=False)
        if q.help:
            yield Static(w.content(q.help), classes="help", markup=False)
        yield from self._answers()
        if not self.has_field:                # (a field has its message right under it)
            yield Static("", id="problem", classes="error", markup=False)
        for kind, label in NON_ANSWERS:
            if kind in q.allows:
                yield button(_(label), id=kind, classes="big aside")
        with Horizontal(classes="navigation"):
            if self.state.revisiting:
                yield button(_("Garder ma réponse"), id="keep", classes="primary")
            if self.state.revisiting or self.question.number > 1:
                yield button(_("Retour"), id="back")

    @property
    def has_field(self) -> bool:
        """Numbers, dates and text are typed (never text about a sensitive subject)."""
        q = self.question
        return q.type in ("number", "date") or (q.type == "text" and not q.sensitive)

    def _answers(self) -> ComposeResult:
        _, w, q = self.app.t, self.app.words, self.question
        if q.type == "yes_no":
            for n, value in enumerate((True, False), 1):
                yield self._choice_button(n, w.yes_no(value), f"yes_no-{str(value).lower()}",
                                          q.answer is value)
        elif q.type in ("choice", "multi_choice"):
            for c in q.choices:
                label = w.content(c.label) + (f"\n{w.content(c.help)}" if c.help else "")
                chosen = c.value in self.ticked if q.type == "multi_choice" else q.answer == c.value
                yield self._choice_button(c.number, label, f"choice-{c.number}", chosen)
            if q.type == "multi_choice":
                yield Static(_("Touchez toutes les réponses qui vous concernent, puis « Valider »."),
                             classes="example", markup=False)
                yield button(_("Valider"), id="submit", classes="big primary")
        elif self.has_field:
            yield from self._field()
        else:  # free text about health, family or justice: never at a kiosk
            yield Static(_("Vous pourrez en parler avec votre conseiller."), classes="lead",
                         markup=False)

    def _choice_button(self, n: int, label: str, button_id: str, chosen: bool) -> Button:
        choice = button(f"{n}  {label}" if n <= 9 else label, id=button_id, classes="big answer")
        if chosen:
            choice.add_class("chosen")
        return choice

    def _field(self) -> ComposeResult:
        _, q = self.app.t, self.question
        example = self._example()
        with Horizontal(classes="field"):
            yield Input(value=self._shown_answer(), id="field", max_length=q.max_length if q.type == "text" else 40,
                        placeholder=_("JJ/MM/AAAA") if q.type == "date" else "")
            if q.unit:
                yield Static(self.app.words.content(q.unit), classes="unit", markup=False)
        yield Static("", id="problem", classes="error", markup=False)   # right under the field
        if example:
            yield Static(example, classes="example", markup=False)
        yield button(_("Valider"), id="submit", classes="big primary")

    def _example(self) -> str:
        _, w, q = self.app.t, self.app.words, self.question
        if q.type == "date":
            return _("Sous la forme JJ/MM/AAAA, par exemple {example}").format(example="05/03/1988")
        if q.type != "number":
            return ""
        low, high = q.min, q.max
        example = int(low) if low is not None and low >= 1 else 2
        if high is not None:
            example = min(example, int(high))
        text = _("Exemple : {example}").format(example=w.number(example))
        if low is not None and high is not None:
            text += " · " + _("entre {low} et {high}").format(low=w.number(low), high=w.number(high))
        return text

    def _shown_answer(self) -> str:
        answer, q = self.question.answer, self.question
        if answer is None or isinstance(answer, dict):
            return ""
        if q.type == "date":
            return dt.date.fromisoformat(answer).strftime("%d/%m/%Y")
        if q.type == "number":
            return self.app.words.number(answer)
        return str(answer)

    def spoken(self) -> str:
        _, w, q = self.app.t, self.app.words, self.question
        parts = [w.content(n.text) for n in self.state.notes] + [w.content(q.text)]
        if q.help:
            parts.append(w.content(q.help))
        if q.type == "yes_no":
            parts += [f"1 : {w.yes_no(True)}", f"2 : {w.yes_no(False)}"]
        parts += [f"{c.number} : {w.content(c.label)}" for c in q.choices]
        parts += [_(label) for kind, label in NON_ANSWERS if kind in q.allows]
        return ". ".join(p.rstrip(" .") for p in parts) + "."

    def refusal(self, error) -> str:
        """Why the service refused an answer, worded here from the question (the service's
        reason is French): what a valid answer looks like."""
        _, w, q = self.app.t, self.app.words, self.question
        if "refusal" in error.params:  # the core's own code (issue 13), worded for the person
            return w.message(error.params["refusal"], error.params.get("refusal_params"))
        if q.type == "number":
            if q.min is not None and q.max is not None:
                wording = (_("Indiquez un nombre entier entre {low} et {high}.") if q.integer
                           else _("Indiquez un nombre entre {low} et {high}."))
                return wording.format(low=w.number(q.min), high=w.number(q.max))
            return _("Indiquez un nombre entier.") if q.integer else _("Indiquez un nombre.")
        if q.type == "date":
            return _("Vérifiez la date : elle n'est pas possible ici.")
        if q.type == "multi_choice":
            if q.max is not None:
                return _("Choisissez entre {low} et {high} réponses.").format(
                    low=w.number(q.min or 1), high=w.number(q.max))
            return _("Choisissez au moins une réponse.")
        if q.type == "text":
            return _("Écrivez votre réponse, en {n} caractères au plus.").format(n=w.number(q.max_length))
        return _("Cette réponse n'est pas possible ici.")

    def refused(self, message: str) -> None:
        """Say why beside the field; what was typed stays, selected, so that typing replaces it."""
        self.query_one("#problem", Static).update(message)
        for field in self.query("#field").results(Input):
            field.focus()
            field.select_all()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ProgressBar).update(progress=round(self.state.progress.fraction * 100))

    # --- what the person does --------------------------------------------------------

    async def action_choose(self, n: int) -> None:
        q = self.question
        if q.type == "yes_no" and n <= 2:
            await self.press("yes_no-true" if n == 1 else "yes_no-false")
        elif q.type in ("choice", "multi_choice") and n <= len(q.choices):
            await self.press(f"choice-{n}")

    async def action_previous(self) -> None:
        if self.state.revisiting or self.question.number > 1:
            await self.press("back")

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.press("submit")

    async def pressed(self, button: str) -> None:
        q = self.question
        if button.startswith("yes_no-"):
            await self.app.reply("answer", button == "yes_no-true")
        elif button.startswith("choice-"):
            choice = q.choices[int(button.removeprefix("choice-")) - 1]
            if q.type == "choice":
                await self.app.reply("answer", choice.value)
            else:
                self.ticked ^= {choice.value}
                self.query_one(f"#{button}", Button).set_class(choice.value in self.ticked, "chosen")
        elif button == "submit":
            await self._submit()
        elif button in ("dont_know", "decline", "skip", "keep", "back"):
            await self.app.reply(button)

    async def _submit(self) -> None:
        _, q = self.app.t, self.question
        if q.type == "multi_choice":
            values = [c.value for c in q.choices if c.value in self.ticked]
            await self.app.reply("answer", values)
            return
        text = self.query_one("#field", Input).value.strip()
        if not text:
            self.refused(_("Écrivez votre réponse, puis « Valider »."))
            return
        if q.type == "number":
            parsed = parse_number(text, q.unit)
            if isinstance(parsed, Invalid):
                self.refused(_("Écrivez un nombre, avec des chiffres."))
                return
            await self.app.reply("answer", parsed.value)
        elif q.type == "date":
            parsed = parse_date(text, self.app.interview.today)
            if isinstance(parsed, Invalid):
                self.refused(_("Écrivez la date sous la forme JJ/MM/AAAA."))
                return
            await self.app.reply("answer", parsed.value)
        else:
            await self.app.reply("answer", text)
