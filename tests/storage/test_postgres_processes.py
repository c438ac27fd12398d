"""The PostgreSQL store across processes: crashes and concurrent writers.

- A writer killed with SIGKILL at random moments while it autosaves, over and
  over: every answer whose save returned is in the database, and the
  session of a killed writer is resumed once its lease expired.
- 4 processes each answer their own session while the parent reads; 2
  processes on one session are serialised, never merged.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import select
import signal
import time

import pytest

from diagnostic.storage import SessionBusyError
from diagnostic.storage.postgres_store import PostgresStore

from .conftest import QUESTIONNAIRE

KILLS = 40
LEASE = 0.3          # seconds: a killed writer's session is free again this soon
ANSWERS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
CTX = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def _writer(url: str, sessions: list[str], round_no: int, out: int) -> None:
    rng = random.Random(round_no)
    store = PostgresStore(url, lease_seconds=LEASE, pool_size=1)
    if not sessions or round_no % 8 == 0:
        handle = store.create(QUESTIONNAIRE, mode="kiosk")
        os.write(out, f"new\t{handle.id}\t{handle.retrieval_code}\n".encode())
    else:  # maybe the session of the writer just killed: free once its lease expires
        handle = store.open(rng.choice(sessions), wait=30 * LEASE)
    n = 0
    while True:
        qid = f"r{round_no}_{n}"
        value = [round_no, n, "é" * rng.randint(0, 40)]
        handle.save_answer(qid, value, position=qid)
        os.write(out, f"ack\t{handle.id}\t{qid}\t{json.dumps(value)}\n".encode())
        if n % 4 == 3:
            handle.set_notes("n" * rng.randint(0, 4000))
        n += 1


def _run_and_kill(url, sessions, round_no, delay):
    """Fork a writer, kill it `delay` s after its first acknowledged save."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_end)
            _writer(url, sessions, round_no, write_end)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            os.write(write_end, f"err\t{type(exc).__name__}: {exc}\n".encode()[:2000])
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + 30
    while b"ack\t" not in b"".join(chunks) and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], 0.5)
        if ready:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    return status, b"".join(chunks).decode()


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
        status, output = _run_and_kill(url, list(sessions), round_no, rng.uniform(0, 0.05))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, output[-500:]
        touched = None
        for line in output.splitlines():
            kind, *fields = line.split("\t")
            assert kind != "err", fields
            if kind == "new":
                sessions.append(fields[0])
                codes[fields[0]] = fields[1]
            elif kind == "ack":
                acked.setdefault(fields[0], {})[fields[1]] = json.loads(fields[2])
            touched = fields[0]
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


def _own_session(url, tag, barrier, results):
    try:
        store = PostgresStore(url, pool_size=1)
        barrier.wait(30)
        with store.create(QUESTIONNAIRE, mode="script") as session:
            for i in range(ANSWERS):
                session.save_answer(f"{tag}_{i}", {"p": tag, "i": i})
        results.put(("ok", tag, session.id, session.retrieval_code))
    except BaseException as exc:  # noqa: BLE001
        results.put(("err", tag, repr(exc), ""))


def _same_session(url, session_id, tag, barrier, results):
    try:
        store = PostgresStore(url, pool_size=1)
        barrier.wait(30)
        refused = False
        try:
            session = store.open(session_id)
        except SessionBusyError:
            refused = True
            session = store.open(session_id, wait=120)  # serialised behind the holder
        with session:
            seen = sorted(session.answers)
            for i in range(ANSWERS):
                session.save_answer(f"{tag}_{i}", i)
        results.put(("ok", tag, refused, seen))
    except BaseException as exc:  # noqa: BLE001
        results.put(("err", tag, repr(exc), []))


def _collect(processes, results, count):
    out = [results.get(timeout=180) for _ in range(count)]
    for proc in processes:
        proc.join(30)
        assert proc.exitcode == 0
    errors = [r for r in out if r[0] != "ok"]
    assert not errors, errors
    return out


def test_four_writers_four_sessions_nothing_lost(territory):
    url = territory.front_url()
    store = PostgresStore(url)
    barrier, results = CTX.Barrier(5), CTX.Queue()
    procs = [CTX.Process(target=_own_session, args=(url, f"p{n}", barrier, results)) for n in range(4)]
    for proc in procs:
        proc.start()
    barrier.wait(30)
    reads = 0
    while any(p.is_alive() for p in procs):
        for summary in store.list(limit=None):
            assert summary.problem is None
            store.load(summary.id)
            reads += 1
    out = _collect(procs, results, 4)
    assert reads > 0
    for _, tag, session_id, code in out:
        answers = store.load(session_id)["answers"]
        assert {q: e["value"] for q, e in answers.items()} == {
            f"{tag}_{i}": {"p": tag, "i": i} for i in range(ANSWERS)}
        assert list(answers) == [f"{tag}_{i}" for i in range(ANSWERS)]
        assert store.find(code) == session_id
    assert len(store.list()) == 4
    store.close()


def test_two_writers_on_one_session_are_serialised_never_merged(territory):
    url = territory.front_url()
    store = PostgresStore(url)
    with store.create(QUESTIONNAIRE, mode="adviser") as session:
        session.save_answer("start", 0)
    barrier, results = CTX.Barrier(2), CTX.Queue()
    procs = [CTX.Process(target=_same_session, args=(url, session.id, tag, barrier, results))
             for tag in ("A", "B")]
    for proc in procs:
        proc.start()
    out = {r[1]: r for r in _collect(procs, results, 2)}
    refused = [tag for tag, r in out.items() if r[2]]
    assert len(refused) == 1, out
    second = refused[0]
    first = "B" if second == "A" else "A"
    assert out[first][3] == ["start"]
    assert out[second][3] == sorted(["start"] + [f"{first}_{i}" for i in range(ANSWERS)])
    answers = store.load(session.id)["answers"]
    assert len(answers) == 1 + 2 * ANSWERS
    last_of_first = max(answers[f"{first}_{i}"]["at"] for i in range(ANSWERS))
    first_of_second = min(answers[f"{second}_{i}"]["at"] for i in range(ANSWERS))
    assert last_of_first <= first_of_second
    store.close()
