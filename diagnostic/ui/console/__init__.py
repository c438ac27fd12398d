"""The adviser console (Textual): run an interview, see the findings grow, edit the plan,
finalise and export.

Imported only when the console runs (`diagnostic console`, or `python main.py` at a
terminal): nothing else imports Textual. `app.ConsoleApp` holds the interview service
and the translator; one screen per file (`home`, `interview`, `review`, `help`), styles
in the `.tcss` beside them.
"""
from __future__ import annotations


def launch(*, data_dir: str | None = None, lang: str = "fr") -> int:
    """Run the console on the sessions of `data_dir`; the exit code."""
    from .app import ConsoleApp
    app = ConsoleApp(None, lang=lang)
    app.run()
    return app.return_code or 0
