"""What a front draws: the interview's state as plain frozen data.

A front asks `Interview.state()` after every operation and draws what it
gets; it keeps no interview state of its own and never reads the engine.
Values are the engine's JSON encoding (`true`, `"choice_value"`, `["a",
"b"]`, numbers, text, `"YYYY-MM-DD"`, `{"declined": true}`…); texts are the
questionnaire's, with earlier answers piped in; words about states (
"answered", "to come") are codes the front words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..engine import Progress

__all__ = ["ChoiceView", "SectionView", "NoteView", "QuestionView", "OutlineRow", "SaveError",
           "Notice", "AdviserNote", "InterviewState", "Finalised", "OUTLINE_STATES", "Progress"]

#: the states of a row of the outline
OUTLINE_STATES = ("answered", "current", "to_come", "not_applicable", "declined", "dont_know", "skipped")


@dataclass(frozen=True)
class ChoiceView:
    number: int          # 1-based, as shown
    value: str           # what `answer()` takes
    label: str
    help: str | None = None


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    theme: str
    intro: str | None = None


@dataclass(frozen=True)
class NoteView:
    """A note of the questionnaire (information, an alert such as the 115), shown on the way."""
    id: str
    text: str
    urgent: bool = False
    section: str | None = None


@dataclass(frozen=True)
class QuestionView:
    id: str
    type: str                       # yes_no | choice | multi_choice | number | text | date
    text: str
    help: str | None
    section: SectionView | None
    choices: tuple[ChoiceView, ...] = ()
    required: bool = True
    allows: frozenset = frozenset()  # of "decline", "dont_know", "skip": the non-answers it takes
    sensitive: bool = False
    min: Any = None                  # number: bounds; multi_choice: how many; date: "today" or ISO
    max: Any = None
    integer: bool = False
    unit: str | None = None
    max_length: int = 500
    answer: Any = None               # the stored answer (JSON) when revisiting, else None
    number: int = 0                  # 1-based rank among the questions asked (this one included)


@dataclass(frozen=True)
class OutlineRow:
    """One question of the questionnaire and where it stands (OUTLINE_STATES)."""
    id: str
    text: str
    section: str
    state: str
    value: Any = None               # the answer (JSON) for answered / declined / dont_know / skipped


@dataclass(frozen=True)
class SaveError:
    """The last operation's change could not be saved (the interview goes on, in memory)."""
    code: str                        # "save_failed"
    message: str                     # French, with the storage's reason
    params: dict


@dataclass(frozen=True)
class Notice:
    """Something to tell when a session is resumed (questionnaire changed, answers refused)."""
    code: str                        # "questionnaire_changed" | "answers_refused"
    params: dict
    message: str                     # French


@dataclass(frozen=True)
class AdviserNote:
    """An adviser's note on a theme, a question or the whole session; never shown to the person."""
    text: str
    theme: str | None = None
    question: str | None = None
    at: str = ""                     # UTC ISO time of the last change


@dataclass(frozen=True)
class Finalised:
    """A finalised diagnostic, exactly as stored."""
    version: int                     # 1, 2… (a reopened diagnostic finalised again is a new version)
    finalised_at: str                # UTC ISO time
    reopened_at: str | None          # set when the adviser reopened it (a later version follows)
    data: dict                       # the diagnostic, in the shape of `run --format json`
    chosen_pathway: dict | None      # {"pathway", "reason"} when the adviser chose another one


@dataclass(frozen=True)
class InterviewState:
    session_id: str | None           # None when nothing is stored (no store)
    code: str | None                 # retrieval code, formatted ("ACDE-2345-XY")
    question: QuestionView | None    # None when every question is answered
    revisiting: bool                 # the question shown is an earlier one (back, jump)
    progress: Progress
    outline: tuple[OutlineRow, ...]
    notes: tuple[NoteView, ...]      # notes passed on the way to this question, to show before it
    urgent_notes: tuple[NoteView, ...]  # every urgent note shown so far (for an alert panel)
    finished: bool                   # every question answered
    finalised: bool                  # a finalised diagnostic stands (not reopened)
    save_error: SaveError | None     # set by the last operation whose save failed
    reference: str | None = None     # the adviser's reference for the person (a file number)
    lang: str = "fr"
