"""`diagnostic log [--session ID] [--json]`: the access log of the store (a data folder's, a database's).

Who reached which session, when and from which front (docs/storage.md,
"The access log"). It holds no answers. Exit 0, or 4 when the data folder
or the log cannot be read.
"""
from __future__ import annotations

import json
import sys

from ..storage import SessionNotFoundError, add_data_dir_argument, store_for_args, store_url_for_args
from ..storage.record import is_session_id
from ..typography import clean_text
from .sessions import _guard, _local

EVENT_LABELS = {"created": "création", "opened": "ouverture", "resumed": "reprise",
                "exported": "export", "finalised": "finalisation", "deleted": "effacement",
                "purged": "effacement (durée de conservation passée)",
                "code_attempt": "code de reprise essayé"}
FRONT_LABELS = {"console": "console", "kiosk": "borne", "terminal": "terminal",
                "command": "commande"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "log", help="journal des accès aux sessions",
        description="Montre qui a accédé à quelle session, quand et depuis quel poste "
                    "(le journal ne contient aucune réponse).")
    p.add_argument("--session", metavar="SESSION",
                   help="seulement cette session (identifiant, ou code de reprise d'une session "
                        "encore conservée)")
    p.add_argument("--json", action="store_true", help="sortie JSON (une liste)")
    add_data_dir_argument(p)
    p.set_defaults(func=cmd_log)


@_guard
def cmd_log(args) -> int:
    store = store_for_args(args)
    session_id = None
    if args.session:
        text = args.session.strip().lower()
        session_id = text if is_session_id(text) else store.find(args.session)
        if session_id is None:
            raise SessionNotFoundError(args.session)
    events = store.access_log().events(session_id=session_id)
    if args.json:
        sys.stdout.write(json.dumps([e.as_dict() for e in events], ensure_ascii=False, indent=2) + "\n")
        return 0
    if not events:
        sys.stdout.write(f"Aucun accès enregistré dans {store_url_for_args(args)}.\n")
        return 0
    rows = [("DATE", "ÉVÉNEMENT", "POSTE", "UTILISATEUR", "SESSION")]
    for e in events:
        label = EVENT_LABELS[e.event]
        if e.ok is not None:
            label += " : bon" if e.ok else " : faux"
        rows.append((_local(e.at, "%Y-%m-%d %H:%M:%S"), label, FRONT_LABELS[e.front], clean_text(e.user, multiline=False),
                     e.session or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
    return 0
