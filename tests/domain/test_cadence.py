"""The review cadence and contract phases (kloof.domain.cadence)."""

from __future__ import annotations

from datetime import date

import pytest

from kloof.domain.cadence import (
    DUE,
    DUE_SOON,
    NO_REVIEW,
    OVERDUE,
    SCHEDULED,
    Phase,
    add_months,
    nearest_date_outside,
    phase_at,
    review_due,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 1), 6, date(2027, 6, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("today", "days", "status"),
    [
        (date(2027, 1, 1), 91, SCHEDULED),
        (date(2027, 3, 2), 31, SCHEDULED),
        (date(2027, 3, 3), 30, DUE_SOON),
        (date(2027, 4, 1), 1, DUE_SOON),
        (date(2027, 4, 2), 0, DUE),
        (date(2027, 4, 3), -1, OVERDUE),
    ],
)
def test_review_due_counts_days_to_twelve_months_after_the_last(
    today: date, days: int, status: str
) -> None:
    due = review_due(date(2026, 4, 2), 12, today)
    assert (due.date, due.days, due.status) == (date(2027, 4, 2), days, status)


def test_without_a_review_the_first_is_due_today() -> None:
    due = review_due(None, 12, date(2026, 12, 3))
    assert (due.date, due.days, due.status) == (date(2026, 12, 3), 0, NO_REVIEW)


def test_a_shorter_cadence_moves_the_date() -> None:
    assert review_due(date(2026, 1, 10), 6, date(2026, 1, 10)).date == date(2026, 7, 10)


PHASES = (
    Phase(date(2027, 3, 1), date(2027, 3, 31), "renewal"),
    Phase(date(2027, 4, 1), date(2027, 4, 10), "signing"),
)


def test_phase_at_names_the_phase_both_ends_included() -> None:
    assert phase_at(date(2027, 3, 1), PHASES) == PHASES[0]
    assert phase_at(date(2027, 4, 10), PHASES) == PHASES[1]
    assert phase_at(date(2027, 2, 28), PHASES) is None


def test_nearest_date_outside_steps_over_touching_phases() -> None:
    # 2027-03-05 is 5 days into the run 1 Mar-10 Apr: the day before it is nearer.
    assert nearest_date_outside(date(2027, 3, 5), PHASES) == date(2027, 2, 28)
    # 2027-04-08 is 2 days before the run ends: the day after it is nearer.
    assert nearest_date_outside(date(2027, 4, 8), PHASES) == date(2027, 4, 11)


def test_nearest_date_outside_never_proposes_a_date_before_not_before() -> None:
    # 2027-03-05: the day before the run (28 Feb) is nearer, but lies before
    # "today" (1 Mar): the day after the run it is.
    day = date(2027, 3, 5)
    assert nearest_date_outside(day, PHASES, not_before=date(2027, 3, 1)) == date(2027, 4, 11)
    assert nearest_date_outside(day, PHASES, not_before=date(2027, 2, 28)) == date(2027, 2, 28)


def test_nearest_date_outside_prefers_after_on_a_tie() -> None:
    phase = Phase(date(2027, 5, 1), date(2027, 5, 3))
    assert nearest_date_outside(date(2027, 5, 2), [phase]) == date(2027, 5, 4)


def test_a_date_outside_every_phase_is_kept() -> None:
    assert nearest_date_outside(date(2027, 6, 1), PHASES) == date(2027, 6, 1)
