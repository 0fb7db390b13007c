"""``/api/practice/journal``: the token user's spotting journal.

Practice belongs to a person, not to a workspace: any member's token (a
viewer's too) reads and writes its user's own entries. Entries other members
shared to the token's workspace are listed with ``scope=shared`` and read
one by one, never changed. Anybody else's entry answers 404, as if it did
not exist. A change carries the ``version`` it was built from (409 when the
entry changed meanwhile, with the entry as it is now).
"""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kloof.storage import journal as store
from kloof.storage.models_practice import JournalEntry
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.common import NO_NUL, NOT_BLANK, Body, IsoDate, Pages, caller, id_path
from kloof.web.api.errors import answers, unprocessable
from kloof.web.forms.journal import factor_names

router = Router(tags=["practice: journal"])

Severity = Literal["nuance", "blocking"]
Scope = Literal["own", "shared"]
ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class JournalOut(Schema):
    id: int
    date: dt.date
    situation: str
    parties: str
    factor: str = Field(description="A factor key of the nine factors (hopmans-9).")
    severity: Severity
    next: str
    shared: bool = Field(description="Shared with the members of the token's workspace.")
    own: bool = Field(description="Your own entry (false: a member shared it with you).")
    version: int
    updated: dt.datetime


def entry_out(row: JournalEntry, user_id: int) -> dict[str, Any]:
    return {
        "id": row.pk,
        "date": row.date,
        "situation": row.situation,
        "parties": row.parties,
        "factor": row.factor,
        "severity": row.severity,
        "next": row.next,
        "shared": row.workspace_id is not None,
        "own": row.user_id == user_id,
        "version": row.version,
        "updated": row.updated,
    }


class JournalFilters(Schema):
    scope: Scope = Field("own", description="own: your entries; shared: members' shared ones.")
    factor: str | None = Field(None, max_length=100, pattern=NO_NUL)
    severity: Severity | None = None
    start: str | None = Field(
        None, pattern=ISO_DAY, description="From this date (YYYY-MM-DD), included."
    )
    end: str | None = Field(
        None, pattern=ISO_DAY, description="Up to this date (YYYY-MM-DD), included."
    )


def _day(name: str, text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise unprocessable(name, "it is no date", "give a date such as 2026-11-30") from None


@router.get(
    "/practice/journal",
    response=answers({200: list[JournalOut]}),
    url_name="api_journal",
    summary="Your journal entries (or, scope=shared, those members shared), newest first",
)
@paginate(Pages)
def list_entries(request: HttpRequest, filters: Query[JournalFilters]) -> list[dict[str, Any]]:
    use = caller(request)
    chosen = store.Filters(
        scope=filters.scope,
        factor=filters.factor or "",
        severity=filters.severity or "",
        start=_day("start", filters.start),
        end=_day("end", filters.end),
    )
    rows = store.entries(use.user, chosen)
    if filters.scope == store.SHARED:
        rows = rows.filter(workspace_id=use.workspace.pk)
    return [entry_out(row, use.user.pk) for row in rows]


def _readable(request: HttpRequest, entry_id: int) -> JournalEntry:
    """The user's own entry, or one shared to the token's workspace."""
    use = caller(request)
    row = store.readable_entry(use.user, entry_id)
    if row is None or (row.user_id != use.user.pk and row.workspace_id != use.workspace.pk):
        raise Http404(
            f"No journal entry with id {entry_id} for you: "
            "list them with GET /api/practice/journal."
        )
    return row


def _own(request: HttpRequest, entry_id: int) -> JournalEntry:
    row = _readable(request, entry_id)
    if row.user_id != caller(request).user.pk:
        raise Http404(f"Journal entry {entry_id} is another member's: only its writer changes it.")
    return row


@router.get(
    "/practice/journal/{journal}",
    response=answers({200: JournalOut}),
    url_name="api_journal_entry",
    summary="One journal entry (your own, or one shared with the token's workspace)",
)
def get_entry(request: HttpRequest, journal: int = id_path("journal entry")) -> dict[str, Any]:
    return entry_out(_readable(request, journal), caller(request).user.pk)


class NewJournalIn(Body):
    date: IsoDate = Field(description="The day you noticed the difference (ISO 8601).")
    situation: str = Field(..., max_length=store.SITUATION_LENGTH, pattern=NOT_BLANK)
    parties: str = Field("", max_length=store.PARTIES_LENGTH, pattern=NO_NUL)
    factor: str = Field(..., max_length=100, pattern=NO_NUL, description="A factor key.")
    severity: Severity
    next: str = Field("", max_length=store.NEXT_LENGTH, pattern=NO_NUL)
    shared: bool = Field(False, description="Share with the members of the token's workspace.")


class JournalIn(Body):
    """Fields left out keep their value."""

    version: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read.")
    date: IsoDate | None = None
    situation: str | None = Field(None, max_length=store.SITUATION_LENGTH, pattern=NOT_BLANK)
    parties: str | None = Field(None, max_length=store.PARTIES_LENGTH, pattern=NO_NUL)
    factor: str | None = Field(None, max_length=100, pattern=NO_NUL)
    severity: Severity | None = None
    next: str | None = Field(None, max_length=store.NEXT_LENGTH, pattern=NO_NUL)
    shared: bool | None = None


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    factors = factor_names("en")
    if values["factor"] not in factors:
        raise unprocessable(
            "factor", "it is not one of the nine factors", f"use one of: {', '.join(factors)}"
        )
    if values["date"] > dt.date.today() + dt.timedelta(days=1):
        raise unprocessable("date", "it lies in the future", "give the day you noticed it")
    for name in ("situation", "parties", "next"):
        values[name] = values[name].strip()
    return values


@router.post(
    "/practice/journal",
    response=answers({201: JournalOut}),
    url_name="api_journal_create",
    summary="Add a journal entry (private unless shared with the token's workspace)",
)
def create_entry(request: HttpRequest, payload: NewJournalIn) -> Any:
    use = caller(request)
    values = payload.model_dump()
    values["workspace"] = use.workspace if values.pop("shared") else None
    row = store.create_entry(use.user, _checked(values))
    return Status(201, entry_out(row, use.user.pk))


class StaleJournalOut(Schema):
    detail: str
    current: JournalOut | None


@router.patch(
    "/practice/journal/{journal}",
    response=answers({200: JournalOut, 409: StaleJournalOut}),
    url_name="api_journal_update",
    summary="Change your journal entry (with its version)",
)
def update_entry(
    request: HttpRequest, payload: JournalIn, journal: int = id_path("journal entry")
) -> Any:
    use = caller(request)
    row = _own(request, journal)
    values = {name: getattr(row, name) for name in store.FIELDS if name != "workspace"}
    given = payload.model_dump(exclude_unset=True, exclude={"version"})
    shared = given.pop("shared", None)
    values.update({key: value for key, value in given.items() if value is not None})
    if shared is None:
        values["workspace"] = row.workspace
    else:  # sharing shares with the token's workspace; unsharing makes it private
        values["workspace"] = use.workspace if shared else None
    try:
        saved = store.update_entry(use.user, row.pk, payload.version, _checked(values))
    except StaleVersion as stale:
        current = stale.current
        return Status(
            409,
            {
                "detail": f"The entry changed since version {payload.version}: nothing was "
                "saved. Read it again ('current'), then send your change with its version.",
                "current": entry_out(current, use.user.pk)
                if isinstance(current, JournalEntry)
                else None,
            },
        )
    if saved is None:
        raise Http404(f"Journal entry {journal} was deleted meanwhile.")
    return entry_out(saved, use.user.pk)


class VersionQuery(Schema):
    version: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read.")


@router.delete(
    "/practice/journal/{journal}",
    response=answers({204: None}, 409),
    url_name="api_journal_delete",
    summary="Delete your journal entry (with its version)",
)
def delete_entry(
    request: HttpRequest, query: Query[VersionQuery], journal: int = id_path("journal entry")
) -> Any:
    use = caller(request)
    version = query.version
    row = _own(request, journal)
    try:
        store.delete_entry(use.user, row.pk, version)
    except StaleVersion:
        return Status(
            409,
            {
                "detail": f"The entry changed since version {version}: it is not deleted. "
                "Read it again, then delete it with its version."
            },
        )
    return Status(204, None)
