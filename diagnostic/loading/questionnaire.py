"""Questionnaire files → a checked `Questionnaire`.

Reads a file and the files it includes, validates each against the schema,
then checks what a schema cannot see: ids, references, the order of the
flow, conditions and computed values. Every problem found is reported at
once, in file order, through `LoadError`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, Location, Problem, did_you_mean
from ..expressions import ANY, BOOL, DATE, LIST, NUMBER, TEXT, ExpressionError, NameInfo, check, parse
from ..engine import PIPE
from ..model import Band, Choice, Computed, Question, Questionnaire, Section
from . import schema
from .yamlreader import Document, gc_paused, read

RESERVED = {"true", "false", "and", "or", "not", "in", "is", "if", "else", "none", "null"}
TYPE_OF = {"yes_no": BOOL, "choice": TEXT, "multi_choice": LIST, "number": NUMBER, "text": TEXT, "date": DATE}


def name_info(kind: str, choices) -> NameInfo:
    """What a condition may do with a question's name: a single choice with numeric values is a number."""
    values = frozenset(c.value for c in choices) if choices else None
    numeric = kind == "choice" and choices and not any(isinstance(c.value, str) for c in choices)
    return NameInfo(NUMBER if numeric else TYPE_OF[kind], values)


def display_path(path: Path) -> str:
    """A path as authors expect to see it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass
class _Condition:
    text: str
    doc: Document
    path: tuple

    def where(self, offset: int = 0) -> Location:
        return self.doc.where(self.path, offset=offset)


@dataclass
class _RawQuestion:
    data: dict
    doc: Document
    path: tuple
    section: str
    theme: str
    conditions: list  # of _Condition, outermost first


@dataclass
class _Assembly:
    """Everything gathered from a file and its includes, before cross-checks."""
    problems: list = field(default_factory=list)
    docs: list = field(default_factory=list)
    sections: list = field(default_factory=list)       # (Section fields, doc, path)
    questions: list = field(default_factory=list)      # _RawQuestion, in flow order
    computed: list = field(default_factory=list)       # (data, doc, path)
    choice_lists: dict = field(default_factory=dict)   # name -> (choices, doc, path)
    rule_files: list = field(default_factory=list)


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and check a questionnaire; raise LoadError listing every problem."""
    asm = _Assembly()
    with gc_paused():
        _gather(Path(path).resolve(), asm, [], stack=())
        questionnaire = None if asm.problems or not asm.docs else _Builder(asm).build()
    if asm.problems or questionnaire is None:
        raise LoadError(asm.problems)
    return questionnaire


def _gather(path: Path, asm: _Assembly, conditions: list, stack: tuple, include_at=None) -> None:
    if path in stack or any(d.path == display_path(path) for d in asm.docs):
        where = include_at or Location(display_path(path))
        chain = " -> ".join(display_path(p) for p in (*stack, path))
        asm.problems.append(Problem("E105", f"'{display_path(path)}' is included twice ({chain})", where))
        return
    doc, problems = read(path, display_path(path))
    if problems:
        asm.problems.extend(problems)
        return
    if doc.data is None and include_at is not None:
        asm.problems.append(Problem("E104", f"'{doc.path}' is empty", include_at))
        return
    shape = schema.check(doc, "questionnaire")
    if shape:
        asm.problems.extend(shape)
        return
    data = doc.data
    asm.docs.append(doc)
    for i, rule_file in enumerate(data.get("rules", [])):
        asm.rule_files.append(str((path.parent / rule_file).resolve()))
    for name, choices in data.get("choice_lists", {}).items():
        if name in asm.choice_lists:
            asm.problems.append(Problem("E201", f"choice list '{name}' is defined twice",
                                        doc.where(("choice_lists", name), key=True)))
        asm.choice_lists[name] = (choices, doc, ("choice_lists", name))
    for i, item in enumerate(data.get("computed", [])):
        asm.computed.append((item, doc, ("computed", i)))
    for i, item in enumerate(data["sections"]):
        here = ("sections", i)
        own = conditions + ([_Condition(item["when"], doc, here + ("when",))] if "when" in item else [])
        if "include" in item:
            target = (path.parent / item["include"]).resolve()
            _gather(target, asm, own, stack + (path,), doc.where(here + ("include",)))
            continue
        asm.sections.append((item, doc, here))
        for j, q in enumerate(item["questions"]):
            qpath = here + ("questions", j)
            mine = own + ([_Condition(q["when"], doc, qpath + ("when",))] if "when" in q else [])
            asm.questions.append(_RawQuestion(q, doc, qpath, item["id"], item["theme"], mine))


class _Builder:
    def __init__(self, asm: _Assembly):
        self.asm = asm
        self.problem = lambda code, msg, where: asm.problems.append(Problem(code, msg, where))
        self.position: dict[str, float] = {}
        self.scope: dict[str, NameInfo] = {}
        self.parsed: dict[tuple, object] = {}

    def build(self) -> Questionnaire:
        asm, main = self.asm, self.asm.docs[0]
        questions = self.questions()
        computed = self.computed()
        self.check_conditions(questions)
        self.check_texts(questions)
        sections = []
        seen = {}
        for item, doc, path in asm.sections:
            if item["id"] in seen:
                self.problem("E201", f"section id '{item['id']}' is used twice (first at {seen[item['id']]})",
                             doc.where(path + ("id",)))
            seen.setdefault(item["id"], doc.where(path + ("id",)))
            sections.append(Section(item["id"], item["title"], item["theme"], item.get("intro"),
                                    tuple(q["id"] for q in item["questions"])))
        built = {}
        for raw in questions:
            built.setdefault(raw.data["id"], self.question(raw))
        digest = hashlib.sha256(
            json.dumps([d.data for d in asm.docs], sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        return Questionnaire(
            id=main.data["id"], version=main.data["version"], title=main.data["title"],
            description=main.data.get("description"), content_hash=f"sha256:{digest[:16]}",
            sections=tuple(sections), questions=built, computed=computed,
            rule_files=tuple(dict.fromkeys(asm.rule_files)), source=main.path,
        )

    # --- questions -------------------------------------------------------

    def questions(self) -> list[_RawQuestion]:
        first_seen: dict[str, Location] = {}
        for index, raw in enumerate(self.asm.questions):
            q, where = raw.data, raw.doc.where(raw.path + ("id",))
            qid = q["id"]
            if qid in RESERVED:
                self.problem("E114", f"'{qid}' is a reserved word and cannot be an id", where)
            choices = self.choices(raw)
            raw.data = dict(q, choices=choices)
            if qid in first_seen:
                self.problem("E201", f"question id '{qid}' is used twice (first at {first_seen[qid]})", where)
                continue
            first_seen[qid] = where
            self.position[qid] = index
            if q["type"] != "note":
                self.scope[qid] = name_info(q["type"], choices)
            self.options(raw)
        return self.asm.questions

    def choices(self, raw: _RawQuestion) -> tuple:
        spec = raw.data.get("choices")
        if spec is None:
            return ()
        doc, path = raw.doc, raw.path + ("choices",)
        if isinstance(spec, str):
            if spec not in self.asm.choice_lists:
                self.problem("E207", f"unknown choice list '{spec}'{did_you_mean(spec, self.asm.choice_lists)}",
                             doc.where(path))
                return ()
            spec, doc, path = self.asm.choice_lists[spec]
        seen = set()
        for i, c in enumerate(spec):
            if c["value"] in seen:
                self.problem("E201", f"choice value '{c['value']}' is offered twice", doc.where(path + (i, "value")))
            seen.add(c["value"])
            if c.get("exclusive") and raw.data["type"] != "multi_choice":
                self.problem("E208", "exclusive: true only applies to a multi_choice (one choice is always alone)",
                             doc.where(path + (i, "exclusive"), key=True))
        textual = [isinstance(c["value"], str) for c in spec]
        if len(set(textual)) > 1:
            odd = textual.index(not textual[0])
            self.problem("E210", "the values of one question's choices are all numbers or all text: "
                                 f"'{spec[odd]['value']}' differs from '{spec[0]['value']}'",
                         doc.where(path + (odd, "value")))
        return tuple(Choice(c["value"], c["label"], c.get("help"), c.get("exclusive", False)) for c in spec)

    def options(self, raw: _RawQuestion) -> None:
        q, doc, path = raw.data, raw.doc, raw.path
        if q.get("sensitive"):
            if not q.get("decline"):
                self.problem("E208", f"sensitive question '{q['id']}' must offer decline: true",
                             doc.where(path + ("sensitive",)))
            if q["type"] == "text":
                self.problem("E208", f"sensitive question '{q['id']}' cannot be free text",
                             doc.where(path + ("type",)))
        lo, hi = q.get("min"), q.get("max")
        if lo is not None and hi is not None and "today" not in (lo, hi) and lo > hi:
            self.problem("E208", f"min ({lo}) is above max ({hi})", doc.where(path + ("min",)))
        if q["type"] == "multi_choice" and hi is not None and q["choices"] and hi > len(q["choices"]):
            self.problem("E208", f"max ({hi}) is above the number of choices", doc.where(path + ("max",)))
        if q["type"] == "date":
            for key in ("min", "max"):
                if q.get(key) not in (None, "today") and not _is_date(q[key]):
                    self.problem("E114", f"'{q[key]}' is not a date", doc.where(path + (key,)))
        if q["type"] == "note" and (q.get("decline") or q.get("dont_know")):
            self.problem("E208", "a note asks nothing: decline and dont_know do not apply",
                         doc.where(path + ("type",)))

    def question(self, raw: _RawQuestion) -> Question:
        q = raw.data
        return Question(
            id=q["id"], type=q["type"], text=q["text"], section=raw.section, theme=raw.theme,
            position=int(self.position.get(q["id"], -1)),
            conditions=tuple(self.parsed[(c.doc.path, c.path)] for c in raw.conditions
                             if (c.doc.path, c.path) in self.parsed),
            help=q.get("help"), required=q.get("required", True), decline=q.get("decline", False),
            dont_know=q.get("dont_know", False), sensitive=q.get("sensitive", False),
            choices=q["choices"], min=q.get("min"), max=q.get("max"), integer=q.get("integer", False),
            unit=q.get("unit"), max_length=q.get("max_length", 500), urgent=q.get("urgent", False),
            location=raw.doc.where(raw.path),
        )

    # --- computed values ----------------------------------------------------

    def computed(self) -> dict:
        entries = {}
        for data, doc, path in self.asm.computed:
            cid = data["id"]
            if cid in self.position or cid in entries or cid in RESERVED:
                self.problem("E201", f"computed value '{cid}' uses an id that is already taken",
                             doc.where(path + ("id",)))
                continue
            try:
                entries[cid] = (parse(data["compute"]), data, doc, path)
            except ExpressionError as exc:
                self.expression_problem(exc, doc, path + ("compute",))
        order = self.settle_order(entries)
        anchor: dict[str, float] = {}   # computed id -> flow index of the last question it needs, transitively
        result = {}
        for rank, cid in enumerate(order, 1):
            expr, data, doc, path = entries[cid]
            scope = {**self.scope, **{k: NameInfo(ANY) for k in entries if k not in self.scope}}
            kind, issues = check(expr, scope)
            for code, message, offset in issues:
                self.problem(code, message, doc.where(path + ("compute",), offset=offset))
            # Just after that question, before the next one; computed values anchored at the same
            # question keep their settling order (a fraction of the gap that grows with the rank).
            anchor[cid] = max((anchor.get(n, self.position.get(n, -1)) for n in expr.names
                               if n in self.position or n in anchor), default=-1)
            self.position[cid] = anchor[cid] + rank / (len(order) + 1)
            self.scope[cid] = NameInfo(kind)
            self.indicator_options(data, doc, path)
            bands = tuple(Band(b["label"], b.get("below")) for b in data.get("bands", ()))
            result[cid] = Computed(cid, expr, self.position[cid], data.get("label"), doc.where(path),
                                   theme=data.get("theme"), unit=data.get("unit"), decimals=data.get("decimals"),
                                   bands=bands)
        return dict(sorted(result.items(), key=lambda kv: kv[1].position))

    def indicator_options(self, data: dict, doc: Document, path: tuple) -> None:
        """Bands rise and end with one band for the rest; display options need a label."""
        if "label" not in data:
            for key in ("theme", "unit", "decimals", "bands"):
                if key in data:
                    self.problem("E211", f"'{key}' is for an indicator: give computed value '{data['id']}' a label "
                                         "to show it, or remove it", doc.where(path + (key,), key=True))
        bands = data.get("bands") or []
        previous = None
        for i, band in enumerate(bands):
            last = i == len(bands) - 1
            if "below" not in band and not last:
                self.problem("E211", "only the last band has no 'below' (it takes every value left)",
                             doc.where(path + ("bands", i)))
            elif "below" in band and last:
                self.problem("E211", "the last band takes every value left: remove its 'below'",
                             doc.where(path + ("bands", i, "below")))
            elif "below" in band:
                if previous is not None and band["below"] <= previous:
                    self.problem("E211", f"bands rise: below {band['below']} comes after below {previous}",
                                 doc.where(path + ("bands", i, "below")))
                previous = band["below"]

    def settle_order(self, entries: dict) -> list:
        """Computed ids in dependency order; a cycle is reported with its members."""
        order, state = [], {}

        def visit(cid, trail):
            if state.get(cid) == "done":
                return
            if state.get(cid) == "open":
                cycle = trail[trail.index(cid):] + [cid]
                _, _, doc, path = entries[cid]
                self.problem("E205", "computed values depend on each other in a cycle: " + " -> ".join(cycle),
                             doc.where(path + ("compute",)))
                return
            state[cid] = "open"
            for dep in sorted(entries[cid][0].names):
                if dep in entries:
                    visit(dep, trail + [cid])
            state[cid] = "done"
            order.append(cid)

        for cid in entries:
            visit(cid, [])
        return order

    # --- conditions and texts ---------------------------------------------------

    def check_conditions(self, questions: list) -> None:
        checked = set()
        for raw in questions:
            qid = raw.data["id"]
            for cond in raw.conditions:
                key = (cond.doc.path, cond.path)
                if key in checked:
                    continue  # a section's or an include's condition, checked at its first question
                checked.add(key)
                try:
                    expr = parse(cond.text)
                except ExpressionError as exc:
                    self.expression_problem(exc, cond.doc, cond.path)
                    continue
                kind, issues = check(expr, self.scope)
                for code, message, offset in issues:
                    self.problem(code, message, cond.where(offset))
                if kind not in (BOOL, ANY):
                    self.problem("E305", f"this condition gives a {kind}, not true or false", cond.where())
                if not issues:
                    self.forward_references(expr, qid, cond)
                self.parsed[key] = expr

    def forward_references(self, expr, qid: str, cond: _Condition) -> None:
        here = self.position.get(qid, -1)
        for name in sorted(expr.names):
            if self.position.get(name, -1) >= here:
                offset = _name_offset(cond.text, name)
                what = "the question itself" if name == qid else f"'{name}', which comes later"
                self.problem("E204", f"the condition of '{qid}' uses {what}; "
                                     "a condition may only use earlier questions", cond.where(offset))

    def check_texts(self, questions: list) -> None:
        for raw in questions:
            qid = raw.data["id"]
            for key in ("text", "help"):
                text = raw.data.get(key) or ""
                for match in PIPE.finditer(text):
                    name, where = match.group(1), raw.doc.where(raw.path + (key,), offset=match.start(1))
                    if name not in self.scope:
                        self.problem("E202", f"the text shows unknown answer '{name}'{did_you_mean(name, self.scope)}",
                                     where)
                    elif self.position.get(name, -1) >= self.position.get(qid, -1):
                        self.problem("E204", f"the text of '{qid}' shows '{name}', which is not answered yet", where)

    def expression_problem(self, exc: ExpressionError, doc: Document, path: tuple) -> None:
        self.problem(exc.code, exc.message, doc.where(path, offset=exc.offset))


def _name_offset(text: str, name: str) -> int:
    match = re.search(rf"\b{re.escape(name)}\b", text)
    return match.start() if match else 0


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
