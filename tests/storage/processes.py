"""Stores across processes, for every store's tests: writers killed with SIGKILL in the
middle of saving, and writers side by side.

A killed writer saves answers in a loop and reports each acknowledged save on a pipe
(``new``/``ack``/``err`` lines, tab-separated); the parent kills it and reads what it
reported, so that the test can check every acknowledged answer is stored. Writers side
by side are forked processes (`CTX`) that start together at a barrier and put their
result on a queue. `make_store()` opens the store under test in the child.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import select
import signal
import time

from diagnostic.storage import SessionBusyError

from .conftest import QUESTIONNAIRE

ANSWERS = 200      # answers each side-by-side writer saves
CTX = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def write_until_killed(store, sessions: list[str], round_no: int, out: int, *, wait: float = 0.0) -> None:
    """Create a session (now and then, or when there is none) or open one of `sessions`,
    then save answers and notes until killed, reporting each save once it returned."""
    rng = random.Random(round_no)
    if not sessions or round_no % 8 == 0:
        handle = store.create(QUESTIONNAIRE, mode="kiosk")
        os.write(out, f"new\t{handle.id}\t{handle.retrieval_code}\n".encode())
    else:  # maybe the session of the writer just killed
        handle = store.open(rng.choice(sessions), wait=wait)
    n = 0
    while True:
        qid = f"r{round_no}_{n}"
        value = [round_no, n, "é" * rng.randint(0, 40)]
        handle.save_answer(qid, value, position=qid)
        os.write(out, f"ack\t{handle.id}\t{qid}\t{json.dumps(value)}\n".encode())
        if n % 4 == 3:  # make the record grow and shrink, as notes get edited
            handle.set_notes("n" * rng.randint(0, 4000))
        n += 1


def run_and_kill(child, delay: float, *, after_first_ack: bool = True, ack_timeout: float = 30) -> tuple[int, str]:
    """Fork `child(out_fd)`, kill it `delay` s after its first acknowledged save (or after
    the fork if not `after_first_ack`); its wait status and what it reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_end)
            child(write_end)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            os.write(write_end, f"err\t{type(exc).__name__}: {exc}\n".encode()[:2000])
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    if after_first_ack:  # wait for progress, so that a loaded machine still tests saves
        deadline = time.monotonic() + ack_timeout
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


def record_reports(output: str, sessions: list[str], codes: dict[str, str],
                   acked: dict[str, dict[str, object]]) -> str | None:
    """Fold a killed writer's reports into `sessions`, `codes` and `acked`; the session it
    wrote to, or None if it was killed before reporting anything. An error fails."""
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
    return touched


def four_writers(store, make_store, *, timeout: float) -> list[tuple]:
    """4 processes each save ANSWERS answers in their own new session while this one keeps
    listing and loading: no read fails or is torn. Their ("ok", tag, id, code) results."""
    barrier, results = CTX.Barrier(5), CTX.Queue()
    procs = [CTX.Process(target=_own_session, args=(make_store, f"p{n}", barrier, results, timeout))
             for n in range(4)]
    for proc in procs:
        proc.start()
    barrier.wait(timeout)
    reads = 0
    while any(p.is_alive() for p in procs):   # readers never see a torn record
        for summary in store.list(limit=None):
            assert summary.problem is None
            store.load(summary.id)
            reads += 1
    out = _collect(procs, results, 4, timeout)
    assert reads > 0
    for _, tag, session_id, code in out:
        answers = store.load(session_id)["answers"]
        assert {q: e["value"] for q, e in answers.items()} == {
            f"{tag}_{i}": {"p": tag, "i": i} for i in range(ANSWERS)}
        assert store.find(code) == session_id
    assert len(store.list()) == 4
    return out


def two_writers_on_one_session(store, make_store, *, wait: float, timeout: float) -> None:
    """2 processes answer the same session: one is refused while the other holds it, then
    (waiting) goes on after it, from everything it wrote; their answers never interleave."""
    with store.create(QUESTIONNAIRE, mode="adviser") as session:
        session.save_answer("start", 0)
    barrier, results = CTX.Barrier(2), CTX.Queue()
    procs = [CTX.Process(target=_same_session, args=(make_store, session.id, tag, barrier, results, wait, timeout))
             for tag in ("A", "B")]
    for proc in procs:
        proc.start()
    out = {r[1]: r for r in _collect(procs, results, 2, timeout)}
    refused = [tag for tag, r in out.items() if r[2]]
    assert len(refused) == 1, out            # exactly one was turned away at first
    second = refused[0]
    first = "B" if second == "A" else "A"
    # the first started from the session as it was; the second from all the first wrote
    assert out[first][3] == ["start"]
    assert out[second][3] == sorted(["start"] + [f"{first}_{i}" for i in range(ANSWERS)])
    answers = store.load(session.id)["answers"]
    assert len(answers) == 1 + 2 * ANSWERS
    last_of_first = max(answers[f"{first}_{i}"]["at"] for i in range(ANSWERS))
    first_of_second = min(answers[f"{second}_{i}"]["at"] for i in range(ANSWERS))
    assert last_of_first <= first_of_second   # one after the other, not interleaved


def _own_session(make_store, tag, barrier, results, timeout):
    try:
        store = make_store()
        barrier.wait(timeout)
        with store.create(QUESTIONNAIRE, mode="script") as session:
            for i in range(ANSWERS):
                session.save_answer(f"{tag}_{i}", {"p": tag, "i": i})
        results.put(("ok", tag, session.id, session.retrieval_code))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put(("err", tag, repr(exc), ""))


def _same_session(make_store, session_id, tag, barrier, results, wait, timeout):
    try:
        store = make_store()
        barrier.wait(timeout)
        refused = False
        try:
            session = store.open(session_id)
        except SessionBusyError:
            refused = True
            session = store.open(session_id, wait=wait)  # serialised behind the holder
        with session:
            seen = sorted(session.answers)
            for i in range(ANSWERS):
                session.save_answer(f"{tag}_{i}", i)
        results.put(("ok", tag, refused, seen))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put(("err", tag, repr(exc), []))


def _collect(processes, results, count, timeout):
    out = [results.get(timeout=timeout) for _ in range(count)]
    for proc in processes:
        proc.join(30)
        assert proc.exitcode == 0
    errors = [r for r in out if r[0] != "ok"]
    assert not errors, errors
    return out
