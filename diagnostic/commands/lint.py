"""`diagnostic lint [PATH ...]`: advice (warnings W5xx) on files that load.

Same shape as `validate`; a warning is silenced by `# lint: ignore [W5xx …]`
on the line it points at (docs/authoring.md). Exit 0 without warnings, 1 with.
"""
from __future__ import annotations

from ..authoring.lint import lint
from .validate import add_format, show


def register(sub) -> None:
    p = sub.add_parser("lint", help="conseils sur des questionnaires et des règles",
                       description="Avertissements (W5xx) : questions jamais posées, règles qui ne s'appliquent "
                                   "jamais, choix oubliés, actions jamais proposées, sujets sensibles, sigles, "
                                   "phrases longues, formes au masculin seul, traductions manquantes. "
                                   "« # lint: ignore W5xx » sur la ligne en fait taire un.")
    p.add_argument("paths", nargs="*", default=["questionnaires", "rules"], metavar="PATH",
                   help="fichiers ou dossiers (par défaut : questionnaires rules)")
    add_format(p)
    p.set_defaults(func=run)


def run(args) -> int:
    return show(lint(args.paths), args.format)
