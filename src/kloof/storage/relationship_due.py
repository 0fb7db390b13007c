"""When each relationship's next review is due, from its cases' dates.

The last review is the latest dated case of the relationship (a review or a
negotiation: both rate the factors), archived cases left out; one aggregate
query for any number of relationships, so lists and the portfolio never load
cases to find it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Max, Q

from kloof.domain.cadence import Due, review_due
from kloof.storage.models import Relationship

__all__ = ["due_by_relationship", "last_review_dates"]


def last_review_dates(relationship_ids: Iterable[int]) -> dict[int, date | None]:
    """The latest dated, not archived case per relationship (None: none yet)."""
    ids = list(relationship_ids)
    rows = (
        Relationship.objects.filter(id__in=ids)
        .annotate(last=Max("cases__date", filter=Q(cases__archived=False)))
        .values_list("id", "last")
    )
    return dict(rows)


def due_by_relationship(relationships: Iterable[Relationship], today: date) -> dict[int, Due]:
    """The next review of every relationship given, by relationship id."""
    items = list(relationships)
    last = last_review_dates(item.id for item in items)
    return {item.id: review_due(last.get(item.id), item.cadence_months, today) for item in items}
