"""Several processes on one data folder.

- 4 processes each save 200 answers in their own session while the parent
  keeps reading: no error, no torn read, nothing lost, the index consistent.
- 2 processes answer the same session: the second is refused while the
  first holds it, then (waiting) goes on after it, from everything the first
  wrote; the answers of the two never interleave.
"""
from __future__ import annotations

import multiprocessing
import os

import pytest

from diagnostic.storage import SessionBusyError, StorageError
from diagnostic.storage.tinydb_store import TinyDBStore

from .conftest import QUESTIONNAIRE

ANSWERS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
CTX = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def _own_session(data_dir, tag, barrier, results):
    try:
        store = TinyDBStore(data_dir)
        barrier.wait(10)
        with store.create(QUESTIONNAIRE, mode="script") as session:
            for i in range(ANSWERS):
                session.save_answer(f"{tag}_{i}", {"p": tag, "i": i})
        results.put(("ok", tag, session.id, session.retrieval_code))
    except BaseException as exc:  # noqa: BLE001
        results.put(("err", tag, repr(exc), ""))


def _same_session(data_dir, session_id, tag, barrier, results):
    try:
        store = TinyDBStore(data_dir)
        barrier.wait(10)
        refused = False
        try:
            session = store.open(session_id)
        except SessionBusyError:
            refused = True
            session = store.open(session_id, wait=60)  # serialised behind the holder
        with session:
            seen = sorted(session.answers)
            for i in range(ANSWERS):
                session.save_answer(f"{tag}_{i}", i)
        results.put(("ok", tag, refused, seen))
    except BaseException as exc:  # noqa: BLE001
        results.put(("err", tag, repr(exc), []))


def _collect(processes, results, count):
    out = [results.get(timeout=60) for _ in range(count)]
    for proc in processes:
        proc.join(30)
        assert proc.exitcode == 0
    errors = [r for r in out if r[0] != "ok"]
    assert not errors, errors
    return out


def test_four_processes_four_sessions_one_folder(tmp_path):
    data_dir = tmp_path / "data"
    store = TinyDBStore(data_dir)
    barrier, results = CTX.Barrier(5), CTX.Queue()
    procs = [CTX.Process(target=_own_session, args=(data_dir, f"p{n}", barrier, results))
             for n in range(4)]
    for proc in procs:
        proc.start()
    barrier.wait(10)
    reads = 0
    while any(p.is_alive() for p in procs):   # readers never see a torn file
        for summary in store.list(limit=None):
            assert summary.problem is None
            store.load(summary.id)
            reads += 1
    out = _collect(procs, results, 4)
    assert reads > 0
    for _, tag, session_id, code in out:
        rec = store.load(session_id)
        assert rec["answers"] == {f"{tag}_{i}": {"value": {"p": tag, "i": i},
                                                   "at": rec["answers"][f"{tag}_{i}"]["at"]}
                                  for i in range(ANSWERS)}
        assert store.find(code) == session_id
    assert len(store.list()) == 4
    report = store.check()
    assert report.corrupt == [] and report.index_fixes == 0 and report.sessions == 4


def test_two_processes_on_one_session_are_serialised_never_merged(tmp_path):
    data_dir = tmp_path / "data"
    store = TinyDBStore(data_dir)
    with store.create(QUESTIONNAIRE, mode="adviser") as session:
        session.save_answer("start", 0)
    barrier, results = CTX.Barrier(2), CTX.Queue()
    procs = [CTX.Process(target=_same_session, args=(data_dir, session.id, tag, barrier, results))
             for tag in ("A", "B")]
    for proc in procs:
        proc.start()
    out = {r[1]: r for r in _collect(procs, results, 2)}
    refused = [tag for tag, r in out.items() if r[2]]
    assert len(refused) == 1, out            # exactly one was turned away at first
    second = refused[0]
    first = "B" if second == "A" else "A"
    # the first started from the session as it was; the second from all the first wrote
    assert out[first][3] == ["start"]
    assert out[second][3] == sorted(["start"] + [f"{first}_{i}" for i in range(ANSWERS)])
    rec = store.load(session.id)
    assert len(rec["answers"]) == 1 + 2 * ANSWERS
    last_of_first = max(rec["answers"][f"{first}_{i}"]["at"] for i in range(ANSWERS))
    first_of_second = min(rec["answers"][f"{second}_{i}"]["at"] for i in range(ANSWERS))
    assert last_of_first <= first_of_second   # one after the other, not interleaved


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
