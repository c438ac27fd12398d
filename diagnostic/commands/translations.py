"""`diagnostic translations`: how complete each catalogue is, per language and domain.

    python main.py translations                       # every shipped language, both domains
    python main.py translations --domain diagnostic   # the interface only
    python main.py translations --lang uk --details   # and each message missing or stale

The French texts are extracted from the sources as `pybabel extract` would
(Python and templates for `diagnostic`, questionnaires/ and rules/ for
`questionnaires`) and compared with `locales/<lang>/LC_MESSAGES/<domain>.po`:

- translated: a translation that is not marked fuzzy;
- stale: the French changed since the translation: the entry is marked fuzzy
  (what `pybabel update` does to a changed text), or, before any update, a
  translated entry sits at the same YAML path (file and path of the
  translator comment) with another French text;
- missing: everything else (no entry, or an empty one).

Exit 1 when a checked catalogue has a missing or stale message, else 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from ..cli import EXIT_USAGE, CommandError
from ..i18n import AUTHORING_LANGUAGES, DEFAULT_LOCALE, DOMAINS, LANGUAGES, locales_dir
from ..loading.extract import PLACE

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
_YAML = "diagnostic.loading.extract:extract_yaml"   # the entry point `diagnostic_yaml`, installed or not
SOURCES = {   # domain -> (folders, pybabel method per pattern, options per pattern): as in babel.cfg
    "diagnostic": ((PACKAGE,), [("errors.py", "ignore"), ("**.py", "python"), ("**.j2", "jinja2")],
                   {"**.j2": {"trim_blocks": "true", "lstrip_blocks": "true"}}),
    "questionnaires": ((ROOT / "questionnaires", ROOT / "rules"), [("**.yaml", _YAML)], {}),
    "authoring": ((PACKAGE,), [("errors.py", "python"), ("**", "ignore")], {}),
}
LANGUAGES_OF = {"authoring": AUTHORING_LANGUAGES}   # a domain not for every language


@dataclass
class Report:
    lang: str
    domain: str
    translated: int = 0
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale


def register(sub) -> None:
    p = sub.add_parser("translations", help="état des traductions, par langue",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("--lang", action="append", choices=[code for code in LANGUAGES if code != DEFAULT_LOCALE],
                   help="only this language (repeatable; default: every shipped language)")
    p.add_argument("--domain", action="append", choices=DOMAINS,
                   help="only this domain (repeatable; default: both)")
    p.add_argument("--details", action="store_true", help="list each missing or stale message")
    p.set_defaults(func=run)


def run(args) -> int:
    langs = args.lang or shipped()
    if not langs:
        raise CommandError(f"{locales_dir()}: aucun catalogue", EXIT_USAGE)
    reports = [check(lang, domain, extracted(domain)) for domain in (args.domain or DOMAINS) for lang in langs
               if lang in LANGUAGES_OF.get(domain, LANGUAGES)]
    for r in reports:
        print(f"{r.lang}\t{r.domain}\ttranslated {r.translated}\tmissing {len(r.missing)}\tstale {len(r.stale)}")
        if args.details:
            for kind, ids in (("missing", r.missing), ("stale", r.stale)):
                for msgid in ids:
                    print(f"  {kind}: {_one_line(msgid)}")
    return 0 if all(r.complete for r in reports) else 1


def shipped() -> list[str]:
    """The languages with a catalogue folder, in LANGUAGES order."""
    return [code for code in LANGUAGES if code != DEFAULT_LOCALE and (locales_dir() / code).is_dir()]


def extracted(domain: str, folders=None) -> dict:
    """msgid (or (context, msgid)) -> the YAML places it was found at, for every source text."""
    found: dict = {}
    default, methods, options = SOURCES[domain]
    for folder in map(Path, folders or default):
        if not folder.is_dir():
            continue
        for _file, _line, message, comments, context in extract_from_dir(
                str(folder), methods, options, keywords=KEYWORDS, strip_comment_tags=True):
            msgid = message if isinstance(message, str) else message[0]   # (singular, plural)
            key = msgid if not context else (context, msgid)
            found.setdefault(key, set()).update(_places(comments))
    return found


def check(lang: str, domain: str, sources: dict, locales: Path | None = None) -> Report:
    """How much of `sources` (from `extracted`) the language's catalogue translates."""
    report = Report(lang, domain)
    path = (locales or locales_dir()) / lang / "LC_MESSAGES" / f"{domain}.po"
    entries, by_place = {}, {}
    if path.is_file():
        with path.open("rb") as po:
            catalog = read_po(po, locale=lang, domain=domain)
        for message in [*catalog, *catalog.obsolete.values()]:
            if not message.id:
                continue
            translated = all(message.string) if isinstance(message.string, tuple) else bool(message.string)
            entries.setdefault(_key(message), (translated, message.fuzzy))
            if translated and not message.fuzzy:
                for place in _places(message.auto_comments):
                    by_place.setdefault(place, _key(message))
    for key, places in sources.items():
        translated, fuzzy = entries.get(key, (False, False))
        msgid = key if isinstance(key, str) else key[1]
        if translated and not fuzzy:
            report.translated += 1
        elif fuzzy or any(by_place.get(place, key) != key for place in places):
            report.stale.append(msgid)
        else:
            report.missing.append(msgid)
    return report


def _key(message):
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid if not message.context else (message.context, msgid)


def _places(comments) -> set[str]:
    """'logement.yaml sections[…].text' for each of our translator comments (the line left out:
    it moves with every edit above)."""
    return {f"{m['file']} {m['path']}" for m in map(PLACE.fullmatch, comments) if m}


def _one_line(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
