"""Console benchmark: start-up and keypress latency, measured in a real terminal (a pty).

    python benchmarks/bench_console.py              # 10 start-ups, one full persona interview
    python benchmarks/bench_console.py --runs 20

- start: from the process start (`python main.py console`) to the home screen drawn,
  with 50 stored sessions listed (target < 0.5 s);
- keypress: from the last key of an answer to the next question drawn, over a whole
  persona interview in the console (target < 50 ms);
- save: the service's `answer()` on a durable TinyDB store (fsync included), the
  blocking part of a keypress, in-process.

"Drawn" is when the words appear in what the console wrote to the terminal.
Prints medians and percentiles; shared machines are noisy, so this is not a test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.terminal import Terminal, key_bytes, keys_for  # noqa: E402
from diagnostic.service import Service  # noqa: E402
from diagnostic.storage import open_store  # noqa: E402

PERSONA = ROOT / "tests" / "scenarios" / "homme_50_ans_a_la_rue.yaml"
TODAY = dt.date(2026, 11, 27)


def console(data_dir: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "console", "--data-dir", data_dir]


def fill(data_dir: str, sessions: int, answers: dict) -> None:
    """Stored sessions to list, each with its first answer."""
    service = Service(open_store(data_dir), front="console", today=TODAY)
    content = service.open_questionnaire()
    for i in range(sessions):
        with service.start(content, reference=f"BENCH-{i:04d}") as interview:
            interview.answer(answers[interview.state().question.id])


def bench_start(runs: int, sessions: int, answers: dict) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as data_dir:
        fill(data_dir, sessions, answers)
        last = f"BENCH-{sessions - 1:04d}"
        for _ in range(runs):
            term = Terminal(console(data_dir), size=(120, 40))
            try:
                times.append(term.wait_for(last) - term.started)
            finally:
                term.close()
    return times


def bench_keypress(answers: dict) -> tuple[list[float], list[float]]:
    """Answer the persona in the console; a service without a store tells which keys to press."""
    single, typed = [], []
    with tempfile.TemporaryDirectory() as data_dir:
        term = Terminal(console(data_dir), size=(120, 40))
        try:
            term.wait_for("Sessions récentes")
            term.send("n")
            term.wait_for("Référence de la personne")
            term.send("\r")
            term.wait_for("Question 1,")
            shadow = Service(None, today=dt.date.today()).start(Service(None).open_questionnaire())
            n = 1
            while (question := shadow.state().question) is not None:
                value = answers.get(question.id, {"skipped": True})
                keys = keys_for(question, value)
                if len(keys) > 1:
                    term.send(key_bytes(keys[:-1]))
                    term.drain(0.15)
                sent = term.send(key_bytes(keys[-1:]))
                shadow.answer(value) if not isinstance(value, dict) else {
                    "dont_know": shadow.dont_know, "declined": shadow.decline,
                    "skipped": shadow.skip}[next(iter(value))]()
                if shadow.state().question is None:
                    (typed if len(keys) > 1 else single).append(term.wait_for("Objectif / action") - sent)
                    break
                n += 1
                (typed if len(keys) > 1 else single).append(term.wait_for(f"Question {n},") - sent)
                term.drain(0.3)   # settled: the findings drawn after the question, as between two answers
        finally:
            term.close()
    return single, typed


def bench_save(answers: dict, rounds: int = 3) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as data_dir:
        service = Service(open_store(data_dir), front="console", today=TODAY)
        content = service.open_questionnaire()
        for _ in range(rounds):
            with service.start(content) as interview:
                while (question := interview.state().question) is not None:
                    value = answers.get(question.id, {"skipped": True})
                    start = time.perf_counter()
                    interview.answer(value)
                    times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float], target: float | None = None) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    line = (f"{name:<34} n={len(ms):<3} median {statistics.median(ms):7.1f} ms   "
            f"p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms")
    if target is not None:
        line += f"   (target < {target:g} ms)"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=50)
    args = parser.parse_args()
    answers = yaml.safe_load(PERSONA.read_text("utf-8"))["answers"]
    report("start to home drawn", bench_start(args.runs, args.sessions, answers), 500)
    single, typed = bench_keypress(answers)
    report("keypress to next question drawn", single, 50)
    report("Enter (typed answer) to next drawn", typed, 50)
    report("answer() with fsync (in-process)", bench_save(answers))


if __name__ == "__main__":
    main()
