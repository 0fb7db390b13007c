"""JSON Schema validation that speaks to people.

jsonschema reports what failed in its own terms ("'x' is not of type 'number'");
these functions turn the first failure, in the order of the file, into one
sentence with the place, the problem and the fix, as an :class:`InputError`.
Shared by every document kloof validates against a schema.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kloof.formats.errors import InputError
from kloof.formats.yamlsafe import LineMap, PathKey

if TYPE_CHECKING:  # jsonschema costs some 40 ms to import; the caller brings the validator
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

# Lists whose items people know by a name: "rating 4" reads better than "ratings[3]".
_ITEM_NAMES = {
    "parties": "party",
    "raters": "rater",
    "ratings": "rating",
    "factors": "factor",
    "differences": "difference",
    "actions": "action",
    "questions": "question",
    "signals": "signal",
}

_EXPECTED = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping of fields ('name: value')",
    "array": "a list",
    "null": "empty",
}

_TYPE_FIXES = {
    "string": 'put the value in quotes, for example "2027"',
    "number": "write a number such as 4 or 4.5, without quotes",
    "integer": "write a whole number such as 4, without quotes",
    "boolean": "write true or false (yes/no/on/off are read as text)",
    "object": "write the fields as 'name: value' lines, indented under this one",
    "array": "write a list: one item per line, each starting with '- '",
}


def first_schema_problem(
    validator: Validator, data: Any, lines: LineMap, source: str
) -> InputError | None:
    """The schema problem that comes first in the file, as a readable error."""
    errors = list(validator.iter_errors(as_json_data(data)))
    if not errors:
        return None
    located = [(_error_line(error, lines), index, error) for index, error in enumerate(errors)]
    line, _, error = min(located, key=lambda item: (item[0] or 0, item[1]))
    problem, fix = _sentence(error)
    return InputError(problem, fix=fix, source=source, line=line)


def as_json_data(value: Any) -> Any:
    """The data as JSON would have it: YAML dates become ISO text, which the
    schema checks as text (a date with a time then fails as it should)."""
    if isinstance(value, dict):
        return {key: as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, when one is close enough to be a typo."""
    options = list(candidates)
    for option in options:
        if option.lower() == word.lower():  # 'EN' for 'en'
            return option
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def place(path: PathKey) -> str:
    """Where a node sits, for people: ``("ratings", 3, "score")`` → ``rating 4, score``."""
    parts: list[str] = []
    index = 0
    while index < len(path):
        part = path[index]
        following = path[index + 1] if index + 1 < len(path) else None
        if isinstance(part, str) and isinstance(following, int):
            parts.append(_item_label(part, following))
            index += 2
        else:
            parts.append(str(part))
            index += 1
    return ", ".join(parts)


def _item_label(list_name: str, index: int) -> str:
    name = _ITEM_NAMES.get(list_name)
    if name:
        return f"{name} {index + 1}"
    return f"item {index + 1} of '{list_name}'"


def _error_line(error: ValidationError, lines: LineMap) -> int | None:
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        unknown = _unknown_fields(error)
        if unknown:
            return lines.line((*path, unknown[0]))
    return lines.line(path)


def _rule(error: ValidationError) -> Any:
    """The value of the failed keyword (``validator_value``), untyped as in jsonschema."""
    return error.validator_value


def _properties(error: ValidationError) -> Mapping[str, Any]:
    schema = error.schema
    if isinstance(schema, Mapping):
        properties: Mapping[str, Any] = schema.get("properties", {})
        return properties
    return {}


def _unknown_fields(error: ValidationError) -> list[str]:
    known = _properties(error)
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in instance if key not in known]


def _subject(path: PathKey) -> tuple[str, str]:
    """(prefix, subject) for a sentence about the node at ``path``: the place of
    its parent and its own name, so a message reads ``rating 4: 'score' must ...``."""
    if not path:
        return "", "the file"
    if isinstance(path[-1], int) and len(path) >= 2:
        return place(path[:-2]), _item_label(str(path[-2]), path[-1])
    return place(path[:-1]), f"'{path[-1]}'"


def _with_prefix(prefix: str, sentence: str) -> str:
    return f"{prefix}: {sentence}" if prefix else sentence


def _sentence(error: ValidationError) -> tuple[str, str | None]:
    """(problem, fix) for one jsonschema error."""
    path = tuple(error.absolute_path)
    kind = str(error.validator)
    handler = _HANDLERS.get(kind)
    if handler is not None:
        return handler(error, path)
    prefix, subject = _subject(path)
    description = _schema_description(error.schema)
    fix = f"expected: {description}" if description else None
    return _with_prefix(prefix, f"{subject} has a value that is not allowed here"), fix


def _schema_description(schema: Any) -> str | None:
    if isinstance(schema, Mapping) and isinstance(schema.get("description"), str):
        text: str = schema["description"]
        return text[:1].lower() + text[1:].rstrip(".")
    return None


def _required(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    missing = next(name for name in _rule(error) if name not in instance)
    hint = _schema_description(_properties(error).get(missing))
    fix = f"add '{missing}: …'" + (f" ({hint})" if hint else "")
    return _with_prefix(place(path), f"the required field '{missing}' is missing"), fix


def _additional(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    unknown = _unknown_fields(error)[0]
    known = list(_properties(error))
    guess = did_you_mean(unknown, known)
    fix = (
        f"did you mean '{guess}'?"
        if guess
        else f"remove it; the fields here are: {', '.join(known)}"
    )
    return _with_prefix(place(path), f"unknown field '{unknown}'"), fix


def _type(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    expected = _rule(error)
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_EXPECTED.get(name, name) for name in names if name != "null")
    if "null" in names:
        wanted += " (or empty)"
    prefix, subject = _subject(path)
    problem = f"{subject} must be {wanted}, not {describe_value(error.instance)}"
    return _with_prefix(prefix, problem), _TYPE_FIXES.get(names[0])


def _enum(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    allowed = [str(value) for value in _rule(error)]
    prefix, subject = _subject(path)
    problem = (
        f"{subject} is {describe_value(error.instance)}, which is not one of: {', '.join(allowed)}"
    )
    guess = did_you_mean(str(error.instance), allowed) if isinstance(error.instance, str) else None
    fix = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(allowed)}"
    return _with_prefix(prefix, problem), fix


def _const(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    prefix, subject = _subject(path)
    wanted = _rule(error)
    problem = f"{subject} must be {wanted!r}, not {describe_value(error.instance)}"
    return _with_prefix(prefix, problem), f"write {wanted!r}"


def _count(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    count = len(error.instance) if isinstance(error.instance, list) else 0
    prefix, subject = _subject(path)
    if path == ("parties",):
        return (
            f"a case needs at least two parties; this file has {count}",
            "add the other side under 'parties'",
        )
    if len(path) >= 1 and path[-1] == "parties":
        return (
            _with_prefix(prefix, f"'parties' must name exactly two parties, not {count}"),
            "write the ids of two parties, for example parties: [acme, globex]",
        )
    limit = _rule(error)
    bound = "at least" if error.validator == "minItems" else "at most"
    return _with_prefix(prefix, f"{subject} must have {bound} {limit} items, not {count}"), None


def _min_length(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    prefix, subject = _subject(path)
    hint = _schema_description(error.schema)
    return _with_prefix(prefix, f"{subject} is empty"), f"write {hint}" if hint else "fill it in"


def _pattern(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    prefix, subject = _subject(path)
    value = describe_value(error.instance)
    if "[0-9]{4}" in str(_rule(error)):
        return (
            _with_prefix(prefix, f"{subject} must be a date as YYYY-MM-DD, not {value}"),
            "write a date such as 2026-12-01",
        )
    hint = _schema_description(error.schema)
    return _with_prefix(prefix, f"{subject} has the wrong form: {value}"), hint


def _bound(error: ValidationError, path: PathKey) -> tuple[str, str | None]:
    prefix, subject = _subject(path)
    words = {
        "minimum": "at least",
        "maximum": "at most",
        "exclusiveMinimum": "more than",
        "exclusiveMaximum": "less than",
    }
    limit = number_text(_rule(error))
    value = describe_value(error.instance)
    problem = f"{subject} must be {words[str(error.validator)]} {limit}, not {value}"
    return _with_prefix(prefix, problem), None


_HANDLERS = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "minItems": _count,
    "maxItems": _count,
    "minLength": _min_length,
    "pattern": _pattern,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
}


def number_text(value: Any) -> str:
    """A number as people write it in a file: 7, not 7.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe_value(value: Any) -> str:
    """A short description of a value for a message, never a Python repr of a container."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {number_text(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value of another kind"


def inline_refs(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The schema with every ``{"$ref": "#/$defs/NAME"}`` replaced by that
    definition, written out. For schemas without recursion (ours), whose references
    carry nothing besides ``$ref`` and annotations; the messages stay the same, as
    they are worded from the failing keyword and the place in the data."""
    definitions = schema.get("$defs", {})

    def resolved(node: Any) -> Any:
        if isinstance(node, list):
            return [resolved(item) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            target = resolved(definitions[reference.removeprefix("#/$defs/")])
            rest = {key: resolved(value) for key, value in node.items() if key != "$ref"}
            return {**target, **rest}
        return {key: resolved(value) for key, value in node.items()}

    result: dict[str, Any] = resolved(dict(schema))
    return result
