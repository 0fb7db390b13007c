"""``/api/relationships/{relationship}/phases``: contract phases, the periods of
contract negotiation a review should stay out of. Viewers read, editors write;
a phase must end on or after its start (422 otherwise)."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from kloof.storage import phases as store
from kloof.storage.models import ContractPhase
from kloof.web.api.common import EDITOR, NO_NUL, Body, IsoDate, id_path
from kloof.web.api.errors import answers, unprocessable
from kloof.web.api.relationships import relationship_of

router = Router(tags=["relationships"])

NOTE_LENGTH = 2000


class PhaseOut(Schema):
    id: int
    start: dt.date
    end: dt.date
    note: str


def phase_out(row: ContractPhase) -> dict[str, Any]:
    return {"id": row.pk, "start": row.start, "end": row.end, "note": row.note}


class PhaseIn(Body):
    start: IsoDate
    end: IsoDate = Field(..., description="On or after 'start'.")
    note: str = Field("", max_length=NOTE_LENGTH, pattern=NO_NUL)


def _checked(payload: PhaseIn) -> None:
    if payload.end < payload.start:
        raise unprocessable(
            "end",
            "the phase ends before it starts",
            f"give an end on or after {payload.start.isoformat()}",
        )


@router.get(
    "/relationships/{relationship}/phases",
    response=answers({200: list[PhaseOut]}),
    url_name="api_phases",
    summary="The relationship's contract phases, earliest first",
)
def list_phases(
    request: HttpRequest, relationship: int = id_path("relationship")
) -> list[dict[str, Any]]:
    row = relationship_of(request, relationship)
    return [phase_out(phase) for phase in row.phases.all()]


@router.post(
    "/relationships/{relationship}/phases",
    response=answers({201: PhaseOut}),
    url_name="api_phase_create",
    summary="Add a contract phase (editor)",
)
def create_phase(
    request: HttpRequest, payload: PhaseIn, relationship: int = id_path("relationship")
) -> Any:
    row = relationship_of(request, relationship, EDITOR)
    _checked(payload)
    return Status(201, phase_out(store.add_phase(row, payload.start, payload.end, payload.note)))


def _missing(relationship: int, phase: int) -> Http404:
    return Http404(
        f"No contract phase with id {phase} in relationship {relationship}: "
        f"list them with GET /api/relationships/{relationship}/phases."
    )


@router.put(
    "/relationships/{relationship}/phases/{phase}",
    response=answers({200: PhaseOut}),
    url_name="api_phase_update",
    summary="Change a contract phase (editor)",
)
def update_phase(
    request: HttpRequest,
    payload: PhaseIn,
    relationship: int = id_path("relationship"),
    phase: int = id_path("contract phase"),
) -> dict[str, Any]:
    row = relationship_of(request, relationship, EDITOR)
    _checked(payload)
    saved = store.update_phase(row, phase, payload.start, payload.end, payload.note)
    if saved is None:
        raise _missing(relationship, phase)
    return phase_out(saved)


@router.delete(
    "/relationships/{relationship}/phases/{phase}",
    response=answers({204: None}),
    url_name="api_phase_delete",
    summary="Remove a contract phase (editor)",
)
def delete_phase(
    request: HttpRequest,
    relationship: int = id_path("relationship"),
    phase: int = id_path("contract phase"),
) -> Any:
    row = relationship_of(request, relationship, EDITOR)
    if not store.remove_phase(row, phase):
        raise _missing(relationship, phase)
    return Status(204, None)
