"""Every URL answers every kind of user as the access table says, and nothing of
another workspace leaks into any answer: no user of the world's workspace, nobody
logged out and no respondent of the world's case sees the other workspace's
MARKER; nobody outside the world's workspace (a respondent of the other
workspace's case included) sees its HOME_MARKER."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kloof.storage.models import RespondentLink
from kloof.web.access import Access, case_view, check_access, workspace_view
from tests.web.access_table import (
    ACCESS,
    HOME_MARKER,
    KINDS,
    MARKER,
    RESPONDENTS,
    STRANGERS,
    World,
    build_world,
    expected,
    no_kwargs,
)
from tests.web.factories import add_member, make_demo_case, make_team, make_workspace


def url_names(patterns: list[URLPattern | URLResolver] | None = None) -> list[str | None]:
    """The names of all URL patterns, included ones too (None for a nameless one)."""
    names: list[str | None] = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            names.extend(url_names(pattern.url_patterns))
        else:
            names.append(pattern.name)
    return names


def answer(client: Client, world: World, kind: str, name: str, kwargs: dict) -> HttpResponse:
    """The answer to ``kind`` of user, in a savepoint that is rolled back, so the
    next kind finds the world unchanged (a removed member stays)."""
    entry = ACCESS[name]
    client.logout()
    if kind in RESPONDENTS:
        become_respondent(client, world, kind)
    elif kind != "anonymous":
        client.force_login(world.team.user(kind))
    url = reverse(name, kwargs=kwargs)
    data = entry.get("data", lambda world: {})(world)
    with transaction.atomic():
        response = client.post(url, data) if entry["method"] == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response


def become_respondent(client: Client, world: World, kind: str) -> None:
    """Open the kind's secret link in ``client`` (the revoked one while it is
    still open, then revoke it): the session a respondent has."""
    link, token = world.respondent_links[kind]
    revoked = kind == "respondent_revoked"
    if revoked:
        RespondentLink.objects.filter(pk=link.pk).update(revoked=None)
    response = client.get(f"/r/{token}")
    assert (response.status_code, response["Location"]) == (302, "/respond/"), kind
    if revoked:
        RespondentLink.objects.filter(pk=link.pk).update(revoked=timezone.now())


def test_every_url_has_a_name():
    assert None not in url_names()


def test_every_url_has_an_entry_in_the_access_table():
    missing = sorted(set(url_names()) - set(ACCESS))
    assert missing == []


def test_the_access_table_has_no_entry_for_a_url_that_is_gone():
    assert sorted(set(ACCESS) - set(url_names())) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_kind_of_user_gets_the_answer_of_the_table(client, name):
    world = build_world()
    kwargs = ACCESS[name].get("kwargs", no_kwargs)(world)
    statuses = {}
    for kind in KINDS:
        response = answer(client, world, kind, name, kwargs)
        statuses[kind] = response.status_code
        content = response.content.decode(errors="replace")
        if kind not in ("outsider", "respondent_b"):
            assert MARKER not in content, (name, kind)
        if kind in STRANGERS:
            assert HOME_MARKER not in content, (name, kind)
    assert statuses == {kind: expected(ACCESS[name], kind) for kind in KINDS}
    if "case_id" in kwargs:
        # The id of another workspace's case, under this workspace: as if it did not exist.
        foreign = {**kwargs, "case_id": world.other_case.pk}
        response = answer(client, world, "owner", name, foreign)
        assert response.status_code == 404
        assert MARKER not in response.content.decode(errors="replace")


# The decorators themselves, on views of their own, for what the table cannot show.


@workspace_view("editor")
def editor_view(request: HttpRequest, access: Access, extra: str) -> HttpResponse:
    return HttpResponse(f"{access.workspace.slug} {access.role} {extra}")


@case_view("viewer")
def case_probe(request: HttpRequest, access: Access) -> HttpResponse:
    assert access.case is not None
    return HttpResponse(f"{access.case.pk} {access.case.workspace_id}")


def call(view, user, **kwargs) -> HttpResponse:
    request = RequestFactory().get("/probe/")
    request.user = user
    return view(request, **kwargs)


@pytest.mark.django_db
def test_workspace_view_passes_the_access_and_the_other_arguments():
    team = make_team()
    response = call(editor_view, team.editor, slug=team.workspace.slug, extra="x")
    assert response.content.decode() == f"{team.workspace.slug} editor x"


@pytest.mark.django_db
def test_workspace_view_refuses_a_role_below_the_minimum_with_403():
    team = make_team()
    with pytest.raises(PermissionDenied):
        call(editor_view, team.viewer, slug=team.workspace.slug, extra="x")


@pytest.mark.django_db
def test_workspace_view_hides_a_workspace_from_a_non_member_with_404():
    team = make_team()
    with pytest.raises(Http404):
        call(editor_view, team.outsider, slug=team.workspace.slug, extra="x")


@pytest.mark.django_db
def test_workspace_view_sends_anonymous_users_to_the_login_page():
    team = make_team()
    response = call(editor_view, AnonymousUser(), slug=team.workspace.slug, extra="x")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/probe/")


@pytest.mark.django_db
def test_case_view_finds_a_case_of_the_workspace():
    team = make_team()
    case = make_demo_case(team.workspace)
    response = call(case_probe, team.viewer, slug=team.workspace.slug, case_id=case.pk)
    assert response.content.decode() == f"{case.pk} {team.workspace.pk}"


@pytest.mark.django_db
def test_case_view_answers_404_for_a_case_of_another_workspace():
    team = make_team()
    foreign = make_demo_case(team.other_workspace)
    with pytest.raises(Http404):
        call(case_probe, team.owner, slug=team.workspace.slug, case_id=foreign.pk)


def test_an_unknown_role_is_refused_when_decorating():
    with pytest.raises(ValueError, match="unknown role 'admin'"):
        workspace_view("admin")


@pytest.mark.django_db
def test_case_view_answers_404_for_a_case_of_another_workspace_of_the_same_member():
    """The case is joined to the membership of *this* workspace: being a member of
    the case's own workspace too does not make it reachable under another slug."""
    team = make_team()
    add_member(team.other_workspace, team.viewer, "owner")
    foreign = make_demo_case(team.other_workspace)
    with pytest.raises(Http404):
        call(case_probe, team.viewer, slug=team.workspace.slug, case_id=foreign.pk)
    response = call(case_probe, team.viewer, slug=team.other_workspace.slug, case_id=foreign.pk)
    assert response.content.decode() == f"{foreign.pk} {team.other_workspace.pk}"


@pytest.mark.django_db
def test_case_view_answers_403_before_looking_for_the_case():
    team = make_team()

    @case_view("editor")
    def editor_case_probe(request: HttpRequest, access: Access) -> HttpResponse:
        return HttpResponse("reached")

    with pytest.raises(PermissionDenied):
        call(editor_case_probe, team.viewer, slug=team.workspace.slug, case_id=10**9)


@pytest.mark.django_db
def test_the_access_reads_the_users_workspaces_for_the_menu_by_name(
    django_assert_num_queries,
):
    team = make_team()
    add_member(make_workspace("Aardvark"), team.viewer, "viewer")
    case = make_demo_case(team.workspace)
    request = RequestFactory().get("/probe/")
    request.user = team.viewer
    with django_assert_num_queries(1):
        access = check_access(request, team.workspace.slug, "viewer", case.pk)
        names = [workspace.name for workspace in access.workspaces or ()]
        assert (names, access.case, access.case.workspace) == (
            ["Aardvark", "Purchasing"],
            case,
            team.workspace,
        )


@pytest.mark.django_db
def test_a_removed_member_is_refused_on_the_very_next_request(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.viewer)
    page = reverse("dashboard", kwargs={"slug": team.workspace.slug, "case_id": case.pk})
    assert client.get(page).status_code == 200
    team.membership("viewer").delete()
    assert client.get(page).status_code == 404


@pytest.mark.django_db
def test_each_respondent_sees_the_parties_of_their_own_case_only(client):
    """The markers the table looks for do show where they should: respondent A's
    questionnaire names the world's case's parties, respondent B's the other's."""
    world = build_world()
    seen = {}
    for kind in ("respondent_a", "respondent_b"):
        client.logout()
        become_respondent(client, world, kind)
        seen[kind] = client.get(reverse("respond")).content.decode()
    assert HOME_MARKER in seen["respondent_a"] and MARKER not in seen["respondent_a"]
    assert MARKER in seen["respondent_b"] and HOME_MARKER not in seen["respondent_b"]
