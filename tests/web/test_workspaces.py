"""Workspaces: creating, members and roles, invitations and joining."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kloof.storage.models import Invitation, Membership, Workspace
from kloof.storage.workspaces import create_invitation, token_hash
from tests.web.factories import DEMO_TITLE, make_demo_case, make_team, make_user

#: Django's never_cache: the browser keeps no copy of the page.
NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"

pytestmark = pytest.mark.django_db


def test_create_makes_the_creator_owner_and_a_unique_slug(client):
    user = make_user("ann@example.com")
    client.force_login(user)
    first = client.post("/w/new/", {"name": "  Purchasing   Benelux "})
    second = client.post("/w/new/", {"name": "Purchasing Benelux"})
    assert (first["Location"], second["Location"]) == (
        "/w/purchasing-benelux/",
        "/w/purchasing-benelux-2/",
    )
    workspace = Workspace.objects.get(slug="purchasing-benelux")
    assert workspace.name == "Purchasing Benelux"
    assert Membership.objects.get(workspace=workspace).role == "owner"


def test_create_never_takes_a_reserved_slug():
    assert Workspace.objects.create(name="New").slug == "new-2"


def test_create_it_refuses_an_empty_name(client):
    client.force_login(make_user("ann@example.com"))
    response = client.post("/w/new/", {"name": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["This field is required."]
    assert Workspace.objects.count() == 0


def test_workspace_list_shows_only_the_users_workspaces(client):
    team = make_team("Purchasing", other_name="Elsewhere")
    client.force_login(team.viewer)
    page = client.get("/w/").content.decode()
    assert "Purchasing" in page
    assert "Elsewhere" not in page


def test_case_list_lists_the_cases_of_the_workspace(client):
    team = make_team()
    make_demo_case(team.workspace)
    client.force_login(team.viewer)
    assert DEMO_TITLE in client.get(f"/w/{team.workspace.slug}/").content.decode()


def test_members_page_shows_management_only_to_owners(client):
    team = make_team()
    client.force_login(team.editor)
    page = client.get(f"/w/{team.workspace.slug}/members/").content.decode()
    assert "viewer@purchasing.example" in page
    assert "Change role" not in page
    client.force_login(team.owner)
    assert "Change role" in client.get(f"/w/{team.workspace.slug}/members/").content.decode()


def test_owner_changes_a_role(client):
    team = make_team()
    client.force_login(team.owner)
    member = team.membership("viewer")
    client.post(f"/w/{team.workspace.slug}/members/{member.pk}/role/", {"role": "editor"})
    member.refresh_from_db()
    assert member.role == "editor"


def test_role_change_it_refuses_to_leave_the_workspace_without_owner(client):
    team = make_team()
    client.force_login(team.owner)
    owner = team.membership("owner")
    response = client.post(
        f"/w/{team.workspace.slug}/members/{owner.pk}/role/", {"role": "viewer"}, follow=True
    )
    owner.refresh_from_db()
    assert owner.role == "owner"
    assert [str(m) for m in response.context["messages"]] == [
        "A workspace needs an owner. Make someone else owner first."
    ]


def test_role_change_it_answers_404_for_a_member_of_another_workspace(client):
    team = make_team()
    client.force_login(team.owner)
    foreign = Membership.objects.get(workspace=team.other_workspace)
    url = f"/w/{team.workspace.slug}/members/{foreign.pk}/role/"
    assert client.post(url, {"role": "viewer"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == "owner"


def test_owner_removes_a_member(client):
    team = make_team()
    client.force_login(team.owner)
    member = team.membership("editor")
    client.post(f"/w/{team.workspace.slug}/members/{member.pk}/remove/")
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_invitation_link_is_shown_once_and_only_its_hash_is_stored(client):
    team = make_team()
    client.force_login(team.owner)
    response = client.post(f"/w/{team.workspace.slug}/invitations/new/", {"role": "editor"})
    link = response.context["link"]
    token = link.removeprefix("http://testserver/join/").removesuffix("/")
    invitation = Invitation.objects.get()
    assert len(token) >= 43  # 32 random bytes, base64
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash
    lifetime = invitation.expires - invitation.created
    assert invitation.role == "editor"
    assert timedelta(days=14) - timedelta(seconds=5) < lifetime <= timedelta(days=14)


def test_the_page_that_shows_an_invitation_link_is_not_stored_by_the_browser(client):
    team = make_team()
    client.force_login(team.owner)
    response = client.post(f"/w/{team.workspace.slug}/invitations/new/", {"role": "editor"})
    assert response.context["link"] in response.content.decode()
    assert response["Cache-Control"] == NO_STORE
    token = response.context["link"].removeprefix("http://testserver/join/").removesuffix("/")
    # The link's own answers, to the invited person, neither.
    other = Client()
    assert other.get(f"/join/{token}/")["Cache-Control"] == NO_STORE
    assert other.get("/join/")["Cache-Control"] == NO_STORE


def join_with(client, token):
    """Follow an invitation link: the token goes to the session, then away."""
    response = client.get(f"/join/{token}/")
    assert response["Location"] == "/join/"
    return client.get("/join/")


def test_join_after_signup_makes_a_member_with_the_role_and_uses_up_the_link(client):
    team = make_team()
    _invitation, token = create_invitation(team.workspace, "editor", team.owner)
    page = join_with(client, token)
    assert "Join Purchasing" in page.content.decode()
    newcomer = make_user("new@example.com")
    client.force_login(newcomer)
    response = client.post("/join/")
    assert response["Location"] == f"/w/{team.workspace.slug}/"
    assert team.workspace.memberships.get(user=newcomer).role == "editor"
    # The link works once.
    client.force_login(make_user("late@example.com"))
    assert join_with(client, token).context["state"] == "used"


def test_join_anonymous_post_is_sent_to_the_login_page(client):
    team = make_team()
    _invitation, token = create_invitation(team.workspace, "viewer", team.owner)
    join_with(client, token)
    assert client.post("/join/")["Location"] == "/accounts/login/?next=/join/"


@pytest.mark.parametrize(
    ("change", "state", "message"),
    [
        (
            {"expires": timezone.now() - timedelta(seconds=1)},
            "expired",
            "The invitation has expired.",
        ),
        ({"revoked": timezone.now()}, "revoked", "has revoked this invitation"),
    ],
)
def test_join_explains_an_unusable_invitation(client, change, state, message):
    team = make_team()
    invitation, token = create_invitation(team.workspace, "viewer", team.owner)
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    client.force_login(make_user("new@example.com"))
    page = join_with(client, token)
    assert page.context["state"] == state
    assert message in page.content.decode()
    assert client.post("/join/").status_code == 400
    assert team.workspace.memberships.count() == 3


def test_join_explains_an_unknown_link(client):
    page = join_with(client, "no-such-token")
    assert page.context["state"] == "unknown"
    assert "There is no invitation with this link." in page.content.decode()


def test_owner_revokes_an_invitation(client):
    team = make_team()
    invitation, _token = create_invitation(team.workspace, "viewer", team.owner)
    client.force_login(team.owner)
    client.post(f"/w/{team.workspace.slug}/invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.revoked is not None
