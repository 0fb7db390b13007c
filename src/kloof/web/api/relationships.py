"""``/api/relationships``: the workspace's relationships (a counterparty with its
cases over time), their cases, linking a case, and starting the next review.

Viewers read, editors write, as on the web pages. Every query is scoped to the
token's workspace: another workspace's relationship or case answers 404, like
an id that does not exist. Contract phases: :mod:`kloof.web.api.phases`.
"""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kloof.domain.cadence import Due
from kloof.storage import relationships as store
from kloof.storage.models import Case, Relationship
from kloof.storage.phases import phase_warning
from kloof.storage.relationship_due import due_by_relationship, last_review_dates
from kloof.storage.reviews import start_next_review
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.cases import CaseOut, case_out
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
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["relationships"])

NAME_LENGTH = 200
NOTE_LENGTH = 5000
Status_ = Literal["scheduled", "due_soon", "due", "overdue", "no_review"]


class DueOut(Schema):
    date: dt.date = Field(description="The next review's date (today when none was held yet).")
    days: int = Field(description="Days from today; negative: overdue by that many days.")
    status: Status_


class RelationshipOut(Schema):
    id: int
    name: str
    note: str
    owner: int | None = Field(description="The owner's user id (a member of the workspace).")
    owner_email: str | None
    cadence_months: int
    archived: bool
    cases: int = Field(description="Its cases, archived ones left out.")
    last_review: dt.date | None
    next_review: DueOut
    version: int
    created: dt.datetime
    updated: dt.datetime


class ReviewCaseOut(CaseOut):
    kind: Literal["negotiation", "review"]
    relationship: int | None
    previous: int | None = Field(description="The id of the case this one follows up.")


def review_case_out(row: Case) -> dict[str, Any]:
    return {
        **case_out(row),
        "kind": row.kind,
        "relationship": row.relationship_id,
        "previous": row.previous_id,
    }


def relationship_out(row: Relationship, due: Due, last: dt.date | None) -> dict[str, Any]:
    owner = row.owner
    return {
        "id": row.pk,
        "name": row.name,
        "note": row.note,
        "owner": row.owner_id,
        "owner_email": (owner.email or owner.get_username()) if owner is not None else None,
        "cadence_months": row.cadence_months,
        "archived": row.archived,
        "cases": row.cases.filter(archived=False).count(),
        "last_review": last,
        "next_review": {"date": due.date, "days": due.days, "status": due.status},
        "version": row.version,
        "created": row.created,
        "updated": row.updated,
    }


def one_out(row: Relationship) -> dict[str, Any]:
    due = due_by_relationship([row], timezone.localdate())[row.pk]
    return relationship_out(row, due, last_review_dates([row.pk]).get(row.pk))


def relationship_of(request: HttpRequest, relationship_id: int, role: str = VIEWER) -> Relationship:
    """Relationship ``relationship_id`` of the token's workspace (404 otherwise)."""
    use = need(request, role)
    row = (
        Relationship.objects.select_related("owner", "workspace")
        .filter(pk=relationship_id, workspace_id=use.workspace.pk)
        .first()
    )
    if row is None:
        raise Http404(
            f"No relationship with id {relationship_id} in this workspace: "
            "list them with GET /api/relationships."
        )
    return row


class RelationshipFilter(Schema):
    archived: bool = Field(False, description="The archived relationships instead.")


@router.get(
    "/relationships",
    response=answers({200: list[RelationshipOut]}),
    url_name="api_relationships",
    summary="The workspace's relationships, the soonest due first",
)
@paginate(Pages)
def list_relationships(
    request: HttpRequest, filters: Query[RelationshipFilter]
) -> list[dict[str, Any]]:
    use = need(request, VIEWER)
    rows = store.relationship_rows(use.workspace, timezone.localdate(), archived=filters.archived)
    return [
        {**relationship_out(item.relationship, item.due, item.last_review), "cases": item.cases}
        for item in rows
    ]


class RelationshipIn(Body):
    name: str = Field(..., min_length=1, max_length=NAME_LENGTH, pattern=NOT_BLANK)
    note: str = Field("", max_length=NOTE_LENGTH, pattern=NO_NUL)
    owner: int | None = Field(None, ge=1, description="A member's user id; null: nobody.")
    cadence_months: int = Field(12, ge=store.MIN_CADENCE, le=store.MAX_CADENCE)


class RelationshipPatch(Body):
    version: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read.")
    name: str | None = Field(None, min_length=1, max_length=NAME_LENGTH, pattern=NOT_BLANK)
    note: str | None = Field(None, max_length=NOTE_LENGTH, pattern=NO_NUL)
    owner: int | None = Field(None, ge=1, description="A member's user id; null: nobody.")
    cadence_months: int | None = Field(None, ge=store.MIN_CADENCE, le=store.MAX_CADENCE)


def _refused(error: store.InvalidRelationship) -> Exception:
    fixes = {
        "name": ("it is empty", "give the counterparty's name"),
        "cadence": ("it must be 1 to 60 months", "give a whole number from 1 to 60"),
        "owner": (
            "that user is not a member of this workspace",
            "give the user id of a member, or null",
        ),
        "workspace": (
            "the case and the relationship are in different workspaces",
            "link a case of the relationship's workspace",
        ),
        "none": (
            "the case belongs to no relationship",
            "link it to one first (PUT /api/cases/{case}/relationship)",
        ),
    }
    problem, fix = fixes.get(error.code, ("it cannot be saved", "see docs/api.md"))
    return unprocessable(error.field, problem, fix)


@router.post(
    "/relationships",
    response=answers({201: RelationshipOut}),
    url_name="api_relationship_create",
    summary="Create a relationship (editor)",
)
def create_relationship(request: HttpRequest, payload: RelationshipIn) -> Any:
    use = need(request, EDITOR)
    fields = store.RelationshipFields(
        name=payload.name,
        note=payload.note,
        owner_id=payload.owner,
        cadence_months=payload.cadence_months,
    )
    try:
        row = store.create_relationship(use.workspace, fields)
    except store.InvalidRelationship as error:
        raise _refused(error) from None
    return Status(201, one_out(relationship_of(request, row.pk)))


@router.get(
    "/relationships/{relationship}",
    response=answers({200: RelationshipOut}),
    url_name="api_relationship",
    summary="One relationship with when its next review is due",
)
def get_relationship(
    request: HttpRequest, relationship: int = id_path("relationship")
) -> dict[str, Any]:
    return one_out(relationship_of(request, relationship))


class StaleRelationshipOut(Schema):
    detail: str
    current: RelationshipOut | None


@router.patch(
    "/relationships/{relationship}",
    response=answers({200: RelationshipOut, 409: StaleRelationshipOut}),
    url_name="api_relationship_update",
    summary="Change a relationship (editor; with the version you read)",
)
def update_relationship(
    request: HttpRequest, payload: RelationshipPatch, relationship: int = id_path("relationship")
) -> Any:
    row = relationship_of(request, relationship, EDITOR)
    given = payload.model_fields_set
    fields = store.RelationshipFields(
        name=payload.name if payload.name is not None else row.name,
        note=payload.note if payload.note is not None else row.note,
        owner_id=payload.owner if "owner" in given else row.owner_id,
        cadence_months=payload.cadence_months or row.cadence_months,
    )
    try:
        store.update_relationship(row, payload.version, fields)
    except store.InvalidRelationship as error:
        raise _refused(error) from None
    except StaleVersion:
        current = relationship_of(request, relationship)
        detail = (
            f"The relationship changed since version {payload.version}: nothing was saved. "
            "Read it again ('current'), then send your change with its version."
        )
        return Status(409, {"detail": detail, "current": one_out(current)})
    return one_out(relationship_of(request, relationship))


class ArchiveIn(Body):
    archived: bool = Field(True, description="false brings it back.")


@router.post(
    "/relationships/{relationship}/archive",
    response=answers({200: RelationshipOut}),
    url_name="api_relationship_archive",
    summary="Archive a relationship, or bring it back (editor)",
)
def archive_relationship(
    request: HttpRequest, payload: ArchiveIn, relationship: int = id_path("relationship")
) -> dict[str, Any]:
    row = relationship_of(request, relationship, EDITOR)
    store.set_relationship_archived(row, payload.archived)
    return one_out(relationship_of(request, relationship))


@router.get(
    "/relationships/{relationship}/cases",
    response=answers({200: list[ReviewCaseOut]}),
    url_name="api_relationship_cases",
    summary="The relationship's cases over time, newest first",
)
def relationship_cases(
    request: HttpRequest, relationship: int = id_path("relationship")
) -> list[dict[str, Any]]:
    row = relationship_of(request, relationship)
    return [review_case_out(case) for case in row.cases.order_by("-date", "-created", "-id")]


class CaseLinkIn(Body):
    relationship: int | None = Field(..., ge=1, description="null unlinks the case.")


@router.put(
    "/cases/{case}/relationship",
    response=answers({200: ReviewCaseOut}),
    url_name="api_case_relationship",
    summary="Link a case to a relationship of its workspace, or unlink it (editor)",
)
def link_case(request: HttpRequest, payload: CaseLinkIn, case: int = id_path("case")) -> Any:
    row = case_of(request, case, EDITOR)
    user = request.auth.user  # type: ignore[union-attr]
    if payload.relationship is None:
        store.unlink_case(row, user)
    else:
        store.link_case(row, relationship_of(request, payload.relationship, EDITOR), user)
    row.refresh_from_db()
    return review_case_out(row)


class ReviewIn(Body):
    previous: int | None = Field(
        None, ge=1, description="The case to follow up; default: the newest of the relationship."
    )
    date: IsoDate | None = Field(None, description="Default: today.")
    confirm: bool = Field(
        False, description="Start it even though the date lies in a contract phase."
    )


class PhaseConflictOut(Schema):
    detail: str
    phase: dict[str, Any]
    nearest_date: dt.date = Field(description="The nearest date outside every phase.")


@router.post(
    "/relationships/{relationship}/reviews",
    response=answers({201: ReviewCaseOut, 409: PhaseConflictOut}),
    url_name="api_review_start",
    summary="Start the next review: a new case without scores (editor)",
)
def start_review(
    request: HttpRequest, payload: ReviewIn, relationship: int = id_path("relationship")
) -> Any:
    row = relationship_of(request, relationship, EDITOR)
    cases = row.cases.filter(archived=False).order_by("-date", "-created", "-id")
    previous = cases.filter(pk=payload.previous).first() if payload.previous else cases.first()
    if previous is None:
        raise unprocessable(
            "previous",
            "the relationship has no such case" if payload.previous else "it has no case yet",
            "link a case first, or give the id of one of its cases",
        )
    today = timezone.localdate()
    day = payload.date or today
    warning = phase_warning(row, day, today)
    if warning is not None and not payload.confirm:
        phase, nearest = warning
        detail = (
            f"{day.isoformat()} lies in the contract phase {phase.start.isoformat()} to "
            f"{phase.end.isoformat()}: the stress of the deal colours how people rate trust. "
            f"Send 'date': '{nearest.isoformat()}' (the nearest date outside), or "
            "'confirm': true to start it on this date anyway."
        )
        span = {"start": phase.start, "end": phase.end, "note": phase.note}
        return Status(409, {"detail": detail, "phase": span, "nearest_date": nearest})
    made = start_next_review(previous, day, request.auth.user)  # type: ignore[union-attr]
    return Status(201, review_case_out(made.case))
