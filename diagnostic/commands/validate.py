"""`diagnostic validate [PATH ...]`: check questionnaire and rule files.

One line per problem (`path:line:column: CODE message`), sorted by file and
line, then the checks that could not run and why, then a closing count
line. `--format json` gives the same as one JSON object for editors and CI.
"""
from __future__ import annotations

import json

from ..errors import MESSAGES, WORDS, message
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
    parser.add_argument("--lang", choices=["fr", "en"], default="fr",
                        help="langue des messages : fr (par défaut) ou en ; les codes ne changent pas")


def catalogue(lang: str) -> tuple[dict | None, dict | None]:
    """MESSAGES and WORDS of errors.py in `lang` (the domain authoring); (None, None) in French."""
    if lang == "fr":
        return None, None
    from ..i18n import catalogue as compiled  # noqa: PLC0415 - Babel only when another language is asked
    words = compiled(lang, "authoring").gettext
    return {k: words(v) for k, v in MESSAGES.items()}, {k: words(v) for k, v in WORDS.items()}


def show(report: Report, fmt: str, lang: str = "fr") -> int:
    """Print a report of problems (validate, lint) in `lang`; exit 1 when it holds any."""
    messages, words = catalogue(lang)
    worded = {id(p): p.worded(messages, words) if messages else p.message for p in report.problems}
    if fmt == "json":
        print(json.dumps({
            "problems": [{**p.as_json(), "message": worded[id(p)]} for p in report.problems],
            "skipped": [{"file": s.file, "message": message(s.key, {}, messages)} for s in report.skipped],
            "files": len(report.files),
            "valid": not report.problems,
        }, ensure_ascii=False, indent=2))
    else:
        for found in report.problems:
            where = f"{found.location}: " if found.location else ""
            print(f"{where}{found.code} {worded[id(found)]}")
        for skipped in report.skipped:
            print(f"{skipped.file}: {message(skipped.key, {}, messages)}")
        print(summary(report, messages))
    return 1 if report.problems else 0


def summary(report: Report, messages: dict | None = None) -> str:
    files = len(report.files)
    if not report.problems:
        return message("summary.valid_one" if files == 1 else "summary.valid", {"files": files}, messages)
    errors = sum(p.severity == "error" for p in report.problems)
    return message("summary.problems", {"errors": errors, "warnings": len(report.problems) - errors,
                                        "bad": report.files_with_problems, "files": files}, messages)


def run(args) -> int:
    return show(validate(args.paths), args.format, args.lang)
