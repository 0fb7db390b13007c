"""When a relationship's next review is due, and whether a date falls in a
contract phase.

The method asks to review the relationship at least once a year, outside the
contract-negotiation phase: the stress of a deal colours how people rate trust.
Pure functions on dates; the caller passes ``today``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "DUE",
    "DUE_SOON",
    "NO_REVIEW",
    "OVERDUE",
    "SCHEDULED",
    "SOON_DAYS",
    "Due",
    "Phase",
    "add_months",
    "nearest_date_outside",
    "phase_at",
    "review_due",
]

#: "Due soon" covers the next 30 days: what ``kloof remind`` mails about.
SOON_DAYS = 30

SCHEDULED = "scheduled"  # more than SOON_DAYS ahead
DUE_SOON = "due_soon"  # within SOON_DAYS
DUE = "due"  # today
OVERDUE = "overdue"  # the date has passed
NO_REVIEW = "no_review"  # nothing dated yet: the first review is due now


@dataclass(frozen=True, slots=True)
class Due:
    """The next review: its date, days from today (negative: overdue), status."""

    date: date
    days: int
    status: str


@dataclass(frozen=True, slots=True)
class Phase:
    """A contract-negotiation period, both ends included."""

    start: date
    end: date
    note: str = ""

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def review_due(last_review: date | None, cadence_months: int, today: date) -> Due:
    """When the review after ``last_review`` is due, seen from ``today``.

    Without a dated review the first one is due today (status ``no_review``).
    """
    if last_review is None:
        return Due(today, 0, NO_REVIEW)
    due = add_months(last_review, cadence_months)
    days = (due - today).days
    if days < 0:
        status = OVERDUE
    elif days == 0:
        status = DUE
    elif days <= SOON_DAYS:
        status = DUE_SOON
    else:
        status = SCHEDULED
    return Due(due, days, status)


def phase_at(day: date, phases: Iterable[Phase]) -> Phase | None:
    """The contract phase ``day`` falls in, None when it is outside all of them."""
    for phase in phases:
        if phase.contains(day):
            return phase
    return None


def nearest_date_outside(
    day: date, phases: Iterable[Phase], not_before: date | None = None
) -> date:
    """The date closest to ``day`` outside every phase (``day`` itself when it is).

    Phases may overlap or touch: the search steps past a whole run of them. On a
    tie the later date wins: a review is better after a deal than before it. A
    date before ``not_before`` (today, when planning) is never proposed: a review
    planned today cannot be held last week.
    """
    spans = sorted(phases, key=lambda phase: phase.start)
    if phase_at(day, spans) is None:
        return day
    after = day
    while (phase := phase_at(after, spans)) is not None:
        after = phase.end + timedelta(days=1)
    before: date | None = day
    while before is not None and (phase := phase_at(before, spans)) is not None:
        before = phase.start - timedelta(days=1) if phase.start > date.min else None
    if before is not None and not_before is not None and before < not_before:
        before = None
    if before is None or (after - day) <= (day - before):
        return after
    return before
