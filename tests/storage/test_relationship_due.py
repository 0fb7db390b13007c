"""The next review of a relationship from its cases' dates (real database)."""

from __future__ import annotations

from datetime import date

import pytest

from kloof.domain.cadence import NO_REVIEW, OVERDUE, SCHEDULED
from kloof.storage import models
from kloof.storage.relationship_due import due_by_relationship, last_review_dates

pytestmark = pytest.mark.django_db


def test_the_latest_dated_case_not_archived_is_the_last_review() -> None:
    workspace = models.Workspace.objects.create(name="Inkoop")
    acme = models.Relationship.objects.create(workspace=workspace, name="Acme", cadence_months=6)
    globex = models.Relationship.objects.create(workspace=workspace, name="Globex")
    fresh = models.Relationship.objects.create(workspace=workspace, name="Initech")
    for day, archived in (
        (date(2026, 1, 5), False),
        (date(2026, 5, 1), False),
        (date(2026, 9, 1), True),
    ):
        models.Case.objects.create(
            workspace=workspace, title="Acme", date=day, archived=archived, relationship=acme
        )
    models.Case.objects.create(
        workspace=workspace, title="Globex", date=date(2026, 2, 1), relationship=globex
    )
    models.Case.objects.create(workspace=workspace, title="Initech, undated", relationship=fresh)

    assert last_review_dates([acme.id, globex.id, fresh.id]) == {
        acme.id: date(2026, 5, 1),
        globex.id: date(2026, 2, 1),
        fresh.id: None,
    }
    due = due_by_relationship([acme, globex, fresh], date(2026, 12, 3))
    assert (due[acme.id].date, due[acme.id].days, due[acme.id].status) == (
        date(2026, 11, 1),
        -32,
        OVERDUE,
    )
    assert (due[globex.id].date, due[globex.id].status) == (date(2027, 2, 1), SCHEDULED)
    assert due[fresh.id].status == NO_REVIEW
