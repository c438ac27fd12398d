"""`diagnostic run QUESTIONNAIRE --answers FILE`: the interview without a UI.

Each asked question is answered from FILE, a YAML (or JSON) mapping of
question id to answer, or the JSON that `export` writes (its answers are
used); `{declined: true}`, `{dont_know: true}` and `{skipped: true}` stand
for the non-answers (docs/format.md). Exit 3 when an asked question has no
answer in FILE or its answer is refused. An id that is no question of the
questionnaire is warned about on standard error (exit code unchanged).

The output is the diagnostic (findings, pathway, draft action plan) in one
of the formats json, text, markdown, html; the JSON follows
diagnostic/report/schemas/diagnostic.schema.json. Exit 1 when the
questionnaire or its rule files are invalid.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..answers import accepted
from ..cli import EXIT_ANSWERS, EXIT_INVALID, EXIT_USAGE, CommandError, iso_date
from ..engine import Session
from ..errors import LoadError
from ..i18n import DEFAULT_LOCALE, Formatter, UnknownLocaleError
from ..loading import load_questionnaire
from ..loading.rules import load_rules
from ..loading.yamlreader import read
from ..model import RuleSet
from ..plan import InvalidEdit, edits_from_json
from ..report import TemplateError, render, to_data
from ..scoring import EMPTY_RULES, diagnose
from ..service import AnswerRefused, Content, Service, ServiceError


def register(sub) -> None:
    p = sub.add_parser("run", help="dérouler un questionnaire à partir d'un fichier de réponses",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("questionnaire", help="questionnaire file")
    p.add_argument("--answers", required=True, metavar="FILE", help="YAML or JSON mapping: question id -> answer")
    p.add_argument("--format", choices=sorted(FORMATS), default="json")
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="date of the interview (default: today)")
    p.add_argument("--locale", default=DEFAULT_LOCALE, help=f"locale of dates, numbers and words (default: {DEFAULT_LOCALE})")
    p.add_argument("--edits", metavar="FILE", help="YAML or JSON list of the adviser's edits to the draft action plan")
    p.add_argument("--templates", metavar="DIR", help="folder of replacement templates (text.txt.j2, markdown.md.j2, html.html.j2)")
    p.add_argument("--trace", action="store_true",
                   help="dire, sur la sortie d'erreur, pourquoi chaque question est posée ou sautée et chaque "
                        "constat fait")
    p.set_defaults(func=run)


def load_or_fail(path: str):
    """Load a questionnaire for a command; print located problems and stop on failure."""
    if not Path(path).exists():
        raise CommandError(f"{path}: fichier introuvable", EXIT_USAGE)
    return _loaded(load_questionnaire, path, f"{path}: questionnaire invalide")


def rules_or_fail(questionnaire) -> RuleSet:
    """The questionnaire's rule set; print located problems and stop when its rule files are invalid."""
    return _loaded(load_rules, questionnaire, f"{questionnaire.source}: règles invalides")


def _loaded(load, source, failure: str):
    try:
        return load(source)
    except LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise CommandError(f"{failure} ({len(exc.problems)} problème(s))", EXIT_INVALID) from None


def read_answers(path: str) -> tuple[dict, object, tuple]:
    """The answers of FILE (a mapping, a scenario file's `answers:`, or the JSON `export`
    writes), its document, and the YAML path prefix of an answer in it (to locate a refused one)."""
    if not Path(path).exists():
        raise CommandError(f"{path}: fichier de réponses introuvable", EXIT_USAGE)
    doc, problems = read(path)
    if problems:
        raise CommandError("\n".join(str(p) for p in problems), EXIT_ANSWERS)
    if doc.data is None:
        return {}, doc, ()
    answers = answers_in(Service.answers_of(doc.data))
    if not isinstance(answers, dict):
        raise CommandError(f"{path}: le fichier de réponses doit associer chaque question à sa réponse",
                           EXIT_ANSWERS)
    return answers, doc, (("answers",) if answers is not doc.data else ())


def answers_in(data):
    """The answers of an answers file: a mapping as is, or the `answers:` of a scenario file."""
    if isinstance(data, dict) and isinstance(data.get("answers"), dict) and data.keys() & {"expect", "questionnaire"}:
        return data["answers"]
    return data


def replay(questionnaire, answers: dict, today: dt.date | None = None, doc=None,
           prefix: tuple = ()) -> Session:
    """Run the interview through the service, answering each asked question from `answers`;
    a refused answer is located in `doc` (only then: locating is not free)."""
    service = Service(None, front="command", today=today)
    interview = service.start(Content(questionnaire, EMPTY_RULES, questionnaire.source), mode="script")
    try:
        interview.replay(answers)
    except AnswerRefused as exc:
        qid = exc.params["question"]
        located = prefix + (qid, "value") if prefix else (qid,)
        where = f"{doc.where(located)}: " if doc is not None else ""
        raise CommandError(f"{where}réponse refusée pour '{qid}' : {exc}"
                           f"{valid_values(questionnaire.questions[qid])}", EXIT_ANSWERS) from None
    except ServiceError as exc:
        raise CommandError(str(exc), EXIT_ANSWERS) from None
    return interview.session


def warn_unknown(questionnaire, answers: dict, path: str) -> None:
    """A warning on stderr for each id that is no question (with "did you mean")."""
    content = Content(questionnaire, EMPTY_RULES, questionnaire.source)
    for qid, close in Service.unknown_ids(content, answers):
        hint = f" (vouliez-vous dire « {close} » ?)" if close else ""
        print(f"{path}: attention : « {qid} » n'est pas une question de ce questionnaire{hint} ; "
              "réponse ignorée", file=sys.stderr)


def valid_values(question) -> str:
    """" Valeurs possibles : 0, 1, 2, 3, {declined: true}." for an answer refused, as written in a file."""
    def shown(value) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: true" for k in value) + "}"
        return str(value)
    values = accepted(question)
    if not values:
        return ""
    more = " (une liste de valeurs)" if question.type == "multi_choice" else ""
    return f" Valeurs possibles{more} : {', '.join(shown(v) for v in values)}."


def result(session: Session, ruleset: RuleSet | None = None, *, locale: str = DEFAULT_LOCALE,
           mode: str = "script", edits=()) -> dict:
    """The headless result as JSON-able data: the diagnostic (diagnostic.schema.json),
    whose keys include questionnaire, date, asked and answers."""
    if ruleset is None:
        ruleset = rules_or_fail(session.questionnaire)
    return to_data(diagnose(session, ruleset, mode=mode, locale=locale, edits=edits), Formatter(locale))


def _renderer(name: str):
    def render_session(session: Session, ruleset: RuleSet | None = None, *, locale: str = DEFAULT_LOCALE,
                       mode: str = "script", edits=(), templates: str | None = None) -> str:
        if ruleset is None:
            ruleset = rules_or_fail(session.questionnaire)
        diagnostic = diagnose(session, ruleset, mode=mode, locale=locale, edits=edits)
        return render(diagnostic, name, Formatter(locale), templates=templates)
    return render_session


FORMATS = {name: _renderer(name) for name in ("json", "text", "markdown", "html")}


def read_edits(path: str):
    if not Path(path).exists():
        raise CommandError(f"{path}: fichier de modifications introuvable", EXIT_USAGE)
    doc, problems = read(path)
    if problems:
        raise CommandError("\n".join(str(p) for p in problems), EXIT_USAGE)
    try:
        return edits_from_json(doc.data if doc.data is not None else [])
    except InvalidEdit as exc:
        raise CommandError(f"{path}: {exc}", EXIT_USAGE) from None


def run(args) -> int:
    try:
        Formatter(args.locale)
    except UnknownLocaleError:
        raise CommandError(f"locale inconnue : {args.locale}", EXIT_USAGE) from None
    if args.templates and not Path(args.templates).is_dir():
        raise CommandError(f"{args.templates}: dossier de modèles introuvable", EXIT_USAGE)
    questionnaire = load_or_fail(args.questionnaire)
    ruleset = rules_or_fail(questionnaire)
    edits = read_edits(args.edits) if args.edits else ()
    answers, doc, prefix = read_answers(args.answers)
    warn_unknown(questionnaire, answers, args.answers)
    session = replay(questionnaire, answers, args.today, doc, prefix)
    try:
        text = FORMATS[args.format](session, ruleset, locale=args.locale, edits=edits, templates=args.templates)
    except TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "lineno", None) else ""
        raise CommandError(f"{where}modèle de rendu invalide : {exc.message or exc}", EXIT_INVALID) from None
    if args.trace:
        from ..authoring.trace import trace  # noqa: PLC0415 - only when asked for
        for line in trace(session, ruleset, result(session, ruleset, locale=args.locale, edits=edits)):
            print(line, file=sys.stderr)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
