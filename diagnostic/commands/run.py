"""`diagnostic run QUESTIONNAIRE --answers FILE`: the interview without a UI.

Each asked question is answered from FILE, a YAML (or JSON) mapping of
question id to answer; `{declined: true}`, `{dont_know: true}` and
`{skipped: true}` stand for the non-answers (docs/format.md). Exit 3 when an
asked question has no answer in FILE or its answer is refused.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from ..answers import InvalidAnswer
from ..cli import CommandError
from ..engine import Session
from ..errors import LoadError
from ..expressions import SKIPPED
from ..loading import load_questionnaire
from ..loading.yamlreader import read
from ..model import encode_answer

EXIT_INVALID_FILES, EXIT_USAGE, EXIT_ANSWERS = 1, 2, 3


def register(sub) -> None:
    p = sub.add_parser("run", help="dérouler un questionnaire à partir d'un fichier de réponses",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("questionnaire", help="questionnaire file")
    p.add_argument("--answers", required=True, metavar="FILE", help="YAML or JSON mapping: question id -> answer")
    p.add_argument("--format", choices=sorted(FORMATS), default="json")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="date of the interview (default: today)")
    p.set_defaults(func=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text}") from None


def load_or_fail(path: str):
    """Load a questionnaire for a command; print located problems and stop on failure."""
    if not Path(path).exists():
        raise CommandError(f"{path}: fichier introuvable", EXIT_USAGE)
    try:
        return load_questionnaire(path)
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise CommandError(f"{path}: questionnaire invalide ({len(exc.problems)} problème(s))",
                           EXIT_INVALID_FILES) from None


def read_answers(path: str) -> tuple[dict, object]:
    if not Path(path).exists():
        raise CommandError(f"{path}: fichier de réponses introuvable", EXIT_USAGE)
    doc, problems = read(path)
    if problems:
        raise CommandError("\n".join(str(p) for p in problems), EXIT_ANSWERS)
    if doc.data is None:
        return {}, doc
    if not isinstance(doc.data, dict):
        raise CommandError(f"{path}: le fichier de réponses doit associer chaque question à sa réponse",
                           EXIT_ANSWERS)
    return doc.data, doc


def replay(questionnaire, answers: dict, today: dt.date | None = None, doc=None) -> Session:
    """Run the interview, answering each asked question from `answers`."""
    session = Session(questionnaire, today=today)
    while (question := session.current) is not None:
        if not question.asks:
            session.answer(None)
            continue
        where = f"{doc.where((question.id,))}: " if doc is not None and question.id in answers else ""
        if question.id not in answers:
            if not question.required:
                session.answer(SKIPPED)
                continue
            raise CommandError(f"la question '{question.id}' est posée mais le fichier de réponses "
                               f"n'a pas de réponse pour elle ({question.text})", EXIT_ANSWERS)
        try:
            session.answer(answers[question.id])
        except InvalidAnswer as exc:
            raise CommandError(f"{where}réponse refusée pour '{question.id}' : {exc}", EXIT_ANSWERS) from None
    return session


def result(session: Session) -> dict:
    """The headless result as JSON-able data (the stable keys come first)."""
    q = session.questionnaire
    return {
        "questionnaire": {"id": q.id, "version": q.version, "hash": q.content_hash, "title": q.title},
        "date": session.today.isoformat(),
        "asked": session.asked(),
        "answers": {k: encode_answer(v) for k, v in session.relevant_answers().items()},
    }


def _json(session: Session) -> str:
    return json.dumps(result(session), ensure_ascii=False, indent=2)


FORMATS = {"json": _json}


def run(args) -> int:
    questionnaire = load_or_fail(args.questionnaire)
    answers, doc = read_answers(args.answers)
    session = replay(questionnaire, answers, args.today, doc)
    print(FORMATS[args.format](session))
    return 0
