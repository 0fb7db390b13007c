"""The security pass: every view checks access (or is public on purpose), POST-only
views refuse GET, readers cannot post, downloads carry safe headers."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kloof.storage.models import Case, EvidenceNote, Rater
from tests.web.access_table import ACCESS, build_world
from tests.web.factories import make_demo_case, make_team

#: Views that are open without a workspace role, each on purpose.
PUBLIC = {
    "healthz",  # the load balancer's probe
    "home",  # redirects to the log-in or the workspaces
    "signup",
    "login",
    "logout",
    "language",
    "password_change",  # Django's own views: log-in required where it matters
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "join",  # the invitation link: the token is the permission
    "join_confirm",
    "workspace_list",  # the user's own workspaces (log-in required)
    "workspace_create",
    "api_root",  # the API's index, its OpenAPI schema and docs page: public by design
    "api_openapi",
    "api_docs",
    "api_not_found",  # a JSON 404 for unknown paths under /api/
    "respond_start",  # the respondent link: the token, then the session, is the permission
    "respond",
    "respond_done",
    "respond_language",
    "agenda_shared",  # the other side's agenda link: the token is the permission
    "agenda_shared_pdf",
    # Practice is the user's own (log-in required); an attempt or a journal entry
    # is looked up through its user, so anybody else gets 404 (tests/web/access_practice.py).
    "practice_home",
    "practice_scenario",
    "practice_attempt",
    "practice_progress",
    "journal_list",
    "journal_new",
    "journal_entry",
    "journal_edit",
    "journal_delete",
    "journal_export",
    # A group session's participants have no account: the link's token, then
    # the session it gave, is the permission (tests/web/access_group.py).
    "group_start",
    "group_page",
    "group_join",
    "group_answer",
}


def patterns(items: list[URLPattern | URLResolver] | None = None) -> list[URLPattern]:
    found: list[URLPattern] = []
    for item in get_resolver().url_patterns if items is None else items:
        if isinstance(item, URLResolver):
            found.extend(patterns(item.url_patterns))
        else:
            found.append(item)
    return found


def test_every_view_checks_the_role_or_is_public_on_purpose():
    unchecked = sorted(
        pattern.name
        for pattern in patterns()
        if not hasattr(pattern.callback, "kloof_min_role") and pattern.name not in PUBLIC
    )
    assert unchecked == []


def test_the_public_list_names_only_urls_that_exist():
    assert {pattern.name for pattern in patterns()} >= PUBLIC


POST_ONLY = sorted(name for name, entry in ACCESS.items() if entry["method"] == "POST")


def test_the_post_only_views_are_the_expected_ones():
    assert POST_ONLY == [
        "action_add",
        "agenda_date",
        "agenda_item_move",
        "agenda_item_remove",
        "agenda_item_share",
        "agenda_link_revoke",
        "api_token_revoke",
        "case_archive",
        "case_import_cancel",
        "case_import_confirm",
        "group_answer",
        "group_join",
        "group_session_close",
        "group_session_reveal",
        "interview_answer",
        "invitation_revoke",
        "journal_delete",
        "language",
        "logout",
        "meeting_outcome",
        "member_remove",
        "member_role",
        "own_scenario_delete",
        "own_scenario_replace",
        "phase_remove",
        "rating_save",
        "relationship_archive",
        "relationship_link",
        "respond_language",
        "respondent_revoke",
        "respondent_settings",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ONLY)
def test_a_post_only_view_refuses_get(client, name):
    world = build_world()
    client.force_login(world.team.owner)
    kwargs = ACCESS[name].get("kwargs", lambda world: {})(world)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 405


@pytest.fixture
def world():
    team = make_team()
    return team, make_demo_case(team.workspace)


def case_url(name: str, case: Case, **extra: object) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **extra})


@pytest.mark.django_db
def test_a_viewer_cannot_post_to_the_pages_they_may_read(client, world):
    team, case = world
    client.force_login(team.viewer)
    party = case.parties.first()
    entry = case.differences.first()
    posts = [
        (case_url("raters", case), {"name": "Intruder", "party": party.pk}),
        (
            case_url("register_entry", case, diff_id=entry.pk),
            {"version": entry.version, "status": "accepted", "blocking": "", "reason": "x"},
        ),
        (
            case_url("evidence", case),
            {"party": party.key, "factor": "dependency", "source": "interview", "text": "x"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert not Rater.objects.filter(name="Intruder").exists()
    assert not EvidenceNote.objects.exists()
    entry.refresh_from_db()
    assert entry.status != "accepted"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "extra", "expected"),
    [
        ("case_download", {"fmt": "yaml"}, "etcpasswd-a-bc-ubersicht.yaml"),
        ("case_download", {"fmt": "json"}, "etcpasswd-a-bc-ubersicht.json"),
        ("case_report", {}, "etcpasswd-a-bc-ubersicht-report.html"),
    ],
)
def test_downloads_carry_a_safe_file_name_and_no_sniffing(client, world, name, extra, expected):
    team, case = world
    Case.objects.filter(pk=case.pk).update(title='../../etc/passwd "a"\r\nb;c Übersicht')
    client.force_login(team.viewer)
    response = client.get(case_url(name, case, **extra))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_long_title_gives_a_file_name_of_at_most_80_characters_and_the_suffix(client, world):
    team, case = world
    Case.objects.filter(pk=case.pk).update(title="word " * 40)
    client.force_login(team.viewer)
    for name, extra, suffix in (
        ("case_download", {"fmt": "yaml"}, ".yaml"),
        ("case_report", {}, "-report.html"),
    ):
        header = client.get(case_url(name, case, **extra))["Content-Disposition"]
        stem = header.removeprefix('attachment; filename="').removesuffix(f'{suffix}"')
        assert len(stem) <= 80 and not stem.endswith("-"), header


@pytest.mark.django_db
def test_the_chart_is_an_svg_the_browser_may_not_sniff(client, world):
    team, case = world
    client.force_login(team.viewer)
    response = client.get(case_url("case_chart", case))
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
