"""Words, dates and numbers for a session's locale (Babel).

A `Formatter` is made for one locale and passed to whatever renders text
(`report.render(diagnostic, fmt, Formatter("fr"))`); there is no global
locale. Messages go through `gettext`, backed by a Babel/gettext catalogue
in `diagnostic/locales/<lang>/LC_MESSAGES/diagnostic.mo` when there is one
(the source language is French, so French needs none).
"""
from __future__ import annotations

import datetime as dt
import gettext as _gettext
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations

from .expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN, Special, round_half_away
from .model import INTENSITIES, PATHWAYS, PROVIDERS, THEMES

__all__ = ["Formatter", "UnknownLocaleError", "DEFAULT_LOCALE"]

DEFAULT_LOCALE = "fr"
_LOCALES = Path(__file__).parent / "locales"


class Formatter:
    """Formats values and words for one locale."""

    def __init__(self, locale: str = DEFAULT_LOCALE, translations: _gettext.NullTranslations | None = None):
        if not isinstance(locale, str) or not locale.strip():
            raise UnknownLocaleError(str(locale))
        try:
            self.locale = Locale.parse(locale.strip().replace("-", "_"))
        except (ValueError, TypeError):
            raise UnknownLocaleError(locale) from None
        self.code = str(self.locale)
        self.translations = translations if translations is not None else _catalogue(self.code)
        self._dates: dict = {}

    @property
    def language(self) -> str:
        """The language code for `<html lang>`: 'fr', 'en'…"""
        return self.locale.language

    # --- words ---------------------------------------------------------------

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

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
            return {"fort": self.gettext("Frein fort"), "moyen": self.gettext("Frein moyen"),
                    "sans_impact": self.gettext("À surveiller, sans impact sur l'emploi")}.get(intensity or "", self.gettext("Frein"))
        return self.gettext({"atout": "Atout", "non_aborde": "Non abordé",
                             "declined": "Ne souhaite pas répondre",
                             "sans_constat": "Abordé, sans constat"}.get(status, status))

    def finding_kind(self, kind: str, intensity: str | None = None) -> str:
        return self.status(kind, intensity)

    def action_status(self, status: str) -> str:
        return self.gettext({"planned": "Prévue", "in_progress": "En cours", "done": "Réalisée",
                             "abandoned": "Abandonnée", "cancelled": "Annulée",
                             "on_hold": "En attente"}.get(status, status))

    def agreement(self, needs: bool, agreed: bool | None) -> str:
        if agreed is True:
            return self.gettext("Accord donné")
        if agreed is False:
            return self.gettext("Accord refusé")
        return self.gettext("Accord à recueillir") if needs else ""

    def mode(self, mode: str) -> str:
        return self.gettext({"adviser": "Entretien avec un conseiller", "kiosk": "Borne en libre-service",
                             "script": "Traitement automatique"}.get(mode, mode))

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
            return self.gettext({DECLINED: "Ne souhaite pas répondre", DONT_KNOW: "Ne sait pas",
                                 SKIPPED: "Sans réponse", NOT_APPLICABLE: "Question non posée"}[value])
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


@lru_cache(maxsize=16)
def _catalogue(code: str) -> _gettext.NullTranslations:
    if (_LOCALES / code).is_dir() or (_LOCALES / code.split("_")[0]).is_dir():
        return Translations.load(str(_LOCALES), [code], domain="diagnostic")
    return _gettext.NullTranslations()
