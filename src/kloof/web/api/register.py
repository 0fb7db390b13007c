"""``/api/cases/{case}/register``: the difference register; an editor updates an
entry's status, decision (``blocking``), reason and note.

An update carries the ``version`` it was built from, as the register page's form
does (:mod:`kloof.storage.versions`): when someone saved the entry meanwhile,
the answer is 409 with the entry as it is now, and nothing is written.
"""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kloof.domain.model import STATUSES
from kloof.storage import register as store
from kloof.storage.models import Case, Difference
from kloof.storage.register import RegisterRow
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.common import EDITOR, NO_NUL, Body, Pages, case_of, id_path
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["register"])

TEXT_LENGTH = 5000
EntryStatus = Literal["open", "named", "discussed", "accepted", "mitigated"]
assert STATUSES == ("open", "named", "discussed", "accepted", "mitigated")


class RegisterRowOut(Schema):
    id: int | None = Field(description="The entry's id; null: the difference has no entry yet.")
    factor: str
    parties: list[str]
    gap: float | None
    severity: str
    decided_severity: str
    uncertain: bool
    status: str | None
    blocking: bool | None = Field(description="The team's decision; null: the computed severity.")
    reason: str | None
    note: str | None
    version: int | None
    actions_done: int
    actions_total: int
    updated: dt.datetime | None


def row_out(row: RegisterRow) -> dict[str, Any]:
    entry = row.entry
    gap = row.gap.gap if row.gap is not None else None
    return {
        "id": entry.pk if entry else None,
        "factor": row.factor.key,
        "parties": [row.parties[0].id, row.parties[1].id],
        "gap": None if gap is None else round(gap, 6),
        "severity": row.severity.value,
        "decided_severity": row.decided_severity.value,
        "uncertain": row.uncertain,
        "status": entry.status if entry else None,
        "blocking": entry.blocking if entry else None,
        "reason": entry.reason if entry else None,
        "note": entry.note if entry else None,
        "version": entry.version if entry else None,
        "actions_done": row.actions_done,
        "actions_total": row.actions_total,
        "updated": entry.updated if entry else None,
    }


@router.get(
    "/cases/{case}/register",
    response=answers({200: list[RegisterRowOut]}, 409),
    url_name="api_register",
    summary="The register: every difference with an entry or of nuance or worse, worst first",
)
@paginate(Pages)
def list_register(request: HttpRequest, case: int = id_path("case")) -> list[dict[str, Any]]:
    found = store.register(case_of(request, case))
    return [row_out(row) for row in found.rows]


def _entry(row: Case, entry_id: int) -> Difference:
    entry = store.find_entry(row, entry_id)
    if entry is None:
        raise Http404(
            f"No register entry with id {entry_id} in this case: "
            f"list them with GET /api/cases/{row.pk}/register."
        )
    return entry


def _row_of(row: Case, entry: Difference) -> dict[str, Any]:
    return row_out(store.entry_row(store.analysis_of(row), entry))


@router.get(
    "/cases/{case}/register/{entry}",
    response=answers({200: RegisterRowOut}, 409),
    url_name="api_register_entry",
    summary="One register entry",
)
def get_entry(
    request: HttpRequest, case: int = id_path("case"), entry: int = id_path("register entry")
) -> dict[str, Any]:
    row = case_of(request, case)
    return _row_of(row, _entry(row, entry))


class EntryIn(Body):
    """Fields left out keep their value; ``blocking: null`` returns to the
    computed severity."""

    version: int = Field(..., ge=1, le=MAX_VERSION, description="The entry's version you read.")
    status: EntryStatus | None = None
    blocking: bool | None = None
    reason: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    note: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)


class StaleOut(Schema):
    detail: str
    current: RegisterRowOut | None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def merged_values(entry: Difference, payload: EntryIn) -> dict[str, Any]:
    """The entry's fields after the update, checked as the register form checks them."""
    given = payload.model_fields_set
    values = {name: getattr(entry, name) for name in store.ENTRY_FIELDS}
    if payload.status is not None:  # null, like leaving it out: unchanged
        values["status"] = payload.status
    if "blocking" in given:
        values["blocking"] = payload.blocking
    for name in ("reason", "note"):
        if name in given:
            values[name] = _text(getattr(payload, name))
    if values["blocking"] is not None and not values["reason"]:
        raise unprocessable(
            "reason",
            "a decision that overrides the computed severity needs a reason",
            "give a 'reason', or set 'blocking' to null",
        )
    return values


@router.patch(
    "/cases/{case}/register/{entry}",
    response=answers({200: RegisterRowOut, 409: StaleOut}),
    url_name="api_register_entry_update",
    summary="Update an entry's status, decision, reason or note (editor; with its version)",
)
def update_entry(
    request: HttpRequest,
    payload: EntryIn,
    case: int = id_path("case"),
    entry: int = id_path("register entry"),
) -> Any:
    row = case_of(request, case, EDITOR)
    found = _entry(row, entry)
    values = merged_values(found, payload)
    use = request.auth
    try:
        saved = store.update_entry(row, found.pk, payload.version, values, use.user)  # type: ignore[union-attr]
    except StaleVersion as stale:
        current = stale.current
        data = {
            "detail": (
                f"The entry changed since version {payload.version}: nothing was saved. "
                "Read it again ('current'), then send your change with its version."
            ),
            "current": _row_of(row, current) if isinstance(current, Difference) else None,
        }
        return Status(409, data)
    return _row_of(row, saved)
