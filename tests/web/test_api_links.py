"""Respondent links through the API: editors and owners list (never with
tokens), make (the token once) and revoke them; viewers may not."""

from __future__ import annotations

import pytest

from kloof.storage.models import RespondentLink
from kloof.storage.respondents import LinkState, find_link, link_state
from tests.web.test_api_world import build_api_world, link_of

pytestmark = pytest.mark.django_db


def create(client, world, role, **body):
    body.setdefault("party", world.case.parties.last().pk)
    return client.post(
        f"/api/cases/{world.case.pk}/links",
        body,
        content_type="application/json",
        **world.headers(role),
    )


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 201), ("owner", 201)])
def test_editors_make_a_link_and_see_its_token_once(client, role, status):
    world = build_api_world()
    response = create(client, world, role, name="  Eva  Jansen ", rates="own", language="nl")
    assert response.status_code == status
    if status != 201:
        assert not RespondentLink.objects.exists()
        return
    data = response.json()
    link = find_link(data["token"])
    assert link is not None and link.pk == data["id"]
    assert (link.name, link.rates, link.language, link.party.key) == (
        "Eva Jansen",
        "own",
        "nl",
        "cartwright",
    )
    assert link.created_by == world.team.user(role)
    assert data["state"] == "open"
    listed = client.get(f"/api/cases/{world.case.pk}/links", **world.headers(role))
    assert data["token"] not in listed.content.decode()
    assert "token" not in listed.json()["items"][0]
    assert "url" not in listed.json()["items"][0]


def test_a_new_link_comes_with_the_whole_url_to_send_which_opens_the_questionnaire(client):
    world = build_api_world()
    data = create(client, world, "editor", name="Eva").json()
    assert data["url"] == f"http://testserver/r/{data['token']}"
    opened = client.get(data["url"].removeprefix("http://testserver"))
    assert (opened.status_code, opened["Location"]) == (302, "/respond/")


def test_a_link_has_a_greeting_for_the_respondent_apart_from_its_name(client):
    world = build_api_world()
    data = create(client, world, "editor", name="Eva", greeting=" Dear  Eva,\n— Jan ").json()
    assert (data["name"], data["greeting"]) == ("Eva", "Dear Eva,\n— Jan")
    [listed] = client.get(f"/api/cases/{world.case.pk}/links", **world.headers("editor")).json()[
        "items"
    ]
    assert (listed["name"], listed["greeting"]) == ("Eva", "Dear Eva,\n— Jan")
    without = create(client, world, "editor", name="Bo").json()
    assert without["greeting"] == ""
    too_long = create(client, world, "editor", greeting="x" * 501)
    assert too_long.status_code == 422


def test_viewers_do_not_see_the_links(client):
    world = build_api_world()
    link_of(world.case)
    response = client.get(f"/api/cases/{world.case.pk}/links", **world.headers("viewer"))
    assert response.status_code == 403
    assert "Ann" not in response.content.decode()


def test_an_expiry_in_the_past_or_a_foreign_party_is_refused(client):
    world = build_api_world()
    past = create(client, world, "editor", expires="2000-01-01T00:00:00Z")
    assert (past.status_code, past.json()["errors"][0]["field"]) == (422, "expires")
    foreign = create(client, world, "editor", party=world.other_case.parties.first().pk)
    assert (foreign.status_code, foreign.json()["errors"][0]["field"]) == (422, "party")
    assert not RespondentLink.objects.exists()


def test_revoking_stops_the_link_and_is_idempotent(client):
    world = build_api_world()
    link = link_of(world.case)
    url = f"/api/cases/{world.case.pk}/links/{link.pk}/revoke"
    assert client.post(url, **world.headers("viewer")).status_code == 403
    response = client.post(url, **world.headers("editor"))
    assert (response.status_code, response.json()["state"]) == (200, "revoked")
    link.refresh_from_db()
    assert link_state(link) == LinkState.REVOKED
    again = client.post(url, **world.headers("owner"))
    assert (again.status_code, again.json()["revoked"]) == (200, response.json()["revoked"])


def test_a_link_of_another_case_cannot_be_revoked(client):
    world = build_api_world()
    foreign = link_of(world.other_case)
    response = client.post(
        f"/api/cases/{world.case.pk}/links/{foreign.pk}/revoke", **world.headers("owner")
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked is None
