"""Whatever a file holds, loading ends in a questionnaire or in located problems."""
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from diagnostic.errors import LoadError
from diagnostic.loading import load_questionnaire

SCHEMAS = Path(__file__).resolve().parents[2] / "diagnostic" / "loading" / "schemas"

BASE = """\
id: t
version: 1
title: T
sections:
  - id: s
    theme: emploi
    title: S
    questions:
      - {id: a, type: yes_no, text: A ?}
      - {id: b, type: number, text: B ?, when: "a"}
"""


def test_the_shipped_schemas_are_valid_draft_07():
    for path in SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        Draft7Validator.check_schema(schema)


def load(tmp_path, text):
    path = tmp_path / "q.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text)
    try:
        return load_questionnaire(path)
    except LoadError as exc:
        assert exc.problems, "a LoadError always says what is wrong"
        for problem in exc.problems:
            assert problem.location is not None and problem.location.path.endswith("q.yaml")
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(BASE)), st.text(max_size=12))
def test_random_edits_of_a_valid_file_never_crash(tmp_path, position, insert):
    load(tmp_path, BASE[:position] + insert + BASE[position:])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(tmp_path, data):
    load(tmp_path, data)


def test_alias_bombs_and_deep_nesting_are_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi"))
    assert load(tmp_path, bomb) is None
    assert load(tmp_path, "a: " + "[" * 5000 + "]" * 5000) is None


def problems_of(tmp_path, text):
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_questionnaire(path)
    except LoadError as exc:
        return [(p.code, p.location.line, p.message) for p in exc.problems]
    return []


def test_a_number_too_long_for_python_is_a_located_error(tmp_path):
    """Issue 11, item 4: 5,000 digits made int() raise (exit 70)."""
    found = problems_of(tmp_path, BASE.replace("version: 1", "version: " + "9" * 5000))
    assert found and found[0][:2] == ("E114", 2) and "5000" in found[0][2]
    found = problems_of(tmp_path, BASE.replace("{id: b, type: number,", "{id: b, type: number, max: 1e999,"))
    assert ("E114", 10) in [p[:2] for p in found]


@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!python/str x",
    "!!python/tuple [1, 2]", "!!binary aGk=", "!local x", "!!int '3'", "!!python/str 'quoted'"])
def test_every_non_standard_tag_is_refused(tmp_path, tagged):
    """Issue 11, item 5: !!python/… tags validated (they start with the YAML tag prefix)."""
    found = problems_of(tmp_path, BASE.replace("title: T", f"title: {tagged}"))
    assert ("E101", 3) in [p[:2] for p in found], found
