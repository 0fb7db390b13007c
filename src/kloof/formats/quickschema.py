"""A yes-or-no JSON Schema check for kloof's own schemas: fast, and without jsonschema.

jsonschema tells what is wrong and where, which :mod:`kloof.formats.schemacheck`
turns into a sentence; but importing it costs some 100 ms of every command's
start-up, and checking a case at the ratings limit about a second. Most files
are valid, so :func:`compile_schema` turns a schema into nested functions once
(under a millisecond) that answer only "valid or not", in about 1/20 of
jsonschema's time; jsonschema is asked only when the answer is "not valid", to
explain it. (fastjsonschema does the same by generating code: 30 ms to import,
80 ms to compile our case schema, and its code without the definitions in every
message fails to compile on ``const``.)

The verdict is jsonschema's (Draft 2020-12, as it implements it: ``4.0`` is an
integer, ``true`` is not the number 1, ``pattern`` searches anywhere in the
text). Only the keywords kloof's schemas use are known; a schema with any other
keyword is refused when compiled (``ValueError``), so a new keyword cannot be
skipped silently. ``$ref`` must be written out first
(:func:`kloof.formats.schemacheck.inline_refs`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["Check", "compile_schema"]

#: A compiled schema: True when the value is valid.
Check = Callable[[Any], bool]

#: Keywords that describe and do not constrain (``format`` is an annotation in
#: Draft 2020-12 unless a format checker is asked for, and kloof asks for none).
_ANNOTATIONS = frozenset(
    (
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "format",
    )
)


def compile_schema(schema: Mapping[str, Any] | bool) -> Check:
    """The check of ``schema``: ``check(value)`` is True when jsonschema finds no error."""
    if schema is True:
        return _valid
    if schema is False:
        return _invalid
    if not isinstance(schema, Mapping):
        raise ValueError(f"not a schema: {schema!r}")
    checks: list[Check] = []
    if "type" in schema:  # first: the cheapest way to refuse
        checks.append(_type(schema["type"]))
    for keyword, rule in schema.items():
        if keyword in _ANNOTATIONS or keyword == "type":
            continue
        make = _KEYWORDS.get(keyword)
        if make is None:
            raise ValueError(f"the quick schema check does not know the keyword {keyword!r}")
        checks.append(make(rule, schema))
    return _all(checks)


def _valid(value: Any) -> bool:
    return True


def _invalid(value: Any) -> bool:
    return False


def _all(checks: Sequence[Check]) -> Check:
    if not checks:
        return _valid
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def every(value: Any) -> bool:
        return all(check(value) for check in checks)

    return every


# --- types --------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Check] = {
    "string": lambda value: isinstance(value, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "null": lambda value: value is None,
}


def _type(rule: str | Sequence[str]) -> Check:
    if isinstance(rule, str):
        return _TYPES[rule]
    tests = [_TYPES[name] for name in rule]
    return lambda value: any(test(value) for test in tests)


# --- objects ------------------------------------------------------------------------


def _properties(rule: Mapping[str, Any], schema: Mapping[str, Any]) -> Check:
    checks = {name: compile_schema(subschema) for name, subschema in rule.items()}

    def properties(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for name, item in value.items():
            check = checks.get(name)
            if check is not None and not check(item):
                return False
        return True

    return properties


def _additional(rule: Any, schema: Mapping[str, Any]) -> Check:
    if "patternProperties" in schema:
        raise ValueError("the quick schema check does not know 'patternProperties'")
    known = frozenset(schema.get("properties", {}))
    if rule is False:
        return lambda value: not isinstance(value, dict) or known.issuperset(value)
    check = compile_schema(rule)

    def additional(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(check(item) for name, item in value.items() if name not in known)

    return additional


def _required(rule: Sequence[str], schema: Mapping[str, Any]) -> Check:
    names = tuple(rule)
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _property_count(bound: Callable[[int, int], bool]) -> Callable[[int, Any], Check]:
    def make(rule: int, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, dict) or bound(len(value), rule)

    return make


# --- lists --------------------------------------------------------------------------


def _items(rule: Any, schema: Mapping[str, Any]) -> Check:
    if "prefixItems" in schema:
        raise ValueError("the quick schema check does not know 'prefixItems'")
    check = compile_schema(rule)

    def items(value: Any) -> bool:
        if isinstance(value, list):
            for item in value:
                if not check(item):
                    return False
        return True

    return items


def _item_count(bound: Callable[[int, int], bool]) -> Callable[[int, Any], Check]:
    def make(rule: int, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or bound(len(value), rule)

    return make


# --- texts, numbers, values ---------------------------------------------------------


def _length(bound: Callable[[int, int], bool]) -> Callable[[int, Any], Check]:
    def make(rule: int, schema: Mapping[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or bound(len(value), rule)

    return make


def _pattern(rule: str, schema: Mapping[str, Any]) -> Check:
    search = re.compile(rule).search  # jsonschema searches too: the pattern is not anchored
    return lambda value: not isinstance(value, str) or search(value) is not None


def _bound(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Check]:
    def make(rule: Any, schema: Mapping[str, Any]) -> Check:
        return lambda value: not _is_number(value) or compare(value, rule)

    return make


def _enum(rule: Sequence[Any], schema: Mapping[str, Any]) -> Check:
    if all(isinstance(option, str) for option in rule):
        texts = frozenset(rule)
        return lambda value: isinstance(value, str) and value in texts
    options = tuple(rule)
    return lambda value: any(_equal(value, option) for option in options)


def _const(rule: Any, schema: Mapping[str, Any]) -> Check:
    return lambda value: _equal(value, rule)


def _any_of(rule: Sequence[Any], schema: Mapping[str, Any]) -> Check:
    checks = [compile_schema(subschema) for subschema in rule]
    return lambda value: any(check(value) for check in checks)


def _equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema means it (jsonschema's ``equal``): ``true`` is not
    ``1``, also inside lists and mappings."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(map(_equal, one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[key], two[key]) for key in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


_KEYWORDS: dict[str, Callable[[Any, Mapping[str, Any]], Check]] = {
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "minProperties": _property_count(lambda count, limit: count >= limit),
    "maxProperties": _property_count(lambda count, limit: count <= limit),
    "items": _items,
    "minItems": _item_count(lambda count, limit: count >= limit),
    "maxItems": _item_count(lambda count, limit: count <= limit),
    "minLength": _length(lambda count, limit: count >= limit),
    "maxLength": _length(lambda count, limit: count <= limit),
    "pattern": _pattern,
    "minimum": _bound(lambda value, limit: value >= limit),
    "maximum": _bound(lambda value, limit: value <= limit),
    "exclusiveMinimum": _bound(lambda value, limit: value > limit),
    "exclusiveMaximum": _bound(lambda value, limit: value < limit),
    "enum": _enum,
    "const": _const,
    "anyOf": _any_of,
}
