"""Storage benchmark: each backend with many stored sessions, side by side.

    python benchmarks/bench_storage.py                  # TinyDB, 100,000 sessions (a few minutes)
    python benchmarks/bench_storage.py --sessions 5000  # quicker
    python benchmarks/bench_storage.py --dir /tmp/bench --keep   # keep (and reuse) the folder
    python benchmarks/bench_storage.py --store tinydb:///tmp/b --store postgresql://postgres@/postgres?host=/run/pg
    bash .ci/postgres.sh sh -c 'python benchmarks/bench_storage.py --store tinydb: --store "$DIAGNOSTIC_TEST_POSTGRES"'

``--store`` may be repeated; ``tinydb:`` alone is a temporary folder. A
PostgreSQL URL names a *server* and a role allowed to create databases: the
benchmark creates a database of its own there (migrated, with a front role for
structure ``bench``), measures through that front, and drops it at the end.

Each stored session is a full diagnostic: ~80 answers of every kind, adviser
notes, a few action-plan edits; last contacts spread over the two years of
retention. They are written through the bulk path (TinyDB: the store's own
`save` with fsync off, then one `os.sync()`; PostgreSQL: `import_records`).
The measurements use a normal, durable store: autosave with 1 writer, and
with 4 writers at once (4 processes, each its own session).

Targets (issues 5 and 17): autosave p95 < 10 ms, find by code < 20 ms, list
the 50 most recent < 100 ms, open the store < 200 ms, on every backend.
Figures are with a warm cache (the data were just written or read).
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

from diagnostic.storage import codes, parse_store_url  # noqa: E402
from diagnostic.storage.record import SCHEMA_VERSION, to_iso  # noqa: E402
from diagnostic.storage.tinydb_store import TinyDBStore  # noqa: E402

WRITERS = 4

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


def new_codes(count: int, seed: int) -> list[str]:
    used: set[str] = set()
    while len(used) < count:
        used.add(codes.new_code())
    all_codes = sorted(used)
    random.Random(seed).shuffle(all_codes)
    return all_codes


class Folder:
    """A TinyDB data folder."""
    name = "TinyDB"

    def __init__(self, path: Path | None, keep: bool):
        self.temporary = path is None
        self.path = path or Path(tempfile.mkdtemp(prefix="bench-storage-"))
        self.keep = keep
        self.marker = self.path / "bench.json"

    def open(self):
        return TinyDBStore(self.path)

    def reuse(self, count: int):
        if self.marker.exists() and json.loads(self.marker.read_text())["sessions"] == count:
            meta = json.loads(self.marker.read_text())
            return meta["ids"], meta["codes"]
        return None

    def populate(self, count: int, seed: int, workers: int):
        """Write `count` sessions with `workers` processes (the store is multi-process safe)."""
        TinyDBStore(self.path)
        all_codes = new_codes(count, seed)
        parts = [(self.path, all_codes[w::workers], seed * 100 + w, w == 0) for w in range(workers)]
        if workers == 1:
            ids = _populate_part(parts[0])
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                ids = [i for part in pool.map(_populate_part, parts) for i in part]
        os.sync()
        if self.keep:
            self.marker.write_text(json.dumps({"sessions": count, "ids": ids, "codes": all_codes}))
        return ids, all_codes

    def footprint(self, store) -> str:
        allocated, _ = store.disk_usage()
        return f"{allocated / 2**20:,.1f} MiB on disk"

    def cleanup(self):
        if not self.keep and self.temporary:
            shutil.rmtree(self.path, ignore_errors=True)
        elif not self.keep:
            print(f"(data folder left in {self.path})")


class Database:
    """A database of its own on a PostgreSQL server, seen through a front role."""
    name = "PostgreSQL"

    def __init__(self, server_url: str, keep: bool):
        import psycopg
        from psycopg.conninfo import make_conninfo

        from diagnostic.storage.postgres_store import add_front, migrate
        self.server_url, self.keep = server_url, keep
        self.db = f"diagnostic_bench_{os.getpid()}"
        self.role = f"diagnostic_bench_{os.getpid()}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {self.db}")
        self.admin = make_conninfo(server_url, dbname=self.db)
        try:
            migrate(self.admin)
            add_front(self.admin, self.role, "bench")
        except BaseException:
            self.keep = False
            self.cleanup()
            raise
        self.front = make_conninfo(self.admin, user=self.role)

    def open(self):
        from diagnostic.storage.postgres_store import PostgresStore
        return PostgresStore(self.front)

    def reuse(self, count: int):
        return None

    def populate(self, count: int, seed: int, workers: int):
        rng = random.Random(seed)
        now = dt.datetime.now(dt.timezone.utc)
        all_codes, ids = new_codes(count, seed), []
        store, started = self.open(), time.perf_counter()
        for start in range(0, count, 2000):
            batch = [make_record(n, code, now, rng) for n, code in
                     enumerate(all_codes[start:start + 2000], start)]
            store.import_records(batch)
            ids += [r["id"] for r in batch]
            if len(ids) % 10000 == 0 or len(ids) == count:
                print(f"  {len(ids):>7} sessions written ({len(ids) / (time.perf_counter() - started):,.0f}/s)",
                      flush=True)
        store.close()
        import psycopg
        with psycopg.connect(self.admin, autocommit=True) as conn:  # as after a night's autovacuum
            conn.execute("VACUUM ANALYZE diagnostic.sessions")
        return ids, all_codes

    def footprint(self, store) -> str:
        import psycopg
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            size = conn.execute("SELECT pg_database_size(%s)", (self.db,)).fetchone()[0]
        return f"{size / 2**20:,.1f} MiB database"

    def cleanup(self):
        import psycopg
        if self.keep:
            print(f"(database {self.db} kept, front role {self.role})")
            return
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")
            conn.execute(f"DROP ROLE IF EXISTS {self.role}")


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


def autosaves(store, session_ids, count: int, seed: int) -> list[float]:
    """Seconds per durable autosave of one answer, on sessions opened for writing."""
    rng = random.Random(seed)
    handles = [store.open(session_id) for session_id in session_ids]
    out = []
    for n in range(count):
        handle = handles[n % len(handles)]
        qid, kind = QUESTIONS[rng.randrange(len(QUESTIONS))]
        if rng.random() < 0.2:
            qid = f"extra_{seed}_{n}"
        value = answer_value(kind, rng)
        started = time.perf_counter()
        handle.save_answer(qid, value, position=qid)
        out.append(time.perf_counter() - started)
    for handle in handles:
        handle.close()
    return out


def _writer(backend, session_id, count, seed, barrier, results):
    store = backend.open()
    barrier.wait(60)
    results.put(autosaves(store, [session_id], count, seed))
    store.close()


def concurrent_autosaves(backend, session_ids, count: int) -> list[float]:
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(backend, session_ids[w], count, 100 + w, barrier, results))
             for w in range(WRITERS)]
    for proc in procs:
        proc.start()
    out = [t for _ in procs for t in results.get(timeout=600)]
    for proc in procs:
        proc.join(60)
    return out


def cold_open_ms(url: str) -> float:
    """A new Python process: import the package and open the store."""
    code = ("import time; t = time.perf_counter(); "
            "from diagnostic.storage import open_store; open_store(%r); "
            "print((time.perf_counter() - t) * 1000)" % url)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return float(result.stdout.strip())


def measure(backend, args) -> tuple[list, str]:
    found = backend.reuse(args.sessions)
    if found:
        ids, all_codes = found
        print(f"{backend.name}: reusing {args.sessions:,} sessions")
    else:
        print(f"{backend.name}: writing {args.sessions:,} sessions of ~{len(QUESTIONS)} answers …")
        started = time.perf_counter()
        ids, all_codes = backend.populate(args.sessions, args.seed, max(1, args.workers))
        print(f"  done in {time.perf_counter() - started:,.1f} s")
    rng = random.Random(args.seed + 1)
    results = []
    opened = []

    def open_one():
        opened.append(backend.open())
    results.append(("open the store (in process)", stats(timed(open_one, min(args.samples, 50))), 200))
    for other in opened:
        other.close()
    if isinstance(backend, Folder):
        cold = [cold_open_ms(str(backend.path)) / 1000 for _ in range(5)]
        results.append(("open the store (new process, with imports)", stats(cold), 200))
    store = backend.open()
    typed = [codes.format_code(c).lower() for c in rng.sample(all_codes, min(args.samples, len(all_codes)))]
    find_times = []
    for code in typed:
        started = time.perf_counter()
        assert store.find(code) is not None
        find_times.append(time.perf_counter() - started)
    results.append(("find a session by retrieval code", stats(find_times), 20))
    results.append(("  … a code that does not exist",
                    stats(timed(lambda: store.find(codes.new_code()), args.samples)), 20))
    list_times = timed(lambda: store.list(limit=50), max(20, args.samples // 5))
    assert len(store.list(limit=50)) == min(50, args.sessions)
    results.append(("list the 50 most recent", stats(list_times), 100))
    chosen = rng.sample(ids, min(20 + WRITERS, len(ids)))
    open_times = []
    for session_id in chosen[:20]:
        started = time.perf_counter()
        store.open(session_id).close()
        open_times.append(time.perf_counter() - started)
    results.append(("open a stored session to resume it", stats(open_times), None))
    results.append(("autosave one answer, 1 writer", stats(autosaves(store, chosen[:20], max(args.samples, 200), 1)), 10))
    results.append((f"autosave one answer, {WRITERS} writers at once",
                    stats(concurrent_autosaves(backend, chosen[-WRITERS:], max(args.samples // 2, 100))), 10))
    footprint = backend.footprint(store)
    store.close()
    return results, footprint


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", action="append", metavar="URL",
                        help="a backend to measure (repeatable): tinydb:[///dossier] or a PostgreSQL "
                             "server URL (default: a temporary TinyDB folder)")
    parser.add_argument("--sessions", type=int, default=100_000, help="stored sessions (default 100000)")
    parser.add_argument("--dir", type=Path, help="TinyDB data folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the data afterwards")
    parser.add_argument("--samples", type=int, default=300, help="measurements per operation")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes writing the TinyDB sessions (default: one per core)")
    args = parser.parse_args(argv)

    backends = []
    try:
        for url in args.store or ["tinydb:"]:
            if url.strip() == "tinydb:":
                backends.append(Folder(args.dir, args.keep))
                continue
            parsed = parse_store_url(url)
            backends.append(Database(parsed.target, args.keep) if parsed.kind == "postgresql"
                            else Folder(Path(parsed.target), args.keep))
        measured = [(backend, *measure(backend, args)) for backend in backends]
    finally:
        for backend in backends:
            backend.cleanup()

    ok = True
    names = [b.name for b, _, _ in measured]
    print()
    print(f"{args.sessions:,} sessions; median / p95 in ms")
    print(f"{'operation':<46}" + "".join(f"{name:>22}" for name in names) + "   target")
    rows = {}
    for backend, results, _ in measured:
        for name, figures, target in results:
            rows.setdefault(name, (target, {}))[1][backend.name] = figures
    for name, (target, per_backend) in rows.items():
        cells = ""
        for backend_name in names:
            figures = per_backend.get(backend_name)
            cells += f"{figures[0]:>10.2f} / {figures[1]:>7.2f}  " if figures else f"{'-':>22}"
            if figures and target is not None and figures[1] >= target:
                ok = False
                cells = cells[:-2] + "! "
        print(f"{name:<46}{cells}   {'< ' + str(target) + ' ms' if target else ''}")
    print()
    for backend, _, footprint in measured:
        print(f"{backend.name}: {footprint}")
    print("all targets met (p95)" if ok else "a target was missed (marked !)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
