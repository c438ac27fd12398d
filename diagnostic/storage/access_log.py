"""The access log: who reached which session, when, and from which front.

French public services must be able to say who accessed sensitive data. The
log is kept apart from the sessions and holds **no answers, no notes and no
retrieval codes**: one event per line, with the moment (UTC), the event, the
front, the operating-system user and the session id::

    {"at": "2024-03-01T09:00:00.001+00:00", "event": "opened", "front": "console",
     "user": "alice", "session": "3f9a2c7e1b04"}
    {"at": "…", "event": "code_attempt", "front": "kiosk", "user": "borne", "session": null, "ok": false}

Use it through the store, so that every backend keeps it its own way (the
data folder in a file, PostgreSQL in a table)::

    store.log_access("exported", session_id, front="command")
    store.log_access("code_attempt", found_id_or_None, front="kiosk", ok=found is not None)
    store.access_log().events(session_id=None)     # oldest first
    store.access_log().recent(50)                  # the last 50 (cheap on a long log)
    store.purge("24m")                             # also drops log events older than the cutoff

`FileAccessLog` (``<data folder>/access.jsonl``): each event is one line
appended with a single ``write`` on a descriptor opened ``O_APPEND |
O_NOFOLLOW`` under an exclusive `flock`, then fsynced: a crash leaves at
most a torn last line, which the next append closes and readers skip. The
file is 0600, never opened through a link (`files.Folder`), and rewritten
atomically only by the retention purge.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import pwd
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import StorageError
from .files import Folder
from .record import from_iso, is_session_id, to_iso, utcnow

EVENTS = ("created", "opened", "resumed", "exported", "finalised", "deleted", "purged",
          "code_attempt")
FRONTS = ("console", "kiosk", "terminal", "command")
FILE_NAME = "access.jsonl"


def os_user() -> str:
    """The operating-system user running this process (its real uid, not $USER)."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@dataclass(frozen=True)
class AccessEvent:
    at: str                   # UTC, ISO 8601 with milliseconds
    event: str                # one of EVENTS
    front: str                # one of FRONTS
    user: str                 # operating-system user
    session: str | None       # session id (None: a code attempt that found nothing)
    ok: bool | None = None    # code_attempt only: the code found a session

    def as_dict(self) -> dict:
        out = {"at": self.at, "event": self.event, "front": self.front, "user": self.user,
               "session": self.session}
        if self.ok is not None:
            out["ok"] = self.ok
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "AccessEvent":
        """ValueError unless `data` is a well-formed event."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        event = cls(at=data.get("at"), event=data.get("event"), front=data.get("front"),
                    user=data.get("user"), session=data.get("session"), ok=data.get("ok"))
        event.check()
        return event

    def check(self) -> None:
        if self.event not in EVENTS:
            raise ValueError(f"événement inconnu : {self.event!r} (attendu : {', '.join(EVENTS)})")
        if self.front not in FRONTS:
            raise ValueError(f"front inconnu : {self.front!r} (attendu : {', '.join(FRONTS)})")
        if not isinstance(self.user, str) or not isinstance(self.at, str):
            raise ValueError("utilisateur ou date manquants")
        from_iso(self.at)
        if self.session is not None and not is_session_id(self.session):
            raise ValueError(f"identifiant de session invalide : {self.session!r}")
        if (self.ok is None) != (self.event != "code_attempt") or not isinstance(self.ok, (bool, type(None))):
            raise ValueError("« ok » (vrai/faux) accompagne code_attempt, et lui seul")


class AccessLog(ABC):
    """Append-only events; read oldest first; purged by retention."""

    def record(self, event: str, session_id: str | None = None, *, front: str,
               ok: bool | None = None, at: dt.datetime | None = None,
               user: str | None = None) -> AccessEvent:
        """Append one event; ValueError for a malformed one, StorageError if it
        cannot be written (callers then refuse the access: no silent gap)."""
        entry = AccessEvent(at=to_iso(at or utcnow()), event=event, front=front,
                            user=user if user is not None else os_user(),
                            session=session_id, ok=ok)
        entry.check()
        self._append(entry)
        return entry

    def events(self, *, session_id: str | None = None) -> list[AccessEvent]:
        """The events (of one session if given), oldest first."""
        return [e for e in self._iter() if session_id is None or e.session == session_id]

    def recent(self, limit: int) -> list[AccessEvent]:
        """The last `limit` events, oldest first (cheap whatever the size of the log:
        for counting the latest wrong codes at a front)."""
        return self.events()[-limit:] if limit > 0 else []

    @abstractmethod
    def purge(self, cutoff: dt.datetime) -> int:
        """Drop the events before `cutoff`; return how many were dropped."""

    @abstractmethod
    def _append(self, entry: AccessEvent) -> None: ...

    @abstractmethod
    def _iter(self) -> Iterator[AccessEvent]: ...


class MemoryAccessLog(AccessLog):
    def __init__(self) -> None:
        self._events: list[AccessEvent] = []
        self._lock = threading.Lock()

    def _append(self, entry: AccessEvent) -> None:
        with self._lock:
            self._events.append(entry)

    def _iter(self) -> Iterator[AccessEvent]:
        with self._lock:
            return iter(list(self._events))

    def purge(self, cutoff: dt.datetime) -> int:
        with self._lock:
            kept = [e for e in self._events if from_iso(e.at) >= cutoff]
            dropped, self._events = len(self._events) - len(kept), kept
        return dropped


class FileAccessLog(AccessLog):
    """The log of a data folder: ``<root>/access.jsonl``, JSON lines."""

    def __init__(self, root: str | os.PathLike, *, durable: bool = True):
        self.root = Path(root)
        self.path = self.root / FILE_NAME
        self.durable = durable

    def _locked(self, flags: int) -> tuple[Folder, int]:
        """The log file, open and exclusively locked, still the one at its name."""
        while True:
            folder = Folder(self.root)
            try:
                fd = folder.open(FILE_NAME, flags)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    st = folder.lstat(FILE_NAME)
                    if st is not None and st.st_ino == os.fstat(fd).st_ino:
                        return folder, fd
                except BaseException:
                    os.close(fd)
                    raise
                os.close(fd)  # replaced by a purge while we waited: take the new one
            except BaseException:
                folder.close()
                raise
            folder.close()

    def _append(self, entry: AccessEvent) -> None:
        line = json.dumps(entry.as_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            folder, fd = self._locked(os.O_RDWR | os.O_APPEND | os.O_CREAT)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = "\n" + line  # close a line torn by a crash
                os.write(fd, line.encode("utf-8"))
                if self.durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
                folder.close()
        except OSError as exc:
            raise StorageError(f"journal des accès {self.path} : écriture impossible "
                               f"({exc.strerror or exc}) ; l'accès est refusé") from None

    def _lines(self, fd: int) -> Iterator[bytes]:
        rest = b""
        while chunk := os.read(fd, 1 << 16):
            *lines, rest = (rest + chunk).split(b"\n")
            yield from lines
        if rest:
            yield rest

    @staticmethod
    def _parse(line: bytes) -> AccessEvent | None:
        try:
            return AccessEvent.from_dict(json.loads(line))
        except ValueError:  # a torn line (crash mid-append) or a foreign one: skipped
            return None

    def _iter(self) -> Iterator[AccessEvent]:
        try:
            with Folder(self.root) as folder:
                fd = folder.open(FILE_NAME, os.O_RDONLY)
                try:
                    events = [e for e in map(self._parse, self._lines(fd)) if e is not None]
                finally:
                    os.close(fd)
        except FileNotFoundError:
            return iter(())
        except OSError as exc:
            raise StorageError(f"journal des accès {self.path} : lecture impossible "
                               f"({exc.strerror or exc})") from None
        return iter(events)

    def recent(self, limit: int) -> list[AccessEvent]:
        """Read from the end of the file, block by block, until `limit` events are found."""
        if limit <= 0:
            return []
        try:
            with Folder(self.root) as folder:
                fd = folder.open(FILE_NAME, os.O_RDONLY)
                try:
                    end = os.fstat(fd).st_size
                    found: list[AccessEvent] = []
                    rest = b""
                    while end > 0 and len(found) < limit:
                        start = max(0, end - (1 << 16))
                        lines = (os.pread(fd, end - start, start) + rest).split(b"\n")
                        rest = lines.pop(0) if start > 0 else b""  # may be cut: read with the next block
                        found = [e for e in map(self._parse, lines) if e is not None] + found
                        end = start
                finally:
                    os.close(fd)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StorageError(f"journal des accès {self.path} : lecture impossible "
                               f"({exc.strerror or exc})") from None
        return found[-limit:]

    def purge(self, cutoff: dt.datetime) -> int:
        try:
            with Folder(self.root) as probe:
                if probe.lstat(FILE_NAME) is None:
                    return 0
            folder, fd = self._locked(os.O_RDWR)
            try:
                kept, dropped = [], 0
                for line in self._lines(fd):
                    entry = self._parse(line)
                    if entry is not None and from_iso(entry.at) < cutoff:
                        dropped += 1
                    elif entry is not None:
                        kept.append(line + b"\n")
                if dropped:  # appenders wait on our lock, then see the new file
                    folder.write_atomic(FILE_NAME, b"".join(kept), durable=self.durable)
                return dropped
            finally:
                os.close(fd)
                folder.close()
        except OSError as exc:
            raise StorageError(f"journal des accès {self.path} : purge impossible "
                               f"({exc.strerror or exc})") from None


__all__ = ["AccessLog", "AccessEvent", "MemoryAccessLog", "FileAccessLog", "EVENTS", "FRONTS",
           "os_user"]
