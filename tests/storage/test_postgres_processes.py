"""The PostgreSQL store across processes: crashes and concurrent writers.

- A writer killed with SIGKILL at random moments while it autosaves, over and
  over: every answer whose save returned is in the database, and the
  session of a killed writer is resumed once its lease expired.
- 4 processes each answer their own session while the parent reads; 2
  processes on one session are serialised, never merged.
"""
from __future__ import annotations

import os
import random
import signal
import time

import pytest

from diagnostic.storage import SessionBusyError
from diagnostic.storage.postgres_store import PostgresStore

from .conftest import QUESTIONNAIRE
from .processes import (ANSWERS, four_writers, record_reports, run_and_kill, two_writers_on_one_session,
                        write_until_killed)

KILLS = 40
LEASE = 0.3          # seconds: a killed writer's session is free again this soon

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def test_answers_whose_save_returned_survive_sigkill_during_autosave(territory):
    url = territory.front_url()
    store = PostgresStore(url)
    rng = random.Random(20240301)
    sessions: list[str] = []
    codes: dict[str, str] = {}
    acked: dict[str, dict[str, object]] = {}
    resumed = 0  # rounds that took up a session (often the one whose writer was just killed)
    for round_no in range(KILLS):
        known = set(sessions)
        status, output = run_and_kill(lambda out: write_until_killed(
            PostgresStore(url, lease_seconds=LEASE, pool_size=1), list(sessions), round_no, out,
            wait=30 * LEASE), rng.uniform(0, 0.05))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, output[-500:]
        touched = record_reports(output, sessions, codes, acked)
        assert touched, output
        resumed += touched in known
        rec = store.load(touched)   # after each kill: every acknowledged answer is there
        assert acked.get(touched, {}).items() <= {q: e["value"] for q, e in rec["answers"].items()}.items()
    total = 0
    for session_id in sessions:
        stored = {q: e["value"] for q, e in store.load(session_id)["answers"].items()}
        for qid, value in acked.get(session_id, {}).items():
            assert stored.get(qid) == value, (session_id, qid)
            total += 1
        assert store.find(codes[session_id]) == session_id
    assert {s.id for s in store.list(limit=None)} == set(sessions)
    assert total >= KILLS and len(sessions) >= 2 and resumed >= KILLS // 2
    store.close()


def test_a_crashed_front_holds_its_session_only_until_the_lease_expires(territory):
    url = territory.front_url()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            handle = PostgresStore(url, lease_seconds=1.0).create(QUESTIONNAIRE)
            handle.save_answer("age", 34)
            os.write(write_end, handle.id.encode())
            time.sleep(60)
        finally:
            os._exit(0)
    session_id = os.read(read_end, 100).decode()
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    store = PostgresStore(url)
    with pytest.raises(SessionBusyError, match=f"pid {pid}"):
        store.open(session_id)                 # still held: refused, saying by whom
    with store.open(session_id, wait=10) as session:   # then free, with what was saved
        assert session.answers == {"age": 34}
    store.close()


def test_four_writers_four_sessions_nothing_lost(territory):
    url = territory.front_url()
    store = PostgresStore(url)
    out = four_writers(store, lambda: PostgresStore(url, pool_size=1), timeout=180)
    for _, tag, session_id, _code in out:   # in the order they were given
        assert list(store.load(session_id)["answers"]) == [f"{tag}_{i}" for i in range(ANSWERS)]
    store.close()


def test_two_writers_on_one_session_are_serialised_never_merged(territory):
    url = territory.front_url()
    store = PostgresStore(url)
    two_writers_on_one_session(store, lambda: PostgresStore(url, pool_size=1), wait=120, timeout=180)
    store.close()
