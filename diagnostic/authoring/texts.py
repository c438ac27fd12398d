"""The texts a person reads in a questionnaire or rule file, with their place in the YAML.

Walks a document (not the loaded model), so that every text is found in the
file it was written in: section titles and intros, question texts and helps,
choice labels and helps, reusable choice lists, indicator labels; in a rule
file, action labels and descriptions, findings, pathway reasons.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Text:
    path: tuple          # where in the document, for Document.where
    text: str
    field: str           # 'title', 'intro', 'text', 'help', 'label'
    helps: str = ""      # the helps that explain it (its own question's and choice's)
    question: dict | None = None


def texts(data) -> Iterator[Text]:
    if not isinstance(data, dict):
        return
    for i, section in enumerate(data.get("sections") or []):
        if not isinstance(section, dict):
            continue
        here = ("sections", i)
        for key in ("title", "intro"):
            if isinstance(section.get(key), str):
                yield Text(here + (key,), section[key], key)
        for j, q in enumerate(section.get("questions") or []):
            if isinstance(q, dict):
                yield from _question(q, here + ("questions", j))
    for name, choices in (data.get("choice_lists") or {}).items():
        yield from _choices(choices, ("choice_lists", name), "", None)
    for i, item in enumerate(data.get("computed") or []):
        if isinstance(item, dict) and isinstance(item.get("label"), str):
            yield Text(("computed", i, "label"), item["label"], "label")


def rule_texts(data) -> Iterator[Text]:
    if not isinstance(data, dict):
        return
    for key, fields in (("actions", ("label", "description")), ("pathways", ("reason",))):
        for i, item in enumerate(data.get(key) or []):
            for name in fields:
                if isinstance(item, dict) and isinstance(item.get(name), str):
                    yield Text((key, i, name), item[name], name)
    for i, rule in enumerate(data.get("rules") or []):
        finding = rule.get("finding") if isinstance(rule, dict) else None
        if not isinstance(finding, dict):
            continue
        for name in ("label", "situation"):
            if isinstance(finding.get(name), str):
                yield Text(("rules", i, "finding", name), finding[name], name)
        for k, objective in enumerate(finding.get("objectives") or []):
            if isinstance(objective, str):
                yield Text(("rules", i, "finding", "objectives", k), objective, "objective")


def _question(q: dict, path: tuple) -> Iterator[Text]:
    helps = q.get("help") if isinstance(q.get("help"), str) else ""
    if isinstance(q.get("text"), str):
        yield Text(path + ("text",), q["text"], "text", helps, q)
    if helps:
        yield Text(path + ("help",), helps, "help", helps, q)
    if isinstance(q.get("choices"), list):
        yield from _choices(q["choices"], path + ("choices",), helps, q)


def _choices(choices, path: tuple, helps: str, q) -> Iterator[Text]:
    for k, c in enumerate(choices if isinstance(choices, list) else []):
        if not isinstance(c, dict):
            continue
        own = c.get("help") if isinstance(c.get("help"), str) else ""
        if isinstance(c.get("label"), str):
            yield Text(path + (k, "label"), c["label"], "label", f"{helps} {own}", q)
        if own:
            yield Text(path + (k, "help"), own, "help", f"{helps} {own}", q)
