"""`diagnostic validate [PATH ...]`: check questionnaire and rule files.

One line per problem (`path:line:column: CODE message`), sorted by file and
line, then the checks that could not run and why, then a closing count
line. `--format json` gives the same as one JSON object for editors and CI.
"""
from __future__ import annotations

import json

from ..errors import message
from ..loading.validate import Report, validate


def register(sub) -> None:
    p = sub.add_parser("validate", help="vérifier des questionnaires et des règles",
                       description="Vérifie des questionnaires et des fichiers de règles : une ligne par problème "
                                   "(chemin:ligne:colonne: CODE message), puis une ligne de compte. "
                                   "Sortie 0 si tout est valide, 1 sinon.")
    p.add_argument("paths", nargs="*", default=["questionnaires", "rules"], metavar="PATH",
                   help="fichiers ou dossiers (par défaut : questionnaires rules)")
    add_format(p)
    p.set_defaults(func=run)


def add_format(parser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="text (par défaut) ou json : code, severity, file, line, column, message")


def show(report: Report, fmt: str) -> int:
    """Print a report of problems (validate, lint); exit 1 when it holds any."""
    if fmt == "json":
        print(json.dumps({
            "problems": [p.as_json() for p in report.problems],
            "skipped": [{"file": s.file, "message": s.message} for s in report.skipped],
            "files": len(report.files),
            "valid": not report.problems,
        }, ensure_ascii=False, indent=2))
    else:
        for found in report.problems:
            print(found)
        for skipped in report.skipped:
            print(skipped)
        print(summary(report))
    return 1 if report.problems else 0


def summary(report: Report) -> str:
    files = len(report.files)
    if not report.problems:
        return message("summary.valid_one" if files == 1 else "summary.valid", {"files": files})
    errors = sum(p.severity == "error" for p in report.problems)
    return message("summary.problems", {"errors": errors, "warnings": len(report.problems) - errors,
                                        "bad": report.files_with_problems, "files": files})


def run(args) -> int:
    return show(validate(args.paths), args.format)
