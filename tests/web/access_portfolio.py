"""Who may see the portfolio, its heat map and its exports: every member
(relationships and summaries are workspace data, like the case list)."""

from __future__ import annotations

from typing import Any

from tests.web.access_api import session_refused
from tests.web.access_table import World, in_workspace, workspace_kwargs


def export_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "fmt": "csv"}


def api_kwargs(world: World) -> dict[str, Any]:
    return {"workspace": world.team.workspace.pk}


ACCESS_ENTRIES = {
    "portfolio": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs),
    "portfolio_heatmap": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs
    ),
    "portfolio_export": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=export_kwargs
    ),
    "api_portfolio": session_refused(kwargs=api_kwargs),
    "api_portfolio_heatmap": session_refused(kwargs=api_kwargs),
}
