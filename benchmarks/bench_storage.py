"""Storage benchmark: the TinyDB backend with many stored sessions.

    python benchmarks/bench_storage.py                  # 100,000 sessions (a few minutes)
    python benchmarks/bench_storage.py --sessions 5000  # quicker
    python benchmarks/bench_storage.py --dir /tmp/bench --keep   # keep (and reuse) the folder

Each stored session is a full diagnostic: ~80 answers of every kind, adviser
notes, a few action-plan edits; last contacts spread over the two years of
retention. The sessions are written through the backend's own `save` with
fsync off (``durable=False``, same files, then one `os.sync()`): the bulk
path. The measurements use a normal, durable store.

Targets (issue 5): autosave p95 < 10 ms, find by code < 20 ms, list the 50
most recent < 100 ms, open the store < 200 ms. Figures are with a warm page
cache (the files were just written or read).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diagnostic.storage import codes  # noqa: E402
from diagnostic.storage.record import SCHEMA_VERSION, to_iso  # noqa: E402
from diagnostic.storage.tinydb_store import TinyDBStore  # noqa: E402

QUESTIONNAIRE = {"id": "diagnostic", "version": 3, "hash": "sha256:" + "ab" * 32}
THEMES = ["logement", "emploi", "formation", "mobilite", "sante", "finances", "famille",
          "langue", "numerique", "administratif"]
KINDS = ["yes_no", "choice", "multi_choice", "number", "date", "text", "choice", "yes_no"]
QUESTIONS = [(f"{theme}_{kind}_{i}", kind) for theme in THEMES for i, kind in enumerate(KINDS)]  # 80


def answer_value(kind: str, rng: random.Random):
    roll = rng.random()
    if roll < 0.03:
        return {"declined": True}
    if roll < 0.06:
        return {"dont_know": True}
    if roll < 0.08:
        return {"skipped": True}
    if kind == "yes_no":
        return rng.random() < 0.5
    if kind == "choice":
        return rng.choice(["street", "shelter", "family", "own_home", "rented", "other"])
    if kind == "multi_choice":
        return rng.sample(["bus", "car", "bike", "walk", "train", "none"], rng.randint(1, 3))
    if kind == "number":
        return rng.randint(0, 3000)
    if kind == "date":
        return f"{rng.randint(1960, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return rng.choice(["Je cherche un emploi dans la logistique.", "Aide-soignante",
                       "Cariste, permis CACES 1 et 3", "Sans objet", "Vente en boulangerie"])


def make_record(n: int, code: str, now: dt.datetime, rng: random.Random) -> dict:
    updated = now - dt.timedelta(seconds=rng.uniform(0, 730 * 86400))
    created = updated - dt.timedelta(minutes=rng.uniform(20, 90))
    step = (updated - created) / (len(QUESTIONS) + 1)
    answers = {}
    for i, (qid, kind) in enumerate(QUESTIONS):
        answers[qid] = {"value": answer_value(kind, rng), "at": to_iso(created + step * (i + 1))}
    return {
        "schema_version": SCHEMA_VERSION,
        "id": f"{rng.getrandbits(48):012x}",
        "questionnaire": QUESTIONNAIRE,
        "locale": "fr",
        "mode": rng.choice(["kiosk", "adviser", "adviser"]),
        "status": rng.choice(["finished"] * 8 + ["in_progress", "abandoned"]),
        "created_at": to_iso(created),
        "updated_at": to_iso(updated),
        "answers": answers,
        "position": None,
        "notes": "Entretien réalisé en agence. Personne hébergée chez un tiers, "
                 "recherche active, besoin d'un accompagnement mobilité. " * rng.randint(0, 3),
        "plan_edits": [{"action": f"action_{k}", "status": "planned", "start": to_iso(updated)[:10]}
                       for k in range(rng.randint(0, 6))],
        "retrieval_code": code,
        "questionnaire_changes": [],
    }


def _populate_part(args) -> list[str]:
    path, part_codes, seed, report = args
    rng = random.Random(seed)
    store = TinyDBStore(path, durable=False)
    now = dt.datetime.now(dt.timezone.utc)
    ids = []
    started = time.perf_counter()
    for n, code in enumerate(part_codes):
        record = make_record(n, code, now, rng)
        store.save(record)
        ids.append(record["id"])
        if report and ((n + 1) % 5000 == 0 or n + 1 == len(part_codes)):
            rate = (n + 1) / (time.perf_counter() - started)
            print(f"  worker 1: {n + 1:>7} sessions written ({rate:,.0f}/s)", flush=True)
    return ids


def populate(path: Path, count: int, seed: int, workers: int) -> tuple[list[str], list[str]]:
    """Write `count` sessions with `workers` processes (the store is multi-process safe)."""
    TinyDBStore(path)
    used: set[str] = set()
    while len(used) < count:
        used.add(codes.new_code())
    all_codes = sorted(used)
    random.Random(seed).shuffle(all_codes)
    parts = [(path, all_codes[w::workers], seed * 100 + w, w == 0) for w in range(workers)]
    if workers == 1:
        ids = _populate_part(parts[0])
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            ids = [i for part in pool.map(_populate_part, parts) for i in part]
    os.sync()
    return ids, all_codes


def stats(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def timed(func, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        out.append(time.perf_counter() - started)
    return out


def cold_open_ms(path: Path) -> float:
    """A new Python process: import the package and open the store."""
    code = ("import time; t = time.perf_counter(); "
            "from diagnostic.storage import open_store; open_store(%r); "
            "print((time.perf_counter() - t) * 1000)" % str(path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return float(result.stdout.strip())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100_000, help="stored sessions (default 100000)")
    parser.add_argument("--dir", type=Path, help="data folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the data folder afterwards")
    parser.add_argument("--samples", type=int, default=300, help="measurements per operation")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes writing the sessions (default: one per core)")
    args = parser.parse_args(argv)

    path = args.dir or Path(tempfile.mkdtemp(prefix="bench-storage-"))
    marker = path / "bench.json"
    try:
        if marker.exists() and json.loads(marker.read_text())["sessions"] == args.sessions:
            meta = json.loads(marker.read_text())
            ids, all_codes = meta["ids"], meta["codes"]
            print(f"Reusing {args.sessions:,} sessions in {path}")
        else:
            print(f"Writing {args.sessions:,} sessions of ~{len(QUESTIONS)} answers into {path} …")
            started = time.perf_counter()
            ids, all_codes = populate(path, args.sessions, args.seed, max(1, args.workers))
            print(f"  done in {time.perf_counter() - started:,.1f} s")
            if args.keep:
                marker.write_text(json.dumps({"sessions": args.sessions, "ids": ids, "codes": all_codes}))
        rng = random.Random(args.seed + 1)
        results = []

        # open the store
        open_times = timed(lambda: TinyDBStore(path), args.samples)
        results.append(("open the store (in process)", stats(open_times), 200))
        cold = [cold_open_ms(path) / 1000 for _ in range(5)]
        results.append(("open the store (new process, with imports)", stats(cold), 200))

        store = TinyDBStore(path)

        # find by retrieval code, as typed
        typed = [codes.format_code(c).lower() for c in rng.sample(all_codes, min(args.samples, len(all_codes)))]
        find_times = []
        for code in typed:
            started = time.perf_counter()
            found = store.find(code)
            find_times.append(time.perf_counter() - started)
            assert found is not None
        results.append(("find a session by retrieval code", stats(find_times), 20))
        miss = timed(lambda: store.find(codes.new_code()), args.samples)
        results.append(("  … a code that does not exist", stats(miss), 20))

        # list the 50 most recent
        list_times = timed(lambda: store.list(limit=50), max(20, args.samples // 5))
        assert len(store.list(limit=50)) == min(50, args.sessions)
        results.append(("list the 50 most recent", stats(list_times), 100))

        # resume: open a stored session for writing
        chosen = rng.sample(ids, min(20, len(ids)))
        handles, open_session = [], []
        for session_id in chosen:
            started = time.perf_counter()
            handles.append(store.open(session_id))
            open_session.append(time.perf_counter() - started)
        results.append(("open a stored session to resume it", stats(open_session), None))

        # autosave: one answer at a time, durable
        save_times = []
        for n in range(max(args.samples, 200)):
            handle = handles[n % len(handles)]
            qid, kind = QUESTIONS[rng.randrange(len(QUESTIONS))]
            if rng.random() < 0.2:
                qid = f"extra_{n}"
            value = answer_value(kind, rng)
            started = time.perf_counter()
            handle.save_answer(qid, value, position=qid)
            save_times.append(time.perf_counter() - started)
        for handle in handles:
            handle.close()
        results.append(("autosave one answer (fsync'd)", stats(save_times), 10))

        allocated, apparent = store.disk_usage()
        files = sum(1 for _ in (path / "sessions").glob("*/*.json"))

        print()
        print(f"{'operation':<46}{'median':>10}{'p95':>10}{'max':>10}   target")
        ok = True
        for name, (median, p95, worst), target in results:
            verdict = ""
            if target is not None:
                good = p95 < target
                ok &= good
                verdict = f"< {target} ms {'ok' if good else 'MISSED'}"
            print(f"{name:<46}{median:>8.2f}ms{p95:>8.2f}ms{worst:>8.2f}ms   {verdict}")
        print()
        print(f"sessions: {args.sessions:,} ({files:,} session files); data folder on disk: "
              f"{allocated / 2**20:,.1f} MiB allocated, {apparent / 2**20:,.1f} MiB of content; "
              f"{allocated / max(args.sessions, 1) / 1024:.1f} KiB per session")
        return 0 if ok else 1
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(path, ignore_errors=True)
        elif not args.keep:
            print(f"(data folder left in {path})")


if __name__ == "__main__":
    sys.exit(main())
