"""Crash safety: a writer killed with SIGKILL at random moments, over and over.

A forked child opens the data folder, creates a session (one time in eight)
or resumes one, and saves answers in a loop; after each save *returns* it
reports the answer through a pipe. The parent kills it a random moment after
its first report (one round in ten: blindly, just after the fork).
After every kill, and at the end, every session must load and hold every
reported answer. Forking (rather than starting Python) keeps each round at a
few milliseconds, so 220 kills take a few seconds.
"""
from __future__ import annotations

import os
import random
import signal

import pytest

from diagnostic.storage.tinydb_store import TinyDBStore

from .processes import record_reports, run_and_kill, write_until_killed

KILLS = 220

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def test_answers_whose_save_returned_survive_sigkill(tmp_path):
    data_dir = tmp_path / "data"
    TinyDBStore(data_dir)
    rng = random.Random(20240301)
    sessions: list[str] = []
    codes: dict[str, str] = {}
    acked: dict[str, dict[str, object]] = {}
    torn = 0  # kills that left a half-written temporary file behind
    for round_no in range(KILLS):
        blind = round_no % 10 == 5  # now and then, kill at start-up or during a creation
        delay = rng.uniform(0, 0.004) if blind else rng.uniform(0, 0.015)
        status, output = run_and_kill(
            lambda out: write_until_killed(TinyDBStore(data_dir), list(sessions), round_no, out), delay,
            after_first_ack=not blind, ack_timeout=10)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, output[-500:]
        touched = record_reports(output, sessions, codes, acked)
        if touched:
            shard = data_dir / "sessions" / touched[:2]
            torn += any(p.name.endswith(".tmp") for p in shard.iterdir())
            # after each kill the session loads with every acknowledged answer
            rec = TinyDBStore(data_dir).load(touched)
            assert acked.get(touched, {}).items() <= {q: e["value"] for q, e in rec["answers"].items()}.items()

    store = TinyDBStore(data_dir)
    report = store.check()
    assert report.corrupt == []
    total = found = 0
    for session_id in sessions:
        rec = store.load(session_id)
        stored = {q: e["value"] for q, e in rec["answers"].items()}
        for qid, value in acked.get(session_id, {}).items():
            total += 1
            found += stored.get(qid) == value
        assert found == total, (session_id, total - found)
        assert store.find(codes[session_id]) == session_id
    # every session file on disk (even one whose creation was never reported) loads
    on_disk = {p.stem for p in (data_dir / "sessions").glob("*/*.json")}
    assert set(sessions) <= on_disk
    for session_id in on_disk:
        store.load(session_id)
    assert {s.id for s in store.list(limit=None)} == on_disk
    assert not list((data_dir / "sessions").glob("*/.*.tmp"))   # check() cleaned them
    assert not list((data_dir / "sessions").glob("*/*.lock"))
    # the test did exercise what it claims
    print(f"\nkills={KILLS} sessions={len(sessions)} acked={total} found={found} torn={torn}")
    assert total >= KILLS, total
    assert torn > 0, "no kill landed during a write"
