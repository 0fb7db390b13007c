"""The published case schema: self-describing, strict, and in step with the
framework schema for the factors a case adds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from kloof.formats.casefile import case_schema
from kloof.formats.framework import framework_schema

CASES = Path(__file__).resolve().parent / "cases"


def object_schemas(schema: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sub-schema that describes a mapping, with where it sits."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield path, schema
        for key, value in schema.items():
            yield from object_schemas(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from object_schemas(value, f"{path}/{index}")


def test_case_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = case_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "kloof case file, format 1"
    Draft202012Validator.check_schema(schema)


def test_case_schema_is_strict_everywhere() -> None:
    loose = [
        path
        for path, item in object_schemas(case_schema())
        if item.get("additionalProperties") is not False
    ]
    # An interview's answers are keyed by factor: any key, each answer text (the
    # checks between the parts refuse a key that is not a factor of the case).
    assert loose == ["#/$defs/interview/properties/answers"]
    answers = case_schema()["$defs"]["interview"]["properties"]["answers"]
    assert answers["additionalProperties"] == {"type": "string"}


def test_case_schema_describes_every_case_property() -> None:
    schema = case_schema()
    undescribed = [
        f"{path}/{name}"
        for path, item in object_schemas(schema)
        for name, prop in item.get("properties", {}).items()
        if not prop.get("description")
        and path.split("/")[-1] != "advice"
        and not path.split("/")[-1].startswith("threshold")
    ]
    assert undescribed == []
    top = schema["properties"]
    assert all(prop.get("title") and prop.get("description") for prop in top.values())


def test_case_schema_returns_a_fresh_copy() -> None:
    case_schema()["title"] = "changed"
    assert case_schema()["title"] == "kloof case file, format 1"


def test_case_factor_matches_the_framework_factor() -> None:
    case_defs = case_schema()["$defs"]
    framework_defs = framework_schema()["$defs"]
    for name in ("factor", "text", "thresholds", "threshold"):
        assert case_defs[name] == framework_defs[name], name


def test_example_json_file_is_valid_against_the_schema() -> None:
    data = json.loads((CASES / "basic.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(case_schema()).iter_errors(data)) == []
