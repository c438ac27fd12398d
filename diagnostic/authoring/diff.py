"""What changed between two versions of a questionnaire (and its rules), in words.

Questions and rules are matched by id; one that disappears while another
appears with the same text (a question) or the same condition and finding
(a rule) is a rename. `affected()` replays stored sessions on both versions
to say which ones a change would alter.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..engine import Session
from ..model import Question, Questionnaire, Rule, RuleSet
from ..scoring import diagnose
from .words import word


@dataclass(frozen=True)
class Change:
    key: str         # a WORDS key: 'diff.question_added', …
    params: tuple    # (name, value) pairs

    def __str__(self) -> str:
        return word(self.key, **dict(self.params))


def change(key: str, **params) -> Change:
    return Change(key, tuple(params.items()))


def compare(old: Questionnaire, new: Questionnaire, old_rules: RuleSet, new_rules: RuleSet) -> list[Change]:
    found, renamed = questions(old, new)
    return found + rules(old_rules, new_rules, renamed)


def _renames(removed: dict, added: dict, same) -> dict:
    """old id -> new id for removed and added items that `same` finds alike."""
    found = {}
    for old_id, old_item in removed.items():
        match = next((new_id for new_id, new_item in added.items()
                      if new_id not in found.values() and same(old_item, new_item)), None)
        if match is not None:
            found[old_id] = match
    return found


def questions(old: Questionnaire, new: Questionnaire) -> tuple[list[Change], dict]:
    changes = []
    removed = {k: q for k, q in old.questions.items() if k not in new.questions}
    added = {k: q for k, q in new.questions.items() if k not in old.questions}
    renamed = _renames(removed, added, lambda a, b: " ".join(a.text.split()) == " ".join(b.text.split()))
    for old_id, new_id in renamed.items():
        changes.append(change("diff.question_renamed", old=old_id, new=new_id))
    changes += [change("diff.question_removed", id=k) for k in removed if k not in renamed]
    changes += [change("diff.question_added", id=k, text=q.text) for k, q in added.items()
                if k not in renamed.values()]
    pairs = [(old.questions[k], new.questions[k]) for k in old.questions if k in new.questions]
    pairs += [(old.questions[a], new.questions[b]) for a, b in renamed.items()]
    for a, b in pairs:
        changes += question(a, b, renamed)
    return changes, renamed


def _when(q: Question) -> str:
    return " et ".join(c.text.strip() for c in q.conditions) or word("diff.always")


def _renamed(text: str, renamed: dict) -> str:
    """A condition with the renamed questions written under their new names."""
    for old_id, new_id in renamed.items():
        text = re.sub(rf"\b{re.escape(old_id)}\b", new_id, text)
    return text


def question(a: Question, b: Question, renamed: dict) -> list[Change]:
    """What changed in one question; a condition changed only by a rename is said by the rename."""
    changes = []
    if _renamed(_when(a), renamed) != _when(b):
        changes.append(change("diff.condition", id=b.id, old=_when(a), new=_when(b)))
    if a.type != b.type:
        changes.append(change("diff.type", id=b.id, old=a.type, new=b.type))
    if " ".join(a.text.split()) != " ".join(b.text.split()) and a.id == b.id:
        changes.append(change("diff.text", id=b.id, old=a.text, new=b.text))
    old_values, new_values = [c.value for c in a.choices], [c.value for c in b.choices]
    changes += [change("diff.choice_removed", id=b.id, value=v) for v in old_values if v not in new_values]
    changes += [change("diff.choice_added", id=b.id, value=v) for v in new_values if v not in old_values]
    changes += [change("diff.choice_label", id=b.id, value=c.value, old=a.choice(c.value).label, new=c.label)
                for c in b.choices if c.value in old_values and a.choice(c.value).label != c.label]
    return changes


def _level(rule: Rule) -> str:
    return rule.conclusion.intensity or rule.conclusion.kind


def rules(old: RuleSet, new: RuleSet, renamed: dict) -> list[Change]:
    changes = []
    before, after = {r.id: r for r in old.rules}, {r.id: r for r in new.rules}
    removed = {k: r for k, r in before.items() if k not in after}
    added = {k: r for k, r in after.items() if k not in before}
    moved = _renames(removed, added, lambda a, b: (_renamed(a.when.text.strip(), renamed), a.conclusion) ==
                     (b.when.text.strip(), b.conclusion))
    changes += [change("diff.rule_renamed", old=a, new=b) for a, b in moved.items()]
    changes += [change("diff.rule_removed", id=k) for k in removed if k not in moved]
    changes += [change("diff.rule_added", id=k, label=r.conclusion.label) for k, r in added.items()
                if k not in moved.values()]
    for k in before.keys() & after.keys():
        a, b = before[k], after[k]
        if _renamed(a.when.text.strip(), renamed) != b.when.text.strip():
            changes.append(change("diff.rule_condition", id=k, old=a.when.text.strip(), new=b.when.text.strip()))
        if _level(a) != _level(b):
            changes.append(change("diff.rule_level", id=k, old=_level(a), new=_level(b)))
        if set(a.actions) != set(b.actions):
            changes.append(change("diff.rule_actions", id=k, old=", ".join(a.actions) or "—",
                                  new=", ".join(b.actions) or "—"))
    changes += [change("diff.action_removed", id=k) for k in old.actions if k not in new.actions]
    changes += [change("diff.action_added", id=k) for k in new.actions if k not in old.actions]
    return sorted(set(changes), key=lambda c: (c.key.split("_")[0], str(c)))


def outcome(questionnaire: Questionnaire, ruleset: RuleSet, answers: dict, today: dt.date):
    session = Session(questionnaire, answers, today=today)
    found = diagnose(session, ruleset)
    waiting = session.current.id if session.current is not None else None
    return (tuple(session.asked()), {f.rule: f.intensity or f.kind for f in found.findings},
            set(session.dropped), waiting)


def affected(records, old, new, old_rules, new_rules) -> list[tuple[str, list[str]]]:
    """(session id, reasons) for the stored sessions of this questionnaire that the new
    version would change: questions asked, findings, or answers it can no longer take."""
    found = []
    for record in records:
        if (record.get("questionnaire") or {}).get("id") not in (old.id, new.id):
            continue
        answers = {k: v.get("value") if isinstance(v, dict) and "at" in v else v
                   for k, v in (record.get("answers") or {}).items()}
        try:
            today = dt.date.fromisoformat(str(record.get("created_at", ""))[:10])
        except ValueError:
            today = dt.date.today()
        asked_a, findings_a, dropped_a, waiting_a = outcome(old, old_rules, answers, today)
        asked_b, findings_b, dropped_b, waiting_b = outcome(new, new_rules, answers, today)
        reasons = []
        if waiting_b is not None and waiting_b != waiting_a:
            reasons.append(word("diff.session_waiting", id=waiting_b))
        if dropped_b - dropped_a:
            reasons.append(word("diff.session_answers", ids=", ".join(sorted(dropped_b - dropped_a))))
        if asked_a != asked_b:
            gone, more = set(asked_a) - set(asked_b), set(asked_b) - set(asked_a)
            reasons.append(word("diff.session_asked", gone=", ".join(sorted(gone)) or "—",
                                more=", ".join(sorted(more)) or "—"))
        if findings_a != findings_b:
            reasons.append(word("diff.session_findings", old=_shown(findings_a), new=_shown(findings_b)))
        if reasons:
            found.append((record.get("id", "?"), reasons))
    return found


def _shown(findings: dict) -> str:
    return ", ".join(f"{k} ({v})" for k, v in sorted(findings.items())) or "—"
