"""Fixtures of the storage tests: every backend through one parametrised fixture."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from diagnostic.storage import MemoryData, MemoryStore
from diagnostic.storage.tinydb_store import TinyDBStore

QUESTIONNAIRE = {"id": "diagnostic", "version": 1, "hash": "sha256:aaaa"}


class Clock:
    """A clock that moves 1 ms at each reading (timestamps strictly increase)
    and can be moved forward by hand."""

    def __init__(self, start: dt.datetime = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.timezone.utc)):
        self.moment = start

    def __call__(self) -> dt.datetime:
        self.moment += dt.timedelta(milliseconds=1)
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += dt.timedelta(**delta)


class Backend:
    """One store under test, and how to reopen it (a new store on the same data)."""

    def __init__(self, kind: str, tmp_path, clock: Clock, territory=None):
        self.kind = kind
        self.clock = clock
        self.path = tmp_path / "data"
        self.territory = territory   # PostgreSQL: the database, the store is structure caf-13's
        self._memory = MemoryData()
        self._opened = []
        self.store = self.reopen()

    def reopen(self):
        if self.kind == "memory":
            return MemoryStore(self._memory, clock=self.clock)
        if self.kind == "postgresql":
            from diagnostic.storage.postgres_store import PostgresStore
            self._opened.append(PostgresStore(self.territory.front_url(), clock=self.clock))
            return self._opened[-1]
        return TinyDBStore(self.path, clock=self.clock)

    def close(self) -> None:
        for store in self._opened:
            store.close()

    def plant(self, record: dict) -> None:
        """Put a record as is (no migration, no check), as an older program left it."""
        if self.kind == "postgresql":
            self.territory.sql(
                "INSERT INTO diagnostic.sessions (id, structure, code, status, updated_at, record) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (record["id"], "caf-13", record["retrieval_code"], record["status"],
                 record["updated_at"], json.dumps(record)))
            return
        if self.kind == "memory":
            self._memory.records[record["id"]] = json.dumps(record)
            self._memory.codes[record["retrieval_code"]] = record["id"]
            return
        store = self.store
        path = store._file(record["id"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"session": {"1": record}}), encoding="utf-8")
        store.index.claim_code(record["retrieval_code"], record["id"])
        store.index.touch(record["id"], record["updated_at"])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "tinydb", "postgresql"])
def backend(request, tmp_path, clock) -> Backend:
    territory = request.getfixturevalue("territory") if request.param == "postgresql" else None
    backend = Backend(request.param, tmp_path, clock, territory)
    yield backend
    backend.close()


@pytest.fixture
def store(backend):
    return backend.store


@pytest.fixture
def disk(tmp_path, clock) -> TinyDBStore:
    """The TinyDB store alone, for what only a data folder has."""
    return TinyDBStore(tmp_path / "data", clock=clock)
