"""The PostgreSQL backend: one shared store for a territory (psycopg 3 and its pool).

    store = PostgresStore("postgresql://accueil_caf13@db.example/spie")

The only module that imports psycopg. The schema (postgres_schema.py) is
created and migrated by `migrate(url)` (``python main.py store migrate``);
a store refuses a database whose schema is missing, older or newer.

- **Autosave**: every handle write is one UPDATE in its own transaction
  (autocommit), acknowledged once committed.
- **One writer per session**: a *lease* in the session's row (a random
  token, who holds it, until when). `open` takes it only if it is free or
  expired; every write renews it, and a heartbeat thread renews it while the
  handle is open. A front that crashed (or lost the network) stops renewing,
  so its lease expires after `lease_seconds` and the session can be resumed:
  nothing holds a session forever.
- **Structures**: the front's database role decides its structure
  (`diagnostic.fronts`); row-level security lets it read its own sessions
  and those shared with it, and change only its own. The Python checks
  below (`_sees`) say the same; the database does not rely on them.
- **Retrieval codes** are unique by constraint (`sessions_code_unique`).
"""
from __future__ import annotations

import os
import socket
import threading
import time
import uuid
import weakref
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

import psycopg
from psycopg import errors as pg_errors, sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Json
from psycopg_pool import ConnectionPool, PoolTimeout

from . import codes
from .access_log import AccessEvent, AccessLog
from .base import PurgeResult, SessionHandle, SessionStore
from .errors import (SchemaVersionError, SessionBusyError, SessionNotFoundError,
                     StorageError)
from .postgres_schema import FRONT_GROUP, LATEST, PREPARE, STEPS
from . import record as records
from .record import (SessionSummary, from_iso, is_session_id,
                     is_structure_code, json_copy, migrate as migrate_record, new_record,
                     questionnaire_ref, to_iso)

LEASE_SECONDS = 30.0
_MIGRATION_LOCK = 0x0D1A_6057  # advisory lock key: one migration at a time

_COLUMNS = "record, structure, shared_with"


def describe(url: str) -> str:
    """Where a URL points, for messages (never its password)."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "adresse PostgreSQL invalide"
    host = info.get("host") or "socket local"
    who = f"{info['user']}@" if info.get("user") else ""
    return f"base « {info.get('dbname', '?')} » ({who}{host})"


def _unreachable(url: str, exc: Exception) -> StorageError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StorageError(f"{describe(url)} injoignable : {detail}")


def _connect(url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10,
                               application_name="diagnostic")
    except psycopg.Error as exc:
        raise _unreachable(url, exc) from None


# ==============================================================================
# Administration: migrate, register a front
# ==============================================================================

def schema_version(conn: psycopg.Connection) -> int:
    """0 for a database without the schema."""
    row = conn.execute("SELECT to_regclass('diagnostic.schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    row = conn.execute("SELECT version FROM diagnostic.schema_version").fetchone()
    return row[0] if row else 0


def migrate(url: str) -> tuple[int, int]:
    """Create or bring the schema up to date; (version before, version after).
    Idempotent; refused (SchemaVersionError) on a schema newer than this program's."""
    with _connect(url) as conn:
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                before = schema_version(conn)
                if before > LATEST:
                    raise SchemaVersionError(
                        f"{describe(url)} : schéma en version {before}, plus récente que celle de "
                        f"ce logiciel ({LATEST}) ; mettez le logiciel à jour. Rien n'a été modifié")
                conn.execute(PREPARE)
                for step in STEPS[before:]:
                    conn.execute(step)
                conn.execute("INSERT INTO diagnostic.schema_version (version) VALUES (%s) "
                             "ON CONFLICT (only_row) DO UPDATE SET version = EXCLUDED.version, "
                             "migrated_at = now()", (LATEST,))
        except pg_errors.InsufficientPrivilege as exc:
            raise StorageError(f"{describe(url)} : droits insuffisants pour migrer "
                               f"({exc.diag.message_primary}) ; lancez la migration avec le rôle "
                               "propriétaire de la base. Rien n'a été modifié") from None
        except psycopg.OperationalError as exc:
            raise _unreachable(url, exc) from None
    return before, LATEST


def add_front(url: str, role: str, structure: str) -> bool:
    """Let database role `role` run fronts for `structure` (creating the role,
    LOGIN without a password, if absent). True if the role was created."""
    if not is_structure_code(structure):
        raise ValueError(f"code de structure invalide : {structure!r} "
                         "(minuscules, chiffres, « - » et « _ »)")
    if not role or len(role) > 63:
        raise ValueError(f"nom de rôle invalide : {role!r}")
    with _connect(url) as conn:
        _require_schema(conn, url)
        try:
            with conn.transaction():
                exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None
                if not exists:
                    conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(FRONT_GROUP),
                                                             sql.Identifier(role)))
                conn.execute("INSERT INTO diagnostic.fronts (role, structure) VALUES (%s, %s) "
                             "ON CONFLICT (role) DO UPDATE SET structure = EXCLUDED.structure",
                             (role, structure))
        except pg_errors.InsufficientPrivilege as exc:
            raise StorageError(f"{describe(url)} : droits insuffisants ({exc.diag.message_primary}) ; "
                               "lancez la commande avec le rôle propriétaire de la base") from None
    return not exists


def _require_schema(conn: psycopg.Connection, url: str) -> None:
    version = schema_version(conn)
    if version > LATEST:
        raise SchemaVersionError(
            f"{describe(url)} : schéma en version {version}, plus récente que celle de ce "
            f"logiciel ({LATEST}) ; mettez le logiciel à jour")
    if version < LATEST:
        what = "n'a pas encore le schéma du diagnostic" if version == 0 else \
            f"a le schéma en version {version}, ce logiciel attend la version {LATEST}"
        raise StorageError(f"{describe(url)} {what} : lancez « python main.py store migrate "
                           "--store URL » avec le rôle propriétaire de la base")


# ==============================================================================
# The store
# ==============================================================================

class _PostgresHandle(SessionHandle):
    _store: "PostgresStore"

    def __init__(self, store: "PostgresStore", record: dict, token: uuid.UUID):
        super().__init__(store, record)
        self._token = token
        self._stopped = threading.Event()
        beat = threading.Thread(target=_heartbeat, args=(weakref.ref(self), self._stopped,
                                                         store.lease_seconds / 3),
                                name=f"lease {record['id']}", daemon=True)
        beat.start()

    def _commit(self, record: dict) -> None:
        self._store._write(record, self._token)

    def _release(self) -> None:
        self._stopped.set()
        self._store._unlease(self.id, self._token)

    def _renew(self) -> None:
        self._store._renew(self.id, self._token)


def _heartbeat(handle_ref, stopped: threading.Event, every: float) -> None:
    """Renew a handle's lease while it is open (a forgotten handle lets it expire)."""
    while not stopped.wait(every):
        handle = handle_ref()
        if handle is None:
            return
        try:
            handle._renew()
        except Exception:  # noqa: BLE001 - the next save reports what went wrong
            pass
        del handle


class PostgresStore(SessionStore):
    """Sessions of a territory in a PostgreSQL database, seen through the front's role."""

    def __init__(self, url: str, *, clock=None, lease_seconds: float = LEASE_SECONDS,
                 pool_size: int = 4):
        super().__init__(clock)
        if lease_seconds <= 0:
            raise ValueError("durée de bail invalide")
        self.url = url
        self.lease_seconds = float(lease_seconds)
        self._holder = f"pid {os.getpid()} sur {socket.gethostname()}"
        with _connect(url) as conn:
            _require_schema(conn, url)
            self.role, self.structure = conn.execute(
                "SELECT current_user, diagnostic.my_structure()").fetchone()
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False, timeout=10,
                                    kwargs={"autocommit": True, "application_name": "diagnostic"},
                                    name="diagnostic")
        try:
            self._pool.open(wait=True, timeout=10)
        except PoolTimeout as exc:
            self._pool.close()
            raise _unreachable(url, exc) from None
        self._log = PostgresAccessLog(self)

    def close(self) -> None:
        self._pool.close()

    # --- connections ----------------------------------------------------------------
    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection]:
        """A pooled connection (autocommit: each statement is its own transaction)."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except pg_errors.InsufficientPrivilege as exc:
            raise StorageError(f"{describe(self.url)} : accès refusé ({exc.diag.message_primary})") from None
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise _unreachable(self.url, exc) from None

    def _ttl(self) -> str:
        return f"{self.lease_seconds} seconds"

    def _sees(self, structure: str, shared_with: list[str]) -> bool:
        """The Python side of the row-level security policies."""
        return self.structure is None or structure == self.structure or self.structure in shared_with

    def _own_structure(self) -> str:
        if self.structure is None:
            raise StorageError(f"le rôle « {self.role} » n'est rattaché à aucune structure : il ne "
                               "crée ni ne reprend de session (« python main.py store front "
                               "ROLE STRUCTURE » rattache un rôle)")
        return self.structure

    def _read_only(self, session_id: str, structure: str) -> StorageError:
        return StorageError(f"la session {session_id} appartient à la structure « {structure} », "
                            "qui la partage avec la vôtre en lecture seule")

    # --- leases (the handle's writes) ---------------------------------------------------
    def _write(self, record: dict, token: uuid.UUID) -> None:
        with self._conn() as conn:
            done = conn.execute(
                "UPDATE diagnostic.sessions SET record = %s, summary = %s, status = %s, "
                "updated_at = %s, shared_with = %s, lease_until = now() + %s::interval "
                "WHERE id = %s AND lease_token = %s",
                (Json(record), _summary(record), record["status"], from_iso(record["updated_at"]),
                 record.get("shared_with") or [], self._ttl(), record["id"], token)).rowcount
            if done == 1:
                return
            row = conn.execute("SELECT lease_holder FROM diagnostic.sessions WHERE id = %s",
                               (record["id"],)).fetchone()
        if row is None:
            raise StorageError(f"la session {record['id']} a été effacée ; la dernière réponse "
                               "n'est pas enregistrée")
        raise SessionBusyError(record["id"], f"reprise par {row[0]} après une absence ; la "
                                             "dernière réponse n'est pas enregistrée ici")

    def _renew(self, session_id: str, token: uuid.UUID) -> None:
        with self._conn() as conn:
            conn.execute("UPDATE diagnostic.sessions SET lease_until = now() + %s::interval "
                         "WHERE id = %s AND lease_token = %s", (self._ttl(), session_id, token))

    def _unlease(self, session_id: str, token: uuid.UUID) -> None:
        try:
            with self._conn() as conn:
                conn.execute("UPDATE diagnostic.sessions SET lease_token = NULL, lease_holder = NULL, "
                             "lease_until = NULL WHERE id = %s AND lease_token = %s",
                             (session_id, token))
        except StorageError:
            pass  # unreachable: the lease expires by itself

    # --- writing ------------------------------------------------------------------------
    def create(self, questionnaire: Any, *, locale: str = "fr", mode: str = "adviser") -> SessionHandle:
        self._check_new(locale, mode)
        questionnaire_ref(questionnaire)
        structure = self._own_structure()
        token = uuid.uuid4()
        for _ in range(20):
            record = new_record(session_id=self._new_id(), questionnaire=questionnaire,
                                locale=locale, mode=mode, retrieval_code=codes.new_code(),
                                now=self.now(), structure=structure)
            try:
                with self._conn() as conn:
                    conn.execute(
                        "INSERT INTO diagnostic.sessions (id, structure, code, status, updated_at, "
                        "record, summary, lease_token, lease_holder, lease_until) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, now() + %s::interval)",
                        (record["id"], structure, record["retrieval_code"], record["status"],
                         from_iso(record["updated_at"]), Json(record), _summary(record), token,
                         self._holder, self._ttl()))
            except pg_errors.UniqueViolation:
                continue  # an id or a code already taken: draw again
            return _PostgresHandle(self, record, token)
        raise StorageError("impossible de créer une session (identifiants épuisés)")  # pragma: no cover

    def open(self, session_id: str, *, wait: float = 0.0) -> SessionHandle:
        if not is_session_id(session_id):
            raise SessionNotFoundError(session_id)
        deadline = time.monotonic() + max(wait, 0.0)
        token = uuid.uuid4()
        while True:
            with self._conn() as conn:
                row = conn.execute(
                    "UPDATE diagnostic.sessions SET lease_token = %s, lease_holder = %s, "
                    "lease_until = now() + %s::interval WHERE id = %s AND structure = %s "
                    "AND (lease_token IS NULL OR lease_until < now()) "
                    f"RETURNING {_COLUMNS}",
                    (token, self._holder, self._ttl(), session_id, self.structure)).fetchone()
                seen = None if row else conn.execute(
                    f"SELECT {_COLUMNS}, lease_holder FROM diagnostic.sessions WHERE id = %s",
                    (session_id,)).fetchone()
            if row is not None:
                break
            if seen is None or not self._sees(seen[1], seen[2]):
                raise SessionNotFoundError(session_id)
            if seen[1] != self._own_structure():
                raise self._read_only(session_id, seen[1])
            if time.monotonic() >= deadline:
                raise SessionBusyError(session_id, seen[3] or "")
            time.sleep(min(0.05, max(deadline - time.monotonic(), 0.001)))
        try:
            record = self._migrated(session_id, *row)
        except BaseException:
            self._unlease(session_id, token)
            raise
        return _PostgresHandle(self, record, token)

    def save(self, record: Mapping) -> None:
        rec = migrate_record(json_copy(dict(record), "enregistrement"))
        session_id, code = rec["id"], rec["retrieval_code"]
        if codes.normalize_code(code) != code:
            raise StorageError(f"code de reprise invalide : {code!r}")
        rec["structure"] = rec.get("structure") or self._own_structure()
        values = (Json(rec), _summary(rec), rec["structure"], code, rec["status"],
                  from_iso(rec["updated_at"]), rec.get("shared_with") or [])
        try:
            with self._conn() as conn, conn.transaction():
                old = conn.execute(
                    "SELECT record, lease_token IS NOT NULL AND lease_until > now(), lease_holder "
                    "FROM diagnostic.sessions WHERE id = %s FOR UPDATE", (session_id,)).fetchone()
                if old is None:
                    conn.execute("INSERT INTO diagnostic.sessions (record, summary, structure, code, "
                                 "status, updated_at, shared_with, id) "
                                 "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", values + (session_id,))
                    return
                if old[1]:
                    raise SessionBusyError(session_id, old[2] or "")
                migrate_record(old[0], f"session {session_id} : ")  # unreadable or newer: never overwritten
                conn.execute("UPDATE diagnostic.sessions SET record = %s, summary = %s, structure = %s, "
                             "code = %s, status = %s, updated_at = %s, shared_with = %s WHERE id = %s",
                             values + (session_id,))
        except pg_errors.UniqueViolation as exc:
            if exc.diag.constraint_name == "sessions_code_unique":
                raise StorageError(f"le code de reprise {codes.format_code(code)} appartient déjà "
                                   "à une autre session") from None
            raise StorageError(f"l'identifiant {session_id} est déjà pris par une session d'une "
                               "autre structure") from None

    def import_records(self, records) -> int:
        """Bulk path (a data folder moved into the database, the benchmark): new
        sessions only, in one transaction (psycopg pipelines the inserts; COPY is
        not allowed under row-level security); refused as a whole if an id or a
        code is taken. Returns how many were written."""
        def rows():
            for record in records:
                rec = migrate_record(json_copy(dict(record), "enregistrement"))
                rec["structure"] = rec.get("structure") or self._own_structure()
                yield (rec["id"], rec["structure"], rec["retrieval_code"], rec["status"],
                       from_iso(rec["updated_at"]), rec.get("shared_with") or [], Json(rec),
                       _summary(rec))
        try:
            with self._conn() as conn, conn.transaction(), conn.cursor() as cur:
                cur.executemany("INSERT INTO diagnostic.sessions (id, structure, code, status, "
                                "updated_at, shared_with, record, summary) "
                                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                                batch := list(rows()))
        except pg_errors.UniqueViolation as exc:
            raise StorageError(f"import refusé, rien n'a été écrit : {exc.diag.message_detail or exc}") from None
        return len(batch)

    def delete(self, session_id: str) -> None:
        if not is_session_id(session_id):
            raise SessionNotFoundError(session_id)
        with self._conn() as conn:
            gone = conn.execute(
                "DELETE FROM diagnostic.sessions WHERE id = %s "
                "AND (lease_token IS NULL OR lease_until < now()) RETURNING structure",
                (session_id,)).fetchone()
            seen = None if gone else conn.execute(
                "SELECT structure, shared_with, lease_holder FROM diagnostic.sessions WHERE id = %s",
                (session_id,)).fetchone()
        if gone is not None:
            return
        if seen is None or not self._sees(seen[0], seen[1]):
            raise SessionNotFoundError(session_id)
        if self.structure is not None and seen[0] != self.structure:
            raise self._read_only(session_id, seen[0])
        raise SessionBusyError(session_id, seen[2] or "")

    def purge(self, older_than, *, now=None, dry_run=False) -> PurgeResult:
        cutoff = self._cutoff(older_than, now)
        result = PurgeResult(cutoff=to_iso(cutoff), dry_run=dry_run)
        with self._conn() as conn:
            due = conn.execute(
                "SELECT id, lease_token IS NOT NULL AND lease_until > now() "
                "FROM diagnostic.sessions WHERE updated_at < %s "
                "AND (%s::text IS NULL OR structure = %s) ORDER BY updated_at",
                (cutoff, self.structure, self.structure)).fetchall()
            if dry_run:
                result.deleted = [sid for sid, _ in due]
                return result
            gone = {sid for (sid,) in conn.execute(
                "DELETE FROM diagnostic.sessions WHERE id = ANY(%s) AND updated_at < %s "
                "AND (lease_token IS NULL OR lease_until < now()) RETURNING id",
                ([sid for sid, _ in due], cutoff))}
        result.deleted = [sid for sid, _ in due if sid in gone]
        result.busy = [sid for sid, _ in due if sid not in gone]
        self._log.purge(cutoff)
        return result

    # --- reading ------------------------------------------------------------------------
    def _migrated(self, session_id: str, record: Any, structure: str, shared_with: list) -> dict:
        rec = migrate_record(record, f"session {session_id} : ")
        rec["structure"], rec["shared_with"] = structure, list(shared_with)  # the columns rule
        return rec

    def load(self, session_id: str) -> dict:
        if not is_session_id(session_id):
            raise SessionNotFoundError(session_id)
        with self._conn() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM diagnostic.sessions WHERE id = %s",
                               (session_id,)).fetchone()
        if row is None or not self._sees(row[1], row[2]):
            raise SessionNotFoundError(session_id)
        return self._migrated(session_id, *row)

    def find(self, code: str) -> str | None:
        norm = codes.normalize_code(code)
        if norm is None:
            return None
        with self._conn() as conn:
            row = conn.execute("SELECT id, structure, shared_with FROM diagnostic.sessions "
                               "WHERE code = %s", (norm,)).fetchone()
        return row[0] if row is not None and self._sees(row[1], row[2]) else None

    def exists(self, session_id: str) -> bool:
        if not is_session_id(session_id):
            return False
        with self._conn() as conn:
            row = conn.execute("SELECT structure, shared_with FROM diagnostic.sessions "
                               "WHERE id = %s", (session_id,)).fetchone()
        return row is not None and self._sees(*row)

    def list(self, *, limit: int | None = 50, status: str | None = None) -> list[SessionSummary]:
        with self._conn() as conn:  # the record itself only where no current summary stands
            rows = conn.execute(
                "SELECT id, summary, structure, shared_with, CASE WHEN summary IS NULL "
                "OR (summary->>'schema_version')::int IS DISTINCT FROM %s THEN record END "
                "FROM diagnostic.sessions WHERE (%s::text IS NULL OR status = %s) "
                "ORDER BY updated_at DESC, id DESC LIMIT %s",
                (records.SCHEMA_VERSION, status, status, limit)).fetchall()
        out = []
        for session_id, summary, structure, shared_with, record in rows:
            if not self._sees(structure, shared_with):
                continue
            if record is None:
                fields = {k: v for k, v in summary.items() if k in SessionSummary.__dataclass_fields__}
                out.append(SessionSummary(**dict(fields, structure=structure)))
                continue
            try:
                out.append(SessionSummary.of(self._migrated(session_id, record, structure, shared_with)))
            except StorageError as exc:
                out.append(SessionSummary(id=session_id, problem=str(exc)))
        return out

    def access_log(self) -> AccessLog:
        return self._log


def _summary(record: dict) -> Json:
    """The list's line of a record, with the schema it was made from."""
    return Json(dict(SessionSummary.of(record).as_dict(), schema_version=record["schema_version"]))


class PostgresAccessLog(AccessLog):
    """The access log in ``diagnostic.access_log``; a front reads and purges its
    structure's events only (row-level security), the database adds its role."""

    def __init__(self, store: PostgresStore):
        self._store = store

    def _append(self, entry: AccessEvent) -> None:
        with self._store._conn() as conn:
            conn.execute("INSERT INTO diagnostic.access_log (at, event, front, os_user, session, ok) "
                         "VALUES (%s, %s, %s, %s, %s, %s)",
                         (from_iso(entry.at), entry.event, entry.front, entry.user, entry.session,
                          entry.ok))

    def events(self, *, session_id: str | None = None) -> list[AccessEvent]:
        with self._store._conn() as conn:
            rows = conn.execute("SELECT at, event, front, os_user, session, ok "
                                "FROM diagnostic.access_log WHERE (%s::text IS NULL OR session = %s) "
                                "ORDER BY n", (session_id, session_id)).fetchall()
        return [AccessEvent(at=to_iso(at), event=event, front=front, user=user, session=session, ok=ok)
                for at, event, front, user, session, ok in rows]

    def recent(self, limit: int) -> list[AccessEvent]:
        if limit <= 0:
            return []
        with self._store._conn() as conn:
            rows = conn.execute("SELECT at, event, front, os_user, session, ok FROM "
                                "diagnostic.access_log ORDER BY n DESC LIMIT %s", (limit,)).fetchall()
        return [AccessEvent(at=to_iso(at), event=event, front=front, user=user, session=session, ok=ok)
                for at, event, front, user, session, ok in reversed(rows)]

    def _iter(self) -> Iterator[AccessEvent]:
        return iter(self.events())

    def purge(self, cutoff) -> int:
        with self._store._conn() as conn:
            return conn.execute("DELETE FROM diagnostic.access_log WHERE at < %s", (cutoff,)).rowcount


__all__ = ["PostgresStore", "PostgresAccessLog", "migrate", "add_front", "describe", "LEASE_SECONDS"]
