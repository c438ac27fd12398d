"""`diagnostic validate [PATH ...]`: check questionnaire and rule files."""
from __future__ import annotations

import sys

from ..loading import validate_paths


def register(sub) -> None:
    p = sub.add_parser("validate", help="vérifier des questionnaires et des règles",
                       description="Check questionnaire and rule files; one line per problem "
                                   "(path:line:column: CODE message). Exit 0 when all is valid, 1 otherwise.")
    p.add_argument("paths", nargs="*", default=["questionnaires", "rules"], metavar="PATH",
                   help="files or folders (default: questionnaires rules)")
    p.set_defaults(func=run)


def run(args) -> int:
    problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    return 0
