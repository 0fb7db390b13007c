"""Bad case files: every refusal names the file, the line, the problem and the fix.

Each test changes one spot of ``cases/basic.yaml`` (a valid case; its line numbers
are quoted in the assertions) and checks the whole message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.formats.casefile import load_case, parse_case
from kloof.formats.errors import InputError

CASES = Path(__file__).resolve().parent / "cases"
BASE = (CASES / "basic.yaml").read_text(encoding="utf-8")
SOURCE = "cases/x.yaml"


def message_for(old: str, new: str) -> str:
    """The error message for ``basic.yaml`` with ``old`` replaced by ``new``."""
    assert BASE.count(old) == 1, f"not exactly once in basic.yaml: {old!r}"
    with pytest.raises(InputError) as caught:
        parse_case(BASE.replace(old, new).encode(), SOURCE)
    return caught.value.message


def test_basic_case_is_valid() -> None:
    assert parse_case(BASE.encode(), SOURCE).title == "Test case"


# --- references ---------------------------------------------------------------------


def test_unknown_factor_in_rating_suggests_the_closest() -> None:
    assert message_for("factor: intention, score: 6", "factor: intentoin, score: 6") == (
        "cases/x.yaml:19: rating 1: unknown factor 'intentoin' — did you mean 'intention'?"
    )


def test_unknown_rater_in_rating() -> None:
    assert message_for("{rater: jan, subject: acme", "{rater: jna, subject: acme") == (
        "cases/x.yaml:19: rating 1: unknown rater 'jna' — did you mean 'jan'?"
    )


def test_unknown_subject_in_rating_lists_the_parties() -> None:
    assert message_for(
        "subject: acme, factor: intention", "subject: initech, factor: intention"
    ) == ("cases/x.yaml:19: rating 1: unknown party 'initech' — use one of: acme, globex")


def test_unknown_rater_when_there_are_no_raters() -> None:
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    text += "ratings:\n  - {rater: jan, subject: acme, factor: trust, score: 3}\n"
    with pytest.raises(InputError) as caught:
        parse_case(text.encode(), "m.yaml")
    assert caught.value.message == (
        "m.yaml:7: rating 1: unknown rater 'jan' — add it under 'raters' first"
    )


def test_unknown_party_of_rater() -> None:
    assert message_for("party: acme}", "party: acmee}") == (
        "cases/x.yaml:16: rater 1: unknown party 'acmee' — did you mean 'acme'?"
    )


def test_difference_with_unknown_factor() -> None:
    assert message_for("  - factor: intention\n", "  - factor: intentoin\n") == (
        "cases/x.yaml:24: difference 1: unknown factor 'intentoin' — did you mean 'intention'?"
    )


def test_difference_with_unknown_party() -> None:
    assert message_for("parties: [acme, globex]", "parties: [acme, initech]") == (
        "cases/x.yaml:25: difference 1, party 2: unknown party 'initech' — use one of: acme, globex"
    )


def test_difference_naming_the_same_party_twice() -> None:
    assert message_for("parties: [acme, globex]", "parties: [acme, acme]") == (
        "cases/x.yaml:25: difference 1: 'parties' names 'acme' twice"
        " — a difference is between two different parties"
    )


def test_difference_with_one_party() -> None:
    assert message_for("parties: [acme, globex]", "parties: [acme]") == (
        "cases/x.yaml:25: difference 1: 'parties' must name exactly two parties, not 1"
        " — write the ids of two parties, for example parties: [acme, globex]"
    )


def test_difference_blocking_without_reason() -> None:
    assert message_for("    reason: No shared intention yet\n", "") == (
        "cases/x.yaml:27: difference 1: 'blocking' decides the severity, so it needs a reason"
        " — add 'reason: …' saying why this difference does or does not block"
    )


def test_difference_not_blocking_also_needs_reason() -> None:
    new = "blocking: false\n    reason: '  '"
    assert message_for("blocking: true\n    reason: No shared intention yet", new).startswith(
        "cases/x.yaml:27: difference 1: 'blocking' decides the severity, so it needs a reason"
    )


def test_second_register_entry_for_same_factor_and_pair() -> None:
    extra = "\n  - {factor: intention, parties: [globex, acme]}\n"
    assert message_for("done: false}\n", "done: false}" + extra) == (
        "cases/x.yaml:31: difference 2: a second register entry for 'intention' between"
        " 'globex' and 'acme' (first on line 24) — keep one entry per factor and pair of parties"
    )


# --- duplicates ---------------------------------------------------------------------


def test_duplicate_party_id() -> None:
    assert message_for("{id: globex, name: Globex", "{id: acme, name: Globex") == (
        "cases/x.yaml:9: party 2: the party id 'acme' is used twice (first on line 8)"
        " — give every party its own id"
    )


def test_duplicate_rater_id() -> None:
    assert message_for("{id: eva, name: Eva", "{id: jan, name: Eva") == (
        "cases/x.yaml:17: rater 2: the rater id 'jan' is used twice (first on line 16)"
        " — give every rater its own id"
    )


def test_case_factor_reusing_a_framework_key() -> None:
    assert message_for("  - key: sustainability", "  - key: trust") == (
        "cases/x.yaml:11: factor 1: the factor 'trust' already exists in the framework"
        " 'hopmans-9' — rate the framework's factor directly, or give this factor another key"
    )


def test_duplicate_case_factor_key() -> None:
    factor = (
        "  - key: sustainability\n"
        "    name: {nl: Duurzaamheid, en: Sustainability}\n"
        "    left: {nl: Kostenpost, en: A cost}\n"
        "    right: {nl: Gezamenlijk doel, en: A shared goal}\n"
    )
    assert message_for(factor, factor + factor) == (
        "cases/x.yaml:15: factor 2: the factor key 'sustainability' is used twice"
        " — give every factor its own key"
    )


def test_duplicate_rating() -> None:
    again = "factor: sustainability}\n  - {rater: jan, subject: acme, factor: intention, score: 5}"
    assert message_for("factor: sustainability}", again) == (
        "cases/x.yaml:23: rating 5: 'jan' rates 'acme' on 'intention' twice (first on line 19)"
        " — keep one rating per rater, subject and factor"
    )


def test_duplicate_key_in_the_yaml() -> None:
    assert message_for("title: Test case\n", "title: Test case\ntitle: Again\n") == (
        "cases/x.yaml:3: duplicate key 'title' (first on line 2)"
        " — keep one of them: a key may appear only once in the same mapping"
    )


# --- scores and the scale -----------------------------------------------------------


@pytest.mark.parametrize("score", ["8", "0", "7.5", "-1"])
def test_score_off_the_scale(score: str) -> None:
    assert message_for("score: 6", f"score: {score}") == (
        f"cases/x.yaml:19: rating 1: the score {score} is off the scale 1 to 7"
        " — give a score from 1 to 7, or leave the score out for no opinion"
    )


@pytest.mark.parametrize(
    ("score", "shown"),
    [("high", "the text 'high'"), ("'6'", "the text '6'"), ("true", "true"), ("[6]", "a list")],
)
def test_score_that_is_not_a_number(score: str, shown: str) -> None:
    assert message_for("score: 6", f"score: {score}") == (
        f"cases/x.yaml:19: rating 1: 'score' must be a number (or empty), not {shown}"
        " — write a number such as 4 or 4.5, without quotes"
    )


@pytest.mark.parametrize("score", ["4,5", "'4,5'"])
def test_a_score_with_a_decimal_comma_gets_the_number_with_a_point(score: str) -> None:
    written = BASE.replace(
        "  - {rater: jan, subject: acme, factor: intention, score: 6}",
        f"  - rater: jan\n    subject: acme\n    factor: intention\n    score: {score}",
    )
    with pytest.raises(InputError) as caught:
        parse_case(written.encode(), SOURCE)
    assert caught.value.message == (
        "cases/x.yaml:22: rating 1: 'score' must be a number (or empty), not the text '4,5'"
        " — write 4.5 (a number takes a decimal point, not a comma)"
    )


def test_a_decimal_comma_in_a_one_line_mapping_gets_the_number_with_a_point() -> None:
    """On one line, YAML ends a field at the comma: 'score: 4' and a field '5'."""
    assert message_for("score: 6}", "score: 4,5}") == (
        "cases/x.yaml:19: rating 1: the decimal comma in 'score: 4,5' splits the number in"
        " two: 4 and an unknown field '5' — write score: 4.5 (a number takes a decimal point,"
        " not a comma)"
    )


def test_a_scale_with_a_decimal_comma_in_json() -> None:
    document = (
        '{"kloof": 1, "title": "x", "scale": {"min": 1, "max": "7,5"},'
        ' "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}'
    )
    with pytest.raises(InputError) as caught:
        parse_case(document.encode(), "x.json")
    assert caught.value.message == (
        "x.json:1: scale: 'max' must be a number, not the text '7,5'"
        " — write 7.5 (a number takes a decimal point, not a comma)"
    )


def test_a_field_named_by_digits_after_a_word_is_only_unknown() -> None:
    # Not every digit field is a split number: after a text there is no number to mend.
    message = message_for("factor: intention, score: 6}", "factor: intention, 5: 6}")
    assert message.startswith("cases/x.yaml:19: rating 1: unknown field '5'")


def test_score_on_a_custom_scale_edges_are_accepted() -> None:
    text = BASE.replace("scale: {min: 1, max: 7}", "scale: {min: -2, max: 2}")
    text = text.replace("score: 2,", "score: 0,")
    text = text.replace("score: 6", "score: -2").replace("score: 5.5", "score: 2")
    case = parse_case(text.encode(), SOURCE)
    assert [rating.score for rating in case.ratings] == [-2, 0, 2, None]


def test_scale_with_min_not_below_max() -> None:
    assert message_for("scale: {min: 1, max: 7}", "scale: {min: 7, max: 7}") == (
        "cases/x.yaml:6: the scale runs from 7 to 7, but min must be below max"
        " — write for example scale: {min: 1, max: 7}"
    )


def test_scale_missing_max() -> None:
    assert message_for("scale: {min: 1, max: 7}", "scale: {min: 1}") == (
        "cases/x.yaml:6: scale: the required field 'max' is missing"
        " — add 'max: …' (the highest score (the right pole); above min)"
    )


# --- structure ----------------------------------------------------------------------


def test_fewer_than_two_parties() -> None:
    assert message_for(
        "  - {id: globex, name: Globex, role: seller, side: counterparty}\n", ""
    ) == (
        "cases/x.yaml:7: a case needs at least two parties; this file has 1"
        " — add the other side under 'parties'"
    )


def test_missing_title() -> None:
    assert message_for("title: Test case\n", "") == (
        "cases/x.yaml:1: the required field 'title' is missing"
        " — add 'title: …' (a short name for the case, shown on every report)"
    )


def test_blank_title() -> None:
    assert message_for("title: Test case", "title: '   '") == (
        "cases/x.yaml:2: 'title' is blank — write a short name for the case"
    )


def test_missing_field_of_a_rating() -> None:
    assert message_for(
        "{rater: jan, subject: acme, factor: intention, score: 6}", "{rater: jan}"
    ) == (
        "cases/x.yaml:19: rating 1: the required field 'subject' is missing"
        " — add 'subject: …' (the id of the party being rated)"
    )


def test_unsupported_format_number() -> None:
    assert message_for("kloof: 1", "kloof: 2") == (
        "cases/x.yaml:1: this kloof reads format 1; the file is format 2"
        " — open it with the kloof version that wrote it, or rewrite it as format 1"
    )


def test_format_number_as_text() -> None:
    assert message_for("kloof: 1", "kloof: '1'") == (
        "cases/x.yaml:1: 'kloof' must be the format number 1, not the text '1' — write 'kloof: 1'"
    )


def test_missing_format_number_comes_before_other_problems() -> None:
    assert message_for("kloof: 1\ntitle: Test case\n", "") == (
        "cases/x.yaml:1: this is not a kloof case file: the format number 'kloof: 1' is missing"
        " — add the line 'kloof: 1' at the top of the file"
    )


def test_unknown_top_level_field_suggests_the_closest() -> None:
    assert message_for("title: Test case", "title: Test case\nframwork: x") == (
        "cases/x.yaml:3: unknown field 'framwork' — did you mean 'framework'?"
    )


def test_unknown_field_without_a_close_match_lists_the_fields() -> None:
    assert message_for("{id: jan, name: Jan,", "{id: jan, colour: red, name: Jan,") == (
        "cases/x.yaml:16: rater 1: unknown field 'colour' — remove it; the fields here are:"
        " id, name, party"
    )


def test_id_written_as_a_number_asks_for_quotes() -> None:
    assert message_for("{id: acme, name: ACME,", "{id: 2027, name: ACME,") == (
        "cases/x.yaml:8: party 1: 'id' must be text, not the number 2027"
        ' — put the value in quotes, for example "2027"'
    )


def test_item_that_is_not_a_mapping() -> None:
    assert message_for("{id: jan, name: Jan, party: acme}", "jan") == (
        "cases/x.yaml:16: rater 1 must be a mapping of fields ('name: value'), not the text"
        " 'jan' — write the fields as 'name: value' lines, indented under this one"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "language: en",
            "language: EN",
            "cases/x.yaml:4: 'language' is the text 'EN', which is not one of: nl, en"
            " — did you mean 'en'?",
        ),
        (
            "confidence: medium",
            "confidence: medum",
            "cases/x.yaml:20: rating 2: 'confidence' is the text 'medum', which is not one of:"
            " low, medium, high — did you mean 'medium'?",
        ),
        (
            "source: self",
            "source: gut",
            "cases/x.yaml:21: rating 3: 'source' is the text 'gut', which is not one of: self,"
            " interview, observation, document, estimate — use one of: self, interview,"
            " observation, document, estimate",
        ),
        (
            "side: own",
            "side: ours",
            "cases/x.yaml:8: party 1: 'side' is the text 'ours', which is not one of: own,"
            " counterparty, other — use one of: own, counterparty, other",
        ),
        (
            "status: discussed",
            "status: closed",
            "cases/x.yaml:26: difference 1: 'status' is the text 'closed', which is not one of:"
            " open, named, discussed, accepted, accepted_both, mitigated — use one of: open,"
            " named, discussed, accepted, accepted_both, mitigated",
        ),
    ],
)
def test_value_not_in_the_allowed_list(old: str, new: str, expected: str) -> None:
    assert message_for(old, new) == expected


def test_yes_is_not_a_boolean() -> None:
    assert message_for("blocking: true", "blocking: yes") == (
        "cases/x.yaml:27: difference 1: 'blocking' must be true or false, not the text 'yes'"
        " — write true or false (yes/no/on/off are read as text)"
    )


def test_case_factor_missing_english_name() -> None:
    old = "name: {nl: Duurzaamheid, en: Sustainability}"
    assert message_for(old, "name: {nl: Duurzaamheid}") == (
        "cases/x.yaml:12: factor 1, name: the required field 'en' is missing"
        " — add 'en: …' (the English text)"
    )


# --- dates --------------------------------------------------------------------------


def test_impossible_date_unquoted() -> None:
    assert message_for("due: 2026-12-15", "due: 2026-12-32") == (
        "cases/x.yaml:30: '2026-12-32' is not a valid date"
        " — write an existing date as YYYY-MM-DD, for example 2026-12-01"
    )


def test_impossible_date_quoted() -> None:
    assert message_for("due: 2026-12-15", "due: '2026-02-30'") == (
        "cases/x.yaml:30: difference 1, action 1: 'due' is '2026-02-30', which is not an"
        " existing date — check the day and the month (YYYY-MM-DD)"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1st of May", "1st of May"), ("2026-12-01 10:00:00", "2026-12-01 10:00:00")],
)
def test_date_in_another_form(value: str, shown: str) -> None:
    assert message_for("date: 2026-12-01", f"date: {value}") == (
        f"cases/x.yaml:3: 'date' must be a date as YYYY-MM-DD, not the text '{shown}'"
        " — write a date such as 2026-12-01"
    )


# --- framework ----------------------------------------------------------------------


def test_unknown_builtin_framework() -> None:
    message = message_for("framework: hopmans-9", "framework: hopmans9")
    assert message.startswith(
        "cases/x.yaml:5: there is no built-in framework 'hopmans9' and no file of that name"
        " — did you mean 'hopmans-9'?"
    )


def test_missing_framework_file() -> None:
    assert message_for("framework: hopmans-9", "framework: nothere.yaml") == (
        "cases/x.yaml:5: the framework file 'nothere.yaml' does not exist"
        " — check the name; a relative path starts from the folder of the case file"
    )


def test_framework_file_next_to_the_case() -> None:
    case = load_case(CASES / "with-own-framework.yaml")
    assert [factor.key for factor in case.factors] == ["pace", "price"]
    assert case.framework_ref == "duo-framework.yaml"


def test_rating_on_a_factor_the_own_framework_lacks() -> None:
    text = (CASES / "with-own-framework.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_case(text.replace("factor: pace", "factor: trust").encode(), "c.yaml", base_dir=CASES)
    assert caught.value.message == (
        "c.yaml:10: rating 1: unknown factor 'trust' — use one of: pace, price"
    )


# --- order --------------------------------------------------------------------------


def test_first_problem_in_the_file_is_reported() -> None:
    text = BASE.replace("parties: [acme, globex]", "parties: [acme, initech]")
    text = text.replace("factor: sustainability}", "factor: sustainabilty}")
    with pytest.raises(InputError) as caught:
        parse_case(text.encode(), SOURCE)
    assert caught.value.line == 22
    assert caught.value.problem == "rating 4: unknown factor 'sustainabilty'"


def test_structure_problems_come_before_consistency_problems() -> None:
    text = BASE.replace("factor: intention, score: 6", "factor: intentoin, score: 6")
    text = text.replace("done: false}", "done: no}")
    with pytest.raises(InputError) as caught:
        parse_case(text.encode(), SOURCE)
    assert caught.value.line == 30
