"""The portfolio benchmark runs, once, on a tiny seed: its code cannot rot
unnoticed. No timing is asserted; what is asserted is that the seed writes what
it says (its summaries equal a fresh analysis of the stored cases) and that the
measurement gets every page."""

from __future__ import annotations

import pytest
from benchmarks.portfolio import measure, requests
from benchmarks.portfolio_seed import PATTERNS, RATERS_PER_PARTY, seed

from kloof.storage import models
from kloof.storage.summaries import figures_of
from tests.storage.test_summaries import stored

pytestmark = pytest.mark.django_db


def test_tiny_seed_has_the_counts_and_exact_summaries():
    seeded = seed(relationships=6, per_relationship=3)
    workspace = models.Workspace.objects.get(slug=seeded.slug)
    assert models.Relationship.objects.filter(workspace=workspace).count() == 6
    cases = list(models.Case.objects.filter(workspace=workspace))
    assert len(cases) == seeded.cases == 18
    per_case = 2 * RATERS_PER_PARTY * 2 * 9
    assert seeded.ratings == 18 * per_case
    assert models.Rating.objects.filter(case__workspace=workspace).count() == 18 * per_case
    assert len(cases) > PATTERNS // 2
    for row in cases:
        assert stored(row) == figures_of(row), row.title
    # New rows after a seed get fresh ids (PostgreSQL's sequences were reset).
    extra = models.Relationship.objects.create(workspace=workspace, name="After the seed")
    assert extra.pk > max(
        models.Relationship.objects.exclude(pk=extra.pk).values_list("pk", flat=True)
    )


def test_measure_gets_every_page(client):
    seeded = seed(relationships=4, per_relationship=2)
    workspace = models.Workspace.objects.get(slug=seeded.slug)
    client.force_login(workspace.memberships.first().user)
    medians = measure(client, seeded.slug, runs=1)
    assert set(medians) == set(requests(seeded.slug))
    assert all(value > 0 for value in medians.values())
