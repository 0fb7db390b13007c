"""Shared pieces of the API's resource modules: the caller, role checks with the
web UI's own rule (:func:`kloof.web.access.allows`), case lookup scoped to the
token's workspace, ids and pagination.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BaseModel, BeforeValidator, ConfigDict

from kloof.storage.api_tokens import TokenUse
from kloof.storage.models import Case
from kloof.web.access import EDITOR, OWNER, VIEWER, Role, allows
from kloof.web.api.errors import unprocessable
from kloof.web.converters import MAX_ID

__all__ = [
    "EDITOR",
    "OWNER",
    "VIEWER",
    "Body",
    "Pages",
    "caller",
    "case_of",
    "id_path",
    "link_expiry",
    "need",
]

#: Text patterns of the schema: no NUL character (PostgreSQL cannot store one),
#: and, for names and titles, at least one character that is not white space.
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"
PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
#: Far beyond any real list; keeps the SQL OFFSET within its integer range.
MAX_OFFSET = 10**9


def id_path(what: str) -> Any:
    """A path parameter holding the id of ``what``."""
    return Path(..., ge=1, le=MAX_ID, description=f"The id of the {what}.")


def caller(request: HttpRequest) -> TokenUse:
    """The checked token of the request (the API accepts no other auth)."""
    use = getattr(request, "auth", None)
    if not isinstance(use, TokenUse):  # pragma: no cover -- every operation has auth
        raise PermissionDenied("An API token is needed.")
    return use


def need(request: HttpRequest, role: Role) -> TokenUse:
    """The caller, if their role in the token's workspace includes ``role``
    (the same rule as the web pages); else 403 naming both roles."""
    use = caller(request)
    if not allows(use.role, role):
        raise PermissionDenied(
            f"Your role in this workspace is {use.role}; this needs {role} or higher. "
            "Ask an owner of the workspace for that role."
        )
    return use


def case_of(request: HttpRequest, case_id: int, role: Role = VIEWER) -> Case:
    """Case ``case_id`` of the token's workspace, after the role check (403
    first, as on the web pages). A case of another workspace answers 404 like
    one that does not exist."""
    use = need(request, role)
    row = Case.objects.filter(pk=case_id, workspace_id=use.workspace.pk).first()
    if row is None:
        raise Http404(
            f"No case with id {case_id} in this workspace: list them with GET /api/cases."
        )
    row.workspace = use.workspace
    return row


class Pages(LimitOffsetPagination):
    """``?limit=&offset=``; answers ``{"items": [...], "count": n}``."""

    class Input(Schema):
        limit: int = Field(
            PAGE_SIZE,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Items per page, at most {MAX_PAGE_SIZE}.",
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


def _text_only(value: Any) -> Any:
    if value is not None and not isinstance(value, str):
        raise ValueError("give it as text in ISO 8601 form")
    return value


#: A date or moment in a body: ISO 8601 text only (not a number of seconds).
IsoDate = Annotated[dt.date, BeforeValidator(_text_only), Field(strict=False)]
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_text_only), Field(strict=False)]


class Body(BaseModel):
    """A request body: exactly the documented fields, of exactly their JSON
    types (no "1" for 1, no list for an object), as the schema says."""

    model_config = ConfigDict(extra="forbid", strict=True)


def link_expiry(expires: dt.datetime | None, *, default_days: int, max_days: int) -> dt.datetime:
    """A secret link's expiry from the request: ``default_days`` ahead when not
    given; refused (422) without a time zone, in the past, or beyond ``max_days``."""
    now = timezone.now()
    expires = expires or now + dt.timedelta(days=default_days)
    if timezone.is_naive(expires):
        raise unprocessable(
            "expires", "it has no time zone", "add one, such as 2027-01-31T17:00:00Z"
        )
    if not now < expires <= now + dt.timedelta(days=max_days):
        raise unprocessable(
            "expires",
            f"it must lie in the future, at most {max_days} days ahead",
            "give a later (or nearer) moment",
        )
    return expires
