"""Load/validate time and per-answer latency on large synthetic questionnaires.

    python benchmarks/bench_engine.py [--sizes 1000 5000] [--repeat 5]

Prints, for each size: YAML parsing time and the rest of loading (schema,
cross-checks, model) as medians over --repeat loads; then the latency of one
answer (answer() + moving to the next question) as median and p99 over
complete interviews on several random paths, and of changing an early answer.
Targets (issue 2): load and validate 1,000 questions < 300 ms; an answer to
the next question < 1 ms at p99, at both sizes.

Then the whole `run` command on one complete path (answers in a JSON file):
in-process, split into load (questionnaire, rules, answers file), replay (through the
interview service) and render (JSON), the engine's own interview on the same
answers for comparison, and the whole `python main.py run` process. Targets
(issue 9): replay <= 2x the engine's interview; the process at 5,000
questions under 0.9 s.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import random
import subprocess
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import answer_for, generate  # noqa: E402

from diagnostic.commands import run as run_command  # noqa: E402
from diagnostic.engine import Session  # noqa: E402
from diagnostic.loading import load_questionnaire  # noqa: E402
from diagnostic.loading.yamlreader import read  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench(size: int, repeat: int, folder: Path) -> None:
    path = folder / f"synthetic_{size}.yaml"
    path.write_text(generate(size, conditions=size * 3 // 10, seed=size), encoding="utf-8")
    yaml_times, total_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        read(path)
        t1 = time.perf_counter()
        questionnaire = load_questionnaire(path)
        t2 = time.perf_counter()
        yaml_times.append(t1 - t0)
        total_times.append(t2 - t1)  # load_questionnaire reads the YAML again, then the rest
    yaml_median = statistics.median(yaml_times)
    rest_median = statistics.median(total_times) - yaml_median
    print(f"{size} questions ({len(questionnaire.computed)} computed, "
          f"{sum(1 for q in questionnaire.flow if q.conditions)} conditional)")
    print(f"  load: YAML parsing {ms(yaml_median)}, schema + cross-checks + model {ms(rest_median)}, "
          f"total {ms(statistics.median(total_times))} (median of {repeat}; the first load of the "
          f"process, which also compiles the schema, took {ms(total_times[0])})")

    latencies, edits, asked = [], [], []
    for seed in range(5):
        rng = random.Random(seed)
        session = Session(questionnaire)
        session.current
        while (question := session.current) is not None:
            value = answer_for(question, rng)
            t0 = time.perf_counter()
            session.answer(value)
            session.current  # the next question is settled here
            latencies.append(time.perf_counter() - t0)
        asked.append(len(session.asked()))
        for qid in session.asked()[:20]:  # change early answers: what the dependency graph is for
            if qid not in session.asked():
                continue  # an earlier change made it irrelevant
            question = session.jump(qid)
            t0 = time.perf_counter()
            session.answer(answer_for(question, rng))
            session.current
            edits.append(time.perf_counter() - t0)
            session.resume()
            while (question := session.current) is not None:
                session.answer(answer_for(question, rng))
    print(f"  answer → next question: median {ms(statistics.median(latencies))}, "
          f"p99 {ms(percentile(latencies, 99))}, max {ms(max(latencies))} "
          f"over {len(latencies)} answers ({statistics.mean(asked):.0f} asked per interview)")
    print(f"  change an early answer: median {ms(statistics.median(edits))}, p99 {ms(percentile(edits, 99))}")


def bench_run(size: int, repeat: int, folder: Path) -> None:
    path = folder / f"synthetic_{size}.yaml"
    questionnaire = load_questionnaire(path)
    rng, session = random.Random(7), Session(questionnaire)
    while (question := session.current) is not None:
        session.answer(answer_for(question, rng))
    answers_file = folder / f"answers_{size}.json"
    answers_file.write_text(json.dumps(session.record()), encoding="utf-8")
    today = dt.date(2024, 3, 1)
    rows: dict[str, list[float]] = {"load": [], "replay": [], "render": [], "engine": [], "in-process": [],
                                    "process": []}
    argv = ["run", str(path), "--answers", str(answers_file), "--today", today.isoformat()]
    for _ in range(repeat):
        t0 = time.perf_counter()
        q = run_command.load_or_fail(str(path))
        ruleset = run_command.rules_or_fail(q)
        answers, doc, prefix = run_command.read_answers(str(answers_file))
        t1 = time.perf_counter()
        replayed = run_command.replay(q, answers, today, doc, prefix)
        t2 = time.perf_counter()
        run_command.FORMATS["json"](replayed, ruleset)
        t3 = time.perf_counter()
        engine = Session(q, today=today)   # the engine alone, on the same answers
        while (question := engine.current) is not None:
            engine.answer(answers[question.id] if question.asks else None)
        t4 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            from diagnostic.cli import main as cli_main
            cli_main(argv)
        t5 = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], check=True, stdout=subprocess.DEVNULL)
        t6 = time.perf_counter()
        for key, value in zip(rows, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            rows[key].append(value)
    med = {key: statistics.median(values) for key, values in rows.items()}
    print(f"{size} questions, `run` on one path ({len(replayed.asked())} asked), medians of {repeat}:")
    print(f"  in-process: load {ms(med['load'])}, replay {ms(med['replay'])}, render {ms(med['render'])}; "
          f"whole command {ms(med['in-process'])}")
    print(f"  engine's own interview {ms(med['engine'])}: replay / engine = {med['replay'] / med['engine']:.2f} "
          f"(target <= 2)")
    print(f"  python main.py run (process): {ms(med['process'])}" + (" (target < 900 ms)" if size == 5000 else ""))


ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            bench(size, args.repeat, Path(folder))
        for size in args.sizes:
            bench_run(size, args.repeat, Path(folder))


if __name__ == "__main__":
    main()
