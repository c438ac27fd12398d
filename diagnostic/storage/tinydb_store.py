"""The TinyDB backend: one small TinyDB file per session, written atomically.

Layout of a data folder::

    store.json                       layout version (refused if newer)
    sessions/<ab>/<id>.json          one TinyDB database per session (ab = id[:2])
    sessions/<ab>/<id>.lock          exists while the session is open for writing
    index/codes/<CODE> -> <id>       retrieval codes          (see index.py)
    index/recent/<day>/<id>          recency, for lists and retention
    quarantine/<id>.<time>.json      unreadable files moved aside by `check(repair=True)`
    access.jsonl                     the access log (access_log.py): no answers

Why (TinyDB 4.9 facts, see docs/storage.md): `JSONStorage` rewrites the
whole file on each write, in place and not atomically, and several processes
on one file corrupt it. So each session is its own file of a few KB (the
rewrite stays cheap whatever the number of sessions), written through
`AtomicJSONStorage` (temp file, fsync, rename, fsync the folder), by one
writer at a time (the session's lease, `files.Lease`). The index lives in
directory entries, so no write ever rewrites a big file.

Every file and folder below the data folder is reached through
`files.Folder`: by descriptor, relative to its folder, never through a link.
A link planted in place of a session file, a lock, a folder or an index
entry is refused (`UnsafeFileError`) and reported by `check`, which with
`repair` removes it (the link, never its target).

A session file is an ordinary TinyDB database: ``{"session": {"1": record}}``;
``TinyDB(path).table("session").get(doc_id=1)`` reads it.
"""
from __future__ import annotations

import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from . import codes
from .access_log import AccessLog, FileAccessLog
from .base import PurgeResult, SessionHandle, SessionStore
from .errors import (CorruptDataError, SchemaVersionError, SessionBusyError,
                     SessionNotFoundError, StorageError, UnsafeFileError)
from .files import TMP_SUFFIX, Folder, Lease, LeaseBusy, refusal, remove_entry
from .index import FsIndex, day_of
from .record import (SessionSummary, from_iso, is_session_id, json_copy, migrate,
                     new_record, questionnaire_ref, to_iso)

LAYOUT_VERSION = 1
TABLE = "session"
DOC_ID = 1


@dataclass
class CheckReport:
    """What `TinyDBStore.check` found (file maintenance: the data folder's alone)."""
    sessions: int = 0                              # readable sessions
    corrupt: list[str] = field(default_factory=list)      # paths (or ids) of unreadable files
    quarantined: list[str] = field(default_factory=list)  # where unreadable files were moved
    index_fixes: int = 0                           # index entries added or removed
    removed: list[str] = field(default_factory=list)  # planted links removed (never their targets)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file.

    It reads and writes `name` in an open `Folder` (never through a link).
    `write` serialises the whole database (as TinyDB always does), writes it
    to a temporary sibling, fsyncs it, renames it over the file and fsyncs the
    folder. With ``cache=True`` (a writer holding the session's lease, hence
    the only writer) `read` parses the last text written instead of
    re-reading the file.
    """

    def __init__(self, *, folder: Folder, name: str, durable: bool = True,
                 read_only: bool = False, cache: bool = False):
        super().__init__()
        self.folder = folder
        self.name = name
        self.durable = durable
        self.read_only = read_only
        self._cache = cache
        self._text: str | None = None

    def read(self) -> dict | None:
        if self._text is not None:
            return json.loads(self._text)
        try:
            raw = self.folder.read(self.name)
        except FileNotFoundError:
            return None
        if not raw.strip():
            raise CorruptDataError("fichier vide")
        try:
            text = raw.decode("utf-8")
            data = json.loads(text)
        except UnicodeDecodeError:
            raise CorruptDataError("fichier non UTF-8") from None
        except ValueError as exc:
            raise CorruptDataError(f"JSON invalide ou tronqué ({exc})") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise CorruptDataError("ce n'est pas une base TinyDB")
        if self._cache:
            self._text = text
        return data

    def write(self, data: dict) -> None:
        if self.read_only:
            raise StorageError("écriture refusée : fichier ouvert en lecture seule")
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        self.folder.write_atomic(self.name, text.encode("utf-8"), durable=self.durable)
        if self._cache:
            self._text = text

    def close(self) -> None:
        self._text = None


def _replace_with(record: dict):
    def fields(doc: dict) -> None:
        doc.clear()
        doc.update(record)
    return fields


class _TinyDBHandle(SessionHandle):
    _store: "TinyDBStore"

    def __init__(self, store: "TinyDBStore", record: dict, lease: Lease, db: TinyDB):
        super().__init__(store, record)
        self._lease = lease
        self._db = db
        self._table = db.table(TABLE)

    def _commit(self, record: dict) -> None:
        previous = self._record["updated_at"]
        try:
            updated = self._table.update(_replace_with(record), doc_ids=[DOC_ID])
        except OSError as exc:
            raise StorageError(f"impossible d'enregistrer la session {self.id} : "
                               f"{exc.strerror or exc} ; la dernière réponse n'est pas enregistrée") from None
        if updated != [DOC_ID]:
            raise CorruptDataError(f"la session {self.id} a disparu de son fichier pendant l'écriture")
        self._store._index_touch(record, previous)

    def _release(self) -> None:
        try:
            self._db.close()
        finally:
            self._lease.release()


class TinyDBStore(SessionStore):
    """Sessions in a data folder, one TinyDB file each. Safe across processes."""

    def __init__(self, path: str | os.PathLike, *, clock=None, durable: bool = True):
        super().__init__(clock)
        self.root = Path(path)
        self.durable = durable
        self.sessions_dir = self.root / "sessions"
        self.quarantine_dir = self.root / "quarantine"
        self.index = FsIndex(self.root)
        self._access_log = FileAccessLog(self.root, durable=durable)
        self._open_layout()

    # --- layout --------------------------------------------------------------------
    def _open_layout(self) -> None:
        try:
            with Folder(self.root, create=True) as root:
                try:
                    meta = json.loads(root.read("store.json").decode("utf-8"))
                    layout = meta["layout"]
                except FileNotFoundError:
                    meta = {"format": "diagnostic-sessions", "layout": LAYOUT_VERSION,
                            "created_at": to_iso(self.now())}
                    root.write_atomic("store.json", json.dumps(meta, indent=2).encode(),
                                      durable=self.durable)
                    layout = LAYOUT_VERSION
                except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                    raise CorruptDataError(
                        f"le fichier {self.root / 'store.json'} est illisible : ce dossier n'est pas "
                        "(ou plus) un dossier de données du diagnostic. Rien n'a été modifié") from None
            if not isinstance(layout, int) or layout > LAYOUT_VERSION:
                raise SchemaVersionError(
                    f"le dossier de données {self.root} a été écrit par une version plus récente du "
                    f"logiciel (format {layout}, celui-ci lit le format {LAYOUT_VERSION}) ; "
                    "mettez le logiciel à jour. Rien n'a été modifié")
            index_lost = not self.index.exists()
            Folder(self.root, "sessions", create=True).close()
            self.index.ensure()
        except OSError as exc:
            raise StorageError(f"dossier de données {self.root} inutilisable : "
                               f"{exc.strerror or exc}") from None
        if index_lost and any(True for _ in self._session_files()):
            self.check()  # the index is a cache: rebuild it from the session files

    def access_log(self) -> AccessLog:
        return self._access_log

    @staticmethod
    def _name(session_id: str) -> str:
        return f"{session_id}.json"

    def _shard(self, session_id: str) -> Path:
        return self.sessions_dir / session_id[:2]

    def _shard_folder(self, session_id: str, *, create: bool = False) -> Folder:
        """The open folder of a session's files (FileNotFoundError if absent)."""
        return Folder(self.root, "sessions", session_id[:2], create=create)

    def _file(self, session_id: str) -> Path:
        """Where the session file is (for messages and tools; opened through `_shard_folder`)."""
        return self._shard(session_id) / self._name(session_id)

    def _shard_entries(self):
        """(shard path, name, lstat) of every entry in the session shards (real folders only)."""
        try:
            with Folder(self.root, "sessions") as sessions:
                shards = [e.name for e in sessions.scandir() if e.is_dir(follow_symlinks=False)]
                for name in shards:
                    try:
                        with sessions.sub(name) as shard:
                            found = [(e.name, shard.lstat(e.name)) for e in shard.scandir()]
                    except (FileNotFoundError, UnsafeFileError):
                        continue
                    yield from ((self.sessions_dir / name, n, st) for n, st in found if st)
        except FileNotFoundError:
            return

    def _session_files(self):
        """(session_id, lstat) of every session file (or of what stands in its place)."""
        for _, name, st in self._shard_entries():
            if name.endswith(".json") and not name.startswith("."):
                session_id = name[:-5]
                if is_session_id(session_id):
                    yield session_id, st

    def _take(self, session_id: str, wait: float, *, create: bool = False) -> Lease:
        """The session's lease, held; its folder stays open with it."""
        try:
            lease = Lease(self._shard_folder(session_id, create=create), f"{session_id}.lock")
        except FileNotFoundError:
            raise SessionNotFoundError(session_id) from None
        try:
            lease.acquire(wait)
        except LeaseBusy as busy:
            lease.release()
            raise SessionBusyError(session_id, busy.holder) from None
        except BaseException:
            lease.release()
            raise
        return lease

    @staticmethod
    def _clean_temp(folder: Folder, session_id: str) -> None:
        """Remove temporary files left by a crash (the lease is held)."""
        prefix = f".{session_id}.json."
        for name in folder.names():
            if name.startswith(prefix) and name.endswith(TMP_SUFFIX):
                folder.unlink(name)

    # --- reading a file ----------------------------------------------------------------
    def _read_raw(self, session_id: str, *, folder: Folder | None = None,
                  cache: bool = False) -> tuple[TinyDB, dict]:
        """The raw record; with `folder` (a held lease's) the db stays usable for writing."""
        own = folder is None
        if own:
            try:
                folder = self._shard_folder(session_id)
            except FileNotFoundError:
                raise SessionNotFoundError(session_id) from None
            except UnsafeFileError as exc:
                raise UnsafeFileError(f"la session {session_id} est refusée : {exc}") from None
        try:
            db = TinyDB(storage=AtomicJSONStorage, folder=folder, name=self._name(session_id),
                        durable=self.durable, read_only=not cache, cache=cache)
            try:
                doc = db.table(TABLE).get(doc_id=DOC_ID)
            except UnsafeFileError as exc:
                db.close()
                raise UnsafeFileError(f"la session {session_id} est refusée : {exc}") from None
            except CorruptDataError as exc:
                db.close()
                raise self._corrupt(session_id, str(exc)) from None
            except OSError as exc:
                db.close()
                raise StorageError(f"session {session_id} : lecture impossible ({exc.strerror or exc})") from None
            if doc is None:
                db.close()
                if folder.lstat(self._name(session_id)) is None:
                    raise SessionNotFoundError(session_id)
                raise self._corrupt(session_id, "aucun enregistrement de session dans le fichier")
            return db, dict(doc)
        finally:
            if own:
                folder.close()

    def _corrupt(self, session_id: str, detail: str) -> CorruptDataError:
        return CorruptDataError(
            f"la session {session_id} est illisible : {self._file(session_id)} : {detail}. "
            "Le fichier n'a pas été modifié et les autres sessions restent utilisables ; "
            "« diagnostic sessions --check --repair » le met de côté dans "
            f"{self.quarantine_dir}")

    def _migrated(self, session_id: str, raw: dict) -> dict:
        record = migrate(raw, f"session {session_id} ({self._file(session_id)}) : ")
        if record["id"] != session_id:
            raise self._corrupt(session_id, f"il contient la session {record['id']}")
        return record

    def _index_touch(self, record: dict, previous: str | None) -> None:
        """Best effort: the session file is the truth; `check` repairs the index."""
        try:
            self.index.touch(record["id"], record["updated_at"], previous)
        except (OSError, UnsafeFileError):
            pass

    def _new_db(self, lease: Lease, session_id: str) -> TinyDB:
        return TinyDB(storage=AtomicJSONStorage, folder=lease.folder, name=self._name(session_id),
                      durable=self.durable, cache=True)

    # --- writing -------------------------------------------------------------------------
    def create(self, questionnaire: Any, *, locale: str = "fr", mode: str = "adviser") -> SessionHandle:
        self._check_new(locale, mode)
        questionnaire_ref(questionnaire)  # fail before touching the disk
        try:
            for _ in range(100):
                session_id = self._new_id()
                try:
                    lease = self._take(session_id, 0, create=True)
                except SessionBusyError:
                    continue
                if lease.folder.lstat(self._name(session_id)) is not None:
                    lease.release()
                    continue
                break
            else:  # pragma: no cover - 48 random bits colliding 100 times
                raise StorageError("impossible de créer une session (identifiants épuisés)")
            try:
                code = codes.new_code()
                while not self.index.claim_code(code, session_id, durable=self.durable):
                    code = codes.new_code()
                record = new_record(session_id=session_id, questionnaire=questionnaire, locale=locale,
                                    mode=mode, retrieval_code=code, now=self.now())
                db = self._new_db(lease, session_id)
                try:
                    db.table(TABLE).insert(Document(record, doc_id=DOC_ID))
                except BaseException:
                    db.close()
                    self.index.drop_code(code, session_id)
                    raise
            except BaseException:
                lease.release()
                raise
        except OSError as exc:
            raise StorageError(f"impossible de créer la session : {exc.strerror or exc}") from None
        self._index_touch(record, None)
        return _TinyDBHandle(self, record, lease, db)

    def open(self, session_id: str, *, wait: float = 0.0) -> SessionHandle:
        if not self.exists(session_id):
            raise SessionNotFoundError(session_id)
        lease = self._take(session_id, wait)
        try:
            if lease.folder.lstat(self._name(session_id)) is None:  # deleted while we waited
                raise SessionNotFoundError(session_id)
            self._clean_temp(lease.folder, session_id)
            db, raw = self._read_raw(session_id, folder=lease.folder, cache=True)
            try:
                record = self._migrated(session_id, raw)
            except BaseException:
                db.close()
                raise
        except BaseException:
            lease.release()
            raise
        return _TinyDBHandle(self, record, lease, db)

    def save(self, record: Mapping) -> None:
        rec = migrate(json_copy(dict(record), "enregistrement"))
        session_id, code = rec["id"], rec["retrieval_code"]
        if codes.normalize_code(code) != code:
            raise StorageError(f"code de reprise invalide : {code!r}")
        try:
            lease = self._take(session_id, 0, create=True)
            try:
                old = None
                if lease.folder.lstat(self._name(session_id)) is not None:
                    db, raw = self._read_raw(session_id, folder=lease.folder)
                    db.close()
                    old = self._migrated(session_id, raw)  # unreadable or newer: refuse, never overwrite
                if old is None or old.get("retrieval_code") != code:
                    self._claim_exact(code, session_id)
                db = self._new_db(lease, session_id)
                try:
                    table = db.table(TABLE)
                    if old is None:
                        table.insert(Document(rec, doc_id=DOC_ID))
                    else:
                        table.update(_replace_with(rec), doc_ids=[DOC_ID])
                finally:
                    db.close()
                if old is not None and old.get("retrieval_code") not in (None, code):
                    self.index.drop_code(old["retrieval_code"], session_id)
                self._index_touch(rec, old.get("updated_at") if old else None)
            finally:
                lease.release()
        except OSError as exc:
            raise StorageError(f"impossible d'enregistrer la session {session_id} : "
                               f"{exc.strerror or exc}") from None

    def _claim_exact(self, code: str, session_id: str) -> None:
        if self.index.claim_code(code, session_id, durable=self.durable):
            return
        owner = self.index.code_target(code)
        if owner == session_id:
            return
        if owner is not None and self._owns(owner, code):
            raise StorageError(f"le code de reprise {codes.format_code(code)} appartient déjà "
                               f"à une autre session ({owner})")
        self.index.drop_code(code, owner)  # a dangling or stale link (crash, edit by hand)
        if not self.index.claim_code(code, session_id, durable=self.durable):
            raise StorageError(f"le code de reprise {codes.format_code(code)} vient d'être pris")

    def _owns(self, session_id: str, code: str) -> bool:
        """The session exists and its file holds this code (an unreadable one is given the benefit)."""
        if not self.exists(session_id):
            return False
        try:
            return self.load(session_id)["retrieval_code"] == code
        except SessionNotFoundError:
            return False
        except StorageError:
            return True

    def delete(self, session_id: str) -> None:
        if not is_session_id(session_id):
            raise SessionNotFoundError(session_id)
        quarantined = self._quarantined_files(session_id)
        if not self.exists(session_id):
            if not quarantined:
                raise SessionNotFoundError(session_id)
            self._unlink_quarantined(quarantined)
            return
        lease = self._take(session_id, 0)
        try:
            folder = lease.folder
            try:
                db, raw = self._read_raw(session_id, folder=folder)
                db.close()
            except (CorruptDataError, SchemaVersionError):  # a planted link too: removed, not followed
                raw = None
            except SessionNotFoundError:
                return
            folder.unlink(self._name(session_id))       # the personal data first
            if self.durable:
                folder.fsync()
            self._clean_temp(folder, session_id)
            self._unlink_quarantined(quarantined)
            code = raw.get("retrieval_code") if isinstance(raw, dict) else None
            stamp = raw.get("updated_at") if isinstance(raw, dict) else None
            if isinstance(code, str):
                self.index.drop_code(code, session_id)
            else:
                self.index.drop_codes_of(session_id)
            self.index.drop_recent(session_id, stamp if isinstance(stamp, str) else None)
        except OSError as exc:
            raise StorageError(f"effacement de la session {session_id} incomplet : "
                               f"{exc.strerror or exc}") from None
        finally:
            lease.release()

    def _quarantine(self, *, create: bool = False) -> Folder:
        return Folder(self.root, "quarantine", create=create)

    def _quarantined_files(self, session_id: str) -> list[str]:
        return [n for n in self._quarantine_entries() if n.startswith(session_id + ".")]

    def _unlink_quarantined(self, names: list[str]) -> None:
        if names:
            with self._quarantine() as folder:
                for name in names:
                    folder.unlink(name)

    def purge(self, older_than, *, now=None, dry_run=False) -> PurgeResult:
        cutoff = self._cutoff(older_than, now)
        result = PurgeResult(cutoff=to_iso(cutoff), dry_run=dry_run)
        cutoff_day, cutoff_ts = day_of(result.cutoff), cutoff.timestamp()
        candidates: dict[str, None] = {}
        old_days = [d for d in self.index.days(newest_first=False) if d <= cutoff_day]
        for day in old_days:
            for _, session_id in self.index.entries(day):
                candidates[session_id] = None
        # also by file time, in case the index missed a session
        mtimes = {}
        for session_id, st in self._session_files():
            mtimes[session_id] = st.st_mtime
            if mtimes[session_id] < cutoff_ts + 86400:
                candidates[session_id] = None
        for session_id in candidates:
            if not is_session_id(session_id):
                continue
            try:
                db, raw = self._read_raw(session_id)
                db.close()
                due = from_iso(self._migrated(session_id, raw)["updated_at"]) < cutoff
            except SessionNotFoundError:
                if not dry_run:
                    self.index.drop_recent(session_id)
                continue
            except SchemaVersionError:
                continue  # a newer program's data: its own purge decides
            except CorruptDataError:  # unreadable personal data past retention goes too
                due = mtimes.get(session_id, float("inf")) < cutoff_ts
            if not due:
                continue
            if dry_run:
                result.deleted.append(session_id)
                continue
            try:
                self.delete(session_id)
                result.deleted.append(session_id)
            except SessionBusyError:
                result.busy.append(session_id)
            except UnsafeFileError:
                result.refused.append(session_id)
            except SessionNotFoundError:
                pass
        if not dry_run:
            try:
                with self._quarantine() as folder:
                    for entry in folder.scandir():
                        try:
                            if entry.stat(follow_symlinks=False).st_mtime < cutoff_ts:
                                folder.unlink(entry.name)
                                if is_session_id(entry.name.split(".")[0]):
                                    result.deleted.append(entry.name.split(".")[0])
                        except FileNotFoundError:
                            pass
            except FileNotFoundError:
                pass
            for day in old_days:
                if day < cutoff_day:
                    self.index.prune_day(day)
            self.access_log().purge(cutoff)
        return result

    def _quarantine_entries(self) -> list[str]:
        try:
            with self._quarantine() as folder:
                return folder.names()
        except FileNotFoundError:
            return []

    # --- reading -------------------------------------------------------------------------
    def load(self, session_id: str) -> dict:
        if not is_session_id(session_id):
            raise SessionNotFoundError(session_id)
        db, raw = self._read_raw(session_id)
        db.close()
        return self._migrated(session_id, raw)

    def exists(self, session_id: str) -> bool:
        """An entry stands at the session file's name (a planted link too: `load` refuses it)."""
        if not is_session_id(session_id):
            return False
        try:
            with self._shard_folder(session_id) as folder:
                return folder.lstat(self._name(session_id)) is not None
        except FileNotFoundError:
            return False
        except UnsafeFileError:
            return True

    def resolve(self, ref: str) -> str:
        """Also the id of a session of which only a set-aside copy (quarantine/) is left,
        so that `delete` can erase it; `load` and `open` still say it is not found."""
        try:
            return super().resolve(ref)
        except SessionNotFoundError:
            text = (ref or "").strip().lower()
            if is_session_id(text) and self._quarantined_files(text):
                return text
            raise

    def find(self, code: str) -> str | None:
        norm = codes.normalize_code(code)
        if norm is None:
            return None
        session_id = self.index.code_target(norm)
        if session_id is None or not is_session_id(session_id) or not self.exists(session_id):
            return None
        try:
            if self.load(session_id)["retrieval_code"] != norm:
                return None  # a stale index entry
        except SessionNotFoundError:
            return None
        except StorageError:
            pass  # unreadable: let the caller's load say so
        return session_id

    def list(self, *, limit: int | None = 50, status: str | None = None) -> list[SessionSummary]:
        out: list[SessionSummary] = []
        for session_id in self.index.iter_recent():
            if limit is not None and len(out) >= limit:
                break
            if not is_session_id(session_id):
                continue
            try:
                summary = SessionSummary.of(self.load(session_id))
            except SessionNotFoundError:
                continue
            except StorageError as exc:
                if status is None:
                    out.append(SessionSummary(id=session_id, problem=str(exc)))
                continue
            if status is None or summary.status == status:
                out.append(summary)
        return out

    # --- maintenance ----------------------------------------------------------------------
    def check(self, *, repair: bool = False) -> CheckReport:
        """Read every session file; rebuild the index from them; report the
        unreadable ones and the planted links; with `repair`, move unreadable
        files to quarantine/ and remove planted links (never their targets)."""
        report = CheckReport()
        expected_codes: dict[str, str] = {}
        expected_days: dict[str, str] = {}
        unreadable: set[str] = set()  # still there: their index entries stay (listed, found, erased)
        records: list[dict] = []
        for session_id, st in list(self._session_files()):
            try:
                record = self.load(session_id)
            except SessionNotFoundError:
                continue
            except UnsafeFileError as exc:
                # a symbolic link or special file is removed on repair; a regular file with
                # several names (a hard-link copy?) may be someone's data: reported only
                removable = repair and not stat.S_ISREG(st.st_mode)
                self._planted(report, self._file(session_id), str(exc), removable)
                if not removable:
                    unreadable.add(session_id)
                continue
            except CorruptDataError as exc:
                report.corrupt.append(str(exc))
                unreadable.add(session_id)
                if repair:
                    try:
                        report.quarantined.append(str(self.quarantine(session_id)))
                    except StorageError:
                        pass
                continue
            except SchemaVersionError as exc:
                report.corrupt.append(str(exc))
                unreadable.add(session_id)
                continue
            report.sessions += 1
            records.append(record)
            expected_codes[record["retrieval_code"]] = session_id
            expected_days[session_id] = record["updated_at"]
        # a code link that names the wrong session is dropped before any is re-claimed,
        # so one pass leaves every readable session findable by its code
        for code, target in list(self.index.iter_codes()):
            if target in unreadable and self.exists(target):
                continue
            if expected_codes.get(code) != target and not self._code_is_live(code, target):
                self.index.drop_code(code, target)
                report.index_fixes += 1
        for path in self.index.planted():
            self._planted(report, path, str(refusal(path, "n'est pas une entrée d'index ordinaire")),
                          repair)
        for record in records:
            session_id = record["id"]
            if self.index.code_target(record["retrieval_code"]) != session_id:
                try:
                    self._claim_exact(record["retrieval_code"], session_id)
                    report.index_fixes += 1
                except StorageError as exc:
                    report.corrupt.append(str(exc))
            if not self.index.has_entry(day_of(record["updated_at"]), session_id):
                try:
                    self.index.touch(session_id, record["updated_at"], None)
                    report.index_fixes += 1
                except UnsafeFileError as exc:
                    report.corrupt.append(str(exc))
        for day in self.index.days():
            for _, session_id in self.index.entries(day):
                stamp = expected_days.get(session_id)
                if stamp is not None and day_of(stamp) == day:
                    continue
                if session_id in unreadable and self.exists(session_id):
                    continue
                if self._entry_is_live(session_id, day):
                    continue
                if self.index.drop_entry(day, session_id):
                    report.index_fixes += 1
            if not self.index.entries(day):
                self.index.prune_day(day)
        self._clean_leftovers(report, repair)
        return report

    def _planted(self, report: CheckReport, path: Path, message: str, repair: bool) -> None:
        """A link or special file where the product keeps its own: reported; removed on repair."""
        if repair:
            try:
                remove_entry(self.root, path)
                report.removed.append(str(path))
                return
            except (OSError, StorageError):
                pass
        report.corrupt.append(message)

    def _code_is_live(self, code: str, target: str) -> bool:
        """Re-check one link against the file (a session may have been created meanwhile)."""
        try:
            return self.load(target)["retrieval_code"] == code
        except StorageError:
            return False

    def _entry_is_live(self, session_id: str, day: str) -> bool:
        try:
            return day_of(self.load(session_id)["updated_at"]) == day
        except StorageError:
            return False

    def _clean_leftovers(self, report: CheckReport, repair: bool) -> None:
        """Lock files of sessions that no longer exist, temp files of crashed writes
        (each removed under the session's lease: no writer can be using it), and
        links or special files planted in the shards."""
        for shard, name, st in list(self._shard_entries()):
            if not stat.S_ISREG(st.st_mode) and not name.endswith(".json"):  # session files: reported by check
                self._planted(report, shard / name, str(refusal(shard / name)), repair)
                continue
            if name.endswith(".lock"):
                session_id = name[:-5]
            elif name.startswith(".") and name.endswith(TMP_SUFFIX):
                session_id = name[1:].split(".")[0]  # removed below only under its lease
            else:
                continue
            if not is_session_id(session_id):
                continue
            try:
                lease = self._take(session_id, 0)
            except UnsafeFileError as exc:  # a lock with several names: never truncated
                self._planted(report, shard / f"{session_id}.lock", str(exc), repair)
                continue
            except (StorageError, OSError):
                continue
            try:
                self._clean_temp(lease.folder, session_id)
            finally:
                lease.release()

    def quarantine(self, session_id: str) -> Path:
        """Move a session file aside (kept as is) and drop its index entries."""
        if not self.exists(session_id):
            raise SessionNotFoundError(session_id)
        lease = self._take(session_id, 0)
        try:
            stamp = time.strftime("%Y%m%dT%H%M%S")
            dest = f"{session_id}.{stamp}.json"
            with self._quarantine(create=True) as aside:
                os.rename(self._name(session_id), dest,
                          src_dir_fd=lease.folder.fd, dst_dir_fd=aside.fd)
                if self.durable:
                    aside.fsync()
                    lease.folder.fsync()
            self.index.drop_codes_of(session_id)
            self.index.drop_recent(session_id)
            return self.quarantine_dir / dest
        except OSError as exc:
            raise StorageError(f"impossible de mettre de côté la session {session_id} : "
                               f"{exc.strerror or exc}") from None
        finally:
            lease.release()

    def disk_usage(self) -> tuple[int, int]:
        """(bytes allocated on disk, apparent bytes) of the whole data folder."""
        allocated = apparent = 0
        for dirpath, dirnames, filenames in os.walk(self.root):
            for name in dirnames + filenames:
                try:
                    st = os.lstat(os.path.join(dirpath, name))
                except FileNotFoundError:
                    continue
                allocated += st.st_blocks * 512
                apparent += st.st_size
        return allocated, apparent
