"""The interview service: the one application layer every front calls (docs/service.md).

    from diagnostic.service import Service
    service = Service(store, front="console")
    interview = service.start(service.open_questionnaire(), lang="fr")
    interview.answer(True); interview.state()

May import loading, report, i18n, storage and the core; never ui or commands.

Names are exported lazily (PEP 562): `from diagnostic.service import Service`
does not import the loader, the engine and the reports, which a front needs
only once a questionnaire is opened (the console's start-up target).
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "Service": "service", "FRONTS": "service",
    "Interview": "interview",
    "Content": "content", "open_content": "content", "shipped_questionnaire": "content",
    "ServiceError": "errors", "AnswerRefused": "errors", "PlanEditRefused": "errors",
    "SessionUnavailable": "errors",
    **{name: "state" for name in (
        "InterviewState", "QuestionView", "ChoiceView", "SectionView", "NoteView", "OutlineRow",
        "SaveError", "Notice", "AdviserNote", "Finalised", "Progress", "OUTLINE_STATES")},
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value   # found directly next time
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
