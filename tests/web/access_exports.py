"""Who may download a case's ratings and analysis: every member."""

from __future__ import annotations

from typing import Any

from tests.web.access_table import World, in_workspace


def export_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "case_id": world.case.pk, "what": "case", "fmt": "xlsx"}


ACCESS_ENTRIES = {
    "case_export": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=export_kwargs),
}
