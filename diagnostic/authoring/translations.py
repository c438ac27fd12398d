"""Missing translations (W509): texts of questionnaires and rule files without a
translation in the gettext catalogues of the domain `questionnaires`
(`locales/<lang>/LC_MESSAGES/questionnaires.po`, docs/translation.md). The
folder is `$DIAGNOSTIC_LOCALES`, else a `locales/` next to the file or above it.
Without a catalogue there is nothing to check: French, the source language,
needs none. One warning per text, naming every language it lacks."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..errors import Problem, problem
from .texts import rule_texts, texts

DOMAIN = "questionnaires"


def translation_warnings(doc, rules: bool = False) -> Iterator[Problem]:
    catalogues = _catalogues(_locales(Path(doc.path).resolve().parent))
    if not catalogues:
        return
    for text in (rule_texts if rules else texts)(doc.data):
        missing = [lang for lang, translated in catalogues if text.text not in translated]
        if missing:
            yield problem("W509.untranslated", doc.where(text.path), langs=", ".join(missing))


def _locales(folder: Path) -> Path | None:
    if os.environ.get("DIAGNOSTIC_LOCALES"):
        return Path(os.environ["DIAGNOSTIC_LOCALES"])
    for candidate in (folder, *folder.parents[:3]):
        if (candidate / "locales").is_dir():
            return candidate / "locales"
    return None


@lru_cache(maxsize=8)
def _catalogues(locales: Path | None) -> tuple:
    """(language, frozenset of translated msgids) for each language with a catalogue of the domain."""
    if locales is None or not locales.is_dir():
        return ()
    from babel.messages.pofile import read_po  # noqa: PLC0415 - only when there are catalogues

    found = []
    for po in sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        try:
            with po.open("rb") as handle:
                catalogue = read_po(handle)
        except (OSError, ValueError):
            continue
        translated = frozenset(m.id for m in catalogue if m.id and m.string and not m.fuzzy)
        found.append((po.parent.parent.name, translated))
    return tuple(found)
