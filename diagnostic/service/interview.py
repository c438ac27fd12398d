"""One interview's life: answers, navigation, notes, plan, finalising, autosave.

An `Interview` is made by `Service.start` or `Service.resume`; a front calls
its operations with what the person or the adviser did, then draws
`state()`. Every change is saved through the store before the operation
returns; a save that fails does not stop the interview (the answer is kept
in memory) and sets `state().save_error`, on every failing operation, until
a save succeeds (the next save writes everything not yet written).

Notes of the questionnaire (items that take no answer) are passed on the
way: they come with the next question's state (`state().notes`).

Once finalised, the interview is read-only: answers and plan edits are
refused with ``finalised`` until the adviser `reopen()`s it, which makes
the next `finalise()` a new version and keeps the previous one.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..answers import InvalidAnswer
from ..engine import Session
from ..errors import did_you_mean
from ..expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN
from ..i18n import Formatter
from ..model import PATHWAYS, encode_answer
from ..plan import InvalidEdit, PlanEdit
from ..report import render_data, to_data
from ..scoring import diagnose
from ..storage import StorageError, format_code
from ..storage.record import is_structure_code, to_iso, utcnow
from . import planning, views
from .content import Content
from .errors import AnswerRefused, PlanEditRefused, ServiceError
from .state import AdviserNote, Finalised, InterviewState, NoteView, Notice, OutlineRow, SaveError


class Interview:
    """An interview in progress (or finalised). Not thread-safe: one front drives it."""

    def __init__(self, service, content: Content, session: Session, handle=None, *,
                 lang: str = "fr", mode: str = "adviser", notices: tuple[Notice, ...] = ()):
        self._service = service
        self.content = content
        self._session = session
        self._handle = handle                     # None: nothing is stored
        self.lang = lang
        self.mode = mode
        self.notices = notices                    # to show once, on resuming
        record = handle.record if handle is not None else {}
        self._notes = [AdviserNote(**n) for n in record.get("adviser_notes", ())]
        self._reference = record.get("reference")
        self._shared: list[str] = list(record.get("shared_with") or ())
        self._edits: list[dict] = list(record.get("plan_edits", ()))
        self._pathway: dict | None = record.get("pathway_choice")
        self._history: list[dict] = list(record.get("history", ()))
        self._unsaved: set[str] = set()           # answers not written yet (a save failed)
        self._save_error: SaveError | None = None
        self._fresh: list[NoteView] = []          # notes passed on the way to the current question
        self._sections = {s.id: s for s in content.questionnaire.sections}
        self._walk: tuple | None = None           # (asked, outline, urgent notes) until the next move
        self._settle()

    # --- identity -----------------------------------------------------------------
    @property
    def id(self) -> str | None:
        """The session id, or None when nothing is stored."""
        return self._handle.id if self._handle is not None else None

    @property
    def code(self) -> str | None:
        """The retrieval code, formatted ("ACDE-2345-XY"), or None when nothing is stored."""
        return format_code(self._handle.retrieval_code) if self._handle is not None else None

    @property
    def questionnaire(self):
        return self.content.questionnaire

    @property
    def today(self):
        return self._session.today

    @property
    def session(self) -> Session:
        """The engine session, read-only, for the report layer and tests; fronts draw
        `state()` and act through the methods below."""
        return self._session

    def answer_of(self, question_id: str) -> Any:
        """The answer (JSON) a question has now, or None (not reached, not applicable)."""
        value = self._session.value(question_id)
        return None if value is UNKNOWN or value is NOT_APPLICABLE else encode_answer(value)

    # --- what to draw -------------------------------------------------------------
    def state(self) -> InterviewState:
        """The interview as plain data (see `diagnostic.service.state`)."""
        s = self._session
        current = s.current
        asked, outline, urgent = self._walked()
        revisiting = current is not None and current.id in asked
        return InterviewState(
            session_id=self.id, code=self.code,
            question=(views.question(s, current, self._sections, asked, revisiting)
                      if current is not None else None),
            revisiting=revisiting, progress=s.progress(), outline=outline,
            notes=tuple(self._fresh), urgent_notes=urgent,
            finished=current is None, finalised=self.finalised, save_error=self._save_error,
            reference=self._reference, lang=self.lang)

    def outline(self) -> tuple[OutlineRow, ...]:
        """Every question of the questionnaire with its state (OUTLINE_STATES), in flow order."""
        return self._walked()[1]

    def _walked(self) -> tuple:
        """What state() reads from the whole flow, computed once per move (a front may draw
        the state many times between two operations)."""
        if self._walk is None:
            self._walk = (self._session.asked(), views.outline(self._session), views.urgent_notes(self._session))
        return self._walk

    def _moved(self) -> None:
        self._walk = None

    # --- answering ----------------------------------------------------------------
    def answer(self, value: Any) -> None:
        """Answer the question shown: a candidate value (True, "choice", 3, a date…) or its
        JSON form. Refused with AnswerRefused (params: question, reason); nothing changes."""
        self._writable()
        question = self._session.current
        if question is None:
            raise ServiceError("finished", "toutes les questions ont une réponse")
        try:
            self._session.answer(value)
        except InvalidAnswer as exc:
            raise AnswerRefused("answer_refused", str(exc), question=question.id,
                                reason=str(exc)) from None
        self._moved()
        self._fresh = []
        self._changed(question.id)
        self._settle()
        self._save()

    def decline(self) -> None:
        """« Je préfère ne pas répondre » (refused when the question does not offer it)."""
        self.answer(DECLINED)

    def dont_know(self) -> None:
        """« Je ne sais pas » (refused when the question does not offer it)."""
        self.answer(DONT_KNOW)

    def skip(self) -> None:
        """Leave an optional question without an answer (refused for a required one)."""
        self.answer(SKIPPED)

    def keep(self) -> None:
        """Revisiting: keep the answer shown and go on."""
        current = self._session.current
        if current is None or current.id not in self._session.asked():
            raise ServiceError("not_revisiting", "cette question n'a pas encore de réponse")
        self.answer(self._session.value(current.id))

    # --- navigation ---------------------------------------------------------------
    def back(self) -> bool:
        """Show the previous asked question; False at the first one (nothing changes)."""
        if self._session.back() is None:
            return False
        self._moved()
        self._fresh = []
        return True

    def jump(self, question_id: str) -> None:
        """Show an answered question to change it; afterwards the interview returns to
        where it was. Refused with ``not_answered`` (params: question, suggestion)."""
        try:
            self._session.jump(question_id)
        except KeyError:
            asked = self._session.asked()
            hint = did_you_mean(question_id, asked)
            raise ServiceError("not_answered", f"la question « {question_id} » n'a pas de réponse "
                               f"à modifier{hint}", question=question_id,
                               suggestion=_suggestion(hint)) from None
        self._moved()
        self._fresh = []

    def to_current(self) -> None:
        """Leave a back / jump detour: show the first question without an answer."""
        self._session.resume()
        self._moved()
        self._fresh = []
        self._settle()

    def replay(self, answers: Mapping[str, Any]) -> None:
        """Answer each asked question from `answers` (question id → JSON answer), as far as
        they go: a missing answer to an optional question skips it. Raises ServiceError
        ``answer_missing`` (params: question, text) or AnswerRefused (params: question, reason)."""
        session = self._session
        while (question := session.current) is not None:
            if question.id not in answers:
                if question.required:
                    raise ServiceError("answer_missing", f"la question '{question.id}' est posée mais "
                                       f"le fichier de réponses n'a pas de réponse pour elle "
                                       f"({question.text})", question=question.id, text=question.text)
                self.skip()
            else:
                self.answer(answers[question.id])

    def save(self) -> None:
        """Write what a failed save left unwritten, with the position (before stopping)."""
        if self._handle is not None:
            self._save(force=True)

    # --- adviser notes and reference ----------------------------------------------
    def set_note(self, text: str, theme: str | None = None, question: str | None = None) -> None:
        """The adviser's note on a theme, a question, or (neither) the session; empty text
        removes it. Never shown to the person, never an answer."""
        if theme is not None and theme not in {s.theme for s in self.questionnaire.sections}:
            raise ServiceError("unknown_theme", f"thème inconnu : {theme}", theme=theme)
        if question is not None and question not in self.questionnaire.questions:
            hint = did_you_mean(question, self.questionnaire.questions)
            raise ServiceError("unknown_question", f"question inconnue : {question}{hint}",
                               question=question, suggestion=_suggestion(hint))
        text = (text or "").strip()
        kept = [n for n in self._notes if (n.theme, n.question) != (theme, question)]
        if text:
            kept.append(AdviserNote(text, theme, question, self._now()))
        self._notes = kept
        self._write("set_adviser_notes", [vars_of(n) for n in kept])

    def notes(self) -> tuple[AdviserNote, ...]:
        """The adviser's notes, in the order they were last changed."""
        return tuple(self._notes)

    def set_reference(self, text: str | None) -> None:
        """The adviser's reference for the person (a file number); empty or None clears it."""
        text = (text or "").strip() or None
        self._reference = text
        self._write("set_reference", text)

    @property
    def reference(self) -> str | None:
        return self._reference

    def share_with(self, structures) -> None:
        """The structures the person agreed to share the session with (the whole
        list; empty withdraws consent). A territory's store lets them read it."""
        codes = [str(code).strip() for code in structures]
        bad = [code for code in codes if not is_structure_code(code)]
        if bad:
            raise ServiceError("unknown_structure", f"code de structure invalide : {bad[0]}",
                               structure=bad[0])
        self._shared = [c for i, c in enumerate(codes) if c not in codes[:i]]
        self._write("set_shared_with", self._shared, required=True)

    @property
    def shared_with(self) -> tuple[str, ...]:
        return tuple(self._shared)

    # --- findings and plan --------------------------------------------------------
    def provisional(self) -> dict:
        """The diagnostic on the answers so far (`run --format json` shape, ``provisional``
        true until every question is answered): findings for a live panel."""
        return self._data()

    def plan(self) -> dict:
        """The action plan as it stands: the rules' draft with the adviser's edits
        (the ``action_plan`` of the JSON), with ``pathway`` (proposed) and ``chosen_pathway``."""
        data = self.diagnostic().data if self.finalised else self._data()
        return {**data["action_plan"], "pathway": data["pathway"],
                "chosen_pathway": self._pathway if not self.finalised else self.diagnostic().chosen_pathway}

    def edit_plan(self, edit: PlanEdit | Mapping) -> None:
        """Apply one adviser edit (a PlanEdit or its JSON). Refused with PlanEditRefused:
        ``plan_edit_invalid`` (bad shape), ``unknown_objective``, ``unknown_action``,
        ``duplicate_objective``, ``duplicate_action``, ``unknown_catalogue_action``."""
        self._writable()
        try:
            edit = edit if isinstance(edit, PlanEdit) else PlanEdit.from_json(edit)
        except InvalidEdit as exc:
            raise PlanEditRefused("plan_edit_invalid", str(exc), reason=str(exc)) from None
        current = self._diagnosis().plan
        planning.check_edit(current, edit, self.content.rules.actions)
        self._edits.append(edit.to_json())
        self._write("set_plan_edits", list(self._edits))

    def choose_pathway(self, pathway: str, reason: str | None = None) -> None:
        """The adviser's pathway. A reason is required when it differs from the proposed one
        (``reason_required``); an unknown pathway is ``unknown_pathway``. Choosing the
        proposed pathway without a reason clears the choice."""
        self._writable()
        if pathway not in PATHWAYS:
            raise ServiceError("unknown_pathway", f"parcours inconnu : {pathway} (attendu : "
                               f"{', '.join(PATHWAYS)})", pathway=pathway, known=list(PATHWAYS))
        reason = (reason or "").strip()
        proposed = self._diagnosis().pathway
        if not reason and (proposed is None or proposed.pathway != pathway):
            raise ServiceError("reason_required", "indiquez pourquoi ce parcours plutôt que celui "
                               "proposé", pathway=pathway)
        choice = None if not reason else {"pathway": pathway, "reason": reason}
        self._pathway = choice
        self._write("set_pathway_choice", choice)

    # --- finalising ---------------------------------------------------------------
    @property
    def finalised(self) -> bool:
        return bool(self._history) and self._history[-1].get("reopened_at") is None

    def finalise(self) -> Finalised:
        """Compute the diagnostic once and store it with the session (questionnaire id, version
        and hash, rules' hash, date, language, plan as agreed, chosen pathway). Refused with
        ``not_finished`` before the last answer, ``finalised`` when already done; a failed save
        raises ``save_failed`` (nothing is finalised)."""
        self._writable()
        if not self._session.finished:
            raise ServiceError("not_finished", "le diagnostic ne peut être validé qu'une fois "
                               "toutes les questions répondues", remaining=self._session.progress().remaining)
        entry = {"version": len(self._history) + 1, "finalised_at": self._now(), "reopened_at": None,
                 "chosen_pathway": self._pathway, "diagnostic": self._data()}
        history = self._history + [entry]
        self._write("set_history", history, required=True)
        self._history = history
        self._write("set_status", "finished")
        self._service._log("finalised", self.id)
        return _finalised(entry)

    def reopen(self) -> None:
        """Reopen a finalised diagnostic to change it; the next finalise() is a new version
        and this one stays in the history with its dates. Refused with ``not_finalised``."""
        if not self.finalised:
            raise ServiceError("not_finalised", "ce diagnostic n'est pas validé")
        history = [dict(e) for e in self._history]
        history[-1]["reopened_at"] = self._now()
        self._write("set_history", history, required=True)
        self._history = history
        self._write("set_status", "in_progress")

    def diagnostic(self) -> Finalised | None:
        """The finalised diagnostic exactly as stored when finalised (None if none stands)."""
        return _finalised(self._history[-1]) if self.finalised else None

    def history(self) -> tuple[Finalised, ...]:
        """Every finalised version, oldest first (reopened ones carry `reopened_at`)."""
        return tuple(_finalised(e) for e in self._history)

    def render(self, format: str = "text", lang: str | None = None, templates: str | None = None) -> str:  # noqa: A002
        """The finalised diagnostic (else the provisional one) as text, markdown, html or json."""
        data = self.diagnostic().data if self.finalised else self._data()
        return render_data(data, format, Formatter(lang or self.lang), templates=templates)

    def close(self) -> None:
        """Release the session (everything was already written). Idempotent."""
        if self._handle is not None:
            self._handle.close()

    def __enter__(self) -> "Interview":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- internals ----------------------------------------------------------------
    def _diagnosis(self):
        edits = planning.edits(self._edits)
        return diagnose(self._session, self.content.rules, mode=self.mode, locale=self.lang, edits=edits)

    def _data(self) -> dict:
        formatter = Formatter(self.lang)
        data = to_data(self._diagnosis(), formatter)
        if self._pathway is not None:
            data["chosen_pathway"] = {"pathway": self._pathway["pathway"],
                                      "label": formatter.pathway(self._pathway["pathway"]),
                                      "reason": self._pathway["reason"]}
        return data

    def _writable(self) -> None:
        if self.finalised:
            raise ServiceError("finalised", "ce diagnostic est validé : rouvrez-le pour le modifier")

    def _settle(self) -> None:
        """Pass the notes at the frontier (they take no answer), keeping them to show."""
        session = self._session
        while (q := session.current) is not None and not q.asks:
            self._fresh.append(NoteView(q.id, session.text(q), q.urgent, q.section))
            session.answer(None)
            self._moved()
            self._changed(q.id)

    def _changed(self, question_id: str) -> None:
        if self._handle is not None:
            self._unsaved.add(question_id)

    def _save(self, force: bool = False) -> None:
        if self._handle is None or not (self._unsaved or force):
            return
        values = {qid: encode_answer(self._session.value(qid)) for qid in self._unsaved
                  if self._session.value(qid) not in (UNKNOWN, NOT_APPLICABLE)}
        current = self._session.current
        try:
            self._handle.save_answers(values, position=current.id if current is not None else None)
        except (StorageError, OSError) as exc:
            self._failed(exc)
            return
        self._unsaved.clear()
        self._save_error = None

    def _write(self, method: str, value: Any, required: bool = False) -> None:
        """One change of the record through the handle; a failure sets save_error
        (and raises ``save_failed`` when the operation cannot stand without it)."""
        if self._handle is None:
            return
        try:
            getattr(self._handle, method)(value)
        except (StorageError, OSError) as exc:
            self._failed(exc)
            if required:
                raise ServiceError("save_failed", self._save_error.message, reason=str(exc)) from None
            return
        self._save_error = None
        self._save()  # answers a previous failure left unwritten

    def _failed(self, exc: Exception) -> None:
        reason = str(exc) or type(exc).__name__
        self._save_error = SaveError("save_failed", f"l'enregistrement a échoué ({reason})",
                                     {"reason": reason})

    def _now(self) -> str:
        store = self._service.store
        return to_iso(store.now() if store is not None else utcnow())


def vars_of(note: AdviserNote) -> dict:
    return {"text": note.text, "theme": note.theme, "question": note.question, "at": note.at}


def _finalised(entry: dict) -> Finalised:
    return Finalised(entry["version"], entry["finalised_at"], entry.get("reopened_at"),
                     entry["diagnostic"], entry.get("chosen_pathway"))


def _suggestion(hint: str) -> str | None:
    return hint.split("'")[1] if "'" in hint else None
