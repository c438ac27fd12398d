"""Several processes on one data folder.

- 4 processes each save 200 answers in their own session while the parent
  keeps reading: no error, no torn read, nothing lost, the index consistent.
- 2 processes answer the same session: the second is refused while the
  first holds it, then (waiting) goes on after it, from everything the first
  wrote; the answers of the two never interleave.
"""
from __future__ import annotations

import os

import pytest

from diagnostic.storage import StorageError
from diagnostic.storage.tinydb_store import TinyDBStore

from .conftest import QUESTIONNAIRE
from .processes import CTX, four_writers, two_writers_on_one_session

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def test_four_processes_four_sessions_one_folder(tmp_path):
    data_dir = tmp_path / "data"
    store = TinyDBStore(data_dir)
    four_writers(store, lambda: TinyDBStore(data_dir), timeout=60)
    report = store.check()
    assert report.corrupt == [] and report.index_fixes == 0 and report.sessions == 4


def test_two_processes_on_one_session_are_serialised_never_merged(tmp_path):
    data_dir = tmp_path / "data"
    two_writers_on_one_session(TinyDBStore(data_dir), lambda: TinyDBStore(data_dir), wait=60, timeout=60)


def test_busy_is_reported_across_processes_with_who_holds_it(tmp_path):
    data_dir = tmp_path / "data"
    store = TinyDBStore(data_dir)
    session = store.create(QUESTIONNAIRE)
    results = CTX.Queue()

    def other():
        try:
            TinyDBStore(data_dir).open(session.id)
            results.put("opened")
        except StorageError as exc:
            results.put(str(exc))

    proc = CTX.Process(target=other)
    proc.start()
    message = results.get(timeout=30)
    proc.join(10)
    assert "déjà ouverte ailleurs" in message and f"processus {os.getpid()}" in message
    session.close()
