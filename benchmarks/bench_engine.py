"""Load/validate time and per-answer latency on large synthetic questionnaires.

    python benchmarks/bench_engine.py [--sizes 1000 5000] [--repeat 5]

Prints, for each size: YAML parsing time and the rest of loading (schema,
cross-checks, model) as medians over --repeat loads; then the latency of one
answer (answer() + moving to the next question) as median and p99 over
complete interviews on several random paths, and of changing an early answer.
Targets (issue 2): load and validate 1,000 questions < 300 ms; an answer to
the next question < 1 ms at p99, at both sizes.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import answer_for, generate  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            bench(size, args.repeat, Path(folder))


if __name__ == "__main__":
    main()
