"""The adviser console (Textual): run an interview, see the findings grow, edit the plan,
finalise and export.

Imported only when the console runs (`diagnostic console`, or `python main.py` at a
terminal): nothing else imports Textual. `app.ConsoleApp` holds the interview service;
one screen per file (`home`, `interview`, `review`, `help`, and the small dialogs in
`dialogs`), styles in the `.tcss` beside them.
"""
from __future__ import annotations

import logging
from pathlib import Path


def launch(service, *, lang: str = "fr", data_dir: Path | None = None) -> int:
    """Run the console over `service` (a `diagnostic.service.Service`); the exit code.

    Unexpected errors are logged to `console.log` in the data folder (details stay with
    the data they may mention, never on screen)."""
    from .app import ConsoleApp
    log_path = None
    if data_dir is not None:
        try:
            Path(data_dir).mkdir(parents=True, exist_ok=True)
        except OSError:
            data_dir = None
    if data_dir is not None:
        log_path = Path(data_dir) / "console.log"
        handler = logging.FileHandler(log_path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger = logging.getLogger("diagnostic.console")
        logger.addHandler(handler)
        logger.propagate = False
    app = ConsoleApp(service, lang=lang, log_path=str(log_path) if log_path else None)
    app.run()
    return app.return_code or 0
