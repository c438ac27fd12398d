"""What the service refuses, as codes and parameters.

Every error the service raises is a `ServiceError` with a stable `code`
(snake_case, listed in docs/service.md), `params` (plain values a front
words: question ids, counts, seconds) and `message`, the French wording
for today's fronts. A front that speaks another language words the code
itself; it never parses the message.
"""
from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused operation: `code`, `params`, and `message` in French."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params
        self.message = message

    def __str__(self) -> str:
        return self.message


class AnswerRefused(ServiceError):
    """The answer does not fit the question (code ``answer_refused``); nothing changed."""


class PlanEditRefused(ServiceError):
    """A plan edit of the wrong shape or on an unknown objective or action."""


class SessionUnavailable(ServiceError):
    """No such session, held elsewhere, unreadable, or the data folder failed."""

