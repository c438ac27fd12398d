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

from ..errors import LoadError, Location, Word, closest, problem
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
    files: list = field(default_factory=list)          # each doc's file, resolved
    sections: list = field(default_factory=list)       # (Section fields, doc, path)
    questions: list = field(default_factory=list)      # _RawQuestion, in flow order
    computed: list = field(default_factory=list)       # (data, doc, path)
    choice_lists: dict = field(default_factory=dict)   # name -> (choices, doc, path)
    rule_files: list = field(default_factory=list)
    root: Path = Path("/")                             # includes and rule files stay inside


def content_root(path: str | Path) -> Path:
    """Where a questionnaire's includes and rule files must lie: the folder that holds
    its folder (for questionnaires/diagnostic.yaml, the one with questionnaires/ and rules/)."""
    return Path(path).resolve().parent.parent


def _outside(asm: _Assembly, target: Path, written: str, where: Location) -> bool:
    """True (and a problem) if `target` (links resolved) leaves the content root."""
    if target.is_relative_to(asm.root):
        return False
    asm.problems.append(problem("E104.outside_root", where, written=str(written)[:80],
                                root=display_path(asm.root)))
    return True


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and check a questionnaire; raise LoadError listing every problem."""
    questionnaire, problems = check_questionnaire(path)
    if problems or questionnaire is None:
        raise LoadError(problems)
    return questionnaire


def check_questionnaire(path: str | Path) -> tuple[Questionnaire | None, list]:
    """Every problem of a questionnaire, and the questionnaire as far as it could be built.

    It is built (so that `validate` can still check its rule files against its
    questions) when its files read and have the right shape, even if cross-checks
    found problems; it is None when a file does not read or has the wrong shape."""
    asm = _Assembly(root=content_root(path))
    with gc_paused():
        _gather(Path(path).resolve(), asm, [], stack=())
        questionnaire = None if asm.problems or not asm.docs else _Builder(asm).build()
    return questionnaire, asm.problems


def _gather(path: Path, asm: _Assembly, conditions: list, stack: tuple, include_at=None) -> None:
    if path in stack or any(d.path == display_path(path) for d in asm.docs):
        where = include_at or Location(display_path(path))
        chain = " -> ".join(display_path(p) for p in (*stack, path))
        asm.problems.append(problem("E105.included_twice", where, file=display_path(path), chain=chain))
        return
    doc, problems = read(path, display_path(path))
    if problems:
        asm.problems.extend(problems)
        return
    if doc.data is None and include_at is not None:
        asm.problems.append(problem("E104.empty_include", include_at, file=doc.path))
        return
    shape = schema.check(doc, "questionnaire")
    if shape:
        asm.problems.extend(shape)
        return
    data = doc.data
    asm.docs.append(doc)
    asm.files.append(str(path))
    for i, rule_file in enumerate(data.get("rules", [])):
        target = (path.parent / rule_file).resolve()
        if not _outside(asm, target, rule_file, doc.where(("rules", i))):
            asm.rule_files.append(str(target))
    for name, choices in data.get("choice_lists", {}).items():
        if name in asm.choice_lists:
            asm.problems.append(problem("E201.choice_list_twice", doc.where(("choice_lists", name), key=True),
                                        name=name))
        asm.choice_lists[name] = (choices, doc, ("choice_lists", name))
    for i, item in enumerate(data.get("computed", [])):
        asm.computed.append((item, doc, ("computed", i)))
    for i, item in enumerate(data["sections"]):
        here = ("sections", i)
        own = conditions + ([_Condition(item["when"], doc, here + ("when",))] if "when" in item else [])
        if "include" in item:
            target, where = (path.parent / item["include"]).resolve(), doc.where(here + ("include",))
            if not _outside(asm, target, item["include"], where):
                _gather(target, asm, own, stack + (path,), where)
            continue
        asm.sections.append((item, doc, here))
        for j, q in enumerate(item["questions"]):
            qpath = here + ("questions", j)
            mine = own + ([_Condition(q["when"], doc, qpath + ("when",))] if "when" in q else [])
            asm.questions.append(_RawQuestion(q, doc, qpath, item["id"], item["theme"], mine))


class _Builder:
    def __init__(self, asm: _Assembly):
        self.asm = asm
        self.problem = lambda key, where, /, **params: asm.problems.append(problem(key, where, **params))
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
                self.problem("E201.section_twice", doc.where(path + ("id",)), id=item["id"], first=seen[item["id"]])
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
            files=tuple(asm.files),
        )

    # --- questions -------------------------------------------------------

    def questions(self) -> list[_RawQuestion]:
        first_seen: dict[str, Location] = {}
        for index, raw in enumerate(self.asm.questions):
            q, where = raw.data, raw.doc.where(raw.path + ("id",))
            qid = q["id"]
            if qid in RESERVED:
                self.problem("E114.reserved", where, id=qid)
            choices = self.choices(raw)
            raw.data = dict(q, choices=choices)
            if qid in first_seen:
                self.problem("E201.question_twice", where, id=qid, first=first_seen[qid])
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
                self.problem("E207.unknown_list", doc.where(path), name=spec,
                             suggestion=closest(spec, self.asm.choice_lists))
                return ()
            spec, doc, path = self.asm.choice_lists[spec]
        seen = set()
        for i, c in enumerate(spec):
            if c["value"] in seen:
                self.problem("E201.choice_twice", doc.where(path + (i, "value")), value=c["value"])
            seen.add(c["value"])
            if c.get("exclusive") and raw.data["type"] != "multi_choice":
                self.problem("E208.exclusive", doc.where(path + (i, "exclusive"), key=True))
        textual = [isinstance(c["value"], str) for c in spec]
        if len(set(textual)) > 1:
            odd = textual.index(not textual[0])
            self.problem("E210.mixed_values", doc.where(path + (odd, "value")), odd=spec[odd]["value"],
                         first=spec[0]["value"])
        return tuple(Choice(c["value"], c["label"], c.get("help"), c.get("exclusive", False)) for c in spec)

    def options(self, raw: _RawQuestion) -> None:
        q, doc, path = raw.data, raw.doc, raw.path
        if q.get("sensitive"):
            if not q.get("decline"):
                self.problem("E208.sensitive_decline", doc.where(path + ("sensitive",)), id=q["id"])
            if q["type"] == "text":
                self.problem("E208.sensitive_text", doc.where(path + ("type",)), id=q["id"])
        lo, hi = q.get("min"), q.get("max")
        if lo is not None and hi is not None and "today" not in (lo, hi) and lo > hi:
            self.problem("E208.min_above_max", doc.where(path + ("min",)), min=lo, max=hi)
        if q["type"] == "multi_choice" and hi is not None and q["choices"] and hi > len(q["choices"]):
            self.problem("E208.max_above_choices", doc.where(path + ("max",)), max=hi)
        if q["type"] == "date":
            for key in ("min", "max"):
                if q.get(key) not in (None, "today") and not _is_date(q[key]):
                    self.problem("E114.not_date", doc.where(path + (key,)), value=q[key])
        if q["type"] == "note" and (q.get("decline") or q.get("dont_know")):
            self.problem("E208.note_options", doc.where(path + ("type",)))

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
                self.problem("E201.computed_taken", doc.where(path + ("id",)), id=cid)
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
            for issue in issues:
                self.problem(issue.key, doc.where(path + ("compute",), offset=issue.offset), **issue.params)
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
                    self.problem("E211.needs_label", doc.where(path + (key,), key=True), key=key, id=data["id"])
        bands = data.get("bands") or []
        previous = None
        for i, band in enumerate(bands):
            last = i == len(bands) - 1
            if "below" not in band and not last:
                self.problem("E211.below_missing", doc.where(path + ("bands", i)))
            elif "below" in band and last:
                self.problem("E211.last_below", doc.where(path + ("bands", i, "below")))
            elif "below" in band:
                if previous is not None and band["below"] <= previous:
                    self.problem("E211.bands_rise", doc.where(path + ("bands", i, "below")), below=band["below"],
                                 previous=previous)
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
                self.problem("E205.cycle", doc.where(path + ("compute",)), cycle=" -> ".join(cycle))
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
                for issue in issues:
                    self.problem(issue.key, cond.where(issue.offset), **issue.params)
                if kind not in (BOOL, ANY):
                    self.problem("E305.not_boolean", cond.where(), kind=Word(kind))
                if not issues:
                    self.forward_references(expr, qid, cond)
                self.parsed[key] = expr

    def forward_references(self, expr, qid: str, cond: _Condition) -> None:
        here = self.position.get(qid, -1)
        for name in sorted(expr.names):
            if self.position.get(name, -1) >= here:
                offset = _name_offset(cond.text, name)
                self.problem("E204.self" if name == qid else "E204.later", cond.where(offset), id=qid, name=name)

    def check_texts(self, questions: list) -> None:
        for raw in questions:
            qid = raw.data["id"]
            for key in ("text", "help"):
                text = raw.data.get(key) or ""
                for match in PIPE.finditer(text):
                    name, where = match.group(1), raw.doc.where(raw.path + (key,), offset=match.start(1))
                    if name not in self.scope:
                        self.problem("E202.unknown_answer", where, name=name, suggestion=closest(name, self.scope))
                    elif self.position.get(name, -1) >= self.position.get(qid, -1):
                        self.problem("E204.text_later", where, id=qid, name=name)

    def expression_problem(self, exc: ExpressionError, doc: Document, path: tuple) -> None:
        self.problem(exc.key, doc.where(path, offset=exc.offset), **exc.params)


def _name_offset(text: str, name: str) -> int:
    match = re.search(rf"\b{re.escape(name)}\b", text)
    return match.start() if match else 0


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
