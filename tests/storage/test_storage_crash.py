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

import json
import os
import random
import select
import signal
import time

import pytest

from diagnostic.storage.tinydb_store import TinyDBStore

from .conftest import QUESTIONNAIRE

KILLS = 220

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def _child(data_dir, sessions: list[str], round_no: int, out: int) -> None:
    rng = random.Random(round_no)
    store = TinyDBStore(data_dir)
    if not sessions or round_no % 8 == 0:
        handle = store.create(QUESTIONNAIRE, mode="kiosk")
        os.write(out, f"new\t{handle.id}\t{handle.retrieval_code}\n".encode())
    else:
        handle = store.open(rng.choice(sessions))  # a killed holder never blocks the next
    n = 0
    while True:
        qid = f"r{round_no}_{n}"
        value = [round_no, n, "é" * rng.randint(0, 40)]
        handle.save_answer(qid, value, position=qid)
        os.write(out, f"ack\t{handle.id}\t{qid}\t{json.dumps(value)}\n".encode())
        if n % 4 == 3:  # make the file grow and shrink, as notes get edited
            handle.set_notes("n" * rng.randint(0, 4000))
        n += 1


def _run_and_kill(data_dir, sessions, round_no, delay, after_first_ack):
    """Fork a writer, kill it `delay` s after its first acknowledged save (or
    after the fork if not `after_first_ack`); return its status and reports."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_end)
            _child(data_dir, sessions, round_no, write_end)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            os.write(write_end, f"err\t{type(exc).__name__}: {exc}\n".encode()[:2000])
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    if after_first_ack:  # wait for progress, so that a loaded machine still tests saves
        deadline = time.monotonic() + 10
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
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    return status, b"".join(chunks).decode()


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
        status, output = _run_and_kill(data_dir, list(sessions), round_no, delay, not blind)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, output[-500:]
        touched = None
        for line in output.splitlines():
            kind, *fields = line.split("\t")
            assert kind != "err", fields
            if kind == "new":
                sessions.append(fields[0])
                codes[fields[0]] = fields[1]
                touched = fields[0]
            elif kind == "ack":
                acked.setdefault(fields[0], {})[fields[1]] = json.loads(fields[2])
                touched = fields[0]
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
