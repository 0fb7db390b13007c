"""The API tokens page: every member makes and revokes their own tokens; an
owner sees and may revoke everybody's. A new token is shown once, in the answer
to the POST, which no cache keeps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kloof.storage.api_tokens import check_token, create_token
from kloof.storage.models import ApiToken
from tests.web.factories import make_team

pytestmark = pytest.mark.django_db


def page(team):
    return reverse("api_tokens", kwargs={"slug": team.workspace.slug})


def revoke_url(team, row):
    return reverse("api_token_revoke", kwargs={"slug": team.workspace.slug, "token_id": row.pk})


def test_a_viewer_makes_a_token_and_sees_it_only_in_that_answer(client):
    team = make_team()
    client.force_login(team.viewer)
    response = client.post(page(team), {"name": "export script"})
    assert response.status_code == 201
    row = ApiToken.objects.get()
    secret = response.context["created"]["secret"]
    assert check_token(secret).use.role == "viewer"
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert (row.user, row.workspace, row.name) == (team.viewer, team.workspace, "export script")
    assert secret not in str(dict(client.session))
    again = client.get(page(team))
    assert secret not in again.content.decode()
    assert row.prefix in again.content.decode()
    assert "no-store" in again["Cache-Control"]


def test_a_member_sees_only_their_own_tokens_an_owner_sees_all(client):
    team = make_team()
    create_token(team.editor, team.workspace, "editor script")
    create_token(team.outsider, team.other_workspace, "outsider script")
    client.force_login(team.viewer)
    assert "editor script" not in client.get(page(team)).content.decode()
    client.force_login(team.owner)
    text = client.get(page(team)).content.decode()
    assert "editor script" in text and "outsider script" not in text


def test_a_member_revokes_their_own_token_but_not_anothers(client):
    team = make_team()
    mine, secret = create_token(team.viewer, team.workspace)
    theirs, their_secret = create_token(team.editor, team.workspace)
    client.force_login(team.viewer)
    assert client.post(revoke_url(team, theirs)).status_code == 404
    assert check_token(their_secret).use is not None
    response = client.post(revoke_url(team, mine))
    assert response.status_code == 302
    assert check_token(secret).use is None


def test_an_owner_revokes_anybodys_token_of_the_workspace(client):
    team = make_team()
    theirs, secret = create_token(team.editor, team.workspace)
    client.force_login(team.owner)
    assert client.post(revoke_url(team, theirs)).status_code == 302
    assert check_token(secret).use is None


def test_a_token_of_another_workspace_is_404_even_for_an_owner(client):
    team = make_team()
    foreign, secret = create_token(team.outsider, team.other_workspace)
    client.force_login(team.owner)
    assert client.post(revoke_url(team, foreign)).status_code == 404
    assert check_token(secret).use is not None


def test_a_huge_token_id_is_404_not_an_error(client):
    team = make_team()
    client.force_login(team.owner)
    url = f"/w/{team.workspace.slug}/tokens/{10**30}/revoke/"
    assert client.post(url).status_code == 404


def test_the_members_page_links_to_the_tokens_page(client):
    team = make_team()
    client.force_login(team.viewer)
    members = client.get(reverse("members", kwargs={"slug": team.workspace.slug}))
    assert page(team) in members.content.decode()
