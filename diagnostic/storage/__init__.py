"""Stored sessions: autosave, resume, retrieval codes, retention.

What front ends call (see docs/storage.md)::

    from diagnostic.storage import open_store, add_data_dir_argument, store_for_args

    store = open_store()                        # $DIAGNOSTIC_STORE, else the per-user data folder
    store = open_store("postgresql://accueil@db/spie")   # a URL (urls.py) or a folder
    store = store_for_args(args)                # honours --store / --data-dir, then the environment
    with store.create(questionnaire, locale="fr", mode="kiosk") as session:
        session.save_answer("age", 34, position="housing")    # durable on return
        session.set_status("finished")
        code = format_code(session.retrieval_code)           # "ACDE-2345-XY"
    store.log_access("created", session.id, front="kiosk")   # the access log (access_log.py)

    session_id = store.find("acde 2345 xy")                  # or store.resolve(id_or_code)
    with store.open(session_id) as session:                  # SessionBusyError if open elsewhere
        plan = resume(session, questionnaire)                # diagnostic.storage.resume

This package imports the core and the standard library; only
`tinydb_store` imports tinydb and only `postgres_store` imports psycopg, each
loaded when its kind of store is opened. Only the command line (through
`store_for_args`) picks the concrete store.
"""
from __future__ import annotations

import os
from pathlib import Path

from .base import MemoryData, MemoryStore, PurgeResult, SessionHandle, SessionStore
from .codes import format_code, new_code, normalize_code
from .access_log import EVENTS, FRONTS, AccessEvent, AccessLog
from .errors import (CorruptDataError, SchemaVersionError, SessionBusyError,
                     SessionClosedError, SessionNotFoundError, StorageError, UnsafeFileError)
from .paths import ENV_VAR, default_data_dir, resolve_data_dir
from .record import SCHEMA_VERSION, SessionSummary
from .urls import (STORE_ENV, StoreURL, chosen_store_url, open_url, parse_store_url,
                   store_url_has_password)


def open_store(target: str | os.PathLike | None = None, **options) -> SessionStore:
    """The store a URL or a folder names (urls.py); None: ``$DIAGNOSTIC_STORE``,
    else the default data folder."""
    url = chosen_store_url(store=os.fspath(target) if target else None)
    return open_url(url, **options)


def add_data_dir_argument(parser) -> None:
    """Add ``--store URL`` and ``--data-dir`` (one or the other) to an argparse (sub)parser."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--store", metavar="URL", default=None,
        help=f"où sont les sessions : postgresql://rôle@hôte/base, tinydb:///dossier "
             f"(défaut : ${STORE_ENV}, sinon --data-dir)")
    group.add_argument(
        "--data-dir", metavar="DOSSIER", default=None,
        help=f"dossier des sessions (défaut : ${ENV_VAR}, sinon "
             "$XDG_DATA_HOME/diagnostic, sinon ~/.local/share/diagnostic)")


def store_url_for_args(args) -> StoreURL:
    """The store the parsed arguments name (either option may be absent)."""
    return chosen_store_url(getattr(args, "store", None), getattr(args, "data_dir", None))


def store_for_args(args, **options) -> SessionStore:
    """The store for parsed command-line arguments."""
    return open_url(store_url_for_args(args), **options)


def data_dir_for_args(args) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


__all__ = [
    "SessionStore", "SessionHandle", "MemoryStore", "MemoryData", "PurgeResult",
    "SessionSummary", "StorageError", "SessionNotFoundError", "SessionBusyError",
    "SessionClosedError", "CorruptDataError", "SchemaVersionError", "UnsafeFileError",
    "SCHEMA_VERSION", "AccessLog", "AccessEvent", "EVENTS", "FRONTS",
    "open_store", "store_for_args", "store_url_for_args", "StoreURL", "parse_store_url", "STORE_ENV",
    "store_url_has_password", "add_data_dir_argument", "data_dir_for_args",
    "default_data_dir", "resolve_data_dir", "format_code", "normalize_code", "new_code",
]
