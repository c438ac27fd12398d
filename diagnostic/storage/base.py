"""The storage interface, the open-session handle, and the in-memory backend.

A front end works with two objects:

- a `SessionStore` (one per data folder): create, open, load, find by
  retrieval code, list, save a whole record, delete, purge, the access log;
- a `SessionHandle`, returned by `create` and `open`: the session held for
  writing, one answer at a time (autosave). A handle holds the session's
  *lease*: while it is open, any other `open`, `save` or `delete` of that
  session — from this process or another — is refused with
  `SessionBusyError` (or waits, with ``wait=seconds``). Two writers are
  therefore serialised, never merged. Reading (`load`, `list`, `find`) never
  waits.

Every handle method that changes the session writes it before returning:
when `save_answer` returns, the answer survives a crash.

`MemoryStore` keeps records as JSON text in a dict: it has the same
semantics (copies in and out, leases, codes, recency, retention) and runs
through the same test suite as the TinyDB backend.
"""
from __future__ import annotations

import datetime as dt
import json
import secrets
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from . import codes
from .access_log import AccessEvent, AccessLog, MemoryAccessLog
from .errors import (SessionBusyError, SessionClosedError, SessionNotFoundError,
                     StorageError)
from .record import (MODES, STATUSES, SessionSummary, from_iso, is_session_id,
                     is_structure_code, json_copy, migrate, new_record, period_cutoff,
                     questionnaire_ref, to_iso, utcnow)

Clock = Callable[[], dt.datetime]
_UNSET = object()


@dataclass
class PurgeResult:
    cutoff: str                                   # sessions last touched before this were due
    deleted: list[str] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)  # due, but open elsewhere: left for next time
    refused: list[str] = field(default_factory=list)  # due, but a planted link is in the way (check)
    dry_run: bool = False


class SessionHandle(ABC):
    """A session held for writing. Use as a context manager, or call close()."""

    def __init__(self, store: "SessionStore", record: dict):
        self._store = store
        self._record = record
        self._closed = False
        self._mutex = threading.RLock()

    # --- reading ---------------------------------------------------------------
    @property
    def id(self) -> str:
        return self._record["id"]

    @property
    def retrieval_code(self) -> str:
        """Normalised (no dashes); show it with `codes.format_code`."""
        return self._record["retrieval_code"]

    @property
    def record(self) -> dict:
        """A deep copy of the record as last written."""
        return json_copy(self._record)

    @property
    def answers(self) -> dict:
        """question_id → stored JSON value, in the order they were first given."""
        return {qid: json_copy(entry["value"]) for qid, entry in self._record["answers"].items()}

    @property
    def closed(self) -> bool:
        return self._closed

    # --- writing (each call is one durable write) ------------------------------
    def save_answer(self, question_id: str, value: Any, *, position: Any = _UNSET) -> None:
        """Record one confirmed answer (autosave). `value` is the engine's JSON
        encoding; `position`, if given, is the question now on screen."""
        self.save_answers({question_id: value}, position=position)

    def save_answers(self, answers: Mapping[str, Any], *, position: Any = _UNSET) -> None:
        """Several answers in one write (e.g. after an edit that changed a few)."""
        clean = {}
        for qid, value in answers.items():
            if not isinstance(qid, str) or not qid:
                raise TypeError(f"identifiant de question invalide : {qid!r}")
            clean[qid] = json_copy(value, f"réponse à « {qid} »")
        self._check_position(position)

        def change(rec: dict, stamp: str) -> None:
            rec["answers"] = dict(rec["answers"])
            for qid, value in clean.items():
                rec["answers"][qid] = {"value": value, "at": stamp}
            if position is not _UNSET:
                rec["position"] = position
        self._update(change)

    def remove_answers(self, question_ids: Iterable[str], *, position: Any = _UNSET) -> None:
        """Forget answers (e.g. to questions no longer on the path after an edit)."""
        ids = list(question_ids)
        self._check_position(position)

        def change(rec: dict, stamp: str) -> None:
            rec["answers"] = {q: e for q, e in rec["answers"].items() if q not in ids}
            if position is not _UNSET:
                rec["position"] = position
        self._update(change)

    def set_position(self, question_id: str | None) -> None:
        self._check_position(question_id)
        self._update(lambda rec, stamp: rec.__setitem__("position", question_id))

    def set_status(self, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"statut inconnu : {status!r} (attendu : {', '.join(STATUSES)})")
        self._update(lambda rec, stamp: rec.__setitem__("status", status))

    def set_notes(self, notes: str) -> None:
        if not isinstance(notes, str):
            raise TypeError("les notes sont un texte")
        self._update(lambda rec, stamp: rec.__setitem__("notes", notes))

    def set_plan_edits(self, edits: list) -> None:
        if not isinstance(edits, list):
            raise TypeError("les modifications du plan d'action sont une liste")
        clean = json_copy(edits, "plan d'action")
        self._update(lambda rec, stamp: rec.__setitem__("plan_edits", clean))

    # Service-owned parts of the record (diagnostic.service): stored as given, checked there.
    def set_reference(self, reference: str | None) -> None:
        if reference is not None and not isinstance(reference, str):
            raise TypeError("la référence est un texte")
        self._update(lambda rec, stamp: rec.__setitem__("reference", reference))

    def set_adviser_notes(self, notes: list) -> None:
        """[{text, theme, question, at}], the whole list."""
        clean = json_copy(_checked(notes, list, "notes du conseiller"), "notes du conseiller")
        self._update(lambda rec, stamp: rec.__setitem__("adviser_notes", clean))

    def set_pathway_choice(self, choice: dict | None) -> None:
        """{pathway, reason} chosen by the adviser, or None."""
        clean = None if choice is None else json_copy(_checked(choice, dict, "parcours choisi"), "parcours")
        self._update(lambda rec, stamp: rec.__setitem__("pathway_choice", clean))

    def set_history(self, history: list) -> None:
        """The finalised diagnostics, oldest first, the whole list."""
        clean = json_copy(_checked(history, list, "historique"), "diagnostics validés")
        self._update(lambda rec, stamp: rec.__setitem__("history", clean))

    def set_shared_with(self, structures: Iterable[str]) -> None:
        """The structures the person agreed to share the session with (the whole
        list; empty withdraws consent). A territory store lets them read it."""
        clean = []
        for code in structures:
            if not is_structure_code(code):
                raise ValueError(f"code de structure invalide : {code!r} "
                                 "(minuscules, chiffres, « - » et « _ »)")
            if code not in clean and code != self._record.get("structure"):
                clean.append(code)
        self._update(lambda rec, stamp: rec.__setitem__("shared_with", clean))

    def set_locale(self, locale: str) -> None:
        if not isinstance(locale, str) or not locale:
            raise TypeError("locale invalide")
        self._update(lambda rec, stamp: rec.__setitem__("locale", locale))

    def change_questionnaire(self, questionnaire: Any, *, dropped: Iterable[str] = ()) -> None:
        """Move the session to another version of its questionnaire, dropping the
        answers listed in `dropped`, and keep a trace in `questionnaire_changes`.
        See `diagnostic.storage.resume` for the policy that calls this."""
        ref = questionnaire_ref(questionnaire)
        if ref["id"] != self._record["questionnaire"]["id"]:
            raise ValueError("une session ne change pas de questionnaire, seulement de version")
        gone = [q for q in dropped if q in self._record["answers"]]

        def change(rec: dict, stamp: str) -> None:
            rec["questionnaire_changes"] = rec["questionnaire_changes"] + [{
                "at": stamp, "from": rec["questionnaire"], "to": ref, "dropped": gone}]
            rec["questionnaire"] = ref
            rec["answers"] = {q: e for q, e in rec["answers"].items() if q not in gone}
            if rec.get("position") in gone:
                rec["position"] = None
        self._update(change)

    # --- lifecycle ----------------------------------------------------------------
    def close(self) -> None:
        """Release the lease. Idempotent. Everything was already written."""
        with self._mutex:
            if not self._closed:
                self._closed = True
                self._release()

    def __enter__(self) -> "SessionHandle":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- internals ---------------------------------------------------------------
    @staticmethod
    def _check_position(position: Any) -> None:
        if position is not _UNSET and position is not None and not isinstance(position, str):
            raise TypeError("position : un identifiant de question ou None")

    def _update(self, change: Callable[[dict, str], None]) -> None:
        with self._mutex:
            if self._closed:
                raise SessionClosedError(self.id)
            stamp = to_iso(self._store.now())
            new = dict(self._record)
            change(new, stamp)
            new["updated_at"] = stamp
            self._commit(new)           # raises → nothing changed, in memory or on disk
            self._record = new

    @abstractmethod
    def _commit(self, record: dict) -> None:
        """Write `record` durably (the lease is held)."""

    @abstractmethod
    def _release(self) -> None:
        """Give the lease back."""


def _checked(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"{what} : {kind.__name__} attendu")
    return value


class SessionStore(ABC):
    """Sessions of one data folder, of a database, or of memory.

    `structure` is the structure this store works for (a territory's
    database: the front's role decides it), or None (one office's folder,
    memory): new sessions belong to it."""

    structure: str | None = None

    def __init__(self, clock: Clock | None = None):
        self._clock = clock or utcnow
        self._access: AccessLog | None = None

    def now(self) -> dt.datetime:
        return self._clock()

    # --- writing -------------------------------------------------------------------
    @abstractmethod
    def create(self, questionnaire: Any, *, locale: str = "fr", mode: str = "adviser") -> SessionHandle:
        """A new session, with a fresh id and retrieval code, held for writing.
        `questionnaire`: a `diagnostic.model.Questionnaire` or {id, version, hash}."""

    @abstractmethod
    def open(self, session_id: str, *, wait: float = 0.0) -> SessionHandle:
        """Hold an existing session for writing (resume). Refused with
        SessionBusyError if it is held elsewhere, after waiting up to `wait` s."""

    @abstractmethod
    def save(self, record: Mapping) -> None:
        """Write a whole record (import, restore, tools); it may be of an older
        schema version (migrated). Refused if the session is held elsewhere."""

    @abstractmethod
    def delete(self, session_id: str) -> None:
        """Erase a session: its file and every index entry. Refused if held."""

    @abstractmethod
    def purge(self, older_than: str | dt.timedelta, *, now: dt.datetime | None = None,
              dry_run: bool = False) -> PurgeResult:
        """Delete every session whose last contact (updated_at) is older than
        the period (``"24m"``, ``"2y"``, ``"30d"``, ``"6w"`` or a timedelta)."""

    # --- reading -------------------------------------------------------------------
    @abstractmethod
    def load(self, session_id: str) -> dict:
        """The record (migrated to the current schema), a copy. Never waits."""

    @abstractmethod
    def find(self, code: str) -> str | None:
        """The id of the session with this retrieval code (as typed), or None."""

    @abstractmethod
    def exists(self, session_id: str) -> bool:
        """True if a session file/record with this id is present."""

    @abstractmethod
    def list(self, *, limit: int | None = 50, status: str | None = None) -> list[SessionSummary]:
        """Sessions, most recent contact first."""

    # --- access log (diagnostic.storage.access_log) ------------------------------------
    def access_log(self) -> AccessLog:
        """This store's access log. A backend keeps it durably beside its sessions
        (a file, a table) and its `purge` purges the log with the same cutoff;
        this default keeps it in memory."""
        if self._access is None:
            self._access = MemoryAccessLog()
        return self._access

    def log_access(self, event: str, session_id: str | None = None, *, front: str,
                   ok: bool | None = None) -> AccessEvent:
        """Record who reached a session: `event` in access_log.EVENTS, `front` in
        access_log.FRONTS, `ok` for "code_attempt" only. Raises StorageError if
        the event cannot be written: the caller then refuses the access."""
        return self.access_log().record(event, session_id, front=front, ok=ok, at=self.now())

    def close(self) -> None:
        pass

    def __enter__(self) -> "SessionStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- shared helpers -------------------------------------------------------------
    def resolve(self, ref: str) -> str:
        """A session id from what a user typed: an id or a retrieval code."""
        text = (ref or "").strip()
        if is_session_id(text.lower()) and self.exists(text.lower()):
            return text.lower()
        found = self.find(text)
        if found:
            return found
        raise SessionNotFoundError(ref)

    def _cutoff(self, older_than: str | dt.timedelta, now: dt.datetime | None) -> dt.datetime:
        now = now or self.now()
        if isinstance(older_than, dt.timedelta):
            if older_than <= dt.timedelta(0):
                raise ValueError("durée de conservation invalide")
            return now - older_than
        return period_cutoff(now, older_than)

    @staticmethod
    def _new_id() -> str:
        return secrets.token_hex(6)

    @staticmethod
    def _check_new(locale: str, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode inconnu : {mode!r} (attendu : {', '.join(MODES)})")
        if not isinstance(locale, str) or not locale:
            raise ValueError("locale manquante")


# ==============================================================================
# In-memory backend
# ==============================================================================

class MemoryData:
    """What a MemoryStore holds; share one between stores to mimic reopening."""

    def __init__(self) -> None:
        self.records: dict[str, str] = {}      # id → JSON text
        self.codes: dict[str, str] = {}        # code → id
        self.leases: set[str] = set()
        self.access = MemoryAccessLog()
        self.lock = threading.RLock()
        self.released = threading.Condition(self.lock)


class _MemoryHandle(SessionHandle):
    _store: "MemoryStore"

    def _commit(self, record: dict) -> None:
        self._store._put(record)

    def _release(self) -> None:
        self._store._unlease(self.id)


class MemoryStore(SessionStore):
    """Sessions in memory: for tests, demos and a kiosk without a disk."""

    def __init__(self, data: MemoryData | None = None, clock: Clock | None = None):
        super().__init__(clock)
        self.data = data or MemoryData()

    def access_log(self) -> AccessLog:
        return self.data.access

    # --- leases ---
    def _lease(self, session_id: str, wait: float) -> None:
        deadline = time.monotonic() + max(wait, 0.0)
        with self.data.lock:
            while session_id in self.data.leases:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SessionBusyError(session_id)
                self.data.released.wait(remaining)
            self.data.leases.add(session_id)

    def _unlease(self, session_id: str) -> None:
        with self.data.lock:
            self.data.leases.discard(session_id)
            self.data.released.notify_all()

    def _put(self, record: dict) -> None:
        text = json.dumps(record, ensure_ascii=False, allow_nan=False)
        with self.data.lock:
            old = self.data.records.get(record["id"])
            if old is not None:
                old_code = json.loads(old)["retrieval_code"]
                if old_code != record["retrieval_code"]:
                    self.data.codes.pop(old_code, None)
            self.data.records[record["id"]] = text
            self.data.codes[record["retrieval_code"]] = record["id"]

    # --- writing ---
    def create(self, questionnaire: Any, *, locale: str = "fr", mode: str = "adviser") -> SessionHandle:
        self._check_new(locale, mode)
        with self.data.lock:
            session_id = self._new_id()
            while session_id in self.data.records or session_id in self.data.leases:
                session_id = self._new_id()
            code = codes.new_code()
            while code in self.data.codes:
                code = codes.new_code()
            record = new_record(session_id=session_id, questionnaire=questionnaire, locale=locale,
                                mode=mode, retrieval_code=code, now=self.now())
            self.data.leases.add(session_id)
            try:
                self._put(record)
            except BaseException:
                self._unlease(session_id)
                raise
        return _MemoryHandle(self, record)

    def open(self, session_id: str, *, wait: float = 0.0) -> SessionHandle:
        if not self.exists(session_id):
            raise SessionNotFoundError(session_id)
        self._lease(session_id, wait)
        try:
            record = self.load(session_id)
        except BaseException:
            self._unlease(session_id)
            raise
        return _MemoryHandle(self, record)

    def save(self, record: Mapping) -> None:
        rec = migrate(json_copy(dict(record), "enregistrement"))
        with self.data.lock:
            owner = self.data.codes.get(rec["retrieval_code"])
            if owner is not None and owner != rec["id"]:
                raise StorageError(f"le code de reprise {codes.format_code(rec['retrieval_code'])} "
                                   "appartient déjà à une autre session")
            self._lease(rec["id"], 0)
            try:
                if rec["id"] in self.data.records:  # never overwrite what we cannot read
                    self.load(rec["id"])
                self._put(rec)
            finally:
                self._unlease(rec["id"])

    def delete(self, session_id: str) -> None:
        with self.data.lock:
            if session_id not in self.data.records:
                raise SessionNotFoundError(session_id)
            self._lease(session_id, 0)
            try:
                record = json.loads(self.data.records.pop(session_id))
                self.data.codes.pop(record["retrieval_code"], None)
            finally:
                self._unlease(session_id)

    def purge(self, older_than, *, now=None, dry_run=False) -> PurgeResult:
        cutoff = self._cutoff(older_than, now)
        result = PurgeResult(cutoff=to_iso(cutoff), dry_run=dry_run)
        with self.data.lock:
            due = [sid for sid, text in self.data.records.items()
                   if from_iso(json.loads(text)["updated_at"]) < cutoff]
            for sid in due:
                if sid in self.data.leases:
                    result.busy.append(sid)
                    continue
                if not dry_run:
                    self.delete(sid)
                result.deleted.append(sid)
        if not dry_run:
            self.access_log().purge(cutoff)
        return result

    # --- reading ---
    def load(self, session_id: str) -> dict:
        with self.data.lock:
            text = self.data.records.get(session_id)
        if text is None:
            raise SessionNotFoundError(session_id)
        return migrate(json.loads(text), f"session {session_id} : ")

    def find(self, code: str) -> str | None:
        norm = codes.normalize_code(code)
        if norm is None:
            return None
        with self.data.lock:
            return self.data.codes.get(norm)

    def exists(self, session_id: str) -> bool:
        with self.data.lock:
            return session_id in self.data.records

    def list(self, *, limit: int | None = 50, status: str | None = None) -> list[SessionSummary]:
        with self.data.lock:
            records = [json.loads(t) for t in self.data.records.values()]
        summaries = [SessionSummary.of(r) for r in records if status is None or r["status"] == status]
        summaries.sort(key=lambda s: (s.updated_at, s.id), reverse=True)
        return summaries if limit is None else summaries[:limit]


__all__ = ["SessionStore", "SessionHandle", "MemoryStore", "MemoryData", "PurgeResult",
           "SessionSummary"]
