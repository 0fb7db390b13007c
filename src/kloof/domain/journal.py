"""The spotting journal's counts: how many differences a user noticed per factor
and month, for the journal's table and its small chart.

Pure: the caller passes the entries' dates, factors and severities; months are
``YYYY-MM`` texts so that the counts are easy to show, sort and export.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NUANCE = "nuance"
BLOCKING = "blocking"
SEVERITIES = (NUANCE, BLOCKING)


@dataclass(frozen=True)
class Noticed:
    """One journal entry, as far as the counts need it."""

    date: dt.date
    factor: str
    severity: str


@dataclass(frozen=True)
class MonthCounts:
    """The counts of one month: per factor, and how many of them were blocking."""

    month: str
    per_factor: dict[str, int]
    blocking: int

    @property
    def total(self) -> int:
        return sum(self.per_factor.values())


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """Every month from ``first``'s to ``last``'s, both included, in order."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_counts(entries: Iterable[Noticed], factors: Sequence[str]) -> list[MonthCounts]:
    """Counts per month (oldest first, months without entries included, so a
    quiet month shows as a quiet month) and per factor of ``factors`` (each
    factor present, zero when not noticed). An entry of a factor not in
    ``factors`` counts under its own key at the end."""
    rows = list(entries)
    if not rows:
        return []
    counts: Counter[tuple[str, str]] = Counter()
    blocking: Counter[str] = Counter()
    keys = list(factors)
    for row in rows:
        month = month_of(row.date)
        counts[month, row.factor] += 1
        blocking[month] += row.severity == BLOCKING
        if row.factor not in keys:
            keys.append(row.factor)
    first, last = min(row.date for row in rows), max(row.date for row in rows)
    return [
        MonthCounts(
            month=month,
            per_factor={key: counts[month, key] for key in keys},
            blocking=blocking[month],
        )
        for month in months_between(first, last)
    ]


def factor_totals(months: Sequence[MonthCounts]) -> dict[str, int]:
    """Each factor's count over all ``months``."""
    totals: Counter[str] = Counter()
    for month in months:
        totals.update(month.per_factor)
    return {key: totals[key] for key in (months[0].per_factor if months else {})}
