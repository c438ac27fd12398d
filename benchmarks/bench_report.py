"""Report benchmark: scoring + rendering a full diagnostic in all four formats.

    python benchmarks/bench_report.py                # 200 rounds
    python benchmarks/bench_report.py --rounds 1000
    python benchmarks/bench_report.py --scenario tests/scenarios/homme_50_ans_a_la_rue.yaml

Uses questionnaires/diagnostic.yaml and the answers of a scenario in
tests/scenarios/ (the one that asks the most questions, unless --scenario
says which) when they load; otherwise a small fixture of tests/fixtures/.
The questionnaire, rules and answers are loaded once (as a front end does);
each round scores the finished session (findings, why, themes, pathway,
plan with a few adviser edits) and renders text, Markdown, HTML and JSON.

Target (issue 3): under 50 ms for scoring + the four formats together.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diagnostic.commands.run import replay  # noqa: E402
from diagnostic.errors import LoadError  # noqa: E402
from diagnostic.i18n import Formatter  # noqa: E402
from diagnostic.loading import load_questionnaire  # noqa: E402
from diagnostic.loading.rules import load_rules  # noqa: E402
from diagnostic.loading.yamlreader import read  # noqa: E402
from diagnostic.plan import PlanEdit  # noqa: E402
from diagnostic.report import FORMATS, render  # noqa: E402
from diagnostic.scoring import diagnose  # noqa: E402

TARGET_MS = 50.0


def _scenario_answers(path: Path) -> tuple[dict, dt.date]:
    doc, problems = read(path)
    if problems or not isinstance(doc.data, dict) or not isinstance(doc.data.get("answers"), dict):
        raise ValueError(f"{path}: not a scenario")
    today = doc.data.get("today")
    today = dt.date.fromisoformat(str(today)) if today else dt.date(2026, 11, 27)
    return doc.data["answers"], today


def full_diagnostic(scenario: str | None):
    """(label, session, ruleset) for the real diagnostic, or for a fixture when it does not load."""
    questionnaire_path = ROOT / "questionnaires" / "diagnostic.yaml"
    candidates = [Path(scenario)] if scenario else sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
    try:
        questionnaire = load_questionnaire(questionnaire_path)
        ruleset = load_rules(questionnaire)
        best = None
        for path in candidates:
            try:
                answers, today = _scenario_answers(path)
                session = replay(questionnaire, answers, today)
            except Exception:  # noqa: BLE001 - a scenario for another questionnaire, or out of date
                continue
            if best is None or len(session.asked()) > len(best[1].asked()):
                best = (path, session)
        if best is not None:
            return f"{questionnaire_path.relative_to(ROOT)} + {best[0].relative_to(ROOT)}", best[1], ruleset
    except (LoadError, OSError) as exc:
        print(f"(the full diagnostic does not load: {str(exc).splitlines()[0]}; using a fixture)")
    fixture = ROOT / "tests" / "fixtures" / "diagnostic" / "logis"
    questionnaire = load_questionnaire(fixture / "logis.yaml")
    answers, _ = read(fixture / "answers" / "street.json")[0].data, None
    return ("fixture logis + street", replay(questionnaire, answers, dt.date(2024, 3, 1)),
            load_rules(questionnaire))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--scenario", help="a scenario file (tests/scenarios/*.yaml) to take the answers from")
    args = parser.parse_args()

    label, session, ruleset = full_diagnostic(args.scenario)
    formatter = Formatter("fr")
    first = diagnose(session, ruleset, mode="adviser")
    ids = [a.id for a in first.plan.actions]
    edits = []
    if ids:
        edits = [PlanEdit.edit_action(ids[0], status="in_progress", note="Premier rendez-vous pris"),
                 PlanEdit.agree(True, action=ids[-1]),
                 PlanEdit.add_objective("mobilite", "Passer le permis", objective="o-bench"),
                 PlanEdit.add_action("o-bench", "a-bench", label="Auto-école sociale", providers=["association"])]
    # warm-up: template compilation and caches, as after the first diagnostic of a session
    for fmt in FORMATS:
        render(first, fmt, formatter)

    timings: dict[str, list[float]] = {name: [] for name in ("scoring", *FORMATS, "total")}
    sizes = {}
    for _ in range(args.rounds):
        start = time.perf_counter()
        diagnostic = diagnose(session, ruleset, mode="adviser", edits=edits)
        scored = time.perf_counter()
        timings["scoring"].append((scored - start) * 1000)
        mark = scored
        for fmt in FORMATS:
            sizes[fmt] = len(render(diagnostic, fmt, formatter))
            now = time.perf_counter()
            timings[fmt].append((now - mark) * 1000)
            mark = now
        timings["total"].append((mark - start) * 1000)

    print(f"diagnostic: {label}")
    print(f"  {len(session.asked())} questions asked, {len(ruleset.rules)} rules, {len(diagnostic.findings)} findings, "
          f"pathway {diagnostic.pathway.pathway if diagnostic.pathway else '-'}, "
          f"{len(diagnostic.plan.objectives)} objectives, {len(diagnostic.plan.actions)} actions, "
          f"{len(edits)} adviser edits")
    print("  output sizes: " + ", ".join(f"{fmt} {sizes[fmt] / 1024:.0f} KiB" for fmt in FORMATS))
    print(f"{args.rounds} rounds, milliseconds:")
    print(f"  {'':10} {'median':>8} {'p95':>8} {'max':>8}")
    for name, values in timings.items():
        print(f"  {name:10} {statistics.median(values):8.2f} {percentile(values, 0.95):8.2f} {max(values):8.2f}")
    p95 = percentile(timings["total"], 0.95)
    verdict = "OK" if p95 < TARGET_MS else "OVER TARGET"
    print(f"scoring + 4 formats: p95 {p95:.1f} ms (target < {TARGET_MS:.0f} ms): {verdict}")
    return 0 if p95 < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
