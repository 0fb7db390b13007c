"""``/api/cases/{case}/agenda``: the dialogue agenda for both audiences, its
items, and the other side's secret links to it.

Viewers read the team version (``?audience=team``, the default) and the
counterparty version (``?audience=counterparty``: the shared items' title, see,
ask, offer and mitigations, nothing else). Editors generate the agenda, change
its items and manage its links, as on the agenda pages. Item changes carry the
item's ``version``; changes to the list (add, delete, reorder) the agenda's
``agenda_version``: a stale one answers 409 and writes nothing.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from kloof.reports.agenda import counterparty_view
from kloof.storage import agenda as store
from kloof.storage import agenda_links as links
from kloof.storage.agenda_mapping import agenda_item as domain_item
from kloof.storage.agenda_mapping import load_agenda
from kloof.storage.models import AgendaItem, AgendaLink, Case
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.common import (
    EDITOR,
    MAX_ID,
    NO_NUL,
    NOT_BLANK,
    Body,
    IsoDateTime,
    case_of,
    id_path,
    link_expiry,
)
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["agenda"])

TITLE_LENGTH = 300
TEXT_LENGTH = 5000
MAX_MITIGATIONS = 30
MAX_ITEMS = 200
DEFAULT_DAYS = 14
MAX_DAYS = 90
Line = Annotated[
    str, Field(min_length=1, max_length=1000, pattern=r"^[^\x00\r\n]*[^\s\x00][^\x00\r\n]*$")
]


class AgendaItemOut(Schema):
    id: int
    version: int
    position: int = Field(description="The item's place on the agenda, from 1.")
    kind: Literal["position", "perception", "other"]
    factor: str | None
    parties: list[str] = Field(
        description="Party keys: the pair (position) or [subject, viewer] (perception)."
    )
    title: str
    see: str
    ask: str
    offer: str
    mitigations: list[str]
    shareable: bool
    outcome: str | None
    outcome_note: str | None
    register_entry: int | None = Field(description="The id of the item's register entry.")


class AgendaOut(Schema):
    audience: Literal["team"]
    version: int = Field(description="The agenda's version: send it with list changes.")
    date: dt.date | None
    items: list[AgendaItemOut]


class SharedAgendaItemOut(Schema):
    title: str
    see: str
    ask: str
    offer: str
    mitigations: list[str]


class SharedAgendaOut(Schema):
    audience: Literal["counterparty"]
    date: dt.date | None
    items: list[SharedAgendaItemOut]


def item_out(row: AgendaItem, number: int) -> dict[str, Any]:
    item = domain_item(row)
    return {
        "id": row.pk,
        "version": row.version,
        "position": number,
        "kind": row.kind,
        "factor": row.factor or None,
        "parties": list(item.parties),
        "title": row.title,
        "see": row.see,
        "ask": row.ask,
        "offer": row.offer,
        "mitigations": list(item.mitigations),
        "shareable": row.shareable,
        "outcome": row.outcome or None,
        "outcome_note": row.outcome_note,
        "register_entry": row.difference_id,
    }


def _agenda_or_404(row: Case) -> Any:
    found = store.find_agenda(row)
    if found is None:
        raise Http404(
            "This case has no agenda yet: generate one with "
            f"POST /api/cases/{row.pk}/agenda/generate."
        )
    return found


def team_out(row: Case) -> dict[str, Any]:
    found = _agenda_or_404(row)
    items = store.items_of(found)
    return {
        "audience": "team",
        "version": found.version,
        "date": found.date,
        "items": [item_out(item, number) for number, item in enumerate(items, 1)],
    }


@router.get(
    "/cases/{case}/agenda",
    response=answers({200: AgendaOut | SharedAgendaOut}),
    url_name="api_agenda",
    summary="The agenda: the team version, or the counterparty version (shared items only)",
)
def get_agenda(
    request: HttpRequest,
    case: int = id_path("case"),
    audience: Literal["team", "counterparty"] = Query(
        "team", description="team: everything; counterparty: what the other side reads."
    ),
) -> dict[str, Any]:
    row = case_of(request, case)
    if audience == "team":
        return team_out(row)
    _agenda_or_404(row)
    agenda = load_agenda(row)
    assert agenda is not None  # checked above
    shared = [
        {
            "title": i.title,
            "see": i.see,
            "ask": i.ask,
            "offer": i.offer,
            "mitigations": list(i.mitigations),
        }
        for i in counterparty_view(agenda)
    ]
    return {"audience": "counterparty", "date": agenda.date, "items": shared}


class AgendaGenerateIn(Body):
    replace: bool = Field(
        False, description="Replace an existing agenda's items (their wording is lost)."
    )


class AgendaExistsOut(Schema):
    detail: str
    current: AgendaOut


@router.post(
    "/cases/{case}/agenda/generate",
    response=answers({201: AgendaOut, 409: AgendaExistsOut}),
    url_name="api_agenda_generate",
    summary="Generate the agenda from the analysis, in the case's language (editor)",
)
def generate(
    request: HttpRequest, payload: AgendaGenerateIn, case: int = id_path("case")
) -> Status:
    row = case_of(request, case, EDITOR)
    try:
        store.generate(row, request.auth.user, replace=payload.replace)  # type: ignore[union-attr]
    except store.AgendaExists:
        detail = (
            "This case has an agenda already: nothing changed. Send 'replace': true to "
            "replace its items."
        )
        return Status(409, {"detail": detail, "current": team_out(row)})
    return Status(201, team_out(row))


class AgendaItemFields(Body):
    title: str | None = Field(None, min_length=1, max_length=TITLE_LENGTH, pattern=NOT_BLANK)
    see: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    ask: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    offer: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    mitigations: list[Line] | None = Field(
        None, max_length=MAX_MITIGATIONS, description="One line each."
    )
    shareable: bool | None = None


class AgendaItemIn(AgendaItemFields):
    version: int = Field(..., ge=1, le=MAX_VERSION, description="The item's version you read.")


class NewAgendaItemIn(AgendaItemFields):
    agenda_version: int = Field(..., ge=1, le=MAX_VERSION, description="The agenda's version.")
    title: str = Field(..., min_length=1, max_length=TITLE_LENGTH, pattern=NOT_BLANK)


def _values(payload: AgendaItemFields) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("title", "see", "ask", "offer"):
        value = getattr(payload, name)
        if value is not None:
            values[name] = value.strip()
    if payload.mitigations is not None:
        values["mitigations"] = "\n".join(line.strip() for line in payload.mitigations)
    if payload.shareable is not None:
        values["shareable"] = payload.shareable
    return values


class AgendaStaleOut(Schema):
    detail: str
    current: AgendaOut | None


def _stale(row: Case, what: str, version: int) -> Status:
    detail = (
        f"The {what} changed since version {version}: nothing was saved. "
        "Read the agenda again ('current'), then send your change with the new version."
    )
    found = store.find_agenda(row)
    return Status(409, {"detail": detail, "current": team_out(row) if found else None})


def _item(row: Case, item_id: int) -> AgendaItem:
    found = store.find_item(row, item_id)
    if found is None:
        raise Http404(
            f"No agenda item with id {item_id} in this case: "
            f"list them with GET /api/cases/{row.pk}/agenda."
        )
    return found


def _one(row: Case, item_id: int) -> dict[str, Any]:
    items = store.items_of(store.find_agenda(row))
    number = next(n for n, item in enumerate(items, 1) if item.pk == item_id)
    return item_out(items[number - 1], number)


@router.post(
    "/cases/{case}/agenda/items",
    response=answers({201: AgendaItemOut, 409: AgendaStaleOut}),
    url_name="api_agenda_item_create",
    summary="Add an item outside the factors, last (editor; with the agenda's version)",
)
def create_item(
    request: HttpRequest, payload: NewAgendaItemIn, case: int = id_path("case")
) -> Status:
    row = case_of(request, case, EDITOR)
    found = _agenda_or_404(row)
    if found.items.count() >= MAX_ITEMS:
        raise unprocessable(
            "title", f"the agenda has {MAX_ITEMS} items already", "remove an item first"
        )
    values = {"see": "", "ask": "", "offer": "", "mitigations": "", "shareable": False}
    values.update(_values(payload))
    try:
        item = store.add_item(row, payload.agenda_version, values, request.auth.user)  # type: ignore[union-attr]
    except StaleVersion:
        return _stale(row, "agenda", payload.agenda_version)
    return Status(201, _one(row, item.pk))


@router.patch(
    "/cases/{case}/agenda/items/{item}",
    response=answers({200: AgendaItemOut, 409: AgendaStaleOut}),
    url_name="api_agenda_item",
    summary="Reword an item or share it (editor; with the item's version)",
)
def update_item(
    request: HttpRequest,
    payload: AgendaItemIn,
    case: int = id_path("case"),
    item: int = id_path("agenda item"),
) -> Any:
    row = case_of(request, case, EDITOR)
    found = _item(row, item)
    try:
        store.update_item(row, found.pk, payload.version, _values(payload), request.auth.user)  # type: ignore[union-attr]
    except StaleVersion:
        return _stale(row, "item", payload.version)
    return _one(row, found.pk)


@router.delete(
    "/cases/{case}/agenda/items/{item}",
    response=answers({204: None, 409: AgendaStaleOut}),
    url_name="api_agenda_item_delete",
    summary="Remove an item (editor; with the agenda's version)",
)
def delete_item(
    request: HttpRequest,
    case: int = id_path("case"),
    item: int = id_path("agenda item"),
    agenda_version: int = Query(..., ge=1, le=MAX_VERSION, description="The agenda's version."),
) -> Status:
    row = case_of(request, case, EDITOR)
    found = _item(row, item)
    try:
        store.remove_item(row, found.pk, agenda_version, request.auth.user)  # type: ignore[union-attr]
    except StaleVersion:
        return _stale(row, "agenda", agenda_version)
    return Status(204, None)


class AgendaOrderIn(Body):
    agenda_version: int = Field(..., ge=1, le=MAX_VERSION, description="The agenda's version.")
    order: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        ..., max_length=MAX_ITEMS, description="Every item's id, once each, in the new order."
    )


@router.post(
    "/cases/{case}/agenda/reorder",
    response=answers({200: AgendaOut, 409: AgendaStaleOut}),
    url_name="api_agenda_reorder",
    summary="Put the items in a new order (editor; with the agenda's version)",
)
def reorder(request: HttpRequest, payload: AgendaOrderIn, case: int = id_path("case")) -> Any:
    row = case_of(request, case, EDITOR)
    _agenda_or_404(row)
    try:
        store.reorder(row, payload.agenda_version, payload.order, request.auth.user)  # type: ignore[union-attr]
    except store.NotAnOrder:
        raise unprocessable(
            "order",
            "it must hold every item's id once, and no other id",
            f"send the ids from GET /api/cases/{row.pk}/agenda in the order you want",
        ) from None
    except StaleVersion:
        return _stale(row, "agenda", payload.agenda_version)
    return team_out(row)


# --- the other side's links ------------------------------------------------------------


class AgendaLinkOut(Schema):
    id: int
    name: str = Field(description="The team's own name for the link; never shown through it.")
    language: str
    expires: dt.datetime
    created: dt.datetime
    revoked: dt.datetime | None
    last_used: dt.datetime | None
    state: str = Field(description="open, revoked or expired.")


class NewAgendaLinkOut(AgendaLinkOut):
    token: str = Field(description="The link's secret, shown only in this answer.")
    url: str = Field(description="The whole link to send (holds the token); only in this answer.")


def link_out(link: AgendaLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "name": link.name,
        "language": link.language,
        "expires": link.expires,
        "created": link.created,
        "revoked": link.revoked,
        "last_used": link.last_used,
        "state": links.link_state(link).value,
    }


@router.get(
    "/cases/{case}/agenda/links",
    response=answers({200: list[AgendaLinkOut]}),
    url_name="api_agenda_links",
    summary="The other side's links to the agenda, without their tokens (editor)",
)
def list_links(request: HttpRequest, case: int = id_path("case")) -> list[dict[str, Any]]:
    row = case_of(request, case, EDITOR)
    return [link_out(link) for link in links.links_of(row)]


class AgendaLinkIn(Body):
    language: Literal["nl", "en"] | None = Field(None, description="Default: the case's language.")
    expires: IsoDateTime | None = Field(
        None, description=f"When the link stops working; default in {DEFAULT_DAYS} days."
    )
    name: str = Field("", max_length=200, pattern=NO_NUL, description="The team's own name.")


@router.post(
    "/cases/{case}/agenda/links",
    response=answers({201: NewAgendaLinkOut}),
    url_name="api_agenda_link_create",
    summary="A new link for the other side; its token is shown only in this answer (editor)",
)
def create_link(request: HttpRequest, payload: AgendaLinkIn, case: int = id_path("case")) -> Status:
    row = case_of(request, case, EDITOR)
    expires = link_expiry(payload.expires, default_days=DEFAULT_DAYS, max_days=MAX_DAYS)
    language = payload.language or (row.language if row.language in ("nl", "en") else "en")
    link, token = links.create_link(
        row,
        language=language,
        expires=expires,
        name=payload.name,
        created_by=request.auth.user,  # type: ignore[union-attr]
    )
    url = request.build_absolute_uri(reverse("agenda_shared", kwargs={"token": token}))
    return Status(201, {**link_out(link), "token": token, "url": url})


@router.post(
    "/cases/{case}/agenda/links/{agenda_link}/revoke",
    response=answers({200: AgendaLinkOut}),
    url_name="api_agenda_link_revoke",
    summary="Revoke a link of the other side: it stops at once (editor)",
)
def revoke_link(
    request: HttpRequest, case: int = id_path("case"), agenda_link: int = id_path("agenda link")
) -> dict[str, Any]:
    row = case_of(request, case, EDITOR)
    found = links.revoke(row, agenda_link, request.auth.user)  # type: ignore[union-attr]
    if found is None:
        raise Http404(
            f"No agenda link with id {agenda_link} in this case: "
            f"list them with GET /api/cases/{row.pk}/agenda/links."
        )
    return link_out(found)
