"""Which store a URL names: the command line's only way to pick a backend.

    postgresql://role@host/db (or postgres://)   a territory's database (postgres_store)
    tinydb:///path/to/folder, tinydb:folder     a data folder (tinydb_store)
    memory:                                     nothing kept after the process (demos)
    /path/to/folder                             a data folder, as --data-dir

Precedence (`store_for_args`): ``--store`` or ``--data-dir`` (one of them),
then ``$DIAGNOSTIC_STORE``, then ``$DIAGNOSTIC_DATA_DIR``, then the XDG folder.
The backends' modules (and tinydb, psycopg) are imported only when chosen.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import StorageError
from .paths import default_data_dir

STORE_ENV = "DIAGNOSTIC_STORE"
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
KINDS = ("postgresql", "tinydb", "memory")


@dataclass(frozen=True)
class StoreURL:
    kind: str                  # one of KINDS
    target: str                # the connection URL, the folder path, or ""

    def __str__(self) -> str:
        if self.kind == "postgresql":
            from .postgres_store import describe
            return describe(self.target)
        return "la mémoire (rien n'est conservé)" if self.kind == "memory" else self.target


def parse_store_url(text: str | os.PathLike) -> StoreURL:
    value = os.fspath(text).strip()
    if not value:
        raise StorageError("adresse de stockage vide")
    match = _SCHEME_RE.match(value)
    scheme = match.group(1).lower() if match else None
    if scheme in ("postgresql", "postgres"):
        return StoreURL("postgresql", value)
    if scheme == "tinydb":
        path = value[len("tinydb:"):]
        path = path[2:] if path.startswith("//") else path
        if not path:
            raise StorageError("tinydb: sans dossier (exemple : tinydb:///var/lib/diagnostic)")
        return StoreURL("tinydb", str(Path(path).expanduser()))
    if scheme == "memory":
        return StoreURL("memory", "")
    if scheme is not None and "//" in value[:len(scheme) + 3]:
        raise StorageError(f"adresse de stockage inconnue : {scheme}:// (attendu : "
                           "postgresql://…, tinydb:///dossier, memory: ou un dossier)")
    return StoreURL("tinydb", str(Path(value).expanduser()))


def store_url_has_password(text: str) -> bool:
    """A URL to keep off the screen (``postgresql://user:secret@host/db`` or password=…)."""
    return bool(re.search(r"^[a-z]+://[^/@]*:[^/@]*@|password=", text.strip(), re.IGNORECASE))


def chosen_store_url(store: str | None = None, data_dir: str | os.PathLike | None = None,
                     environ=None) -> StoreURL:
    """The store named by the options, else the environment, else the default folder."""
    env = os.environ if environ is None else environ
    if store:
        return parse_store_url(store)
    if data_dir:
        return StoreURL("tinydb", str(Path(data_dir).expanduser()))
    if env.get(STORE_ENV, "").strip():
        return parse_store_url(env[STORE_ENV])
    return StoreURL("tinydb", str(default_data_dir(env)))


def open_url(url: StoreURL, **options):
    if url.kind == "postgresql":
        from .postgres_store import PostgresStore
        return PostgresStore(url.target, **options)
    if url.kind == "memory":
        from .base import MemoryStore
        return MemoryStore(**options)
    from .tinydb_store import TinyDBStore
    return TinyDBStore(url.target, **options)
