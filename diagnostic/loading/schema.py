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

from ..errors import Problem, did_you_mean
from .yamlreader import Document

_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "array": "a list", "object": "a mapping", "null": "empty"}


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
        return [Problem("E110", f"this file is not a {name} file (it has none of the keys "
                                f"{', '.join(keys)}); nothing of it is quoted", doc.where(()))]
    problems = []
    for error in _validator(name).iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


# A file with none of these top-level keys is not ours: one problem, and nothing of it is quoted.
_SIGNATURE = {"questionnaire": ("id", "sections"), "rules": ("actions", "rules", "pathways")}


def _excerpt(text: str, limit: int = 24) -> str:
    """A short excerpt: a message never quotes much of a file (it may not be a questionnaire)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    return repr(_excerpt(value)) if isinstance(value, str) else _excerpt(str(value))


def _explain(doc: Document, error) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind, value = error.validator, error.instance
    where = doc.where(path)
    if kind in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match  # noqa: PLC0415 - loaded with the validator
        return _explain(doc, best_match(error.context))
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [Problem("E110", f"missing key '{missing}'", where)]
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = error.schema.get("properties", {})
        return [Problem("E111", f"unknown key '{_excerpt(key)}'{did_you_mean(key, allowed)}",
                        doc.where(path + (key,), key=True))
                for key in value if key not in allowed]
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        return [Problem("E112", f"{_label(path)} should be {words}, not {_describe(value)}", where)]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(str(a) for a in allowed[:20])
        hint = did_you_mean(value, [str(a) for a in allowed]) if isinstance(value, str) else ""
        return [Problem("E113", f"{_describe(value)} is not allowed for {_label(path)}{hint or '; expected one of: ' + shown}", where)]
    if kind == "not" and isinstance(value, dict):
        keys = [k for k in ("choices", "min", "max") if k in value]
        kind_word = value.get("type", "this")
        return [Problem("E111", f"'{k}' does not apply to a {kind_word} question", doc.where(path + (k,), key=True))
                for k in keys] or [Problem("E114", _excerpt(error.message, 160), where)]
    if kind == "pattern":
        if path and path[-1] in ("id", "value") or (len(path) >= 2 and path[-2] in ("choice_lists",)):
            message = f"{_describe(value)} is not a valid {_label(path)}: use lowercase letters, digits and _, starting with a letter"
        else:
            message = f"{_describe(value)} does not have the expected form for {_label(path)}"
        return [Problem("E114", message, where)]
    if kind == "propertyNames":
        return [Problem("E114", f"{_describe(value)} is not a valid name", where)]
    messages = {
        "minItems": f"{_label(path)} needs at least {error.validator_value} item(s)",
        "minLength": f"{_label(path)} must not be empty",
        "maxLength": f"{_label(path)} is longer than {error.validator_value} characters",
        "minimum": f"{_label(path)} must be at least {error.validator_value}",
        "maximum": f"{_label(path)} must be at most {error.validator_value}",
        "uniqueItems": f"{_label(path)} lists the same item twice",
    }
    return [Problem("E114", messages.get(kind, _excerpt(error.message, 160)), where)]


def _label(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return f"'{names[-1]}'" if names else "the document"
