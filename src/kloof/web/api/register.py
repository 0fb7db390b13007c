"""``/api/cases/{case}/register``: the difference register; an editor opens an
entry (a position difference or a perception gap) and updates its status,
decision (``blocking``), reason and note.

A position entry names its two ``parties`` (either order); a perception entry
its ``subject`` (the party being seen) and ``viewer`` (whose view of it differs
from its own). An update carries the ``version`` it was built from, as the
register page's form does (:mod:`kloof.storage.versions`): when someone saved
the entry meanwhile, the answer is 409 with the entry as it is now, and nothing
is written.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kloof.domain.model import PERCEPTION, POSITION, STATUSES
from kloof.domain.results import BlindSpot
from kloof.storage import register as store
from kloof.storage.evidence import case_factors
from kloof.storage.models import Case, Difference, Party
from kloof.storage.register import RegisterRow
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.common import EDITOR, NO_NUL, Body, Pages, case_of, id_path
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["register"])

TEXT_LENGTH = 5000
KEY_LENGTH = 200
EntryStatus = Literal["open", "named", "discussed", "accepted", "accepted_both", "mitigated"]
EntryKind = Literal["position", "perception"]
assert STATUSES == ("open", "named", "discussed", "accepted", "accepted_both", "mitigated")
PartyKey = Annotated[str, Field(min_length=1, max_length=KEY_LENGTH, pattern=NO_NUL)]


class RegisterRowOut(Schema):
    id: int | None = Field(description="The entry's id; null: the difference has no entry yet.")
    kind: EntryKind = Field(
        description="position: where two parties stand apart; perception: how 'viewer' "
        "sees 'subject' against how 'subject' sees itself."
    )
    factor: str
    parties: list[str] = Field(
        description="The two party keys: the pair of a position difference, or "
        "[subject, viewer] of a perception gap."
    )
    subject: str | None = Field(
        description="Perception gap: the key of the party being seen; null for a position."
    )
    viewer: str | None = Field(
        description="Perception gap: the key of the party whose view it is; null for a position."
    )
    viewer_score: float | None = Field(
        description="Perception gap: the viewer's median score of the subject (case scale)."
    )
    self_score: float | None = Field(
        description="Perception gap: the subject's median score of itself (case scale)."
    )
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


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def row_out(row: RegisterRow) -> dict[str, Any]:
    entry = row.entry
    gap = row.gap.gap if row.gap is not None else None
    spot = row.gap if isinstance(row.gap, BlindSpot) else None
    return {
        "id": entry.pk if entry else None,
        "kind": row.kind,
        "factor": row.factor.key,
        "parties": [row.parties[0].id, row.parties[1].id],
        "subject": row.parties[0].id if row.is_perception else None,
        "viewer": row.parties[1].id if row.is_perception else None,
        "viewer_score": _rounded(spot.viewer_score) if spot else None,
        "self_score": _rounded(spot.self_score) if spot else None,
        "gap": _rounded(gap),
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
    summary="The register: every difference with an entry, every position difference of "
    "nuance or worse and every perception gap of significant or worse, worst first",
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
    _check_reason(values)
    return values


def _check_reason(values: dict[str, Any]) -> None:
    if values["blocking"] is not None and not values["reason"]:
        raise unprocessable(
            "reason",
            "a severity the team decides (or confirms) with 'blocking' needs a reason",
            "give a 'reason', or set 'blocking' to null",
        )


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


class NewEntryIn(Body):
    """A position entry names ``parties``; a perception entry ``subject`` and
    ``viewer`` instead. Party keys and the factor key as in the case."""

    kind: EntryKind = POSITION
    factor: str = Field(
        ..., min_length=1, max_length=KEY_LENGTH, pattern=NO_NUL, description="A factor key."
    )
    parties: list[PartyKey] | None = Field(
        None,
        min_length=2,
        max_length=2,
        description="Position only: the two party keys (either order).",
    )
    subject: str | None = Field(
        None,
        max_length=KEY_LENGTH,
        pattern=NO_NUL,
        description="Perception only: the key of the party being seen.",
    )
    viewer: str | None = Field(
        None,
        max_length=KEY_LENGTH,
        pattern=NO_NUL,
        description="Perception only: the key of the party whose view of the subject it is.",
    )
    status: EntryStatus = "open"
    blocking: bool | None = Field(None, description="The team's decision; null: computed.")
    reason: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    note: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)


class ExistsOut(Schema):
    detail: str
    current: RegisterRowOut


def _parties_of(row: Case, payload: NewEntryIn) -> tuple[str, str]:
    """The entry's two party keys, checked against the kind and the case."""
    if payload.kind == PERCEPTION:
        if payload.parties is not None:
            raise unprocessable(
                "parties",
                "a perception entry names 'subject' and 'viewer', not 'parties'",
                "send 'subject' (the party being seen) and 'viewer' (whose view it is) "
                "instead of 'parties'",
            )
        for name in ("subject", "viewer"):
            if not getattr(payload, name):
                raise unprocessable(
                    name,
                    f"a perception entry needs '{name}'",
                    f"add '{name}': a party key from GET /api/cases/{row.pk}/parties",
                )
        pair = (str(payload.subject), str(payload.viewer))
        fields = ("subject", "viewer")
    else:
        for name in ("subject", "viewer"):
            if getattr(payload, name) is not None:
                raise unprocessable(
                    name,
                    f"a position entry names 'parties', not '{name}'",
                    "send 'parties' with two party keys, or set 'kind' to 'perception'",
                )
        if payload.parties is None:
            raise unprocessable(
                "parties",
                "a position entry needs 'parties'",
                "add 'parties' with two party keys, or set 'kind' to 'perception' "
                "with 'subject' and 'viewer'",
            )
        pair = (payload.parties[0], payload.parties[1])
        fields = ("parties", "parties")
    _check_parties(row, pair, fields)
    return pair


def _check_parties(row: Case, pair: tuple[str, str], fields: tuple[str, str]) -> None:
    keys = list(Party.objects.filter(case=row).order_by("position").values_list("key", flat=True))
    for key, field in zip(pair, fields, strict=True):
        if key not in keys:
            raise unprocessable(
                field,
                f"this case has no party '{key}'",
                f"use one of: {', '.join(keys)}",
            )
    if pair[0] == pair[1]:
        problem = (
            "'viewer' is the party being seen: a party's view of itself is no perception gap"
            if fields[0] == "subject"
            else "it names one party twice"
        )
        raise unprocessable(fields[1], problem, "name two different parties")


def _check_factor(row: Case, factor: str) -> None:
    keys = [item.key for item in case_factors(row)]
    if factor not in keys:
        raise unprocessable(
            "factor", f"this case has no factor '{factor}'", f"use one of: {', '.join(keys)}"
        )


@router.post(
    "/cases/{case}/register",
    response=answers({201: RegisterRowOut, 409: ExistsOut}),
    url_name="api_register_create",
    summary="Open a register entry: a position difference or a perception gap (editor)",
)
def create_entry(request: HttpRequest, payload: NewEntryIn, case: int = id_path("case")) -> Any:
    row = case_of(request, case, EDITOR)
    _check_factor(row, payload.factor)
    first, second = _parties_of(row, payload)
    values = {
        "status": payload.status,
        "blocking": payload.blocking,
        "reason": _text(payload.reason),
        "note": _text(payload.note),
    }
    _check_reason(values)
    user = request.auth.user  # type: ignore[union-attr]
    try:
        entry = store.open_entry(
            row, payload.factor, first, second, values, user, kind=payload.kind
        )
    except store.EntryExists as exists:
        data = {
            "detail": (
                "This difference has a register entry already: nothing was saved. "
                f"Change it with PATCH /api/cases/{row.pk}/register/{exists.entry.pk} "
                "and its version ('current')."
            ),
            "current": _row_of(row, _entry(row, exists.entry.pk)),
        }
        return Status(409, data)
    return Status(201, _row_of(row, _entry(row, entry.pk)))
