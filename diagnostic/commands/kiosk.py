"""`diagnostic kiosk`: the self-service kiosk, full screen, or in a browser with --serve.

    DIAGNOSTIC_KIOSK_PIN=482913 python main.py kiosk --data-dir /srv/diagnostic
    DIAGNOSTIC_KIOSK_PIN=482913 python main.py kiosk --serve --port 8000   # http://127.0.0.1:8000

A person answers alone, in French, English or Ukrainian; nothing of them
stays on screen after them. There is no way out but the adviser's: the exit
key (--exit-key, default ctrl+f12) and the PIN, given by --pin or, better
(a command line is visible to every user of the machine), by the
DIAGNOSTIC_KIOSK_PIN environment variable. There is no default PIN.

Unexpected errors are written to `kiosk.log` in the data folder, for the
adviser; the person sees a calm screen. Exit codes: 0 stopped by an adviser;
1 invalid questionnaire; 2 usage (no PIN…); 4 the data folder cannot be used;
70 internal error.
"""
from __future__ import annotations

import logging
import os
import re

from .. import storage
from ..cli import EXIT_DATA, EXIT_INTERNAL, EXIT_USAGE, CommandError, iso_date
from ..ui.kiosk import DEFAULT_EXIT_KEY, PIN_VARIABLE
from .run import _loaded

LOG_FILE = "kiosk.log"


def register(sub) -> None:
    p = sub.add_parser(
        "kiosk", help="la borne en libre-service (plein écran, ou dans un navigateur avec --serve)",
        description="La borne en libre-service : la personne répond seule, dans sa langue ; "
                    "rien d'elle ne reste à l'écran.")
    p.add_argument("questionnaire", nargs="?", metavar="QUESTIONNAIRE",
                   help="fichier de questionnaire (défaut : le diagnostic complet)")
    p.add_argument("--pin", help=f"code PIN de sortie des conseillers, 4 à 12 chiffres "
                                 f"(mieux : la variable {PIN_VARIABLE})")
    p.add_argument("--exit-key", default=DEFAULT_EXIT_KEY, metavar="TOUCHE",
                   help=f"touche de sortie des conseillers (défaut : {DEFAULT_EXIT_KEY})")
    p.add_argument("--idle", type=_seconds, default=180.0, metavar="SECONDES",
                   help="inactivité avant « Êtes-vous toujours là ? » (défaut : 180)")
    p.add_argument("--idle-grace", type=_seconds, default=30.0, metavar="SECONDES",
                   help="puis délai avant le retour à l'accueil (défaut : 30)")
    p.add_argument("--serve", action="store_true",
                   help="servir la borne à un navigateur (textual-serve), une session par navigateur")
    p.add_argument("--host", default="127.0.0.1",
                   help="avec --serve : adresse d'écoute (défaut : 127.0.0.1, cette machine seule)")
    p.add_argument("--port", type=int, default=8000, help="avec --serve : port (défaut : 8000)")
    p.add_argument("--today", type=iso_date, metavar="AAAA-MM-JJ",
                   help="date de l'entretien (défaut : aujourd'hui ; pour les essais)")
    storage.add_data_dir_argument(p)
    p.set_defaults(func=run)


def _seconds(text: str) -> float:
    import argparse
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError(f"durée invalide : {text} (un nombre de secondes)")
    return value


def run(args) -> int:
    pin = args.pin or os.environ.get(PIN_VARIABLE, "")
    if not pin:
        raise CommandError(f"la borne a besoin du code PIN de sortie des conseillers : "
                           f"--pin ou la variable {PIN_VARIABLE} (il n'y a pas de code par défaut)",
                           EXIT_USAGE)
    if not re.fullmatch(r"[0-9]{4,12}", pin):
        raise CommandError("le code PIN doit compter de 4 à 12 chiffres", EXIT_USAGE)
    from ..service import ServiceError
    try:
        if args.serve:
            service, _ = _prepare(args)  # the files are checked once, before any browser connects
            service.store.close()        # each browser's kiosk process opens its own
            return _serve(args, pin)
        return _kiosk(args, pin)
    except ServiceError as exc:
        raise CommandError(str(exc), EXIT_USAGE if exc.code in ("file_not_found",
                                                               "questionnaire_not_found")
                           else EXIT_DATA) from None
    except storage.StorageError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None


def _prepare(args):
    """The service on the data folder and the questionnaire with its rules (located errors)."""
    from ..service import Service
    service = Service(storage.store_for_args(args), front="kiosk", today=args.today)
    content = _loaded(service.open_questionnaire, args.questionnaire,
                      f"{args.questionnaire or 'diagnostic'} : questionnaire invalide")
    return service, content


def _kiosk(args, pin: str) -> int:
    from ..ui.kiosk.app import KioskApp   # Textual only when the kiosk runs
    from ..ui.kiosk.speech import Speaker

    _log_errors_to(storage.data_dir_for_args(args) / LOG_FILE)
    os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)   # ctrl+c, ctrl+z, ctrl+\ must stay mere keys
    app = KioskApp(lambda: _prepare(args), pin=pin, exit_key=args.exit_key,
                   idle_timeout=args.idle, idle_grace=args.idle_grace, speaker=Speaker.find())
    try:
        app.run()
    finally:
        app.close_interview(abandoned=True)  # the page closed mid-interview (served), or a failure
    if app.failure is not None:           # the questionnaire or the data folder cannot be used
        raise app.failure
    if app.return_code == EXIT_INTERNAL:
        raise CommandError(f"la borne s'est arrêtée sur une erreur interne ; le détail est dans "
                           f"{storage.data_dir_for_args(args) / LOG_FILE}", EXIT_INTERNAL)
    return app.return_code or 0


def _serve(args, pin: str) -> int:
    from ..ui.kiosk.serve import serve

    options = [args.questionnaire] if args.questionnaire else []
    options += ["--exit-key", args.exit_key, "--idle", str(args.idle),
                "--idle-grace", str(args.idle_grace)]
    if args.data_dir:
        options += ["--data-dir", os.path.abspath(args.data_dir)]
    if args.store:   # a URL without its password (~/.pgpass): it is on a command line
        options += ["--store", args.store]
    if args.today:
        options += ["--today", args.today.isoformat()]
    try:
        serve(options, host=args.host, port=args.port, pin=pin, pin_variable=PIN_VARIABLE)
    except OSError as exc:
        raise CommandError(f"impossible d'écouter sur {args.host}:{args.port} : "
                           f"{exc.strerror or exc}", EXIT_USAGE) from None
    return 0


def _log_errors_to(path) -> None:
    """Unexpected errors of the kiosk, with their details, for the adviser (never on screen)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"journal de la borne impossible ({path}) : {exc.strerror or exc}",
                           EXIT_DATA) from None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("diagnostic.kiosk")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
