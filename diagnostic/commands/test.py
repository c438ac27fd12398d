"""`diagnostic test [SCENARIO_OR_FOLDER ...]`: play scenario files, say what differs.

One line per scenario (ok / ÉCHEC), and under a failure every difference with
the scenario's file and line. Exit 0 when all pass, 1 otherwise, 2 when no
scenario is found. `--coverage` adds what the scenarios leave unexercised.
"""
from __future__ import annotations

from pathlib import Path

from ..authoring.coverage import coverage
from ..authoring.scenarios import check, find
from ..authoring.words import word
from ..cli import EXIT_USAGE, CommandError
from ..loading.questionnaire import display_path


def register(sub) -> None:
    p = sub.add_parser("test", help="jouer des scénarios et comparer au résultat attendu",
                       description="Joue des fichiers de scénario (réponses, résultat attendu) : une ligne par "
                                   "scénario, chaque différence avec sa ligne. Sortie 0 si tous passent, 1 sinon.")
    p.add_argument("paths", nargs="*", default=["tests/scenarios"], metavar="SCENARIO_OR_FOLDER",
                   help="fichiers ou dossiers de scénarios (par défaut : tests/scenarios)")
    p.add_argument("--coverage", action="store_true",
                   help="dire quelles questions, choix, règles, actions et parcours aucun scénario n'exerce")
    p.set_defaults(func=run)


def run(args) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise CommandError(f"{missing[0]}: fichier ou dossier introuvable", EXIT_USAGE)
    paths = find(args.paths)
    if not paths:
        raise CommandError(word("scenario.none"), EXIT_USAGE)
    cache: dict = {}
    outcomes = [check(path, display_path(path), cache) for path in paths]
    for o in outcomes:
        print(word("scenario.ok" if o.passed else "scenario.failed", file=o.path, name=o.name))
        for difference in o.differences:
            print(f"       {difference}")
    failed = sum(not o.passed for o in outcomes)
    if args.coverage:
        for source, (count, measures) in coverage(outcomes).items():
            print()
            print(word("coverage.title", source=source, count=count))
            for m in measures:
                if not m.total:
                    print(word("coverage.nothing", what=word(f"coverage.{m.what}")))
                    continue
                print(word("coverage.line", what=word(f"coverage.{m.what}"), percent=m.percent,
                           done=len(m.total) - len(m.missing), total=len(m.total)))
                if m.missing:
                    print(word("coverage.missing", items=", ".join(m.missing)))
    print(word("scenario.summary", passed=len(outcomes) - failed, failed=failed, total=len(outcomes)))
    return 1 if failed else 0
