"""The interview service: the one application layer every front calls (docs/service.md).

    from diagnostic.service import Service
    service = Service(store, front="console")
    interview = service.start(service.open_questionnaire(), lang="fr")
    interview.answer(True); interview.state()

May import loading, report, i18n, storage and the core; never ui or commands.
"""
from __future__ import annotations

from .content import Content, open_content, shipped_questionnaire
from .errors import AnswerRefused, PlanEditRefused, ServiceError, SessionUnavailable
from .interview import Interview
from .service import FRONTS, Service
from .state import (OUTLINE_STATES, AdviserNote, ChoiceView, Finalised, InterviewState, NoteView,
                    Notice, OutlineRow, Progress, QuestionView, SaveError, SectionView)

__all__ = [
    "Service", "Interview", "Content", "open_content", "shipped_questionnaire", "FRONTS",
    "ServiceError", "AnswerRefused", "PlanEditRefused", "SessionUnavailable",
    "InterviewState", "QuestionView", "ChoiceView", "SectionView", "NoteView", "OutlineRow",
    "SaveError", "Notice", "AdviserNote", "Finalised", "Progress", "OUTLINE_STATES",
]
