"""Diagnostic data worded in French, worded again in another language.

A finalised diagnostic is stored as `to_data` made it, in French, the source
language (its `language` is "fr"): shown exactly as it was finalised, it can
still be read in the person's language. Ids, codes and values say what each
word was, so the words are chosen again: the interface's from the codes
(theme, status, kind, pathway, provider, action status, agreement, mode), the
questionnaire's through the formatter's `content` (French texts are the
msgids). What cannot be traced back to a msgid (free text, a label with
values put in) stays as written.
"""
from __future__ import annotations

import copy
import datetime as dt

from ..expressions import DECLINED, DONT_KNOW, NOT_APPLICABLE, SKIPPED, UNKNOWN

_STATES = {"declined": DECLINED, "dont_know": DONT_KNOW, "skipped": SKIPPED,
           "not_applicable": NOT_APPLICABLE, "unknown": UNKNOWN}


def reword(data: dict, fmt, french) -> dict:
    """A copy of French `data` worded by `fmt`; `french` is the French formatter that made it."""
    if data.get("language", "fr") != "fr" or fmt.lang == "fr":
        return data
    d = copy.deepcopy(data)
    t = fmt.content
    d["language"] = fmt.lang
    d["questionnaire"]["title"] = t(d["questionnaire"]["title"])
    for alert in d.get("alerts", ()):
        alert["label"] = t(alert["label"])
    for theme in d["themes"]:
        theme["label"] = fmt.theme(theme["theme"])
        theme["status_label"] = fmt.status(theme["status"], theme.get("intensity"))
        theme["facts"] = [_fact(f, fmt, french) for f in theme["facts"]]
    for finding in d["findings"]:
        finding["label"] = t(finding["label"])
        finding["kind_label"] = fmt.finding_kind(finding["kind"], finding.get("intensity"))
        finding["situation"] = t(finding["situation"]) if finding.get("situation") else finding.get("situation")
        finding["objectives"] = [t(o) for o in finding["objectives"]]
        finding["why"] = [_fact(f, fmt, french) for f in finding["why"]]
    for indicator in d.get("indicators", ()):
        indicator["label"] = t(indicator["label"])
        indicator["band"] = t(indicator["band"]) if indicator.get("band") else indicator.get("band")
    if d.get("pathway"):
        p = d["pathway"]
        p["label"], p["reason"] = fmt.pathway(p["pathway"]), t(p["reason"])
        p["facts"] = [_fact(f, fmt, french) for f in p["facts"]]
    if d.get("chosen_pathway"):
        d["chosen_pathway"]["label"] = fmt.pathway(d["chosen_pathway"]["pathway"])
    plan = d["action_plan"]
    for objective in plan["objectives"]:
        objective["label"], objective["theme_label"] = t(objective["label"]), fmt.theme(objective["theme"])
        for a in objective["actions"]:
            a["label"] = t(a["label"])
            a["bring"] = t(a["bring"]) if a.get("bring") else a.get("bring")
            a["provider_labels"] = [fmt.provider(p) for p in a["providers"]]
            a["status_label"] = fmt.action_status(a["status"])
            a["agreement_label"] = fmt.agreement(a["needs_agreement"], a["agreed"])
    for removed in plan["removed"]:
        removed["label"] = t(removed["label"])
    return d


def _fact(fact: dict, fmt, french) -> dict:
    """A question and its answer: the text through the catalogue, the answer from its value."""
    fact = dict(fact, text=fmt.content(fact["text"]))
    value, state = fact["value"], fact["state"]
    if state in _STATES:
        fact["answer"] = fmt.answer(_STATES[state])
    elif isinstance(value, bool):
        fact["answer"] = fmt.yes_no(value)
    elif isinstance(value, (int, float)):
        shown = french.number(value)
        unit = fact["answer"][len(shown):].strip() if fact["answer"].startswith(shown) else ""
        fact["answer"] = fmt.answer(value, (), fmt.content(unit) if unit else None)
    elif isinstance(value, str) and _is_day(value) and fact["answer"] == french.date(value):
        fact["answer"] = fmt.date(value)
    elif isinstance(value, (str, list)):   # choices: their French labels, one per value
        labels = fact["answer"].split(french.gettext(" ; "))
        if len(labels) == (len(value) if isinstance(value, list) else 1):
            fact["answer"] = fmt.answer(None, tuple(fmt.content(label) for label in labels))
    return fact


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
