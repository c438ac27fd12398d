"""JSON Schema validation with every error placed on its key or value.

Two validators read the same schema: fastjsonschema compiles it to Python
and answers "valid?" about 15 times faster than jsonschema on a 1,000-question
file, which keeps loading under its budget; only when a file is invalid does
jsonschema walk it again to list every error with its place.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import fastjsonschema

from ..errors import Problem, Word, closest, problem
from .yamlreader import Document


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A schema shipped in diagnostic/loading/schemas/ (e.g. 'questionnaire')."""
    text = resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _validator(name: str):
    from jsonschema import Draft7Validator  # noqa: PLC0415 - only for invalid files: 0.1 s of imports
    return Draft7Validator(schema(name))


@lru_cache(maxsize=None)
def _fast(name: str):
    return fastjsonschema.compile(schema(name))


def check(doc: Document, name: str) -> list[Problem]:
    """Validate `doc.data` against schema `name`; one located problem per error."""
    try:
        _fast(name)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # invalid: let jsonschema find and place every error
    data, keys = doc.data, _SIGNATURE[name]
    if not isinstance(data, dict) or not any(k in data for k in keys):  # /etc/passwd, notes…
        return [problem(f"E110.not_{name}", doc.where(()), keys=", ".join(keys))]
    problems = []
    for error in _validator(name).iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


# A file with none of these top-level keys is not ours: one problem, and nothing of it is quoted.
_SIGNATURE = {"questionnaire": ("id", "sections"), "rules": ("actions", "rules", "pathways")}


def _excerpt(text: str, limit: int = 24) -> str:
    """A short excerpt: a message never quotes much of a file (it may not be a questionnaire)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _describe(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return Word("mapping")
    if isinstance(value, list):
        return Word("list")
    if value is None:
        return Word("nothing")
    return repr(_excerpt(value)) if isinstance(value, str) else _excerpt(str(value))


_LIMITS = {"minItems": "E114.min_items", "maxLength": "E114.too_long",
           "minimum": "E114.minimum", "maximum": "E114.maximum"}


def _explain(doc: Document, error) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind, value = error.validator, error.instance
    where = doc.where(path)
    field = _label(path)
    if kind in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match  # noqa: PLC0415 - loaded with the validator
        return _explain(doc, best_match(error.context))
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [problem("E110.missing_key", where, key=missing)]
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = error.schema.get("properties", {})
        return [problem("E111.unknown_key", doc.where(path + (key,), key=True), key=_excerpt(key),
                        suggestion=closest(key, allowed))
                for key in value if key not in allowed]
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = Word(expected[0]) if len(expected) == 1 else Word("or").join(Word(t) for t in expected)
        return [problem("E112.wrong_type", where, field=field, expected=words, actual=_describe(value))]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        hint = closest(value, [str(a) for a in allowed]) if isinstance(value, str) else None
        if hint:
            return [problem("E113.not_allowed", where, value=_describe(value), field=field, suggestion=hint)]
        return [problem("E113.not_allowed_among", where, value=_describe(value), field=field,
                        allowed=", ".join(str(a) for a in allowed[:20]))]
    if kind == "not" and isinstance(value, dict):
        keys = [k for k in ("choices", "min", "max") if k in value]
        return [problem("E111.not_applicable", doc.where(path + (k,), key=True), key=k,
                        type=value.get("type", "?")) for k in keys] \
            or [problem("E114.schema", where, detail=_excerpt(error.message, 160))]
    if kind == "pattern":
        is_id = path and path[-1] in ("id", "value") or (len(path) >= 2 and path[-2] in ("choice_lists",))
        return [problem("E114.bad_id" if is_id else "E114.bad_form", where, value=_describe(value), field=field)]
    if kind == "propertyNames":
        return [problem("E114.bad_name", where, value=_describe(value))]
    if kind in _LIMITS:
        return [problem(_LIMITS[kind], where, field=field, count=error.validator_value,
                        limit=error.validator_value)]
    if kind in ("minLength", "uniqueItems"):
        return [problem("E114.empty" if kind == "minLength" else "E114.unique", where, field=field)]
    return [problem("E114.schema", where, detail=_excerpt(error.message, 160))]


def _label(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "document"
