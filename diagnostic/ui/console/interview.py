"""The interview: the question and its answers, the outline, provisional findings, notes,
alerts and progress.

Drawn from `Interview.state()` after every operation; the screen keeps nothing of the
interview itself. The question is drawn at once; the outline, the findings and the
transcript (a full provisional diagnostic) just after, so a keypress shows the next
question first.
"""
from __future__ import annotations

from textual import on
from textual.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from ...service import AnswerRefused, ServiceError
from .. import texts
from ..parsing import Invalid, parse_date, parse_number
from .answering import Answered, Choices, Several, Typed
from .base import N_, ConsoleScreen
from .messages import refusal

# The outline's marks, one per state (the words are in the help and the legend).
MARKS = {"answered": "✓", "current": "▶", "to_come": "·", "not_applicable": "–",
         "declined": "✗", "dont_know": "?", "skipped": "○"}
FINDINGS_DELAY = 0.06   # seconds: after the next question's frame
LEGEND = N_("✓ répondue  ▶ en cours  · à venir  – sans objet  ✗ refus  ? ne sait pas  ○ passée")


class InterviewScreen(ConsoleScreen):
    CSS_PATH = "interview.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("f2", "note", N_("Note")),
        Binding("f3", "dont_know", N_("Ne sait pas")),
        Binding("f4", "decline", N_("Refus")),
        Binding("f5", "skip", N_("Passer")),
        Binding("f6", "review", N_("Bilan")),
        Binding("f7", "back", N_("Précédente")),
        Binding("f8", "to_current", N_("Reprendre")),
        Binding("f9", "toggle_side", N_("Constats")),
        Binding("escape", "home", N_("Accueil")),
        Binding("question_mark", "explain", N_("Explication"), show=False),
    ]

    def __init__(self, interview):
        super().__init__()
        self.interview = interview
        self._state = None
        self._shown = None       # (question id, revisiting, answer) of the answer widget shown
        self._sections = {s.id: s.title for s in interview.questionnaire.sections}
        self._rows = None        # the outline as drawn: question id -> (state, text)
        self._later = None       # the timer that draws the findings
        self._bindings_for = None
        self._texts: dict[str, str] = {}   # what each Static shows, to redraw only changes
        self._finding_alerts: dict[str, str] = {}   # urgent findings of the last provisional view

    def compose(self) -> ComposeResult:
        _ = self.gettext
        yield Header()
        yield Static("", id="alerts")
        with Horizontal(id="body"):
            with Vertical(id="outline-pane"):
                yield OptionList(id="outline")
                yield Static(_(LEGEND), id="legend")
            with Vertical(id="centre"):
                yield Static("", id="where")
                yield ProgressBar(show_eta=False, id="progress")
                yield Static("", id="passed")
                yield Static("", id="question")
                yield Static("", id="help")
                with Vertical(id="answer"):
                    yield Choices(id="choices")
                    yield Several(id="several")
                    yield Typed(id="typed")
                yield Static("", id="feedback")
                yield Static("", id="keys")
                with VerticalScroll(id="transcript-pane"):
                    yield Static("", id="transcript")
            with VerticalScroll(id="side"):
                yield Static("", id="findings")
                yield Static("", id="adviser-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.draw()

    def on_screen_resume(self) -> None:
        self.draw()

    # --- drawing -------------------------------------------------------------------------
    def draw(self) -> None:
        """Draw the state now; findings and transcript just after."""
        _ = self.gettext
        state = self._state = self.interview.state()
        if state.finished or state.finalised:
            from .review import ReviewScreen
            self.app.switch_screen(ReviewScreen(self.interview))
            return
        q = state.question
        self.app.sub_title = " · ".join(x for x in (
            state.reference, _("code {code}").format(code=state.code) if state.code else None) if x)
        self._draw_alerts(state)
        section = q.section.title if q.section else ""
        p = state.progress
        if state.revisiting:
            where = _("Question {n}, déjà répondue").format(n=q.number)
        elif p.remaining <= 1:
            where = _("Question {n}, la dernière").format(n=q.number)
        else:
            where = _("Question {n}, environ {left} à venir").format(n=q.number, left=p.remaining - 1)
        self._put("where", f"[b]{_escape(section)}[/b] — {where}")
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=p.answered + p.remaining, progress=p.answered)
        passed = [_escape(n.text) for n in state.notes]
        if p.answered == 0 and not state.revisiting:   # before the first answer: the notice
            passed = [f"[b]{_escape(_(texts.PRIVACY_TITLE))}[/b]",
                      *(_escape(_(paragraph)) for paragraph in texts.PRIVACY_NOTICE)] + passed
        self._put("passed", "\n".join(passed)).set_class(bool(passed), "-shown")
        self._put("question", _escape(q.text))
        self._put("help", _escape(q.help or "")).set_class(False, "-shown")
        self._put("feedback", "")
        self._put("keys", self._keys_hint(q))
        if self._shown != (q.id, state.revisiting, q.answer):
            self._shown = (q.id, state.revisiting, q.answer)
            self._show_answer(q)
        self._draw_save_error(state)
        bindings = (q.allows, state.revisiting, bool(q.help))
        if bindings != self._bindings_for:   # the footer is rebuilt only when its keys change
            self._bindings_for = bindings
            self.refresh_bindings()
        # The outline, the findings and the transcript after the question is on screen (a
        # new keypress before then postpones them again): the question's frame then covers
        # the centre column only, not the whole screen.
        if self._later is not None:
            self._later.stop()
        self._later = self.set_timer(FINDINGS_DELAY, self._draw_panes)

    def _put(self, widget_id: str, text: str) -> Static:
        """Show `text` in a Static, redrawing (and laying out) only when it changed."""
        widget = self.query_one(f"#{widget_id}", Static)
        if self._texts.get(widget_id) != text:
            self._texts[widget_id] = text
            widget.update(text)
        return widget

    def _draw_alerts(self, state) -> None:
        """The urgent notes reached (the 115) and the urgent findings, in a band at the top;
        a new one also rings and pops up, so it is seen at once."""
        alerts = dict(self._finding_alerts)
        alerts.update((n.id, n.text) for n in state.urgent_notes)
        self.app.announce(alerts)
        self._put("alerts", "\n".join("⚠ " + _escape(label) for label in alerts.values())).set_class(
            bool(alerts), "-shown")

    def _draw_save_error(self, state) -> None:
        if state.save_error is not None:
            self.notify(refusal(ServiceError(state.save_error.code, state.save_error.message,
                                             **state.save_error.params), self.gettext),
                        title=self.gettext("Enregistrement"), severity="error", timeout=10, markup=False)

    def _keys_hint(self, q) -> str:
        _ = self.gettext
        if q.type in ("choice", "yes_no"):
            hint = _("Tapez le numéro de la réponse, ou choisissez-la avec les flèches puis Entrée.")
        elif q.type == "multi_choice":
            hint = _("Cochez avec les numéros ou Espace, puis Entrée pour valider.")
        elif q.type == "date":
            hint = _("Tapez la date (JJ/MM/AAAA), puis Entrée.")
        elif q.type == "number":
            hint = (_("Tapez un nombre (en {unit}), puis Entrée.").format(unit=q.unit) if q.unit
                    else _("Tapez un nombre, puis Entrée."))
        else:
            hint = _("Tapez la réponse, puis Entrée.")
        if q.help:
            hint += " " + _("? : explication.")
        return hint

    def _show_answer(self, q) -> None:
        """Offer the question's answers in the widget of its kind (all three stay mounted,
        so a key typed just after an answer reaches the next question)."""
        _ = self.gettext
        choices, several, typed = (self.query_one("#choices", Choices), self.query_one("#several", Several),
                                   self.query_one("#typed", Typed))
        if q.type == "yes_no":
            choices.show([(True, _("Oui")), (False, _("Non"))], q.answer)
            shown = choices
        elif q.type == "choice":
            choices.show([(c.value, c.label) for c in q.choices], q.answer)
            shown = choices
        elif q.type == "multi_choice":
            several.show([(c.value, c.label) for c in q.choices],
                         q.answer if isinstance(q.answer, list) else None)
            shown = several
        else:
            value = "" if q.answer is None or isinstance(q.answer, dict) else _typed(q.answer, q.type)
            placeholder = {"date": _("JJ/MM/AAAA"), "number": q.unit or ""}.get(q.type, "")
            typed.show(value, placeholder, q.max_length if q.type == "text" else 40)
            shown = typed
        for widget in (choices, several, typed):
            widget.display = widget is shown
        shown.focus()

    def _draw_outline(self, state) -> None:
        """Every question with its mark; after the first drawing only the rows whose state
        changed are redrawn (usually two), which keeps a keypress cheap."""
        outline = self.query_one("#outline", OptionList)
        if self._rows is None:
            options, section = [], None
            for row in state.outline:
                if row.section != section:
                    section = row.section
                    options.append(Option(f"[b]{_escape(self._section_title(section))}[/b]", disabled=True))
                options.append(Option(self._row_prompt(row), id=row.id,
                                      disabled=row.state in ("to_come", "not_applicable")))
            outline.set_options(options)
        else:
            for row in state.outline:
                if self._rows.get(row.id) != (row.state, row.text):
                    index = outline.get_option_index(row.id)
                    outline.replace_option_prompt_at_index(index, self._row_prompt(row))
                    if row.state in ("to_come", "not_applicable"):
                        outline.disable_option_at_index(index)
                    else:
                        outline.enable_option_at_index(index)
        self._rows = {row.id: (row.state, row.text) for row in state.outline}
        current = next((row.id for row in state.outline if row.state == "current"), None)
        if current is not None:
            outline.highlighted = outline.get_option_index(current)
            outline.call_after_refresh(outline.scroll_to_highlight)   # once laid out (alerts shorten it)

    @staticmethod
    def _row_prompt(row) -> str:
        return f"{MARKS.get(row.state, ' ')} {_escape(row.text)}"

    def _section_title(self, section_id: str) -> str:
        title = self._sections.get(section_id)
        return self.app.words.content(title) if title else section_id   # in the session's language

    def _draw_panes(self) -> None:
        if self.is_attached:
            self._draw_outline(self._state)
            self._draw_findings()
            self.app.keep_heap()   # a pause: the adviser reads the next question

    def _draw_findings(self) -> None:
        """The provisional findings by theme, the adviser's notes, the transcript."""
        _ = self.gettext
        data = None
        with self.app.guard(_("Constats provisoires")):
            data = self.interview.provisional()
        if data is None:
            return
        self._finding_alerts = {a["id"]: a["label"] for a in data.get("alerts", ()) if a["kind"] == "finding"}
        self._draw_alerts(self._state)
        lines = ["[b]" + _("Constats provisoires") + "[/b]"]
        for theme in data["themes"]:
            if theme["status"] == "non_aborde":
                continue
            lines.append(f"[b]{_escape(theme['label'])}[/b] : {_escape(theme['status_label'])}")
            for rule in theme["findings"]:
                finding = next((f for f in data["findings"] if f["rule"] == rule), None)
                if finding:
                    lines.append(f"  • {_escape(finding['label'])}")
        if data["pathway"]:
            lines.append("")
            lines.append(_("Parcours envisagé : {pathway}").format(pathway=_escape(data["pathway"]["label"])))
        if len(lines) == 1:
            lines.append(_("Aucun constat pour l'instant."))
        self._put("findings", "\n".join(lines))
        notes = self.interview.notes()
        note_lines = ["[b]" + _("Notes du conseiller") + "[/b]"] if notes else []
        for note in notes:
            about = (self._question_text(note.question) if note.question
                     else self.app.words.theme(note.theme) if note.theme else _("Session"))
            note_lines.append(f"[i]{_escape(about)}[/i] : {_escape(note.text)}")
        self._put("adviser-notes", "\n".join(note_lines))
        transcript = ["[b]" + _("Réponses données") + "[/b]"]
        for theme in data["themes"]:
            for fact in theme["facts"]:
                transcript.append(f"{_escape(fact['text'])} [b]→ {_escape(fact['answer'])}[/b]")
        self._put("transcript", "\n".join(transcript))
        self.query_one("#transcript-pane").scroll_end(animate=False)   # the latest answers

    def _question_text(self, question_id: str) -> str:
        return next((row.text for row in self._state.outline if row.id == question_id), question_id)

    # --- answering ---------------------------------------------------------------------------
    @on(Answered)
    def _answered(self, event: Answered) -> None:
        event.stop()
        q = self._state.question if self._state else None
        if q is None:
            return
        value = event.value
        if q.type in ("number", "date"):
            text = str(value).strip()
            if not text:
                return self._empty(q)
            reply = parse_number(text, q.unit) if q.type == "number" else parse_date(text, self.interview.today)
            if isinstance(reply, Invalid):
                return self._refused(reply.message)
            value = reply.value
        elif q.type == "text":
            value = str(value)
            if not value.strip():
                return self._empty(q)
        self._do(lambda: self.interview.answer(value))

    def _empty(self, q) -> None:
        if self._state.revisiting:
            self._do(self.interview.keep)
        elif "skip" in q.allows:
            self._do(self.interview.skip)
        else:
            self._refused(self.gettext("Une réponse est attendue (ou F3 : ne sait pas, F4 : refus, "
                                       "quand la question le permet)."))

    def _do(self, operation) -> None:
        """One operation of the service, then draw what it changed; a refusal is shown
        under the answer (an unexpected error by `guard`: logged, the session kept)."""
        _ = self.gettext
        done = False
        with self.app.guard(_("Réponse")):
            try:
                operation()
                done = True
            except AnswerRefused as exc:
                self._refused(exc.params.get("reason") or str(exc))
            except ServiceError as exc:
                self._refused(refusal(exc, _))
        if done:
            self.draw()

    def _refused(self, message: str) -> None:
        self._put("feedback", _escape(message))
        self.app.bell()

    # --- actions -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        q = self._state.question if self._state else None
        if action in ("dont_know", "decline", "skip"):
            wanted = {"dont_know": "dont_know", "decline": "decline", "skip": "skip"}[action]
            return q is not None and wanted in q.allows
        if action == "to_current":
            return bool(self._state and self._state.revisiting)
        if action == "explain":
            return q is not None and bool(q.help)
        return True

    def action_dont_know(self) -> None:
        self._do(self.interview.dont_know)

    def action_decline(self) -> None:
        self._do(self.interview.decline)

    def action_skip(self) -> None:
        self._do(self.interview.skip)

    def action_back(self) -> None:
        moved = None
        with self.app.guard(self.gettext("Question précédente")):
            moved = self.interview.back()
        if moved is False:
            self._refused(self.gettext("C'est la première question : il n'y a rien avant."))
        elif moved:
            self.draw()

    def action_to_current(self) -> None:
        self._do(self.interview.to_current)

    def action_explain(self) -> None:
        help_ = self.query_one("#help", Static)
        help_.set_class(not help_.has_class("-shown"), "-shown")

    def action_toggle_side(self) -> None:
        self.toggle_class("-side-hidden" if self.has_class("-wide") else "-side-shown")

    def action_review(self) -> None:
        from .review import ReviewScreen
        self.app.switch_screen(ReviewScreen(self.interview))

    def action_home(self) -> None:
        self.app.close_interview()

    def action_note(self) -> None:
        from .note import NoteScreen
        q = self._state.question if self._state else None
        if q is None:
            return
        theme = q.section.theme if q.section else None
        existing = {(n.theme, n.question): n.text for n in self.interview.notes()}
        self.app.push_screen(NoteScreen(q.text, self.app.words.theme(theme) if theme else None,
                                        existing.get((None, q.id), ""), existing.get((theme, None), "")),
                             lambda result: self._note_written(result, q.id, theme))

    def _note_written(self, result, question_id: str, theme: str | None) -> None:
        if result is None:
            return
        about, text = result
        _ = self.gettext
        with self.app.guard(_("Enregistrement de la note")):
            if about == "theme" and theme:
                self.interview.set_note(text, theme=theme)
            else:
                self.interview.set_note(text, question=question_id)
            self.notify(_("Note enregistrée.") if text else _("Note effacée."), timeout=3)
        self._draw_save_error(self.interview.state())
        self._draw_findings()

    @on(OptionList.OptionSelected, "#outline")
    def _outline_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = next((r for r in self._state.outline if r.id == event.option.id), None)
        if row is None or row.state in ("current", "to_come", "not_applicable"):
            return
        self._do(lambda: self.interview.jump(row.id))

    def palette_commands(self):
        _ = self.gettext
        yield _("Note"), _("Écrire une note sur la question ou le thème (conseiller seulement)"), self.action_note
        yield _("Question précédente"), _("Revenir à la question d'avant"), self.action_back
        yield _("Bilan"), _("Constats, parcours et plan d'action"), self.action_review
        yield _("Accueil"), _("Fermer la session et revenir à la liste"), self.action_home


def _escape(text: str) -> str:
    return escape(text or "")


def _typed(value, kind: str) -> str:
    """A stored JSON answer as the adviser would type it again."""
    if kind == "date" and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if kind == "number" and isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
