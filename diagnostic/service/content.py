"""Opening a questionnaire with its rules, and finding the shipped diagnostic.

The shipped content (`questionnaires/` and `rules/`, side by side so that a
questionnaire's `rules: ../rules/x.yaml` resolves) is looked for, in order:

1. `$DIAGNOSTIC_CONTENT_DIR` (a folder holding both), for a territory's own copy;
2. `<prefix>/share/diagnostic/`, where a wheel installs it (pyproject's
   data-files), for the interpreter's prefix and the user's base;
3. the checkout this package runs from, found through `sys.path` entries
   (the folder on the path that holds `diagnostic/` and `questionnaires/`).
"""
from __future__ import annotations

import os
import site
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError
from ..loading import load_questionnaire
from ..loading.rules import load_rules
from ..model import Questionnaire, RuleSet
from .errors import ServiceError

ENV_VAR = "DIAGNOSTIC_CONTENT_DIR"
DEFAULT_ID = "diagnostic"

__all__ = ["Content", "Opened", "open_content", "content_dirs", "shipped_questionnaire", "LoadError"]


@dataclass(frozen=True)
class Content:
    """A questionnaire opened with its rule set: what `Service.start` takes."""
    questionnaire: Questionnaire
    rules: RuleSet
    path: str


def content_dirs() -> list[Path]:
    """Candidate folders holding `questionnaires/` (and `rules/`), most specific first."""
    candidates: list[Path] = []
    if os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    prefixes = [sysconfig.get_path("data"), sys.prefix, getattr(site, "USER_BASE", None)]
    candidates += [Path(p) / "share" / "diagnostic" for p in prefixes if p]
    for entry in sys.path:  # a checkout: the folder that holds the package also holds the content
        folder = Path(entry or os.getcwd())
        if (folder / "diagnostic" / "__init__.py").is_file():
            candidates.append(folder)
    seen, found = set(), []
    for path in candidates:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen and (path / "questionnaires").is_dir():
            seen.add(key)
            found.append(path)
    return found


def shipped_questionnaire(questionnaire_id: str = DEFAULT_ID) -> Path:
    """The file of a shipped questionnaire (default: the full diagnostic).

    Raises ServiceError ``questionnaire_not_found`` (params: id, searched)."""
    dirs = content_dirs()
    for folder in dirs:
        candidate = folder / "questionnaires" / f"{questionnaire_id}.yaml"
        if candidate.is_file():
            return candidate
    searched = [str(d / "questionnaires") for d in dirs]
    where = f" dans {', '.join(searched)}" if searched else ""
    raise ServiceError("questionnaire_not_found",
                       f"le questionnaire « {questionnaire_id} » est introuvable{where} : "
                       "indiquez le fichier du questionnaire",
                       id=questionnaire_id, searched=searched)


def open_content(path: str | os.PathLike | None = None) -> Content:
    """Load a questionnaire and its rules. A file that is not there raises ServiceError
    ``file_not_found``; invalid content raises the loader's located `LoadError`."""
    file = Path(path) if path is not None else shipped_questionnaire()
    if not file.is_file():
        raise ServiceError("file_not_found", f"{file}: fichier introuvable", path=str(file))
    try:
        questionnaire = load_questionnaire(str(file))
    except LoadError as exc:
        exc.part = "questionnaire"
        raise
    try:
        rules = load_rules(questionnaire)
    except LoadError as exc:
        exc.part = "rules"
        raise
    return Content(questionnaire, rules, str(file))


class Opened:
    """The contents one service has opened, opened again only when one of their files (the
    questionnaire, its includes, its rule files) changed size or modification time: a
    front that opens session after session (the console, the kiosk) reads and checks its
    questionnaire once, not at every session (about 0.3 s each)."""

    def __init__(self):
        self._known: dict[str, tuple[tuple, Content]] = {}

    def get(self, path: str | os.PathLike | None = None) -> Content:
        file = Path(path) if path is not None else shipped_questionnaire()
        key = os.path.abspath(file)
        known = self._known.get(key)
        if known is not None and known[0] == _signature(known[1]):
            return known[1]
        content = open_content(file)
        self._known[key] = (_signature(content), content)
        return content


def _signature(content: Content) -> tuple:
    """(path, size, modification time) of each file of `content`; None for a file gone."""
    out = []
    for name in (*content.questionnaire.files, *content.questionnaire.rule_files):
        try:
            st = os.stat(name)
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, None, None))
    return tuple(out)
