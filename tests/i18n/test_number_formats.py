"""Numbers and dates for people are written exactly as Babel writes them for
nl_NL and en_GB, without loading Babel's locale data on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from kloof.i18n import format_date, format_number, format_score

LOCALES = {"nl": "nl_NL", "en": "en_GB", "de": "en_GB"}
NUMBERS = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.decimals(min_value=-1000, max_value=1000, allow_nan=False, places=4),
    st.sampled_from([0.15, 0.25, 2.675, -0.04, -0.0, 0.005, 1e20, 4.75, 1 / 3, 2 / 3]),
)


def babel(value: object, pattern: str, language: str) -> str:
    return str(format_decimal(value, format=pattern, locale=LOCALES[language]))


@settings(max_examples=3000, deadline=None)
@given(NUMBERS, st.sampled_from(sorted(LOCALES)))
def test_numbers_are_written_as_babel_writes_them(value: float, language: str) -> None:
    assert format_number(value, language, 0) == babel(value, "0", language)
    assert format_number(value, language) == babel(value, "0.0", language)
    assert format_number(value, language, 2) == babel(value, "0.00", language)
    assert format_score(value, language) == babel(value, "0.0#", language)


@pytest.mark.parametrize(
    ("value", "language", "digits", "expected"),
    [
        (0.15, "nl", 1, "0,2"),  # rounded on its decimal digits, half to even
        (0.25, "en", 1, "0.2"),
        (2.5, "nl", 0, "2"),
        (-0.04, "en", 1, "-0.0"),
        (1234.5, "nl", 1, "1234,5"),  # no grouping
        (Decimal("4.75"), "nl", 2, "4,75"),
    ],
)
def test_numbers_by_example(value: float, language: str, digits: int, expected: str) -> None:
    assert format_number(value, language, digits) == expected


def test_scores_keep_a_second_decimal_only_where_needed() -> None:
    assert [format_score(value, "nl") for value in (4, 4.5, 4.75, 4.125)] == [
        "4,0",
        "4,5",
        "4,75",
        "4,12",
    ]


def test_infinity_and_not_a_number_are_left_to_babel() -> None:
    assert format_number(float("inf"), "nl") == babel(float("inf"), "0.0", "nl") == "∞"
    assert format_score(float("nan"), "en") == babel(float("nan"), "0.0#", "en")


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(sorted(LOCALES)))
def test_dates_are_written_as_babel_writes_the_long_date(day: dt.date, language: str) -> None:
    assert format_date(day, language) == babel_date(day, format="long", locale=LOCALES[language])


def test_dates_by_example() -> None:
    assert format_date(dt.date(2026, 12, 1), "nl") == "1 december 2026"
    assert format_date(dt.datetime(2026, 3, 5, 23, 59), "en") == "5 March 2026"
