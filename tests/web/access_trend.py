"""Who may see a relationship's trend, its chart and its trend data: every
member; the API answers sessions 401 like every API operation."""

from __future__ import annotations

from datetime import date
from typing import Any

from kloof.storage import models
from tests.web.access_api import session_refused
from tests.web.access_table import World, in_workspace
from tests.web.factories import make_demo_case


def world_relationship(world: World) -> models.Relationship:
    """The world's relationship: its demo case and a later copy, so the trend
    (and its chart) exists."""
    found = models.Relationship.objects.filter(workspace=world.team.workspace).first()
    if found is None:
        found = models.Relationship.objects.create(workspace=world.team.workspace, name="Halvorsen")
        later = make_demo_case(world.team.workspace, title="Packaging review 2028")
        models.Case.objects.filter(pk=world.case.pk).update(
            relationship=found, date=date(2027, 3, 1)
        )
        models.Case.objects.filter(pk=later.pk).update(relationship=found, date=date(2028, 3, 1))
    return found


def trend_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "relationship_id": world_relationship(world).pk}


ACCESS_ENTRIES = {
    name: in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=trend_kwargs)
    for name in ("relationship_trend", "relationship_trend_svg", "relationship_trend_png")
}
ACCESS_ENTRIES["api_relationship_trend"] = session_refused(
    kwargs=lambda world: {"relationship": world_relationship(world).pk}
)
