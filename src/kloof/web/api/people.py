"""``/api/cases/{case}/parties`` and ``/raters``: who is in a case.

When a case promised its respondents anonymity, a respondent's rater (one made
by a respondent link) is listed without name and key: the key names the link,
and the link list names the person.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from kloof.storage.models import Case, Party, Rater
from kloof.web.api.common import Pages, case_of, id_path
from kloof.web.api.errors import answers

router = Router(tags=["parties and raters"])


class PartyOut(Schema):
    id: int
    key: str
    name: str
    role: str | None
    side: str | None


class RaterOut(Schema):
    id: int
    key: str | None
    name: str | None
    party: str
    party_id: int
    respondent: bool
    member: bool


@router.get(
    "/cases/{case}/parties",
    response=answers({200: list[PartyOut]}),
    url_name="api_parties",
    summary="The parties of a case, in the case's order",
)
@paginate(Pages)
def list_parties(request: HttpRequest, case: int = id_path("case")) -> list[Party]:
    row = case_of(request, case)
    return list(Party.objects.filter(case=row).order_by("position", "id"))


def rater_out(rater: Rater, hide_respondents: bool) -> dict[str, Any]:
    respondent = getattr(rater, "respondent_link_id", None) is not None
    hidden = respondent and hide_respondents
    return {
        "id": rater.pk,
        "key": None if hidden else rater.key,
        "name": None if hidden else rater.name,
        "party": rater.party.key,
        "party_id": rater.party_id,
        "respondent": respondent,
        "member": rater.user_id is not None,
    }


def raters_with_links(row: Case) -> list[Rater]:
    """The case's raters, each with ``respondent_link_id`` (None: not a respondent)."""
    raters = list(Rater.objects.filter(case=row).select_related("party").order_by("position", "id"))
    links = dict(row.respondent_links.filter(rater__isnull=False).values_list("rater_id", "id"))
    for rater in raters:
        rater.respondent_link_id = links.get(rater.pk)  # type: ignore[attr-defined]
    return raters


@router.get(
    "/cases/{case}/raters",
    response=answers({200: list[RaterOut]}),
    url_name="api_raters",
    summary="The raters of a case (respondents without name in an anonymous case)",
)
@paginate(Pages)
def list_raters(request: HttpRequest, case: int = id_path("case")) -> list[dict[str, Any]]:
    row = case_of(request, case)
    return [rater_out(rater, row.anonymous) for rater in raters_with_links(row)]
