"""The safe reader: plain data with line numbers, and a clear refusal of anything
unsafe or malformed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from kloof.formats import yamlnodes
from kloof.formats.errors import InputError
from kloof.formats.yamlnodes import event_lines, read_yaml
from kloof.formats.yamlsafe import MAX_BYTES, LineMap, parse_document, read_document


def refusal(data: bytes, source: str = "case.yaml", kind: str | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_document(data, source, kind)
    return caught.value


# --- what it reads ------------------------------------------------------------------


def test_parse_document_yaml_gives_plain_data_and_lines() -> None:
    text = (
        b"title: T\ndate: 2026-12-01\nratings:\n  - rater: jan\n    score: 4.5\n  - {rater: eva}\n"
    )
    document = parse_document(text, "case.yaml")
    assert document.data == {
        "title": "T",
        "date": dt.date(2026, 12, 1),
        "ratings": [{"rater": "jan", "score": 4.5}, {"rater": "eva"}],
    }
    assert document.lines.line(("ratings",)) == 3
    assert document.lines.line(("ratings", 0, "score")) == 5
    assert document.lines.line(("ratings", 1, "rater")) == 6


def test_line_map_falls_back_to_nearest_ancestor() -> None:
    document = parse_document(b"a: 1\nratings:\n  - {rater: jan}\n", "case.yaml")
    assert document.lines.line(("ratings", 0, "score")) == 3
    assert document.lines.line(("ratings", 7)) == 2
    assert document.lines.line(("nothing",)) == 1
    assert LineMap().line(("a",)) is None


def test_parse_document_yes_no_on_off_stay_text() -> None:
    document = parse_document(b"no: yes\non: off\nid: n\nflag: true\nother: False\n", "x.yaml")
    assert document.data == {"no": "yes", "on": "off", "id": "n", "flag": True, "other": False}


def test_plain_booleans_do_not_change_pyyaml_itself() -> None:
    assert yaml.safe_load("a: yes") == {"a": True}


def test_parse_document_keys_are_always_text() -> None:
    document = parse_document(b"2027: a\ntrue: b\n~: c\n2026-01-01: d\n", "x.yaml")
    assert list(document.data) == ["2027", "true", "~", "2026-01-01"]


def test_parse_document_accepts_utf8_bom() -> None:
    assert parse_document(b"\xef\xbb\xbfa: \xc3\xa9\n", "x.yaml").data == {"a": "é"}


def test_parse_document_json_by_extension_with_lines() -> None:
    document = parse_document(b'{"a": 1,\n "b": [true,\n  {"c": null}]}', "case.JSON")
    assert document.data == {"a": 1, "b": [True, {"c": None}]}
    assert document.lines.line(("b", 1, "c")) == 3


def test_parse_document_json_kind_overrides_extension() -> None:
    assert parse_document(b'{"a": "yes"}', "upload.txt", "json").data == {"a": "yes"}


def test_read_document_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("title: Test\n", encoding="utf-8")
    assert read_document(path).data == {"title": "Test"}


# --- what it refuses ----------------------------------------------------------------


def test_read_document_refuses_file_over_limit_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no 10 MB written to disk

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.message == (
        f"{path}: the file is 10.0 MB, more than the 10 MB a case or framework file may have"
        " — check that this is the right file; a case file is usually a few kilobytes"
    )


@pytest.mark.slow  # parses 10 MB of YAML: a few seconds
def test_read_document_accepts_file_of_exactly_the_limit_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    line = b"# padding\n"
    body = b"a: 1\n" + line * ((MAX_BYTES - 5) // len(line))
    path.write_bytes(body + b" " * (MAX_BYTES - len(body)))
    assert read_document(path).data == {"a": 1}


def test_parse_document_refuses_bytes_over_limit() -> None:
    error = refusal(b" " * (MAX_BYTES + 1))
    assert error.problem.startswith("the file is 10.0 MB, more than the 10 MB")


def test_read_document_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "nope.yaml")
    assert (
        caught.value.message
        == f"{tmp_path / 'nope.yaml'}: file not found — check the path and the file name"
    )


def test_parse_document_refuses_invalid_utf8_naming_offset_and_line() -> None:
    error = refusal(b"a: 1\nb: caf\xe9\n")
    assert error.message == (
        "case.yaml:2: the file is not valid UTF-8 (byte 0xe9 at byte offset 11)"
        " — save the file as UTF-8"
    )


def test_parse_document_refuses_utf16() -> None:
    error = refusal("a: 1\n".encode("utf-16"))
    assert error.problem == "the file is saved as UTF-16, not UTF-8"


def test_parse_document_refuses_yaml_syntax_error_with_parser_line() -> None:
    error = refusal(b"title: T\nparties:\n  - id: a\n   name: b\n")
    assert error.line == 4
    assert error.problem.startswith("YAML syntax error: ")
    assert error.fix == "check the indentation, colons and quotes on this line and the one before"


def test_parse_document_refuses_json_syntax_error_with_line() -> None:
    error = refusal(b'{"a": 1,\n "b": }', "case.json")
    assert error.message == (
        "case.json:2: JSON syntax error: Expecting value (column 7)"
        " — check the commas, brackets and quotes near this spot"
    )


def test_parse_document_refuses_duplicate_yaml_key() -> None:
    error = refusal(b"title: A\nparties: []\ntitle: B\n")
    assert error.message == (
        "case.yaml:3: duplicate key 'title' (first on line 1)"
        " — keep one of them: a key may appear only once in the same mapping"
    )


def test_parse_document_refuses_duplicate_nested_yaml_key() -> None:
    error = refusal(b"ratings:\n  - {rater: a, score: 1, score: 2}\n")
    assert (error.line, error.problem) == (2, "duplicate key 'score' (first on line 2)")


def test_parse_document_refuses_duplicate_json_key_with_line() -> None:
    error = refusal(b'{"title": "A",\n "title": "B"}', "case.json")
    assert error.message == (
        "case.json:2: duplicate key 'title'"
        " — keep one of them: a key may appear only once in the same object"
    )


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_parse_document_refuses_json_non_finite_numbers(constant: bytes) -> None:
    error = refusal(b'{"score": ' + constant + b"}", "case.json")
    assert error.problem == f"'{constant.decode()}' is not a usable number"


@pytest.mark.parametrize("value", [b".nan", b".inf", b"-.Inf"])
def test_parse_document_refuses_yaml_non_finite_numbers(value: bytes) -> None:
    error = refusal(b"a: 1\nscore: " + value + b"\n")
    assert (error.line, error.problem) == (2, f"'{value.decode()}' is not a usable number")


def test_parse_document_refuses_python_object_tag() -> None:
    error = refusal(b"title: T\nx: !!python/object/apply:os.system ['echo hacked']\n")
    assert error.message == (
        "case.yaml:2: the YAML tag '!!python/object/apply:os.system' is not allowed:"
        " kloof reads plain data only — remove the tag and write the value as plain text,"
        " a number, a list or a mapping"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (b"a: !custom x\n", "!custom"),
        (b"a: !!binary aGVsbG8=\n", "!!binary"),
        (b"a: !!set {x}\n", "!!set"),
        (b"a: !!python/name:os.system\n", "!!python/name:os.system"),
        (b"? !!python/tuple [1, 2]\n: x\n", "!!python/tuple"),
    ],
)
def test_parse_document_refuses_non_standard_tags(text: bytes, shown: str) -> None:
    assert refusal(text).problem == (
        f"the YAML tag '{shown}' is not allowed: kloof reads plain data only"
    )


def test_parse_document_allows_standard_explicit_tags() -> None:
    assert parse_document(b"id: !!str 2027\n", "x.yaml").data == {"id": "2027"}


def test_parse_document_refuses_billion_laughs_at_the_first_anchor() -> None:
    lines = [b'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join(f"*a{level - 1}" for _ in range(9)).encode()
        lines.append(f"a{level}: &a{level} [".encode() + refs + b"]")
    error = refusal(b"\n".join(lines) + b"\n")
    assert error.message == (
        "case.yaml:1: YAML anchors and aliases ('&name', '*name') are not supported"
        " — write the repeated part out in full"
    )


def test_parse_document_refuses_alias_without_anchor_line() -> None:
    assert refusal(b"a: 1\nb: *x\n").line == 2


def test_parse_document_refuses_merge_key() -> None:
    error = refusal(b"a: 1\nb:\n  <<: {c: 1}\n")
    assert (error.line, error.problem) == (3, "YAML merge keys ('<<') are not supported")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b"- a\n- b\n", "a list"),
        (b"just text\n", "a single text"),
        (b"42\n", "a single value (42)"),
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
    ],
)
def test_parse_document_refuses_top_level_that_is_not_a_mapping(text: bytes, found: str) -> None:
    assert refusal(text).problem == (
        f"the top level of the file is {found}, expected a mapping of field names to values"
    )


def test_parse_document_refuses_json_top_level_list() -> None:
    error = refusal(b"[1, 2]", "case.json")
    assert error.fix == 'write the file as {"kloof": 1, ...}'


def test_parse_document_refuses_two_documents() -> None:
    error = refusal(b"a: 1\n---\nb: 2\n")
    assert error.message == (
        "case.yaml:2: the file holds more than one YAML document"
        " — keep one document per file: remove the second '---' and what follows"
    )


def test_parse_document_refuses_deep_nesting() -> None:
    assert refusal(b"a: " + b"[" * 200 + b"]" * 200 + b"\n").problem == (
        "the data is nested more than 64 levels deep"
    )
    deep_json = b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert refusal(deep_json, "case.json").problem == "the data is nested more than 64 levels deep"


def test_parse_document_refuses_control_character() -> None:
    error = refusal(b"a: 1\nb: x\x07y\n")
    assert (error.line, error.problem) == (
        2,
        "the file contains a control character YAML does not allow (U+0007)",
    )


def test_parse_document_refuses_impossible_date() -> None:
    error = refusal(b"date: 2026-02-30\n")
    assert error.message == (
        "case.yaml:1: '2026-02-30' is not a valid date"
        " — write an existing date as YYYY-MM-DD, for example 2026-12-01"
    )


def test_parse_document_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown document kind 'toml'"):
        parse_document(b"a = 1", "x.toml", "toml")


def test_json_lines_come_from_the_events_as_the_yaml_reading_finds_them() -> None:
    """A JSON file's lines are worked out from libyaml's events, without building
    nodes; they must be the lines the full YAML reading records."""
    text = json.dumps(
        {"kloof": 1, "parties": [{"id": "a", "name": "A"}, {"id": "b"}], "x": {"y": [1, [2]]}},
        indent=2,
    )
    _, expected = read_yaml(text)
    assert event_lines(text) == expected
    assert expected[("parties", 1, "id")] == 9
    assert expected[("x", "y", 1, 0)] == 16


# --- both parsers: libyaml's, and PyYAML's Python one for a PyYAML without it ------

PARSERS = pytest.mark.parametrize(
    "events",
    [yamlnodes._LIBYAML, yamlnodes._PythonEvents],
    ids=["libyaml", "python"],
)
CONTROL_CHARACTER = "the file contains a control character YAML does not allow (U+0007)"
DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-contract-renewal.yaml"


def composed(text: str, events: type) -> tuple[object, dict]:
    return read_yaml(text, events)


def composing_refusal(text: str, events: type) -> tuple[str, int | None]:
    with pytest.raises(InputError) as caught:
        composed(text, events)
    return caught.value.problem, caught.value.line


def test_libyaml_is_the_parser_in_use() -> None:
    assert yamlnodes._LIBYAML is not None
    assert yamlnodes._Events is yamlnodes._LIBYAML


@PARSERS
def test_both_parsers_read_the_demo_case_alike(events: type) -> None:
    text = DEMO.read_text(encoding="utf-8")
    assert composed(text, events) == composed(text, yamlnodes._LIBYAML)
    assert event_lines(text, events) == composed(text, events)[1]


@PARSERS
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", ("YAML anchors and aliases ('&name', '*name') are not supported", 1)),
        ("a: " + "[" * 70 + "]" * 70 + "\n", ("the data is nested more than 64 levels deep", 1)),
        (
            "é: 1\nb: 'x\x07'\n",
            ("the file contains a control character YAML does not allow (U+0007)", 2),
        ),
        ("a: [" + "1, " * 400_001 + "1]\n", (yamlnodes.too_many_values().problem, None)),
    ],
    ids=["alias", "deep", "control-character", "too-many-values"],
)
def test_both_parsers_refuse_alike(events: type, text: str, expected: tuple) -> None:
    assert composing_refusal(text, events) == expected


# --- numbers that cannot be read -----------------------------------------------------

HUGE_NUMBER = (
    "a number of 4,301 digits is too long to read (at most 4,300)"
    " — write a number such as a score on the case's scale; if it is text, put it in quotes"
)


@pytest.mark.parametrize(
    ("data", "source"),
    [
        (b"a: 1\nb: [2, " + b"9" * 4301 + b"]\n", "case.yaml"),
        (b'{"a": 1,\n "b": [2, -' + b"9" * 4301 + b"]}", "case.json"),
    ],
)
def test_a_whole_number_of_more_than_4300_digits_is_refused_on_its_line(
    data: bytes, source: str
) -> None:
    assert refusal(data, source).message == f"{source}:2: {HUGE_NUMBER}"


def test_a_whole_number_of_4300_digits_is_read() -> None:
    assert parse_document(b'{"a": ' + b"9" * 4300 + b"}", "case.json").data == {
        "a": int("9" * 4300)
    }


@pytest.mark.parametrize("literal", [b"1e400", b"-1E999", b"NaN", b"-Infinity"])
def test_a_json_number_that_is_not_finite_is_refused_on_its_line(literal: bytes) -> None:
    error = refusal(b'{"a": 1,\n "score": ' + literal + b"}", "case.json")
    assert error.message == (
        f"case.json:2: '{literal.decode()}' is not a usable number"
        " — write a finite number such as 4 or 4.5"
    )
