"""Loading a user's framework file, the messages for bad ones, parse_factor for a
case's own factors, and the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kloof.domain.model import Severity, Text, Thresholds
from kloof.formats.errors import InputError
from kloof.formats.framework import (
    framework_from_document,
    framework_schema,
    load_framework,
    parse_factor,
)
from kloof.formats.yamlsafe import LineMap, parse_document

DATA = Path(__file__).parent / "frameworks"


def error_for(name: str) -> str:
    with pytest.raises(InputError) as caught:
        load_framework(name, base_dir=DATA)
    return caught.value.message


# --- a user's framework -------------------------------------------------------------


def test_load_framework_reads_a_path_relative_to_base_dir() -> None:
    framework = load_framework("team-3.yaml", base_dir=DATA)
    assert framework.name == "team-3"
    assert framework.title == Text("Teamkader", "Team framework")
    assert framework.source == "Our purchasing team, 2026"
    assert [factor.key for factor in framework.factors] == [
        "price_focus",
        "speed",
        "sustainability",
    ]
    assert [factor.weight for factor in framework.factors] == [2.0, 1.0, 0.0]
    assert not any(factor.custom for factor in framework.factors)


def test_load_framework_converts_fractions_exactly_and_applies_overrides() -> None:
    price, speed, _ = load_framework("team-3.yaml", base_dir=DATA).factors
    assert price.thresholds == Thresholds(nuance=1 / 5, significant=0.4, blocking=3 / 5)
    assert speed.thresholds == Thresholds(nuance=1 / 5, significant=0.4, blocking=1.0)


def test_load_framework_reads_optional_texts_and_advice() -> None:
    price, speed, _ = load_framework("team-3.yaml", base_dir=DATA).factors
    assert price.questions == (
        Text("Wat weegt zwaarder dan de prijs?", "What weighs more than price?"),
    )
    assert price.advice == {
        Severity.ALIGNED: Text("Houd het zo.", "Keep it that way."),
        Severity.BLOCKING: Text("Bespreek eerst wat waarde is.", "Discuss first what value means."),
    }
    assert speed.description == Text("", "")
    assert speed.signals == ()
    assert speed.advice == {}


def test_load_framework_reads_json_like_yaml(tmp_path: Path) -> None:
    document = parse_document((DATA / "team-3.yaml").read_bytes(), "team-3.yaml")
    (tmp_path / "team-3.json").write_text(json.dumps(document.data), encoding="utf-8")
    assert load_framework(str(tmp_path / "team-3.json")) == load_framework(
        "team-3.yaml", base_dir=DATA
    )


def test_framework_from_document_reads_an_upload() -> None:
    data = (DATA / "team-3.yaml").read_bytes()
    framework = framework_from_document(parse_document(data, "upload.yaml"), "upload.yaml")
    assert framework.name == "team-3"


def test_load_framework_unknown_name_suggests_the_builtin() -> None:
    assert error_for("hopmans9") == (
        "there is no built-in framework 'hopmans9' and no file of that name — did you mean "
        "'hopmans-9'? the built-in frameworks are: hopmans-9; or give the path of a "
        "framework file ending in .yaml or .json"
    )


def test_load_framework_missing_file_names_the_path() -> None:
    assert error_for("nowhere/mine.yaml") == (
        f"{DATA / 'nowhere/mine.yaml'}: file not found — check the path and the file name"
    )


# --- bad framework files: each problem, its line and its fix ------------------------


def test_load_framework_refuses_a_duplicate_factor_key() -> None:
    assert error_for("bad-duplicate-factor-key.yaml") == (
        f"{DATA / 'bad-duplicate-factor-key.yaml'}:9: factor 2, key: the factor key 'trust' "
        "is used twice (first at line 5) — give every factor its own key, or remove the "
        "repeated factor"
    )


def test_load_framework_refuses_thresholds_that_do_not_increase() -> None:
    assert error_for("bad-thresholds-not-increasing.yaml") == (
        f"{DATA / 'bad-thresholds-not-increasing.yaml'}:4: thresholds: the thresholds must "
        "increase (nuance < significant < blocking), but significant 2/6 is not above "
        'nuance 2/6 — set significant above nuance, for example nuance: "1/6", '
        'significant: "2/6", blocking: "3/6"'
    )


def test_load_framework_refuses_a_factor_threshold_below_the_default() -> None:
    assert error_for("bad-factor-threshold-below-default.yaml") == (
        f"{DATA / 'bad-factor-threshold-below-default.yaml'}:13: factor 2, thresholds: the "
        "thresholds must increase (nuance < significant < blocking), but blocking 0.3 is "
        "not above significant 1/3 (default) — set blocking above significant, for example "
        'nuance: "1/6", significant: "2/6", blocking: "3/6"'
    )


@pytest.mark.parametrize(
    ("name", "line", "place", "shown"),
    [
        ("bad-threshold-zero-denominator.yaml", 5, "thresholds, blocking", "'1/0'"),
        ("bad-threshold-above-one.yaml", 10, "factor 1, thresholds, blocking", "'7/6'"),
    ],
)
def test_load_framework_refuses_a_threshold_outside_0_1(
    name: str, line: int, place: str, shown: str
) -> None:
    assert error_for(name) == (
        f"{DATA / name}:{line}: {place}: the threshold {shown} is not a number above 0 and "
        'at most 1 — write a number such as 0.4, or an exact fraction in quotes such as "1/6"'
    )


def test_load_framework_refuses_all_weights_zero() -> None:
    assert error_for("bad-all-weights-zero.yaml") == (
        f"{DATA / 'bad-all-weights-zero.yaml'}:4: factors: every factor has weight 0, so no "
        "toughness can be computed — give at least one factor a weight above 0 (1 is the "
        "usual weight)"
    )


def test_load_framework_refuses_a_negative_weight() -> None:
    assert error_for("bad-negative-weight.yaml") == (
        f"{DATA / 'bad-negative-weight.yaml'}:9: factor 1: 'weight' must be at least 0, "
        "not the number -1"
    )


def test_load_framework_refuses_a_text_without_english() -> None:
    assert error_for("bad-missing-en.yaml") == (
        f"{DATA / 'bad-missing-en.yaml'}:10: factor 1, question 1: the required field 'en' "
        "is missing — add 'en: …' (the English text)"
    )


def test_load_framework_refuses_a_blank_dutch_text() -> None:
    assert error_for("bad-blank-nl.yaml") == (
        f"{DATA / 'bad-blank-nl.yaml'}:6: factor 1, name, nl: the Dutch text ('nl') is "
        "missing or empty — write the Dutch text after 'nl:'; every text needs both nl and en"
    )


def test_load_framework_refuses_advice_for_an_unknown_severity() -> None:
    assert error_for("bad-advice-key.yaml") == (
        f"{DATA / 'bad-advice-key.yaml'}:10: factor 1, advice: unknown field 'blockng' — "
        "did you mean 'blocking'?"
    )


def test_load_framework_refuses_a_newer_format() -> None:
    assert error_for("bad-version.yaml") == (
        f"{DATA / 'bad-version.yaml'}:1: this framework file has format 2; this version of "
        "kloof reads format 1 — update kloof, or write the file in format 1 (see "
        "docs/frameworks.md)"
    )


# --- parse_factor: a case's own factors ---------------------------------------------

MINIMAL = {
    "key": "sustainability",
    "name": {"nl": "Duurzaamheid", "en": "Sustainability"},
    "left": {"nl": "Geen thema", "en": "Not an issue"},
    "right": {"nl": "Harde eis", "en": "A hard requirement"},
}


def test_parse_factor_fills_the_optional_fields_with_defaults() -> None:
    defaults = Thresholds(nuance=0.1, significant=0.2, blocking=0.3)
    factor = parse_factor(MINIMAL, defaults=defaults, custom=True, where=("factors", 0))
    assert factor.key == "sustainability"
    assert factor.right == Text("Harde eis", "A hard requirement")
    assert factor.custom is True
    assert factor.weight == 1.0
    assert factor.thresholds == defaults
    assert (factor.description, factor.questions, factor.signals, factor.advice) == (
        Text("", ""),
        (),
        (),
        {},
    )


def test_parse_factor_names_the_place_and_line_of_a_missing_translation() -> None:
    data = {**MINIMAL, "left": {"nl": "Geen thema", "en": " "}}
    lines = LineMap({("factors", 1): 20, ("factors", 1, "left", "en"): 23})
    with pytest.raises(InputError) as caught:
        parse_factor(data, defaults=Thresholds(), custom=True, where=("factors", 1), lines=lines)
    assert caught.value.line == 23
    assert caught.value.located("case.yaml").message == (
        "case.yaml:23: factor 2, left, en: the English text ('en') is missing or empty — "
        "write the English text after 'en:'; every text needs both nl and en"
    )


def test_parse_factor_refuses_advice_for_a_non_severity_without_the_schema() -> None:
    data = {**MINIMAL, "advice": {"unknown": {"nl": "Zoek het uit.", "en": "Find out."}}}
    with pytest.raises(InputError) as caught:
        parse_factor(data, defaults=Thresholds(), custom=True, where=("factors", 0))
    assert caught.value.message == (
        "factor 1, advice, unknown: 'unknown' is not a severity to give advice for — use one "
        "of: aligned, nuance, significant, blocking"
    )


def test_parse_factor_refuses_a_negative_weight_without_the_schema() -> None:
    with pytest.raises(InputError) as caught:
        parse_factor(
            {**MINIMAL, "weight": -0.5}, defaults=Thresholds(), custom=True, where=("factors", 0)
        )
    assert caught.value.message == (
        "factor 1, weight: the weight must be a number of 0 or more — write a weight such as "
        "1 (0 leaves the factor out of the toughness score)"
    )


def test_parse_factor_takes_exact_fractions_and_numbers() -> None:
    data = {**MINIMAL, "thresholds": {"nuance": " 1 / 6 ", "significant": "2/6", "blocking": 1}}
    factor = parse_factor(data, defaults=Thresholds(), custom=True, where=("factors", 0))
    assert factor.thresholds == Thresholds(nuance=1 / 6, significant=1 / 3, blocking=1.0)


# --- the schema ---------------------------------------------------------------------


def test_framework_schema_is_a_valid_2020_12_schema() -> None:
    schema = framework_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_framework_schema_defines_the_factor_for_case_files() -> None:
    factor = framework_schema()["$defs"]["factor"]
    assert factor["required"] == ["key", "name", "left", "right"]
    assert set(factor["properties"]) == {
        "key",
        "name",
        "left",
        "right",
        "description",
        "questions",
        "signals",
        "advice",
        "weight",
        "thresholds",
    }
    assert factor["additionalProperties"] is False


def test_framework_schema_accepts_the_minimal_case_factor() -> None:
    defs = framework_schema()["$defs"]
    validator = Draft202012Validator({"$defs": defs, "$ref": "#/$defs/factor"})
    assert list(validator.iter_errors(MINIMAL)) == []
    assert [error.message for error in validator.iter_errors({**MINIMAL, "colour": "red"})] == [
        "Additional properties are not allowed ('colour' was unexpected)"
    ]


def test_framework_schema_returns_a_fresh_copy() -> None:
    framework_schema()["$defs"].clear()
    assert "factor" in framework_schema()["$defs"]
