"""Stored sessions: autosave, resume, retrieval codes, retention.

What front ends call (see docs/storage.md)::

    from diagnostic.storage import open_store, add_data_dir_argument, store_for_args

    store = open_store()                        # per-user data folder, or
    store = store_for_args(args)                # honours --data-dir / DIAGNOSTIC_DATA_DIR
    with store.create(questionnaire, locale="fr", mode="kiosk") as session:
        session.save_answer("age", 34, position="housing")    # durable on return
        session.set_status("finished")
        code = format_code(session.retrieval_code)           # "ACDE-2345-XY"
    store.log_access("created", session.id, front="kiosk")   # the access log (access_log.py)

    session_id = store.find("acde 2345 xy")                  # or store.resolve(id_or_code)
    with store.open(session_id) as session:                  # SessionBusyError if open elsewhere
        plan = resume(session, questionnaire)                # diagnostic.storage.resume

This package imports the core and the standard library; only
`tinydb_store` imports tinydb, and it is loaded when a folder store is opened.
"""
from __future__ import annotations

import os
from pathlib import Path

from .base import CheckReport, MemoryData, MemoryStore, PurgeResult, SessionHandle, SessionStore
from .codes import format_code, new_code, normalize_code
from .access_log import EVENTS, FRONTS, AccessEvent, AccessLog
from .errors import (CorruptDataError, SchemaVersionError, SessionBusyError,
                     SessionClosedError, SessionNotFoundError, StorageError, UnsafeFileError)
from .paths import ENV_VAR, default_data_dir, resolve_data_dir
from .record import SCHEMA_VERSION, SessionSummary


def open_store(data_dir: str | os.PathLike | None = None, **options) -> SessionStore:
    """The session store of a data folder (default: `default_data_dir()`)."""
    from .tinydb_store import TinyDBStore
    return TinyDBStore(resolve_data_dir(data_dir), **options)


def add_data_dir_argument(parser) -> None:
    """Add ``--data-dir`` to an argparse (sub)parser."""
    parser.add_argument(
        "--data-dir", metavar="DOSSIER", default=None,
        help=f"dossier des sessions (défaut : ${ENV_VAR}, sinon "
             "$XDG_DATA_HOME/diagnostic, sinon ~/.local/share/diagnostic)")


def store_for_args(args) -> SessionStore:
    """The store for parsed command-line arguments (``args.data_dir`` may be absent)."""
    return open_store(getattr(args, "data_dir", None))


def data_dir_for_args(args) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


__all__ = [
    "SessionStore", "SessionHandle", "MemoryStore", "MemoryData", "PurgeResult", "CheckReport",
    "SessionSummary", "StorageError", "SessionNotFoundError", "SessionBusyError",
    "SessionClosedError", "CorruptDataError", "SchemaVersionError", "UnsafeFileError",
    "SCHEMA_VERSION", "AccessLog", "AccessEvent", "EVENTS", "FRONTS",
    "open_store", "store_for_args", "add_data_dir_argument", "data_dir_for_args",
    "default_data_dir", "resolve_data_dir", "format_code", "normalize_code", "new_code",
]
