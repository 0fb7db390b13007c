"""A relationship with the three reviews of tests/data/trend (Acme and Globex,
1 March 2024, 2025 and 2026), stored through the ORM, for the trend tests.

No tests here; the trend tests import it."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from pathlib import Path

from kloof.domain.model import Case as DomainCase
from kloof.formats.casefile import load_case
from kloof.storage import models
from kloof.storage.mapping import case_from_domain

SERIES = Path(__file__).resolve().parents[1] / "data" / "trend"
YEARS = (2024, 2025, 2026)


@functools.cache
def review_case(year: int) -> DomainCase:
    return load_case(SERIES / f"review-{year}.yaml")


def store_review(
    relationship: models.Relationship, domain_case: DomainCase, **changes: object
) -> models.Case:
    """``domain_case`` stored in the relationship's workspace and linked to it."""
    row = case_from_domain(relationship.workspace, domain_case)
    row.relationship = relationship
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def make_series(
    workspace: models.Workspace, name: str = "Acme", years: tuple[int, ...] = YEARS
) -> tuple[models.Relationship, list[models.Case]]:
    """The relationship and its reviews, stored latest first (the order of the
    trend must come from the dates, not from the ids)."""
    relationship = models.Relationship.objects.create(workspace=workspace, name=name)
    rows = {year: store_review(relationship, review_case(year)) for year in reversed(years)}
    return relationship, [rows[year] for year in years]


def dated(domain_case: DomainCase, day: date, title: str | None = None) -> DomainCase:
    return replace(domain_case, date=day, title=title or domain_case.title)
