"""`diagnostic console`: the adviser console (Textual), full screen.

    python main.py console [--store URL | --data-dir DIR] [--lang fr|en|uk]
    python main.py                      # the same, when input and output are a terminal

Textual is imported here only when the console runs, so that every other
command starts without it.
"""
from __future__ import annotations

from ..cli import EXIT_DATA, EXIT_USAGE, CommandError, interactive
from ..storage import add_data_dir_argument


def register(sub) -> None:
    p = sub.add_parser(
        "console", help="la console du conseiller : entretien, constats, plan d'action, export",
        description="La console du conseiller, en plein écran : mener l'entretien, voir les "
                    "constats, modifier le plan d'action, finaliser et exporter.")
    p.add_argument("--lang", default="fr", metavar="LANGUE",
                   help="langue de la console et des nouvelles sessions : fr, en, uk (défaut : fr)")
    add_data_dir_argument(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..i18n import LANGUAGES
    if args.lang not in LANGUAGES:
        raise CommandError(f"langue inconnue : {args.lang} (langues : {', '.join(LANGUAGES)})", EXIT_USAGE)
    if not interactive():
        raise CommandError("la console a besoin d'un terminal ; sans terminal, utilisez "
                           "« interview » (lignes simples)", EXIT_USAGE)
    from .. import storage
    from ..service import Service
    try:
        store = storage.store_for_args(args)
    except (storage.StorageError, OSError) as exc:
        raise CommandError(f"accès aux données impossible : {exc}", EXIT_DATA) from None
    data_dir = storage.data_dir_for_args(args)   # the console's log, beside the data (or locally)
    from ..ui.console import launch
    return launch(Service(store, front="console"), lang=args.lang, data_dir=data_dir)
