"""The spotting journal's counts per factor and month (kloof.domain.journal)."""

from __future__ import annotations

import datetime as dt

from kloof.domain.journal import Noticed, factor_totals, monthly_counts, months_between


def test_months_between_crosses_a_year():
    assert months_between(dt.date(2026, 11, 30), dt.date(2027, 2, 1)) == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]


def test_monthly_counts_include_quiet_months_and_every_factor():
    rows = [
        Noticed(dt.date(2026, 9, 3), "trust", "blocking"),
        Noticed(dt.date(2026, 11, 5), "intention", "nuance"),
        Noticed(dt.date(2026, 11, 7), "intention", "blocking"),
    ]
    months = monthly_counts(rows, ["intention", "trust"])
    assert [(m.month, m.per_factor, m.blocking, m.total) for m in months] == [
        ("2026-09", {"intention": 0, "trust": 1}, 1, 1),
        ("2026-10", {"intention": 0, "trust": 0}, 0, 0),
        ("2026-11", {"intention": 2, "trust": 0}, 1, 2),
    ]
    assert factor_totals(months) == {"intention": 2, "trust": 1}


def test_an_unknown_factor_counts_under_its_own_key_and_nothing_gives_nothing():
    months = monthly_counts([Noticed(dt.date(2026, 1, 1), "custom", "nuance")], ["trust"])
    assert months[0].per_factor == {"trust": 0, "custom": 1}
    assert monthly_counts([], ["trust"]) == []
    assert factor_totals([]) == {}
