"""Resuming a session: which answers go back to the engine, and the policy
when the questionnaire changed since the session started.

Policy (docs/storage.md, "Resume"): a session always continues on the
questionnaire as loaded now. If its content hash differs from the one
recorded, the answers to questions that still exist (same id, still a
question that takes an answer) are kept; the others are dropped from the
session and listed, and the change is recorded in the session's
``questionnaire_changes`` (when, from, to, dropped). The engine then replays
the kept answers; if it refuses one (a choice value that no longer exists, a
number now out of bounds), the caller drops it too with
``handle.remove_answers([...])`` and tells the user, and the interview goes
on from the first question without a valid answer.

Typical use (the lead's glue, in a command or a UI)::

    with store.open(session_id) as session:
        plan = resume(session, questionnaire)
        if plan.message:
            show(plan.message)
        engine = Engine(questionnaire, answers=plan.answers)   # engine API: the lead's
        ...
        session.save_answer(question_id, encode_answer(value))
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .base import SessionHandle
from .errors import StorageError
from .record import questionnaire_ref


@dataclass(frozen=True)
class ResumePlan:
    session_id: str
    answers: dict            # question_id → stored JSON value, in flow order when known
    position: str | None     # the question on screen when the session was last saved
    changed: bool            # the questionnaire's content changed since the session started
    previous: dict           # {id, version, hash} recorded in the session
    current: dict            # {id, version, hash} of the questionnaire given now
    dropped: tuple[str, ...] # answers dropped because their question no longer exists
    message: str | None      # French, to show the adviser or the person; None if nothing changed


def question_ids(questionnaire: Any) -> list[str] | None:
    """Ids of the questions that take an answer, in flow order (None if unknown)."""
    if isinstance(questionnaire, Mapping):
        ids = questionnaire.get("questions")
        return None if ids is None else [str(q) for q in ids]
    questions = getattr(questionnaire, "questions", None)
    if questions is None:
        return None
    if isinstance(questions, Mapping):
        return [qid for qid, q in questions.items() if getattr(q, "asks", True)]
    return [getattr(q, "id", q) for q in questions if getattr(q, "asks", True)]


def _note_ids(questionnaire: Any) -> set[str]:
    """Ids of the notes (items that take no answer) of a `diagnostic.model.Questionnaire`."""
    questions = getattr(questionnaire, "questions", None)
    if not isinstance(questions, Mapping):
        return set()
    return {qid for qid, q in questions.items() if not getattr(q, "asks", True)}


def plan_resume(record: Mapping, questionnaire: Any) -> ResumePlan:
    """What resuming `record` on `questionnaire` means. Pure: writes nothing.

    `questionnaire`: a `diagnostic.model.Questionnaire`, or a mapping
    ``{"id", "version", "hash", "questions": [ids]}``."""
    previous = dict(record["questionnaire"])
    current = questionnaire_ref(questionnaire)
    if current["id"] != previous["id"]:
        raise StorageError(
            f"la session {record['id']} porte sur le questionnaire « {previous['id']} », "
            f"pas sur « {current['id']} »")
    stored = {qid: entry["value"] for qid, entry in record["answers"].items()}
    known = question_ids(questionnaire)
    changed = current["hash"] != previous["hash"]
    dropped: list[str] = []
    if known is not None:
        order = {qid: i for i, qid in enumerate(known)}
        if changed:  # a note seen (the engine records it as true) is no answer to a deleted question
            notes = _note_ids(questionnaire)
            dropped = [qid for qid, v in stored.items()
                       if qid not in order and not (qid in notes and v is True)]
        kept = sorted((q for q in stored if q in order), key=order.__getitem__)
        answers = {qid: stored[qid] for qid in kept}
        # same content: nothing may be lost, even an id we cannot place; changed: notes still there
        answers.update({qid: v for qid, v in stored.items() if qid not in order and qid not in dropped})
    else:
        kept = answers = dict(stored)
    position = record.get("position")
    if position in dropped:
        position = None
    message = None
    if changed:
        head = (f"Le questionnaire « {current['id']} » a changé depuis le début de cette session "
                f"(version {previous['version']} → {current['version']}). La session continue "
                "sur la nouvelle version")
        if dropped:
            message = (f"{head} : {len(kept)} réponse(s) aux questions qui existent toujours "
                       f"sont gardées ; {len(dropped)} réponse(s) à des questions supprimées sont "
                       f"écartées : {', '.join(dropped)}.")
        else:
            message = f"{head} ; toutes les réponses sont gardées."
    return ResumePlan(session_id=record["id"], answers=answers, position=position,
                      changed=changed, previous=previous, current=current,
                      dropped=tuple(dropped), message=message)


def resume(handle: SessionHandle, questionnaire: Any) -> ResumePlan:
    """Apply the resume policy to an open session and return the plan.
    If the questionnaire changed, the session is moved to the new version
    (dropped answers removed, change recorded) before this returns."""
    plan = plan_resume(handle.record, questionnaire)
    if plan.changed:
        handle.change_questionnaire(questionnaire, dropped=plan.dropped)
    return plan
