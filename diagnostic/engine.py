"""The interview: which question comes next, answers, back, edit, progress.

A `Session` walks the flow of a questionnaire in file order. Items before the
*frontier* are settled: each question is either relevant (asked, with its
answer) or not applicable, and each computed value has its value. The item
at the frontier is the question being asked; items after it are not reached.

Answering the question at the frontier settles it and moves the frontier on,
skipping questions whose condition is false; that costs only the questions
skipped, never the size of the questionnaire. Changing an earlier answer
re-evaluates only what depends on it, through the dependency graph built at
start. If the change makes an earlier, unanswered question relevant, the
frontier moves back to it (later answers are kept and accepted again on the
way forward). Answers that are no longer relevant stay in `answers` (the
record) but never in `relevant_answers()`, which is what outputs use.

Pure: no I/O; `today` is given so that results are reproducible.
"""
from __future__ import annotations

import datetime as dt
import heapq
import re
from dataclasses import dataclass
from typing import Any, Mapping

from .answers import InvalidAnswer, coerce
from .expressions import NOT_APPLICABLE, UNKNOWN, Expression, Result, Special, round_half_away, truth
from .model import Computed, Question, Questionnaire, encode_answer

__all__ = ["Session", "Progress", "InvalidAnswer"]

PIPE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class Progress:
    answered: int        # questions answered so far (declined & co. included)
    remaining: int       # estimate: later questions whose condition is not already false
    certain: int         # of which, questions that will be asked whatever comes next

    @property
    def fraction(self) -> float:
        total = self.answered + self.remaining
        return self.answered / total if total else 1.0


class Session:
    def __init__(self, questionnaire: Questionnaire, answers: Mapping[str, Any] | None = None,
                 today: dt.date | None = None):
        self.questionnaire = questionnaire
        self.today = today or dt.date.today()
        items = list(questionnaire.questions.values()) + list(questionnaire.computed.values())
        self._items: list = sorted(items, key=lambda item: item.position)
        self._index = {item.id: i for i, item in enumerate(self._items)}
        self._dependents: dict[str, list[int]] = {}
        for i, item in enumerate(self._items):
            for name in item.depends_on:
                self._dependents.setdefault(name, []).append(i)
        self._answers: dict[str, Any] = {}     # every answer given, relevant or not
        self._values: dict[str, Any] = {}      # settled items only: answer, NOT_APPLICABLE, computed
        self._frontier = 0
        self._cursor: int | None = None        # a question shown out of order (back / jump)
        self._stepping = False                 # after back(): answering walks forward
        self._progress: tuple | None = None
        self.dropped: dict[str, str] = {}      # restored answers refused, with the reason
        for qid, raw in (answers or {}).items():
            question = questionnaire.questions.get(qid)
            if question is None:
                self.dropped[qid] = "cette question n'existe plus"
                continue
            try:
                self._answers[qid] = coerce(question, raw, self.today)
            except InvalidAnswer as exc:
                self.dropped[qid] = str(exc)

    # --- where we are ------------------------------------------------------

    @property
    def current(self) -> Question | None:
        """The question to show now, or None when the interview is over."""
        if self._cursor is not None:
            return self._items[self._cursor]
        self._advance()
        return self._items[self._frontier] if self._frontier < len(self._items) else None

    @property
    def finished(self) -> bool:
        return self.current is None

    def _advance(self) -> None:
        """Settle items from the frontier until one needs an answer."""
        items, values = self._items, self._values
        while self._frontier < len(items):
            item = items[self._frontier]
            if isinstance(item, Computed):
                values[item.id] = self._compute(item)
            elif not self._relevant(item):
                values[item.id] = NOT_APPLICABLE
            elif item.id in self._answers:
                values[item.id] = self._answers[item.id]
            else:
                return
            self._frontier += 1
            self._progress = None

    def _relevant(self, question: Question) -> bool:
        # Earlier names are always settled, so UNKNOWN cannot happen; be strict anyway.
        return all(truth(c.value(self._values, self.today)) is True for c in question.conditions)

    def _compute(self, item: Computed) -> Any:
        value = item.expression.value(self._values, self.today)
        return NOT_APPLICABLE if value is UNKNOWN else value

    # --- answering -------------------------------------------------------------

    def answer(self, value: Any) -> None:
        """Answer the current question. An invalid answer raises InvalidAnswer and changes nothing."""
        question = self.current
        if question is None:
            raise InvalidAnswer("Le questionnaire est terminé.")
        accepted = coerce(question, value, self.today)
        self._answers[question.id] = accepted
        self._progress = None
        if self._cursor is None:
            self._values[question.id] = accepted
            self._frontier += 1
            return
        position = self._cursor
        self._propagate(question.id, accepted)
        self._cursor = self._next_asked(position) if self._stepping else None
        self._stepping = self._cursor is not None

    def _propagate(self, name: str, value: Any) -> None:
        """Re-settle what depends on `name`, in flow order, as far as the frontier."""
        self._values[name] = value
        queue = list(self._dependents.get(name, ()))
        heapq.heapify(queue)
        seen = set()
        while queue:
            i = heapq.heappop(queue)
            if i in seen or i >= self._frontier:
                continue
            seen.add(i)
            item = self._items[i]
            if isinstance(item, Computed):
                new = self._compute(item)
            elif not self._relevant(item):
                new = NOT_APPLICABLE
            elif item.id in self._answers:
                new = self._answers[item.id]
            else:  # newly relevant and never answered: the interview goes back to it
                self._rewind(i)
                return
            if _differs(self._values.get(item.id, UNKNOWN), new):
                self._values[item.id] = new
                for j in self._dependents.get(item.id, ()):
                    heapq.heappush(queue, j)

    def _rewind(self, index: int) -> None:
        for item in self._items[index:self._frontier]:
            self._values.pop(item.id, None)
        self._frontier = index

    # --- navigation --------------------------------------------------------

    def back(self) -> Question | None:
        """Show the previous asked question (its answer is kept until changed)."""
        start = self._cursor if self._cursor is not None else self._frontier_position()
        for i in range(start - 1, -1, -1):
            item = self._items[i]
            if isinstance(item, Question) and item.asks and self._is_asked(item):
                self._cursor, self._stepping = i, True
                return item
        return None

    def jump(self, question_id: str) -> Question:
        """Show an asked question to change its answer; after it, return to where we were."""
        question = self.questionnaire.questions.get(question_id)
        if question is None or not question.asks or not self._is_asked(question):
            raise KeyError(question_id)
        self._cursor, self._stepping = self._index[question_id], False
        return question

    def resume(self) -> Question | None:
        """Leave a back/jump detour: go to the first question not answered yet."""
        self._cursor, self._stepping = None, False
        return self.current

    def _frontier_position(self) -> int:
        self._advance()
        return self._frontier

    def _next_asked(self, position: int) -> int | None:
        for i in range(position + 1, self._frontier):
            item = self._items[i]
            if isinstance(item, Question) and item.asks and self._is_asked(item):
                return i
        return None

    def _is_asked(self, question: Question) -> bool:
        i = self._index[question.id]
        return i < self._frontier and self._values.get(question.id, NOT_APPLICABLE) is not NOT_APPLICABLE

    # --- what the interview holds ---------------------------------------------

    @property
    def answers(self) -> dict:
        """Every answer given, including those no longer relevant: the record to store."""
        return dict(self._answers)

    def record(self) -> dict:
        """`answers` as JSON values."""
        return {qid: encode_answer(v) for qid, v in self._answers.items()}

    def asked(self) -> list[str]:
        """Ids of the questions asked so far (relevant, answered), in flow order."""
        self._advance()
        return [item.id for item in self._items[:self._frontier]
                if isinstance(item, Question) and item.asks and self._is_asked(item)]

    def notes_shown(self) -> list[str]:
        """Ids of the notes shown so far (their condition held), in flow order."""
        self._advance()
        return [item.id for item in self._items[:self._frontier]
                if isinstance(item, Question) and not item.asks and self._is_asked(item)]

    def relevant_answers(self) -> dict:
        """Answers to the questions asked: what outputs may use."""
        return {qid: self._values[qid] for qid in self.asked()}

    def value(self, name: str) -> Any:
        """The settled value of a question or computed value, or UNKNOWN if not reached."""
        self._advance()
        return self._values.get(name, UNKNOWN)

    def values(self) -> Mapping[str, Any]:
        """Settled values by name (read-only view); missing names are not reached yet."""
        self._advance()
        return dict(self._values)

    def evaluate(self, expression: Expression) -> Result:
        """Evaluate any expression on what is known now; unknown if it needs what is not reached."""
        self._advance()
        return expression.evaluate(self._values, self.today)

    def progress(self) -> Progress:
        self._advance()
        if self._progress is None or self._progress[0] != self._frontier:
            remaining = certain = 0
            for item in self._items[self._frontier:]:
                if not isinstance(item, Question) or not item.asks:
                    continue
                results = [truth(c.value(self._values, self.today)) for c in item.conditions]
                if False in results:
                    continue  # already known to be skipped
                remaining += 1
                certain += UNKNOWN not in results
            answered = sum(1 for _ in self.asked())
            self._progress = (self._frontier, Progress(answered, remaining, certain))
        return self._progress[1]

    def text(self, question: Question, field: str = "text") -> str:
        """The question's text (or help) with earlier answers in place of {{ name }}."""
        self._advance()
        return PIPE.sub(lambda m: self.display(m.group(1)), getattr(question, field) or "")

    def display(self, name: str) -> str:
        """An answer as plain words: choice labels, oui/non, dates as dd/mm/yyyy."""
        value = self._values.get(name, UNKNOWN)
        if value is UNKNOWN or isinstance(value, Special):
            return "…"
        question = self.questionnaire.questions.get(name)
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        if question is not None and question.choices:
            labels = [question.choice(v).label for v in (value if isinstance(value, tuple) else (value,))]
            return ", ".join(labels)
        computed = self.questionnaire.computed.get(name)
        if computed is not None and computed.decimals is not None and isinstance(value, (int, float)):
            return f"{round_half_away(value, computed.decimals):.{computed.decimals}f}".replace(".", ",")
        if isinstance(value, float):
            return f"{value:g}".replace(".", ",")
        return str(value)


def _differs(old: Any, new: Any) -> bool:
    if old is new:
        return False
    try:
        return bool(old != new) or type(old) is not type(new)
    except Exception:  # noqa: BLE001 - odd values: treat as changed
        return True
