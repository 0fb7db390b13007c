"""``/api/workspaces/{workspace}/portfolio`` and ``…/heatmap``: the portfolio of
the token's workspace, from the stored summaries (see docs/web.md, "Portfolio").

The same filters, sort and paging as the page; another workspace's id answers
404 like one that does not exist.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kloof.storage import portfolio as store
from kloof.storage.models import Workspace
from kloof.web.api.common import MAX_OFFSET, VIEWER, id_path, need
from kloof.web.api.errors import answers
from kloof.web.api.relationships import DueOut
from kloof.web.forms.portfolio import MAX_DAYS

router = Router(tags=["portfolio"])

Status = Literal["overdue", "due", "due_soon", "scheduled", "no_review"]
SeverityKey = Literal["blocking", "significant", "nuance", "unknown"]
Sort = Literal["name", "owner", "last_review", "next_due", "toughness", "blocking", "open_actions"]


class PortfolioQuery(Schema):
    owner: int | None = Field(None, ge=1, le=2**31 - 1, description="The owner's user id.")
    status: Status | None = Field(None, description="The status of the next review.")
    due_within: int | None = Field(
        None, ge=0, le=MAX_DAYS, description="Next review due within this many days (overdue too)."
    )
    factor: str | None = Field(
        None, max_length=64, pattern=r"^[a-z][a-z0-9_]*$", description="A factor key."
    )
    severity: SeverityKey | None = Field(
        None, description="This severity or worse on the factor (any factor without one)."
    )
    sort: Sort = Field("next_due", description="The column to sort by.")
    order: Literal["asc", "desc"] = "asc"
    limit: int = Field(store.PAGE_SIZE, ge=1, le=100, description="Rows per page, at most 100.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")


class BlockingOut(Schema):
    factor: str
    kind: str  # position or perception


class RowOut(Schema):
    name: str
    relationship: int | None
    owner: int | None
    owner_email: str
    case: int | None
    case_title: str
    last_review: date | None
    next_due: DueOut | None
    toughness: float | None
    blocking_positions: int
    blocking_perceptions: int
    blocking: list[BlockingOut]
    open_actions: int


class CellOut(Schema):
    position: str
    perception: str  # "" when no perception gap was measured


class HeatRowOut(Schema):
    name: str
    relationship: int | None
    case: int | None
    factors: dict[str, CellOut]


class PortfolioOut(Schema):
    count: int
    total: int
    items: list[RowOut]


class HeatmapOut(Schema):
    count: int
    total: int
    factors: list[str]
    items: list[HeatRowOut]


def _page(request: HttpRequest, workspace: int, query: PortfolioQuery) -> store.Page:
    use = need(request, VIEWER)
    if workspace != use.workspace.pk:
        raise Http404(
            f"No workspace with id {workspace} for this token: GET /api/workspaces names it."
        )
    filters = store.Filters(
        owner=query.owner,
        status=query.status,
        due_within=query.due_within,
        factor=query.factor,
        severity=query.severity,
        sort=query.sort,
        descending=query.order == "desc",
    )
    ws: Workspace = use.workspace
    today = timezone.localdate()
    return store.portfolio(ws, filters, today, per_page=query.limit, offset=query.offset)


def _row(row: store.Row) -> dict[str, object]:
    due = row.due
    return {
        "name": row.name,
        "relationship": row.relationship_id,
        "owner": row.owner_id,
        "owner_email": row.owner,
        "case": row.case_id,
        "case_title": row.case_title,
        "last_review": row.last_review,
        "next_due": {"date": due.date, "days": due.days, "status": due.status} if due else None,
        "toughness": row.toughness,
        "blocking_positions": row.blocking_positions,
        "blocking_perceptions": row.blocking_perceptions,
        "blocking": [{"factor": key, "kind": kind} for key, kind in row.blocking],
        "open_actions": row.open_actions,
    }


@router.get(
    "/workspaces/{workspace}/portfolio",
    response=answers({200: PortfolioOut}),
    url_name="api_portfolio",
    summary="Every relationship (latest case) and open case without one, filtered and sorted",
)
def get_portfolio(
    request: HttpRequest, query: Query[PortfolioQuery], workspace: int = id_path("workspace")
) -> dict[str, object]:
    page = _page(request, workspace, query)
    return {"count": page.count, "total": page.total, "items": [_row(row) for row in page.rows]}


@router.get(
    "/workspaces/{workspace}/portfolio/heatmap",
    response=answers({200: HeatmapOut}),
    url_name="api_portfolio_heatmap",
    summary="The worst severity per factor of each row's latest case",
)
def get_heatmap(
    request: HttpRequest, query: Query[PortfolioQuery], workspace: int = id_path("workspace")
) -> dict[str, object]:
    page = _page(request, workspace, query)
    factors = sorted({key for cells in page.cells.values() for key in cells})
    items = [
        {
            "name": row.name,
            "relationship": row.relationship_id,
            "case": row.case_id,
            "factors": {
                key: {"position": position, "perception": perception}
                for key, (position, perception) in page.cells.get(row.case_id or 0, {}).items()
            },
        }
        for row in page.rows
    ]
    return {"count": page.count, "total": page.total, "factors": factors, "items": items}
