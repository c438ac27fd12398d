"""Words, dates and numbers in a session's language (gettext catalogues, Babel).

A `Formatter` is made for one locale and passed to whatever words things
(`report.render(diagnostic, fmt, Formatter("uk"))`, a front, a command);
there is no process-wide `gettext.install`, so two sessions in one process
can speak two languages. French is the source language: every msgid is the
French text, and a message without a translation is shown in French.

Catalogues are the `.po` files of `locales/<lang>/LC_MESSAGES/<domain>.po`
(domain `diagnostic`: the interface; domain `questionnaires`: the texts of
questionnaire and rule files). Each is compiled in memory with Babel on its
first use and kept for the life of the process; no `.mo` file is kept or read.
See docs/translation.md.
"""
from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
import math
import os
import site
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages import mofile, pofile
from babel.numbers import format_decimal
from babel.support import Translations

from .expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, Special, round_half_away
from .model import INTENSITIES, PATHWAYS, PROVIDERS, THEMES, N_

__all__ = ["Formatter", "UnknownLocaleError", "DEFAULT_LOCALE", "LANGUAGES", "DOMAINS",
           "interface_language", "catalogue", "locales_dir"]

DEFAULT_LOCALE = "fr"
# The interface languages, each in its own name, in the order a menu shows them.
LANGUAGES = {"fr": "Français", "en": "English", "uk": "Українська"}
DOMAINS = ("diagnostic", "questionnaires")   # the interface; questionnaire and rule texts

_BARRIERS = {"fort": N_("Frein fort"), "moyen": N_("Frein moyen"), "sans_impact": N_("À surveiller, sans impact sur l'emploi")}
_BARRIER = N_("Frein")   # of no known intensity
_STATUSES = {"atout": N_("Atout"), "non_aborde": N_("Non abordé"), "declined": N_("Ne souhaite pas répondre"),
             "sans_constat": N_("Abordé, sans constat")}
_ACTION_STATUSES = {"planned": N_("Prévue"), "in_progress": N_("En cours"), "done": N_("Réalisée"),
                    "abandoned": N_("Abandonnée"), "cancelled": N_("Annulée"), "on_hold": N_("En attente")}
_MODES = {"adviser": N_("Entretien avec un conseiller"), "kiosk": N_("Borne en libre-service"),
          "script": N_("Traitement automatique")}
_SPECIALS = {DECLINED: N_("Ne souhaite pas répondre"), DONT_KNOW: N_("Ne sait pas"), SKIPPED: N_("Sans réponse"),
             NOT_APPLICABLE: N_("Question non posée")}


def locales_dir() -> Path:
    """Where the catalogues are: $DIAGNOSTIC_LOCALES, else `locales/` of a source checkout
    (next to the package), else `share/diagnostic/locales` of an installed wheel (data files)."""
    if os.environ.get("DIAGNOSTIC_LOCALES"):
        return Path(os.environ["DIAGNOSTIC_LOCALES"])
    checkout = Path(__file__).resolve().parent.parent / "locales"
    if checkout.is_dir():
        return checkout
    for prefix in (sys.prefix, site.getuserbase()):
        installed = Path(prefix) / "share" / "diagnostic" / "locales"
        if installed.is_dir():
            return installed
    return checkout


def interface_language(locale: str | None) -> str:
    """The interface language whose words a locale gets: 'en_GB' -> 'en', 'uk-UA' -> 'uk';
    a language without a catalogue (or nothing) -> 'fr'."""
    code = (locale or "").strip().replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LOCALE


def catalogue(lang: str, domain: str = "diagnostic") -> _gettext.NullTranslations:
    """The catalogue of one interface language and domain, compiled from its `.po` on first use.
    French, or a language or domain without a `.po`, gives the French msgids unchanged."""
    return _compiled(interface_language(lang), domain, str(locales_dir()))


@lru_cache(maxsize=32)
def _compiled(lang: str, domain: str, folder: str) -> _gettext.NullTranslations:
    path = Path(folder) / lang / "LC_MESSAGES" / f"{domain}.po"
    if lang == DEFAULT_LOCALE or not path.is_file():
        return _gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = pofile.read_po(po, locale=lang, domain=domain)
    compiled = io.BytesIO()
    mofile.write_mo(compiled, catalog)      # fuzzy and empty entries left out: they fall back to French
    compiled.seek(0)
    return Translations(compiled, domain=domain)


class Formatter:
    """Formats values and words for one locale."""

    def __init__(self, locale: str = DEFAULT_LOCALE, translations: _gettext.NullTranslations | None = None,
                 content: _gettext.NullTranslations | None = None):
        """`locale`: 'fr', 'en', 'uk', 'en_GB'… (dates and numbers follow it, words follow its
        interface language); `translations`/`content` replace the interface/questionnaire catalogues."""
        if not isinstance(locale, str) or not locale.strip():
            raise UnknownLocaleError(str(locale))
        try:
            self.locale = Locale.parse(locale.strip().replace("-", "_"))
        except (ValueError, TypeError):
            raise UnknownLocaleError(locale) from None
        self.code = str(self.locale)
        self.lang = interface_language(self.code)   # the language of the words: a LANGUAGES key
        self.translations = translations if translations is not None else catalogue(self.lang)
        self.contents = content if content is not None else catalogue(self.lang, "questionnaires")
        self._dates: dict = {}

    @property
    def language(self) -> str:
        """The language code for `<html lang>`: 'fr', 'en'…"""
        return self.locale.language

    # --- words ---------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message) if message else ""   # gettext("") is the .po header

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for `n` (Ukrainian has three); format the number in afterwards."""
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """A message whose French is ambiguous alone ('Non' a status, 'Non' an answer)."""
        return self.translations.pgettext(context, message)

    def content(self, text: str | None) -> str:
        """A text of a questionnaire or rule file (question, help, choice label, section, note,
        finding, situation, objective, action, pathway reason) in this language, else French."""
        return self.contents.gettext(text) if text else ""

    def yes_no(self, value: bool) -> str:
        return self.gettext("Oui") if value else self.gettext("Non")

    def theme(self, slug: str) -> str:
        return self.gettext(THEMES.get(slug, slug))

    def pathway(self, slug: str) -> str:
        return self.gettext(PATHWAYS.get(slug, slug))

    def provider(self, slug: str) -> str:
        return self.gettext(PROVIDERS.get(slug, slug))

    def intensity(self, slug: str | None) -> str:
        return self.gettext(INTENSITIES.get(slug, slug or ""))

    def status(self, status: str, intensity: str | None = None) -> str:
        """A theme's status in words: 'Frein fort', 'Atout', 'Non abordé'…"""
        if status == "frein":
            return self.gettext(_BARRIERS.get(intensity or "", _BARRIER))
        return self._word(_STATUSES, status)

    def finding_kind(self, kind: str, intensity: str | None = None) -> str:
        return self.status(kind, intensity)

    def action_status(self, status: str) -> str:
        return self._word(_ACTION_STATUSES, status)

    def agreement(self, needs: bool, agreed: bool | None) -> str:
        if agreed is True:
            return self.gettext("Accord donné")
        if agreed is False:
            return self.gettext("Accord refusé")
        return self.gettext("Accord à recueillir") if needs else ""

    def mode(self, mode: str) -> str:
        return self._word(_MODES, mode)

    def _word(self, words: dict, code: str) -> str:
        return self.gettext(words[code]) if code in words else code

    # --- values ----------------------------------------------------------------

    def date(self, value: Any, format: str = "long") -> str:  # noqa: A002 - Babel's name
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            return ""
        key = (value, format)
        if key not in self._dates:
            if len(self._dates) > 4096:
                self._dates.clear()
            self._dates[key] = format_date(value, format=format, locale=self.locale)
        return self._dates[key]

    def number(self, value: Any, decimals: int | None = None) -> str:
        """A number for the locale ("1 234,5"); with `decimals`, exactly that many, rounded halves
        away from zero as by hand ("78,70")."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, float) and not math.isfinite(value):
            return "—"
        if decimals is None:
            return format_decimal(value, locale=self.locale)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(round_half_away(value, decimals), format=pattern, locale=self.locale,
                              decimal_quantization=False)

    def not_computed(self, missing: tuple = (), finished: bool = True) -> str:
        """Why an indicator has no value. `missing`: (question text, state) of the questions it
        needed that have no answer ('declined', 'dont_know', 'skipped', 'not_applicable', 'unknown')."""
        if not finished and any(state == "unknown" for _, state in missing):
            return self.gettext("pas encore calculé : l'entretien n'est pas terminé")
        lacking = [text for text, state in missing if state in ("declined", "dont_know", "skipped")]
        unasked = [text for text, state in missing if state == "not_applicable"]
        if lacking:
            words = (self.gettext("non calculé : une réponse manque (question {questions})") if len(lacking) == 1
                     else self.gettext("non calculé : {count} réponses manquent (questions {questions})"))
            return words.format(count=len(lacking), questions=_quoted(lacking))
        if unasked:
            words = (self.gettext("non calculé : question non posée ({questions})") if len(unasked) == 1
                     else self.gettext("non calculé : questions non posées ({questions})"))
            return words.format(questions=_quoted(unasked))
        return self.gettext("non calculé")

    def answer(self, value: Any, labels: tuple = (), unit: str | None = None) -> str:
        """An answer in plain words: choice labels, Oui/Non, a date, a number with its unit."""
        if value is UNKNOWN:
            return self.gettext("Pas encore répondu")
        if isinstance(value, Special):
            return self.gettext(_SPECIALS[value])
        if labels:
            return " ; ".join(labels)
        if isinstance(value, bool):
            return self.yes_no(value)
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, (int, float)):
            text = self.number(value)
            return f"{text} {unit}" if unit else text
        if isinstance(value, (list, tuple, frozenset)):
            return " ; ".join(str(v) for v in value)
        return str(value)


def _quoted(texts: list, most: int = 3) -> str:
    shown = ", ".join(f"« {t.strip()} »" for t in texts[:most])
    return shown + (", …" if len(texts) > most else "")
