"""``/api/cases``: the cases of the token's workspace; an editor creates one.

Every query is scoped to the token's workspace: another workspace's case id
answers 404, exactly like an id that does not exist.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator, model_validator

from kloof.domain.model import LANGUAGES, SIDES, Scale
from kloof.storage import cases as commands
from kloof.storage.models import Case
from kloof.web.api.common import (
    EDITOR,
    NO_NUL,
    NOT_BLANK,
    VIEWER,
    Body,
    IsoDate,
    Pages,
    case_of,
    id_path,
    need,
)
from kloof.web.api.errors import answers

router = Router(tags=["cases"])

TITLE_LENGTH = 300
TEXT_LENGTH = 200
DESCRIPTION_LENGTH = 10_000
SCALE_LIMIT = 1000.0
MAX_PARTIES = 20

Language = Literal["nl", "en"]
Side = Literal["own", "counterparty", "other"]
assert set(LANGUAGES) == {"nl", "en"} and set(SIDES) == {"own", "counterparty", "other"}


class ScaleOut(Schema):
    min: float
    max: float


class CaseOut(Schema):
    id: int
    title: str
    description: str | None
    date: dt.date | None
    language: str
    framework: str
    scale: ScaleOut
    archived: bool
    anonymous: bool = Field(description="Respondents were promised anonymity.")
    round_closed: dt.datetime | None
    version: int
    created: dt.datetime
    updated: dt.datetime


def case_out(row: Case) -> dict[str, Any]:
    return {
        "id": row.pk,
        "title": row.title,
        "description": row.description,
        "date": row.date,
        "language": row.language,
        "framework": row.framework_ref,
        "scale": {"min": row.scale_min, "max": row.scale_max},
        "archived": row.archived,
        "anonymous": row.anonymous,
        "round_closed": row.round_closed,
        "version": row.version,
        "created": row.created,
        "updated": row.updated,
    }


class CaseFilter(Schema):
    archived: bool | None = Field(None, description="Only archived (true) or active (false) cases.")


@router.get(
    "/cases",
    response=answers({200: list[CaseOut]}),
    url_name="api_cases",
    summary="The workspace's cases, newest first",
)
@paginate(Pages)
def list_cases(request: HttpRequest, filters: Query[CaseFilter]) -> list[dict[str, Any]]:
    use = need(request, VIEWER)
    rows = Case.objects.filter(workspace_id=use.workspace.pk).order_by("-created", "-id")
    if filters.archived is not None:
        rows = rows.filter(archived=filters.archived)
    return _LazyCases(rows)  # type: ignore[return-value]


class _LazyCases:
    """A query the paginator can count and slice, mapped to ``case_out`` only
    for the page it takes."""

    def __init__(self, rows: Any) -> None:
        self.rows = rows

    def all(self) -> Any:
        return self.rows

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        return [case_out(row) for row in self.rows[index]]


@router.get(
    "/cases/{case}",
    response=answers({200: CaseOut}),
    url_name="api_case",
    summary="One case",
)
def get_case(request: HttpRequest, case: int = id_path("case")) -> dict[str, Any]:
    return case_out(case_of(request, case))


class PartyIn(Body):
    name: str = Field(..., max_length=TEXT_LENGTH, pattern=NOT_BLANK)
    role: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    side: Side | None = None

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("give the party a name")
        return value


class ScaleIn(Body):
    min: float = Field(1, ge=-SCALE_LIMIT, le=SCALE_LIMIT, allow_inf_nan=False)
    max: float = Field(7, ge=-SCALE_LIMIT, le=SCALE_LIMIT, allow_inf_nan=False)

    @model_validator(mode="after")
    def _ordered(self) -> "ScaleIn":
        if not self.min < self.max:
            raise ValueError(
                "the highest score (max) must be above the lowest (min), such as 1 to 7"
            )
        return self


class CaseIn(Body):
    title: str = Field(..., max_length=TITLE_LENGTH, pattern=NOT_BLANK)
    language: Language = "en"
    date: IsoDate | None = Field(None, description="As 2027-01-31.")
    description: str | None = Field(None, max_length=DESCRIPTION_LENGTH, pattern=NO_NUL)
    scale: ScaleIn = Field(default_factory=ScaleIn)
    parties: list[PartyIn] = Field(..., min_length=2, max_length=MAX_PARTIES)

    @field_validator("title")
    @classmethod
    def _titled(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("give the case a title")
        return value


@router.post(
    "/cases",
    response=answers({201: CaseOut}),
    url_name="api_case_create",
    summary="A new case on the default framework, with its parties (editor)",
)
def create_case(request: HttpRequest, payload: CaseIn) -> Status:
    use = need(request, EDITOR)
    case = commands.blank_case(
        title=payload.title,
        language=payload.language,
        parties=[commands.NewParty(p.name, p.role or None, p.side) for p in payload.parties],
        case_date=payload.date,
        scale=Scale(low=payload.scale.min, high=payload.scale.max),
        description=(payload.description or "").strip() or None,
    )
    row = commands.store_case(use.workspace, case)
    return Status(201, case_out(row))
