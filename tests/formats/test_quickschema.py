"""The quick schema check says "valid" exactly when jsonschema finds no error, for
every schema kloof ships, on real files and on thousands of broken variants."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kloof.formats.casefile import case_schema
from kloof.formats.framework import framework_schema
from kloof.formats.quickschema import compile_schema
from kloof.formats.schemacheck import as_json_data, inline_refs

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "src" / "kloof" / "formats" / "schemas"


def read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return as_json_data(json.loads(text) if path.suffix == ".json" else yaml.safe_load(text))


DOCUMENTS = {
    path.name: read(path)
    for path in [
        *sorted((ROOT / "examples").glob("*.*")),
        *sorted((ROOT / "tests" / "formats" / "cases").glob("*.*")),
        ROOT / "src" / "kloof" / "frameworks" / "hopmans-9.yaml",
        *sorted((ROOT / "tests" / "formats" / "frameworks").glob("*.yaml")),
    ]
    if path.suffix in (".yaml", ".json")
}
CASES = {name: data for name, data in DOCUMENTS.items() if "kloof" in data}
FRAMEWORKS = [data for data in DOCUMENTS.values() if "kloof_framework" in data]


#: Values that sit on the edges of what the schemas allow.
AWKWARD = [
    None,
    True,
    False,
    0,
    1,
    -1,
    4,
    4.0,
    4.5,
    7,
    8,
    1e300,
    "",
    " ",
    "x",
    "acme",
    "Acme",
    "acme\n",
    "1/6",
    " 1 / 6 ",
    "0.4",
    "2026-12-01",
    "2026-12-01\n",
    "2026-12-01 10:00:00",
    "nl",
    "en",
    "open",
    "blocking",
    "high",
    "interview",
    "x" * 300,
    [],
    ["acme", "globex"],
    ["acme"],
    [1, 2],
    {},
    {"nl": "a", "en": "b"},
    {"min": 1, "max": 7},
]

Path_ = tuple[str | int, ...]


def paths(value: Any, at: Path_ = ()) -> list[Path_]:
    """Every place in ``value`` (the root included)."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*at, index))
    return found


def changed(data: Any, path: Path_, how: str, new: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced, removed, or given an
    unknown field."""
    result = copy.deepcopy(data)
    if not path:
        return new if how == "replace" else result
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "replace":
        parent[last] = new
    elif how == "remove":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last]["unknown_field"] = new
    else:
        parent[last] = new
    return result


def verdicts(schema: dict[str, Any], data: Any) -> tuple[bool, bool]:
    quick = compile_schema(inline_refs(schema))(data)
    full = not any(True for _ in Draft202012Validator(schema).iter_errors(data))
    return quick, full


@st.composite
def variants(draw: st.DrawFn, documents: list[Any]) -> Any:
    data = draw(st.sampled_from(documents))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths(data)))
        how = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        data = changed(data, path, how, draw(st.sampled_from(AWKWARD)))
    return data


@pytest.mark.parametrize("name", ["case", "framework", "mapping"])
def test_every_shipped_schema_compiles(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    check = compile_schema(inline_refs(schema))
    assert check(None) is False


def test_a_keyword_it_does_not_know_is_refused_not_skipped() -> None:
    with pytest.raises(ValueError, match="does not know the keyword 'uniqueItems'"):
        compile_schema({"type": "array", "uniqueItems": True})


@pytest.mark.parametrize(
    ("schema", "value", "valid"),
    [
        ({"type": "integer"}, 4.0, True),
        ({"type": "integer"}, 4.5, False),
        ({"type": "integer"}, True, False),
        ({"type": "number"}, False, False),
        ({"const": 1}, True, False),
        ({"const": 1}, 1.0, True),
        ({"enum": [1, "a"]}, True, False),
        ({"enum": ["a", "b"]}, 1, False),
        ({"pattern": "^[a-z]+$"}, "abc\n", True),  # re.search: '$' before a final newline
        ({"pattern": "b"}, "abc", True),
        ({"minimum": 1}, "0", True),
        ({"minLength": 1}, [], True),
        ({"required": ["a"]}, [], True),
    ],
)
def test_edge_values_get_jsonschemas_verdict(schema: dict, value: Any, valid: bool) -> None:
    assert verdicts(schema, value) == (valid, valid)


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_case_files_are_valid_for_both(name: str) -> None:
    assert verdicts(case_schema(), CASES[name]) == (True, True)


def test_the_documents_are_there() -> None:
    assert len(CASES) == 10
    assert len(FRAMEWORKS) == 14


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants(list(CASES.values())))
def test_broken_cases_get_jsonschemas_verdict(data: Any) -> None:
    quick, full = verdicts(case_schema(), data)
    assert quick == full


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants(FRAMEWORKS))
def test_broken_frameworks_get_jsonschemas_verdict(data: Any) -> None:
    quick, full = verdicts(framework_schema(), data)
    assert quick == full
