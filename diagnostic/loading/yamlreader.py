"""Read a YAML file into plain data while remembering where every node is.

PyYAML composes the node graph (with libyaml when available); we construct
values ourselves so that:
- every key and value keeps its line and column (`Document.where`);
- a duplicate key is an error (PyYAML would keep the last one);
- plain scalars follow YAML 1.2's core schema, and the YAML 1.1 booleans
  (yes/no/on/off/y/n) are refused rather than silently read as booleans;
- tags other than !!str, !!seq and !!map (`!!python/…`, `!!binary`, local
  `!tags`) are refused (E101), and anchors cannot expand into a huge document;
- a number of more than MAX_DIGITS characters is refused (E114), before
  Python's int() would raise on its 4,300-digit limit.
"""
from __future__ import annotations

import errno
import gc
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Location, Problem, message, problem

_STD = "tag:yaml.org,2002:"
_IMPLICIT = _STD + "implicit"  # a plain scalar, typed by _Reader.scalar below
_ALLOWED_TAGS = {_IMPLICIT, _STD + "str", _STD + "seq", _STD + "map"}


class _Resolver(yaml.resolver.BaseResolver):
    """Leave implicit typing to us: PyYAML's resolver would cost a regex per scalar."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _IMPLICIT if implicit[0] else self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


try:
    from yaml.cyaml import CParser

    class _Loader(CParser, _Resolver):  # libyaml: parsing and composing in C
        pass
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  yaml.composer.Composer, _Resolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)

MAX_BYTES = 5_000_000
MAX_NODES = 1_000_000
MAX_DIGITS = 100
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE, _FALSE = {"true", "True", "TRUE"}, {"false", "False", "FALSE"}
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}


@dataclass
class Document:
    """A file's data, and its YAML node tree to find where any part of it was written."""

    path: str
    data: object = None
    root: object = field(default=None, repr=False)  # the composed node tree

    def where(self, path: tuple = (), key: bool = False, offset: int | None = None) -> Location:
        """The location of a value (or of its key); `offset` moves into a one-line scalar.

        The node tree is walked on demand (locations are needed for problems and
        a few ids), so reading a file records no table of positions."""
        node, key_node, exact = self.root, None, True
        for step in path:
            child = _child(node, step)
            if child is None:
                exact = False  # fall back on the nearest enclosing node
                break
            key_node, node = child
        if node is None:
            return Location(self.path, 1, 1)
        target = key_node if key and exact and key_node is not None else node
        m = target.start_mark
        column = m.column + 1
        if offset is not None and exact and target is node and node.id == "scalar" \
                and node.end_mark.line == m.line:
            column += offset + (1 if node.style in ("'", '"') else 0)
        return Location(self.path, m.line + 1, column)


def _child(node, step):
    """(key node or None, value node) one step down from `node`, or None."""
    if node is None:
        return None
    if node.id == "mapping":
        for key_node, value_node in node.value:  # the first of duplicate keys, as read
            if key_node.id == "scalar" and key_node.value == str(step):
                return key_node, value_node
    elif node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


class _Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self.count = 0

    def problem(self, key: str, node, /, **params) -> None:
        m = node.start_mark
        self.problems.append(problem(key, Location(self.doc.path, m.line + 1, m.column + 1), **params))

    def build(self, node, depth: int = 0):
        self.count += 1
        if self.count > MAX_NODES or depth > 100:
            raise _TooLarge(node)
        if node.id == "scalar":
            return self.scalar(node)
        if node.tag not in _ALLOWED_TAGS:
            self.refuse_tag(node)
        if node.id == "sequence":
            return [self.build(item, depth + 1) for item in node.value]
        result, first_seen = {}, {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self.problem("E112.key_not_word", key_node)
                continue
            key = self.scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key in first_seen:
                self.problem("E102.duplicate_key", key_node, key=key, first=first_seen[key])
                continue
            first_seen[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result

    def refuse_tag(self, node) -> None:
        tag = "!!" + node.tag[len(_STD):] if node.tag.startswith(_STD) else node.tag
        self.problem("E101.tag", node, tag=tag[:80])

    def scalar(self, node):
        text = node.value
        if node.tag not in _ALLOWED_TAGS:
            self.refuse_tag(node)
            return text
        if node.style:  # quoted or block: always text (libyaml says "" for plain)
            return text
        if node.tag != _IMPLICIT:
            return text  # explicitly tagged !!str
        if text in _NULL:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text.lower() in _YAML11_BOOLS:
            self.problem("E103.yaml11_bool", node, text=text,
                         fixed="true" if text.lower() in ("yes", "on", "y") else "false")
            return text
        number = _INT.match(text) or (_FLOAT.match(text) and any(ch.isdigit() for ch in text))
        if number and len(text) > MAX_DIGITS:
            self.problem("E114.number_too_long", node, length=len(text), limit=MAX_DIGITS)
            return 0
        if _INT.match(text):
            return int(text)
        if number:
            value = float(text)
            if value in (float("inf"), float("-inf")):
                self.problem("E114.number_too_large", node)
                return 0
            return value
        return text


class _TooLarge(Exception):
    def __init__(self, node):
        self.node = node


@contextmanager
def gc_paused():
    """Loading allocates many small acyclic objects; the cyclic collector would
    rescan them again and again (reading 5,000 questions took twice as long)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or OSError (worded as E104).

    Authors' files are read only through here: a device (/dev/zero), a FIFO or
    a folder is refused before any read (opened non-blocking, so a FIFO cannot
    hang), and the size is checked before reading and again while reading (a
    file that grows is cut off at `limit` + 1 bytes)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, message("E104.not_regular", {}))
        too_large = OSError(errno.EFBIG, message("E104.too_large", {"megabytes": limit // 1_000_000}))
        if st.st_size > limit:
            raise too_large
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            total += len(chunk)
            if total > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _unreadable(exc: OSError, where: Location) -> Problem:
    """The E104 problem for an OSError of `read_limited` (its own refusals worded by their errno)."""
    if exc.errno == errno.EFBIG:
        return problem("E104.too_large", where, megabytes=MAX_BYTES // 1_000_000)
    if exc.errno == errno.EINVAL:
        return problem("E104.not_regular", where)
    return problem("E104.unreadable", where, reason=exc.strerror or str(exc))


def read(path: str | Path, display: str | None = None) -> tuple[Document, list[Problem]]:
    """Read one YAML document. Problems are returned, never raised."""
    with gc_paused():
        return _read(path, display)


def _read(path, display):
    doc = Document(display or str(path))
    try:
        raw = read_limited(path)
    except OSError as exc:
        return doc, [_unreadable(exc, Location(doc.path))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return doc, [problem("E104.not_utf8", Location(doc.path), byte=exc.start)]
    return parse_text(text, doc)


def parse_text(text: str, doc: Document) -> tuple[Document, list[Problem]]:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        return doc, [syntax_problem(exc, text, doc.path)]
    except yaml.YAMLError as exc:
        return doc, [problem("E101.syntax", Location(doc.path), detail=str(exc))]
    except RecursionError:
        return doc, [problem("E101.nested", Location(doc.path))]
    if len(nodes) > 1:
        m = nodes[1].start_mark
        return doc, [problem("E101.two_documents", Location(doc.path, m.line + 1, m.column + 1))]
    if not nodes or nodes[0] is None:
        doc.data = None
        return doc, []
    reader = _Reader(doc)
    doc.root = nodes[0]
    try:
        doc.data = reader.build(nodes[0])
    except _TooLarge as exc:
        m = exc.node.start_mark
        return doc, [problem("E101.too_large", Location(doc.path, m.line + 1, m.column + 1))]
    return doc, reader.problems


_QUOTED_VALUE = re.compile(r"^(\s*(?:- )?(?:[\w-]+:\s+)?)([\"'])(.*)$")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """(line, column) of a value opened with a quote that its line does not close; a
    quoted text may go on over several lines, so YAML reports such a mistake further on."""
    for n, text in enumerate(lines[:upto + 1]):
        match = _QUOTED_VALUE.match(text)
        if match and not text.lstrip().startswith("#"):
            quote, rest = match.group(2), match.group(3)
            rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
            if quote not in rest:
                return n, len(match.group(1))
    return None


_SPACE_MISSING = re.compile(r"^(\s*(?:- )?[\w-]+):(?=\S)")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """A YAML syntax error in plain words: what is wrong at which place, and what to do."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return problem("E101.syntax", Location(path), detail=exc.problem or str(exc))
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    where = Location(path, mark.line + 1, mark.column + 1)
    said, context = exc.problem or "", exc.context or ""
    before = [(n, lines[n]) for n in range(min(mark.line, len(lines)) - 1, -1, -1) if lines[n].strip()]
    if "tab character" in said or ("cannot start any token" in said and line[mark.column:mark.column + 1] == "\t"):
        return problem("E101.tab", where)
    if "cannot start any token" in said:
        return problem("E101.bad_start", where, char=line[mark.column:mark.column + 1])
    opened = _unclosed_quote(lines, mark.line)
    if opened is not None:
        return problem("E101.unclosed_quote", Location(path, opened[0] + 1, opened[1] + 1))
    if "quoted scalar" in context and exc.context_mark is not None:
        m = exc.context_mark
        return problem("E101.unclosed_quote", Location(path, m.line + 1, m.column + 1))
    if "could not find expected ':'" in said and exc.context_mark is not None:
        n = exc.context_mark.line
        key_line = lines[n] if n < len(lines) else ""
        fixed = _SPACE_MISSING.sub(r"\1: ", key_line).strip()
        if fixed != key_line.strip():
            return problem("E101.space_after_colon", Location(path, n + 1, exc.context_mark.column + 1),
                           line=n + 1, fixed=fixed)
        return problem("E101.missing_colon", Location(path, n + 1, exc.context_mark.column + 1), line=n + 1)
    if "mapping values are not allowed" in said:
        if before and _SPACE_MISSING.match(before[0][1]):
            n, previous = before[0]
            return problem("E101.space_after_colon", Location(path, n + 1, 1), line=n + 1,
                           fixed=_SPACE_MISSING.sub(r"\1: ", previous).strip())
        if ": " in line[:mark.column - 1]:
            return problem("E101.colon_in_text", where)
        return problem("E101.indent", where)
    if "expected key" in said or "expected '-' indicator" in said or "expected <block end>" in said:
        return problem("E101.list_depth" if line.strip().startswith("-") else "E101.indent", where)
    return problem("E101.syntax", where, detail=" ".join(filter(None, [said, context])))
