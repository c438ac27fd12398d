"""Whatever a file holds, loading ends in a questionnaire or in located problems."""
import json
from pathlib import Path

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
