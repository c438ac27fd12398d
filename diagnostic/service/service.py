"""The application layer every front calls: open content, start or resume, list, export.

    service = Service(store, front="terminal")
    content = service.open_questionnaire()          # the shipped diagnostic
    interview = service.start(content, lang="fr")    # session and code created now
    print(interview.code)                            # before the first question
    ...
    interview = service.resume("ACDE-2345-XY")       # or a session id

`store` is a `diagnostic.storage.SessionStore`, or None to store nothing
(a demonstration, `run`). Every access to a session is written to the
store's access log (`diagnostic.storage.access_log`) with the front; the log
adds the time and the operating-system user.

Loading, the engine and the reports are imported when a questionnaire or an
interview is first opened, not with this module: listing sessions (the
console's home screen) starts without them (benchmarks/bench_console.py).
"""
from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any, Callable, Mapping

from ..errors import did_you_mean
from ..i18n import Formatter, UnknownLocaleError
from ..storage import (PurgeResult, SessionBusyError, SessionNotFoundError, SessionStore,
                       SessionSummary, StorageError)
from ..storage.record import is_session_id
from .errors import ServiceError, SessionUnavailable

if TYPE_CHECKING:
    from .content import Content
    from .interview import Interview

FRONTS = ("terminal", "console", "kiosk", "command")
FREE_TRIES = 5          # wrong retrieval codes in a row at one front before waiting
FIRST_WAIT = 2.0        # seconds, doubling at each further wrong code
MAX_WAIT = 300.0
RECENT_EVENTS = 1000    # events read back to count wrong codes (the wait is at its longest after 13)


class Service:
    def __init__(self, store: SessionStore | None, *, front: str = "terminal",
                 today: dt.date | None = None, sleep: Callable[[float], None] = time.sleep):
        if front not in FRONTS:
            raise ValueError(f"front inconnu : {front!r} (attendu : {', '.join(FRONTS)})")
        self.store = store
        self.front = front
        self.today = today
        self._sleep = sleep
        self._opened = None      # content.Opened, made with the first questionnaire opened

    # --- content ------------------------------------------------------------------
    def open_questionnaire(self, path=None) -> Content:
        """A questionnaire with its rules (default: the shipped full diagnostic).
        Raises ServiceError ``file_not_found`` / ``questionnaire_not_found``, or the
        loader's located LoadError (its `part` is "questionnaire" or "rules"). Opened once
        per service while its files do not change."""
        if self._opened is None:
            from .content import Opened
            self._opened = Opened()
        return self._opened.get(path)

    # --- sessions -----------------------------------------------------------------
    def start(self, content: Content, *, lang: str = "fr", mode: str = "adviser",
              reference: str | None = None) -> Interview:
        """A new interview; with a store, its session and retrieval code exist at once
        (show `interview.code` before the first question). `mode`: adviser | kiosk | script."""
        from ..engine import Session
        from ..scoring import MODES
        from .interview import Interview
        if mode not in MODES:
            raise ServiceError("unknown_mode", f"mode inconnu : {mode} (attendu : {', '.join(MODES)})",
                               mode=mode, known=list(MODES))
        try:
            Formatter(lang)
        except UnknownLocaleError:
            raise ServiceError("unknown_language", f"langue inconnue : {lang}", lang=lang) from None
        handle = None
        if self.store is not None:
            handle = self._guard(lambda: self.store.create(content.questionnaire, locale=lang, mode=mode))
        try:
            if handle is not None:
                self._log("created", handle.id)
            interview = Interview(self, content, Session(content.questionnaire, today=self.today),
                                  handle, lang=lang, mode=mode)
            if reference:
                interview.set_reference(reference)
        except BaseException:
            if handle is not None:
                handle.close()
            raise
        return interview

    def resume(self, ref: str, content: Content | None = None, *, event: str = "resumed") -> Interview:
        """Take a stored session up again, by id or retrieval code, on `content` (default: the
        shipped questionnaire of the session's id). The resume policy of storage/resume.py
        applies; what it did is in `interview.notices` (``questionnaire_changed``,
        ``answers_refused``). Wrong codes in a row at this front are slowed down (docs/service.md).
        Raises SessionUnavailable (``session_not_found``, ``session_busy``, ``storage``)."""
        from ..engine import Session
        from ..storage.resume import resume as apply_resume
        from .content import shipped_questionnaire
        from .interview import Interview
        from .state import Notice
        store = self._need_store()
        session_id = self._resolve(ref)
        record = self._guard(lambda: store.load(session_id))
        if content is None:
            content = self.open_questionnaire(shipped_questionnaire(record["questionnaire"]["id"]))
        handle = self._guard(lambda: store.open(session_id))
        try:
            plan = self._guard(lambda: apply_resume(handle, content.questionnaire))
            session = Session(content.questionnaire, answers=plan.answers, today=self.today)
            notices = []
            if plan.message:
                notices.append(Notice("questionnaire_changed",
                                      {"from": plan.previous.get("version"), "to": plan.current.get("version"),
                                       "dropped": list(plan.dropped)}, plan.message))
            if session.dropped:  # answers the engine refuses now (a choice that is gone…)
                self._guard(lambda: handle.remove_answers(list(session.dropped)))
                n = len(session.dropped)
                notices.append(Notice("answers_refused", {"count": n, "questions": list(session.dropped)},
                                      f"{n} réponse(s) enregistrée(s) ne peuvent pas être reprises car "
                                      "le questionnaire a changé : la question sera posée de nouveau."))
            interview = Interview(self, content, session, handle, lang=record.get("locale", "fr"),
                                  mode=record.get("mode", "adviser"), notices=tuple(notices))
            self._log(event, session_id)
        except BaseException:
            handle.close()
            raise
        return interview

    def open(self, ref: str, content: Content | None = None) -> Interview:
        """An adviser opening a stored session (same as resume; logged as ``opened``)."""
        return self.resume(ref, content, event="opened")

    def sessions(self, limit: int | None = 50, query: str | None = None,
                 status: str | None = None) -> list[SessionSummary]:
        """Stored sessions, most recent contact first; `query` keeps those whose id, code,
        reference or questionnaire contains it (case and dashes ignored)."""
        store = self._need_store()
        rows = self._guard(lambda: store.list(limit=None if query else limit, status=status))
        if query:
            needle = _fold(query)
            rows = [r for r in rows if any(needle in _fold(str(v)) for v in
                                           (r.id, r.retrieval_code, r.reference or "", r.questionnaire_id))]
            rows = rows if limit is None else rows[:limit]
        return rows

    def export(self, ref: str) -> dict:
        """Everything stored on a session (the record), plus ``diagnostic`` (the finalised
        one standing, `run --format json` shape, or None) and ``history`` (every version)."""
        store = self._need_store()
        session_id = self._resolve(ref)
        record = self._guard(lambda: store.load(session_id))
        history = record.setdefault("history", [])
        standing = history[-1] if history and history[-1].get("reopened_at") is None else None
        self._log("exported", session_id)
        return {**record, "diagnostic": standing["diagnostic"] if standing else None}

    def finalised(self, ref: str):
        """The finalised diagnostic standing for a stored session (`Finalised`), or None."""
        return self._standing(self._resolve(ref))

    def _standing(self, session_id: str):
        from .interview import _finalised
        record = self._guard(lambda: self._need_store().load(session_id))
        history = record.get("history", [])
        return _finalised(history[-1]) if history and history[-1].get("reopened_at") is None else None

    def render(self, ref: str, format: str = "text", *, lang: str | None = None,  # noqa: A002
               templates: str | None = None) -> str:
        """A stored session's finalised diagnostic, exactly as finalised, in a format of
        `run` (text, markdown, html, json). Refused with ``not_finalised``."""
        session_id = self._resolve(ref)
        standing = self._standing(session_id)
        if standing is None:
            raise ServiceError("not_finalised", f"la session {ref} n'a pas de diagnostic validé "
                               "(l'entretien n'est pas terminé, ou le diagnostic a été rouvert)", ref=ref)
        from ..report import render_data, reword
        formatter = Formatter(lang or standing.data.get("locale") or "fr")
        text = render_data(reword(standing.data, formatter, Formatter("fr")), format, formatter,
                           templates=templates)
        self._log("exported", session_id)
        return text

    def delete(self, ref: str) -> str:
        """Erase a session (its id is returned). Refused with ``session_busy`` while open."""
        store = self._need_store()
        text = (ref or "").strip().lower()
        session_id = text if is_session_id(text) else self._resolve(ref)  # by id: unreadable ones too
        self._guard(lambda: store.delete(session_id))
        self._log("deleted", session_id)
        return session_id

    def purge(self, older_than: str | dt.timedelta = "24m", *, dry_run: bool = False) -> PurgeResult:
        """Erase the sessions whose last contact is older than the period."""
        store = self._need_store()
        result = self._guard(lambda: store.purge(older_than, dry_run=dry_run))
        if not dry_run:
            for session_id in result.deleted:
                self._log("purged", session_id)
        return result

    # --- answers files ------------------------------------------------------------
    @staticmethod
    def unknown_ids(content: Content, answers: Mapping[str, Any]) -> list[tuple[str, str | None]]:
        """Ids of an answers file that are no question of the questionnaire, each with the
        closest known id (or None)."""
        known = content.questionnaire.questions
        out = []
        for qid in answers:
            if qid not in known:
                hint = did_you_mean(str(qid), known)
                out.append((str(qid), hint.split("'")[1] if "'" in hint else None))
        return out

    @staticmethod
    def answers_of(data: Any) -> Any:
        """The answers of an answers file: a mapping as is, or those of an `export` JSON."""
        if (isinstance(data, dict) and isinstance(data.get("answers"), dict) and "retrieval_code" in data
                and "schema_version" in data):
            return {qid: entry.get("value") if isinstance(entry, dict) else entry
                    for qid, entry in data["answers"].items()}
        return data

    # --- internals ----------------------------------------------------------------
    def _need_store(self) -> SessionStore:
        if self.store is None:
            raise SessionUnavailable("no_store", "aucun stockage n'est configuré")
        return self.store

    def _resolve(self, ref: str) -> str:
        """An id from an id or a retrieval code; a run of wrong codes at this front is slowed
        down, and every code typed is logged (found or not; the code itself never)."""
        store = self._need_store()
        text = (ref or "").strip()
        if is_session_id(text.lower()) and self._guard(lambda: store.exists(text.lower())):
            return text.lower()
        self._wait_if_guessing()
        found = self._guard(lambda: store.find(text))
        self._log("code_attempt", found, ok=found is not None)
        if found is None:
            raise SessionUnavailable("session_not_found", str(SessionNotFoundError(text)), ref=text)
        return found

    def _wait_if_guessing(self) -> None:
        failures = self._failures_in_a_row()
        if failures >= FREE_TRIES:
            self._sleep(min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), MAX_WAIT))

    def _failures_in_a_row(self) -> int:
        """Wrong codes in a row at this front, from the access log's latest events
        (however long the log: a territory's database keeps two years of them)."""
        events = self._guard(lambda: self.store.access_log().recent(RECENT_EVENTS))
        count = 0
        for entry in reversed(events):
            if entry.front != self.front or entry.event != "code_attempt":
                continue
            if entry.ok:
                break
            count += 1
        return count

    def _log(self, event: str, session_id: str | None, ok: bool | None = None) -> None:
        """Write to the access log; a log that cannot be written refuses the access."""
        if self.store is not None:
            self._guard(lambda: self.store.log_access(event, session_id, front=self.front, ok=ok))

    @staticmethod
    def _guard(call):
        try:
            return call()
        except SessionNotFoundError as exc:
            raise SessionUnavailable("session_not_found", str(exc), ref=exc.ref) from None
        except SessionBusyError as exc:
            raise SessionUnavailable("session_busy", str(exc)) from None
        except StorageError as exc:
            raise SessionUnavailable("storage", str(exc)) from None
        except OSError as exc:
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise SessionUnavailable("storage", f"accès aux données impossible{where} : "
                                     f"{exc.strerror or exc}") from None


def _fold(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch not in "- ")


__all__ = ["Service", "FRONTS"]
