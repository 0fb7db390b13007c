"""``/api/cases/{case}/links``: respondent links. Editors and owners list, make
and revoke them, as on the case's respondents page.

A new link's token is in the answer to the POST that made it, once: only its
hash is stored (:mod:`kloof.storage.respondents`). The list never has tokens.
"""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from kloof.storage import respondents as core
from kloof.storage.models import Case, RespondentLink, Submission
from kloof.storage.rating import find_party
from kloof.web.api.common import (
    EDITOR,
    MAX_ID,
    NO_NUL,
    Body,
    IsoDateTime,
    Pages,
    case_of,
    id_path,
    link_expiry,
)
from kloof.web.api.errors import answers, unprocessable
from kloof.web.views.respondents import respond_path

router = Router(tags=["respondent links"])

#: The role that manages respondent links (as the respondents page).
LINK_ROLE = EDITOR
NAME_LENGTH = 200
GREETING_LENGTH = 500
DEFAULT_DAYS = 30
MAX_DAYS = 366


class LinkOut(Schema):
    id: int
    name: str = Field(
        description="The team's own name for the link (whom it was sent to); never shown to "
        "the respondent. Empty: anonymous."
    )
    greeting: str = Field(
        description="What the respondent reads above the questions; empty: no greeting."
    )
    party: str = Field(description="The key of the party the respondent belongs to.")
    party_id: int
    rates: str = Field(description="own, other or both: which parties they rate.")
    language: str
    expires: dt.datetime
    created: dt.datetime
    revoked: dt.datetime | None
    first_used: dt.datetime | None
    state: str = Field(description="open, revoked, expired or closed (the round is closed).")
    submitted: bool


class NewLinkOut(LinkOut):
    token: str = Field(description="The link's secret, shown only in this answer.")
    url: str = Field(
        description="The whole link to send to the respondent (holds the token), as this "
        "server is reached; shown only in this answer."
    )


def link_out(link: RespondentLink, submitted: bool) -> dict[str, Any]:
    return {
        "id": link.pk,
        "name": link.name,
        "greeting": link.greeting,
        "party": link.party.key,
        "party_id": link.party_id,
        "rates": link.rates,
        "language": link.language,
        "expires": link.expires,
        "created": link.created,
        "revoked": link.revoked,
        "first_used": link.first_used,
        "state": core.link_state(link).value,
        "submitted": submitted,
    }


def _links(row: Case) -> list[RespondentLink]:
    links = list(
        RespondentLink.objects.filter(case=row).select_related("party").order_by("created", "id")
    )
    for link in links:
        link.case = row  # link_state reads the round; no query per link
    return links


@router.get(
    "/cases/{case}/links",
    response=answers({200: list[LinkOut]}),
    url_name="api_links",
    summary="The case's respondent links, without their tokens (editor)",
)
@paginate(Pages)
def list_links(request: HttpRequest, case: int = id_path("case")) -> list[dict[str, Any]]:
    row = case_of(request, case, LINK_ROLE)
    done = set(Submission.objects.filter(link__case=row).values_list("link_id", flat=True))
    return [link_out(link, link.pk in done) for link in _links(row)]


class LinkIn(Body):
    party: int = Field(..., ge=1, le=MAX_ID, description="The id of the respondent's own party.")
    rates: Literal["own", "other", "both"] = "both"
    language: Literal["nl", "en"] | None = Field(None, description="Default: the case's language.")
    expires: IsoDateTime | None = Field(
        None, description=f"When the link stops working; default in {DEFAULT_DAYS} days."
    )
    name: str = Field(
        "",
        max_length=NAME_LENGTH,
        pattern=NO_NUL,
        description="The team's own name for the link (whom it is sent to); never shown to "
        "the respondent. Empty: anonymous.",
    )
    greeting: str = Field(
        "",
        max_length=GREETING_LENGTH,
        pattern=NO_NUL,
        description="What the respondent reads above the questions, for example "
        "'Dear Ann, thank you for taking part.'; empty: no greeting. Line breaks stay.",
    )

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())


def _expiry(payload: LinkIn) -> dt.datetime:
    return link_expiry(payload.expires, default_days=DEFAULT_DAYS, max_days=MAX_DAYS)


@router.post(
    "/cases/{case}/links",
    response=answers({201: NewLinkOut}),
    url_name="api_link_create",
    summary="A new respondent link; its token is shown only in this answer (editor)",
)
def create_link(request: HttpRequest, payload: LinkIn, case: int = id_path("case")) -> Status:
    row = case_of(request, case, LINK_ROLE)
    party = find_party(row, payload.party)
    if party is None:
        raise unprocessable(
            "party",
            f"no party with id {payload.party} in this case",
            f"use an id from GET /api/cases/{row.pk}/parties",
        )
    language = payload.language or (row.language if row.language in ("nl", "en") else "en")
    link, token = core.create_link(
        row,
        party=party,
        rates=payload.rates,
        language=language,
        expires=_expiry(payload),
        name=payload.name,
        greeting=payload.greeting,
        created_by=request.auth.user,  # type: ignore[union-attr]
    )
    link.case = row
    url = request.build_absolute_uri(respond_path(token))
    return Status(201, {**link_out(link, False), "token": token, "url": url})


@router.post(
    "/cases/{case}/links/{link}/revoke",
    response=answers({200: LinkOut}),
    url_name="api_link_revoke",
    summary="Revoke a respondent link: it stops working at once (editor)",
)
def revoke_link(
    request: HttpRequest, case: int = id_path("case"), link: int = id_path("respondent link")
) -> dict[str, Any]:
    row = case_of(request, case, LINK_ROLE)
    core.revoke_link(row, link)  # a link revoked before stays as it was
    found = RespondentLink.objects.filter(pk=link, case=row).select_related("party").first()
    if found is None:
        raise Http404(
            f"No respondent link with id {link} in this case: "
            f"list them with GET /api/cases/{row.pk}/links."
        )
    found.case = row
    submitted = Submission.objects.filter(link=found).exists()
    return link_out(found, submitted)
