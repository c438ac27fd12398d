"""Missing translations (W509): questionnaire texts without a translation in a
gettext catalogue of `locales/<lang>/LC_MESSAGES/*.po`, the folder found next to
the questionnaire or above it. Without a catalogue there is nothing to check:
French, the source language, needs none."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..errors import Problem, problem
from .texts import texts


def translation_warnings(doc) -> Iterator[Problem]:
    catalogues = _catalogues(_locales(Path(doc.path).resolve().parent))
    for text in texts(doc.data):
        for lang, translated in catalogues:
            if text.text not in translated:
                yield problem("W509.untranslated", doc.where(text.path), lang=lang)


def _locales(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents[:3]):
        if (candidate / "locales").is_dir():
            return candidate / "locales"
    return None


@lru_cache(maxsize=8)
def _catalogues(locales: Path | None) -> tuple:
    """(language, frozenset of translated msgids) for each language of `locales`."""
    if locales is None:
        return ()
    from babel.messages.pofile import read_po  # noqa: PLC0415 - only when there are catalogues

    found = []
    for lang_dir in sorted(p for p in locales.iterdir() if (p / "LC_MESSAGES").is_dir()):
        translated = set()
        for po in sorted((lang_dir / "LC_MESSAGES").glob("*.po")):
            try:
                with po.open("rb") as handle:
                    catalogue = read_po(handle)
            except (OSError, ValueError):
                continue
            translated |= {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
        if any((lang_dir / "LC_MESSAGES").glob("*.po")):
            found.append((lang_dir.name, frozenset(translated)))
    return tuple(found)
