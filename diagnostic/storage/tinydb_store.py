"""The TinyDB backend: one small TinyDB file per session, written atomically.

Layout of a data folder::

    store.json                       layout version (refused if newer)
    sessions/<ab>/<id>.json          one TinyDB database per session (ab = id[:2])
    sessions/<ab>/<id>.lock          exists while the session is open for writing
    index/codes/<CODE> -> <id>       retrieval codes          (see index.py)
    index/recent/<day>/<id>          recency, for lists and retention
    quarantine/<id>.<time>.json      unreadable files moved aside by `check(repair=True)`

Why (TinyDB 4.9 facts, see docs/storage.md): `JSONStorage` rewrites the
whole file on each write, in place and not atomically, and several processes
on one file corrupt it. So each session is its own file of a few KB (the
rewrite stays cheap whatever the number of sessions), written through
`AtomicJSONStorage` (temp file, fsync, rename, fsync the folder), by one
writer at a time (the session's lease, `files.Lease`). The index lives in
directory entries, so no write ever rewrites a big file.

A session file is an ordinary TinyDB database: ``{"session": {"1": record}}``;
``TinyDB(path).table("session").get(doc_id=1)`` reads it.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Mapping

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from . import codes
from .base import CheckReport, PurgeResult, SessionHandle, SessionStore
from .errors import (CorruptDataError, SchemaVersionError, SessionBusyError,
                     SessionNotFoundError, StorageError)
from .files import TMP_SUFFIX, Lease, LeaseBusy, atomic_write, ensure_dir, fsync_dir
from .index import FsIndex, day_of
from .record import (SessionSummary, from_iso, is_session_id, json_copy, migrate,
                     new_record, questionnaire_ref, to_iso)

LAYOUT_VERSION = 1
TABLE = "session"
DOC_ID = 1


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file.

    `write` serialises the whole database (as TinyDB always does), writes it
    to a temporary sibling, fsyncs it, renames it over the file and fsyncs the
    folder. With ``cache=True`` (a writer holding the session's lease, hence
    the only writer) `read` parses the last text written instead of
    re-reading the file.
    """

    def __init__(self, path: str | os.PathLike, *, durable: bool = True,
                 read_only: bool = False, cache: bool = False):
        super().__init__()
        self.path = Path(path)
        self.durable = durable
        self.read_only = read_only
        self._cache = cache
        self._text: str | None = None

    def read(self) -> dict | None:
        if self._text is not None:
            return json.loads(self._text)
        try:
            raw = self.path.read_bytes()
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
        atomic_write(self.path, text.encode("utf-8"), durable=self.durable)
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
        self.index = FsIndex(self.root / "index")
        self._open_layout()

    # --- layout --------------------------------------------------------------------
    def _open_layout(self) -> None:
        try:
            if not self.root.is_dir():
                os.makedirs(self.root, 0o700, exist_ok=True)
            meta_path = self.root / "store.json"
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                layout = meta["layout"]
            except FileNotFoundError:
                meta = {"format": "diagnostic-sessions", "layout": LAYOUT_VERSION,
                        "created_at": to_iso(self.now())}
                atomic_write(meta_path, json.dumps(meta, indent=2).encode(), durable=self.durable)
                layout = LAYOUT_VERSION
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                raise CorruptDataError(
                    f"le fichier {meta_path} est illisible : ce dossier n'est pas (ou plus) un "
                    "dossier de données du diagnostic. Rien n'a été modifié") from None
            if not isinstance(layout, int) or layout > LAYOUT_VERSION:
                raise SchemaVersionError(
                    f"le dossier de données {self.root} a été écrit par une version plus récente du "
                    f"logiciel (format {layout}, celui-ci lit le format {LAYOUT_VERSION}) ; "
                    "mettez le logiciel à jour. Rien n'a été modifié")
            index_lost = not self.index.exists()
            ensure_dir(self.sessions_dir)
            self.index.ensure()
        except OSError as exc:
            raise StorageError(f"dossier de données {self.root} inutilisable : "
                               f"{exc.strerror or exc}") from None
        if index_lost and any(True for _ in self._session_files()):
            self.check()  # the index is a cache: rebuild it from the session files

    def _shard(self, session_id: str) -> Path:
        return self.sessions_dir / session_id[:2]

    def _file(self, session_id: str) -> Path:
        return self._shard(session_id) / f"{session_id}.json"

    def _lease(self, session_id: str) -> Lease:
        return Lease(self._shard(session_id) / f"{session_id}.lock")

    def _shard_entries(self):
        """DirEntry of every file in the session shards."""
        try:
            shards = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            return
        for shard in shards:
            if not shard.is_dir():
                continue
            try:
                yield from list(os.scandir(shard.path))
            except FileNotFoundError:
                continue

    def _session_files(self):
        """(session_id, DirEntry) of every session file."""
        for entry in self._shard_entries():
            name = entry.name
            if name.endswith(".json") and not name.startswith("."):
                session_id = name[:-5]
                if is_session_id(session_id):
                    yield session_id, entry

    def _take(self, session_id: str, wait: float) -> Lease:
        lease = self._lease(session_id)
        try:
            lease.acquire(wait)
        except LeaseBusy as busy:
            raise SessionBusyError(session_id, busy.holder) from None
        except FileNotFoundError:
            raise SessionNotFoundError(session_id) from None
        return lease

    def _clean_temp(self, session_id: str) -> None:
        """Remove temporary files left by a crash (the lease is held)."""
        prefix = f".{session_id}.json."
        try:
            entries = list(os.scandir(self._shard(session_id)))
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(TMP_SUFFIX):
                try:
                    os.unlink(entry.path)
                except FileNotFoundError:
                    pass

    # --- reading a file ----------------------------------------------------------------
    def _read_raw(self, session_id: str, *, cache: bool = False) -> tuple[TinyDB, dict]:
        path = self._file(session_id)
        db = TinyDB(str(path), storage=AtomicJSONStorage, durable=self.durable,
                    read_only=not cache, cache=cache)
        try:
            doc = db.table(TABLE).get(doc_id=DOC_ID)
        except CorruptDataError as exc:
            db.close()
            raise self._corrupt(session_id, str(exc)) from None
        except OSError as exc:
            db.close()
            raise StorageError(f"session {session_id} : lecture impossible ({exc.strerror or exc})") from None
        if doc is None:
            db.close()
            if not path.exists():
                raise SessionNotFoundError(session_id)
            raise self._corrupt(session_id, "aucun enregistrement de session dans le fichier")
        return db, dict(doc)

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
        except OSError:
            pass

    # --- writing -------------------------------------------------------------------------
    def create(self, questionnaire: Any, *, locale: str = "fr", mode: str = "adviser") -> SessionHandle:
        self._check_new(locale, mode)
        questionnaire_ref(questionnaire)  # fail before touching the disk
        try:
            for _ in range(100):
                session_id = self._new_id()
                ensure_dir(self._shard(session_id))
                if self._file(session_id).exists():
                    continue
                try:
                    lease = self._take(session_id, 0)
                except SessionBusyError:
                    continue
                if self._file(session_id).exists():
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
                db = TinyDB(str(self._file(session_id)), storage=AtomicJSONStorage,
                            durable=self.durable, cache=True)
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
            if not self._file(session_id).exists():  # deleted while we waited
                raise SessionNotFoundError(session_id)
            self._clean_temp(session_id)
            db, raw = self._read_raw(session_id, cache=True)
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
            ensure_dir(self._shard(session_id))
            lease = self._take(session_id, 0)
            try:
                old = None
                if self._file(session_id).exists():
                    db, raw = self._read_raw(session_id)
                    db.close()
                    old = self._migrated(session_id, raw)  # unreadable or newer: refuse, never overwrite
                if old is None or old.get("retrieval_code") != code:
                    self._claim_exact(code, session_id)
                db = TinyDB(str(self._file(session_id)), storage=AtomicJSONStorage,
                            durable=self.durable, cache=True)
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
        if owner is not None and self.exists(owner):
            raise StorageError(f"le code de reprise {codes.format_code(code)} appartient déjà "
                               f"à une autre session ({owner})")
        self.index.drop_code(code, owner)  # a dangling link left by a crash
        if not self.index.claim_code(code, session_id, durable=self.durable):
            raise StorageError(f"le code de reprise {codes.format_code(code)} vient d'être pris")

    def delete(self, session_id: str) -> None:
        if not is_session_id(session_id):
            raise SessionNotFoundError(session_id)
        quarantined = self._quarantined_files(session_id)
        if not self.exists(session_id):
            if not quarantined:
                raise SessionNotFoundError(session_id)
            for path in quarantined:
                path.unlink(missing_ok=True)
            return
        lease = self._take(session_id, 0)
        try:
            path = self._file(session_id)
            try:
                db, raw = self._read_raw(session_id)
                db.close()
            except (CorruptDataError, SchemaVersionError):
                raw = None
            except SessionNotFoundError:
                return
            path.unlink(missing_ok=True)       # the personal data first
            if self.durable:
                fsync_dir(path.parent)
            self._clean_temp(session_id)
            for extra in quarantined:
                extra.unlink(missing_ok=True)
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

    def _quarantined_files(self, session_id: str) -> list[Path]:
        return [p for p in self._quarantine_entries() if p.name.startswith(session_id + ".")]

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
        for session_id, entry in self._session_files():
            try:
                mtimes[session_id] = entry.stat().st_mtime
            except FileNotFoundError:
                continue
            if mtimes[session_id] < cutoff_ts + 86400:
                candidates[session_id] = None
        for session_id in candidates:
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
            except SessionNotFoundError:
                pass
        if not dry_run:
            for path in self._quarantine_entries():
                try:
                    if path.stat().st_mtime < cutoff_ts:
                        path.unlink()
                        result.deleted.append(path.name.split(".")[0])
                except FileNotFoundError:
                    pass
            for day in old_days:
                if day < cutoff_day:
                    self.index.prune_day(day)
        return result

    def _quarantine_entries(self) -> list[Path]:
        try:
            return [self.quarantine_dir / n for n in os.listdir(self.quarantine_dir)]
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
        return is_session_id(session_id) and self._file(session_id).exists()

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
        unreadable ones and, with `repair`, move them to quarantine/."""
        report = CheckReport()
        expected_codes: dict[str, str] = {}
        expected_days: dict[str, str] = {}
        unreadable: set[str] = set()  # still there: their index entries stay (listed, found, erased)
        for session_id, entry in list(self._session_files()):
            try:
                record = self.load(session_id)
            except SessionNotFoundError:
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
            expected_codes[record["retrieval_code"]] = session_id
            expected_days[session_id] = record["updated_at"]
            if self.index.code_target(record["retrieval_code"]) != session_id:
                try:
                    self._claim_exact(record["retrieval_code"], session_id)
                    report.index_fixes += 1
                except StorageError as exc:
                    report.corrupt.append(str(exc))
            day = day_of(record["updated_at"])
            if not (self.index.recent_dir / day / session_id).exists():
                self.index.touch(session_id, record["updated_at"], None)
                report.index_fixes += 1
        for code, target in list(self.index.iter_codes()):
            if target in unreadable and self.exists(target):
                continue
            if expected_codes.get(code) != target and not self._code_is_live(code, target):
                self.index.drop_code(code, target)
                report.index_fixes += 1
        for day in self.index.days():
            for _, session_id in self.index.entries(day):
                stamp = expected_days.get(session_id)
                if stamp is not None and day_of(stamp) == day:
                    continue
                if session_id in unreadable and self.exists(session_id):
                    continue
                if self._entry_is_live(session_id, day):
                    continue
                try:
                    os.unlink(self.index.recent_dir / day / session_id)
                    report.index_fixes += 1
                except FileNotFoundError:
                    pass
            if not self.index.entries(day):
                self.index.prune_day(day)
        self._clean_leftovers()
        return report

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

    def _clean_leftovers(self) -> None:
        """Lock files of sessions that no longer exist, temp files of crashed writes.
        Each is removed under the session's lease: no writer can be using it."""
        for entry in self._shard_entries():
            name = entry.name
            if name.endswith(".lock"):
                session_id = name[:-5]
            elif name.startswith(".") and name.endswith(TMP_SUFFIX):
                session_id = name[1:].split(".")[0]  # removed below only under its lease
            else:
                continue
            if not is_session_id(session_id):
                continue
            lease = self._lease(session_id)
            try:
                lease.acquire(0)
            except (LeaseBusy, OSError):
                continue
            try:
                self._clean_temp(session_id)
            finally:
                lease.release()

    def quarantine(self, session_id: str) -> Path:
        """Move a session file aside (kept as is) and drop its index entries."""
        if not self.exists(session_id):
            raise SessionNotFoundError(session_id)
        lease = self._take(session_id, 0)
        try:
            ensure_dir(self.quarantine_dir)
            stamp = time.strftime("%Y%m%dT%H%M%S")
            dest = self.quarantine_dir / f"{session_id}.{stamp}.json"
            os.replace(self._file(session_id), dest)
            if self.durable:
                fsync_dir(self.quarantine_dir)
                fsync_dir(self._shard(session_id))
            self.index.drop_codes_of(session_id)
            self.index.drop_recent(session_id)
            return dest
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
