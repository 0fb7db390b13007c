"""Which reminder a review's due date calls for (kloof remind)."""

from __future__ import annotations

from datetime import date

import pytest

from kloof.domain.cadence import review_due
from kloof.domain.reminders import REMINDER_DUE_SOON, REMINDER_OVERDUE, reminder_kind

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("last_review", "expected"),
    [
        (date(2026, 1, 3), None),  # due 2027-01-03: 31 days ahead, scheduled
        (date(2026, 1, 2), REMINDER_DUE_SOON),  # 30 days: the last day of "soon"
        (date(2025, 12, 4), REMINDER_DUE_SOON),  # tomorrow
        (date(2025, 12, 3), REMINDER_DUE_SOON),  # today
        (date(2025, 12, 2), REMINDER_OVERDUE),  # yesterday
        (date(2020, 1, 1), REMINDER_OVERDUE),
        (None, None),  # no dated review: no date to remind about once
    ],
)
def test_reminder_kind(last_review, expected):
    assert reminder_kind(review_due(last_review, 12, TODAY)) == expected
