"""Stored sessions on the command line: list, export, delete, purge.

    diagnostic sessions [--limit N | --all] [--status S] [--json] [--check [--repair]]
    diagnostic export SESSION [--format json|text|markdown|html] [-o FICHIER]
    diagnostic delete SESSION [--yes]
    diagnostic purge [--older-than 24m] [--dry-run]

SESSION is a session id or a retrieval code (any case, dashes and spaces
ignored). Every command takes ``--store URL`` or ``--data-dir`` (else
$DIAGNOSTIC_STORE, else $DIAGNOSTIC_DATA_DIR, else the XDG data folder). A
session or data problem exits with code 4 and one message, never a traceback.
Every access goes through the interview service (docs/service.md), which
writes it to the access log (front ``command``).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import sys

from ..cli import EXIT_DATA, EXIT_USAGE, CommandError
from ..service import Service, ServiceError, SessionUnavailable
from ..storage import (StorageError, add_data_dir_argument, format_code, store_for_args,
                       store_url_for_args)
from ..storage.record import STATUSES, from_iso, period_cutoff, utcnow

DEFAULT_RETENTION = "24m"

STATUS_LABELS = {"in_progress": "en cours", "finished": "terminée", "abandoned": "abandonnée"}
MODE_LABELS = {"adviser": "conseiller", "kiosk": "borne", "script": "script"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sessions", help="lister les sessions enregistrées",
        description="Liste les sessions enregistrées, la plus récente d'abord.")
    count = p.add_mutually_exclusive_group()
    count.add_argument("--limit", type=_positive_int, default=50, metavar="N",
                       help="nombre de sessions affichées (défaut : 50)")
    count.add_argument("--all", action="store_true", help="toutes les sessions")
    p.add_argument("--status", choices=STATUSES, help="seulement ce statut")
    p.add_argument("--json", action="store_true", help="sortie JSON (une liste)")
    p.add_argument("--check", action="store_true",
                   help="relire chaque fichier, signaler les illisibles et reconstruire l'index")
    p.add_argument("--repair", action="store_true",
                   help="avec --check : mettre les fichiers illisibles de côté (quarantine/)")
    add_data_dir_argument(p)
    p.set_defaults(func=cmd_sessions)

    p = subparsers.add_parser(
        "export", help="exporter en JSON tout ce qui est conservé sur une session",
        description="Écrit en JSON tout ce qui est conservé sur une session (droit d'accès), "
                    "avec le diagnostic validé (clé « diagnostic ») et ses versions (« history ») ; "
                    "ou, avec --format text|markdown|html, le diagnostic validé tel qu'il a été validé.")
    p.add_argument("session", metavar="SESSION", help="identifiant ou code de reprise")
    p.add_argument("--format", choices=("json", "text", "markdown", "html"), default="json",
                   help="json (défaut : toute la session) ; text, markdown, html : le diagnostic validé")
    p.add_argument("-o", "--output", metavar="FICHIER",
                   help="écrire dans ce fichier (créé, jamais écrasé) plutôt qu'à l'écran")
    add_data_dir_argument(p)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser(
        "delete", help="effacer une session",
        description="Efface une session : son fichier et ses entrées d'index (droit à l'effacement).")
    p.add_argument("session", metavar="SESSION", help="identifiant ou code de reprise")
    p.add_argument("-y", "--yes", action="store_true", help="ne pas demander de confirmation")
    add_data_dir_argument(p)
    p.set_defaults(func=cmd_delete)

    p = subparsers.add_parser(
        "purge", help="effacer les sessions dont la durée de conservation est passée",
        description="Efface les sessions dont le dernier contact est plus ancien que la durée "
                    "donnée (24 mois par défaut, la durée maximale de conservation).")
    p.add_argument("--older-than", type=_period, default=DEFAULT_RETENTION, metavar="DURÉE",
                   help="durée : 30d, 6w, 24m, 2y (jours, semaines, mois, années ; défaut : 24m)")
    p.add_argument("--dry-run", action="store_true", help="lister sans rien effacer")
    add_data_dir_argument(p)
    p.set_defaults(func=cmd_purge)


# --- argument types ----------------------------------------------------------------

def _period(text: str) -> str:
    try:
        period_cutoff(utcnow(), text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"nombre entier positif attendu : {text!r}")
    return value


def _guard(func):
    """Storage and file-system failures become one message and exit code 4."""
    @functools.wraps(func)
    def wrapper(args) -> int:
        try:
            return func(args)
        except (StorageError, SessionUnavailable) as exc:
            raise CommandError(str(exc), code=EXIT_DATA) from None
        except ServiceError as exc:
            if exc.code == "not_finalised":
                raise CommandError(f"{exc} ; sans --format, l'export JSON donne toutes les données "
                                   "de la session", code=EXIT_DATA) from None
            raise CommandError(str(exc), code=EXIT_USAGE) from None
        except StorageError as exc:
            raise CommandError(str(exc), code=EXIT_DATA) from None
        except OSError as exc:
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise CommandError(f"accès aux données impossible{where} : {exc.strerror or exc}",
                               code=EXIT_DATA) from None
    return wrapper


def _local(stamp: str, form: str = "%Y-%m-%d %H:%M") -> str:
    if not stamp:
        return ""
    try:
        return from_iso(stamp).astimezone().strftime(form)
    except (OverflowError, ValueError):  # at the edge of the calendar (purge --older-than 2025y)
        return stamp[:16].replace("T", " ")


def _service(args, store=None) -> Service:
    from .interview import patient_sleep
    return Service(store or store_for_args(args), front="command", sleep=patient_sleep)


def _cell(text: str, width: int = 24) -> str:
    """A reference in one table cell: one line, at most `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


# --- commands -------------------------------------------------------------------------

@_guard
def cmd_sessions(args) -> int:
    if args.repair and not args.check:
        raise CommandError("--repair va avec --check", code=2)
    store = store_for_args(args)
    if args.check:
        return _check(store, args)
    summaries = _service(args, store).sessions(limit=None if args.all else args.limit, status=args.status)
    if args.json:  # an unreadable session is listed with its "problem", and exits 4 as below
        _out(json.dumps([s.as_dict() for s in summaries], ensure_ascii=False, indent=2))
        for s in summaries:
            if s.problem:
                print(f"diagnostic: {s.problem}", file=sys.stderr)
        return EXIT_DATA if any(s.problem for s in summaries) else 0
    if not summaries:
        _out(f"Aucune session enregistrée dans {store_url_for_args(args)}.")
        return 0
    territory = any(s.structure for s in summaries)  # a shared database: whose session it is
    rows = [("ID", "CODE", "QUESTIONNAIRE", "MODE", "STATUT", "RÉPONSES", "DERNIER CONTACT", "VALIDÉ",
             "RÉFÉRENCE") + (("STRUCTURE",) if territory else ())]
    problems = []
    for s in summaries:
        owner = (s.structure or "",) if territory else ()
        if s.problem:
            rows.append((s.id, "", "", "", "ILLISIBLE", "", "", "", "") + owner)
            problems.append(s.problem)
            continue
        rows.append((s.id, format_code(s.retrieval_code), f"{s.questionnaire_id} v{s.questionnaire_version}",
                     MODE_LABELS.get(s.mode, s.mode), STATUS_LABELS.get(s.status, s.status),
                     str(s.answer_count), _local(s.updated_at), "oui" if s.finalised else "non",
                     _cell(s.reference or "")) + owner)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        _out("  ".join(cell.rjust(w) if i == 5 else cell.ljust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip())
    if not args.all and len(summaries) >= args.limit:
        _out(f"\n{len(summaries)} sessions affichées, les plus récentes ; --all pour toutes.")
    for problem in problems:
        print(f"diagnostic: {problem}", file=sys.stderr)
    return EXIT_DATA if problems else 0


def _check(store, args) -> int:
    if not hasattr(store, "check"):  # file maintenance: only a data folder has files to reread
        raise CommandError("--check relit les fichiers d'un dossier de données ; "
                           f"{store_url_for_args(args)} n'en est pas un", code=EXIT_USAGE)
    report = store.check(repair=args.repair)
    _out(f"{report.sessions} session(s) lisible(s) ; index : {report.index_fixes} correction(s).")
    for path in report.quarantined:
        _out(f"Mis de côté (conservé tel quel) : {path}")
    for path in report.removed:
        _out(f"Lien déposé dans le dossier de données supprimé (sa cible n'a pas été touchée) : {path}")
    remaining = len(report.corrupt) - len(report.quarantined)
    for problem in report.corrupt:
        print(f"diagnostic: {problem}", file=sys.stderr)
    if remaining > 0:
        print("diagnostic: relancez avec --check --repair pour mettre les fichiers illisibles de "
              "côté ; les autres sessions restent utilisables.", file=sys.stderr)
        return EXIT_DATA
    return 0


@_guard
def cmd_export(args) -> int:
    service = _service(args)
    if args.format == "json":
        record = service.export(args.session)
        session_id = record["id"]
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    else:
        session_id = args.session
        text = service.render(args.session, args.format)
        text = text if text.endswith("\n") else text + "\n"
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(f"le fichier {args.output} existe déjà : choisissez un autre nom",
                           code=EXIT_DATA) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"Session {session_id} exportée dans {args.output}.", file=sys.stderr)
    return 0


@_guard
def cmd_delete(args) -> int:
    store = store_for_args(args)
    session_id = store.resolve(args.session)
    label = session_id
    try:
        label = f"{session_id} (code {format_code(store.load(session_id)['retrieval_code'])})"
    except StorageError:
        pass  # unreadable: it can still be erased
    if not args.yes and sys.stdin is not None and sys.stdin.isatty():
        try:
            reply = input(f"Effacer définitivement la session {label} ? [o/N] ").strip().lower()
        except EOFError:  # Ctrl-D: no
            reply = ""
            _out()
        if reply not in ("o", "oui", "y", "yes"):
            _out("Rien n'a été effacé.")
            return 0
    _service(args, store).delete(session_id)
    _out(f"Session {label} effacée.")
    return 0


@_guard
def cmd_purge(args) -> int:
    result = _service(args).purge(args.older_than, dry_run=args.dry_run)
    before = _local(result.cutoff)[:10]
    if args.dry_run:
        _out(f"{len(result.deleted)} session(s) seraient effacées (dernier contact avant le {before}).")
        for session_id in result.deleted:
            _out(f"  {session_id}")
    else:
        _out(f"{len(result.deleted)} session(s) effacée(s) (dernier contact avant le {before}).")
    if result.busy:
        _out(f"{len(result.busy)} session(s) ouverte(s) ailleurs, laissée(s) pour la prochaine "
             f"fois : {', '.join(result.busy)}")
    if result.refused:
        print(f"diagnostic: {len(result.refused)} session(s) non effacée(s) : un lien déposé dans "
              f"le dossier de données est en travers ({', '.join(result.refused)}) ; "
              "« diagnostic sessions --check --repair » le supprime", file=sys.stderr)
        return EXIT_DATA
    return 0
