"""The respondent's pages in the route-and-role table.

Nobody without a respondent session gets a questionnaire (403, "open your
personal link"), whatever their role in a workspace; a respondent gets their
own link's pages, and a revoked link's session gets 403. The secret link itself
opens for whoever holds it (302 to /respond/)."""

from __future__ import annotations

from typing import Any

from tests.web.access_table import KINDS, RESPONDENTS, World, public


def respondent_a_token(world: World) -> dict[str, Any]:
    return {"token": world.respondent_links["respondent_a"][1]}


def respondent_only(method: str, status: int, **extra: Any) -> dict[str, Any]:
    """Open respondents get ``status``; everybody else, the revoked one included, 403."""
    return {
        "method": method,
        **dict.fromkeys(KINDS, 403),
        **dict.fromkeys(RESPONDENTS, status),
        "respondent_revoked": 403,
        **extra,
    }


ACCESS_ENTRIES = {
    "respond_start": public(status=302, kwargs=respondent_a_token),
    "respond": respondent_only("GET", 200),
    # Nothing sent yet: the thank-you page sends them to the questionnaire.
    "respond_done": respondent_only("GET", 302),
    "respond_language": respondent_only("POST", 303, data=lambda world: {"language": "nl"}),
}
