"""Cases: the list, new cases (template, scratch, upload), archive, delete, download."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kloof.domain.analysis import analyse
from kloof.formats.casefile import parse_case
from kloof.formats.errors import InputError
from kloof.reports.json_output import analysis_to_data
from kloof.storage.mapping import case_to_domain
from kloof.storage.models import Action, Case, Difference, Rating
from tests.web.factories import DEMO_CASE, DEMO_TITLE, make_demo_case, make_team

pytestmark = pytest.mark.django_db


def url(name: str, case: Case | None = None, **kwargs: object) -> str:
    if case is not None:
        kwargs = {"slug": case.workspace.slug, "case_id": case.pk, **kwargs}
    return reverse(name, kwargs=kwargs)


def upload(client, slug: str, name: str, content: bytes):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(url("case_upload", slug=slug), {"file": file})


# --- the list ---------------------------------------------------------------------


def test_case_list_shows_parties_toughness_blocking_next_action_and_dashboard_link(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.viewer)
    response = client.get(url("case_list", slug=team.workspace.slug))
    (summary,) = response.context["active"]
    analysis = analyse(case_to_domain(case))
    assert summary.toughness == analysis.toughness
    assert summary.blocking == sum(
        g.decided_severity.value == "blocking" for r in analysis.factors for g in r.gaps
    )
    page = response.content.decode()
    assert f'href="{url("dashboard", case)}"' in page
    assert [party.name for party in summary.parties] == [p.name for p in case.parties.all()]
    first_open = Action.objects.filter(difference__case=case, done=False).order_by("due").first()
    assert summary.next_action.text == first_open.text
    assert summary.next_action.due == first_open.due


def test_case_list_next_action_is_the_earliest_due_open_one_and_undated_comes_last(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    Action.objects.filter(difference__case=case).delete()
    entry = Difference.objects.filter(case=case).first()
    Action.objects.create(difference=entry, text="No date", due=None)
    Action.objects.create(difference=entry, text="Done already", due="2026-01-01", done=True)
    Action.objects.create(difference=entry, text="Later", due="2026-03-01")
    Action.objects.create(difference=entry, text="Sooner", due="2026-02-01")
    client.force_login(team.viewer)
    (summary,) = client.get(url("case_list", slug=team.workspace.slug)).context["active"]
    assert summary.next_action.text == "Sooner"


def test_case_list_puts_archived_cases_in_their_own_section(client):
    team = make_team()
    make_demo_case(team.workspace, title="Active one")
    archived = make_demo_case(team.workspace, title="Old one")
    Case.objects.filter(pk=archived.pk).update(archived=True)
    client.force_login(team.viewer)
    response = client.get(url("case_list", slug=team.workspace.slug))
    assert [s.row.title for s in response.context["active"]] == ["Active one"]
    assert [s.row.title for s in response.context["archived"]] == ["Old one"]
    assert "Archived (1 case)" in response.content.decode()


def test_case_list_shows_the_last_change_in_the_users_language(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    Case.objects.filter(pk=case.pk).update(updated="2026-03-05T10:00:00Z")
    Rating.objects.filter(case=case).update(updated="2026-03-04T10:00:00Z")
    Difference.objects.filter(case=case).update(updated="2026-03-04T10:00:00Z")
    client.force_login(team.viewer)
    page = client.get(url("case_list", slug=team.workspace.slug), HTTP_ACCEPT_LANGUAGE="nl")
    assert "5 maart 2026" in page.content.decode()


def test_case_list_hides_the_edit_buttons_from_viewers(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.viewer)
    page = client.get(url("case_list", slug=team.workspace.slug)).content.decode()
    assert url("case_edit", case) not in page
    assert url("case_create", slug=team.workspace.slug) not in page


def test_case_list_of_fifty_cases_needs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    team = make_team()
    for number in range(50):
        make_demo_case(team.workspace, title=f"Case {number}")
    client.force_login(team.viewer)
    # 8 prefetches, session, user, membership, plus two queries per case that the
    # mapping makes for the register (differences and their actions).
    with django_assert_max_num_queries(12 + 2 * 50):
        response = client.get(url("case_list", slug=team.workspace.slug))
    assert len(response.context["active"]) == 50


# --- new cases ---------------------------------------------------------------------


def test_create_from_the_template_stores_the_worked_example_in_the_chosen_language(client):
    team = make_team()
    client.force_login(team.editor)
    response = client.post(
        url("case_create", slug=team.workspace.slug), {"start": "template", "language": "nl"}
    )
    case = Case.objects.get(workspace=team.workspace)
    assert response["Location"] == url("dashboard", case)
    assert (case.title, case.language) == ("Verlenging opslagcontract 2027", "nl")
    assert case.ratings.count() == 6
    assert list(case.own_factors.values_list("key", flat=True)) == ["sustainability"]


def test_create_from_scratch_makes_a_case_with_two_parties(client):
    team = make_team()
    client.force_login(team.owner)
    response = client.post(
        url("case_create", slug=team.workspace.slug),
        {
            "start": "scratch",
            "title": "  Office   cleaning 2027 ",
            "date": "2027-01-15",
            "language": "en",
            "scale_min": "0",
            "scale_max": "10",
            "parties-TOTAL_FORMS": "2",
            "parties-INITIAL_FORMS": "0",
            "parties-0-name": "ACME Facilities",
            "parties-0-role": "buyer",
            "parties-0-side": "own",
            "parties-1-name": "ACME Facilities",
            "parties-1-side": "counterparty",
        },
    )
    case = Case.objects.get(workspace=team.workspace)
    assert response.status_code == 302
    assert (case.title, str(case.date), case.scale_min, case.scale_max) == (
        "Office cleaning 2027",
        "2027-01-15",
        0.0,
        10.0,
    )
    parties = list(case.parties.values_list("key", "name", "role", "side"))
    assert parties == [
        ("acme-facilities", "ACME Facilities", "buyer", "own"),
        ("acme-facilities-2", "ACME Facilities", None, "counterparty"),
    ]
    assert case_to_domain(case).framework.name == "hopmans-9"


def test_create_from_scratch_refuses_an_empty_scale_with_400(client):
    team = make_team()
    client.force_login(team.editor)
    response = client.post(
        url("case_create", slug=team.workspace.slug),
        {
            "start": "scratch",
            "title": "X",
            "language": "en",
            "scale_min": "7",
            "scale_max": "7",
            "parties-TOTAL_FORMS": "2",
            "parties-INITIAL_FORMS": "0",
            "parties-0-name": "A",
            "parties-1-name": "B",
        },
    )
    assert response.status_code == 400
    assert response.context["scratch"].errors["scale_max"] == [
        "The highest score must be above the lowest, such as 1 to 7."
    ]
    assert not Case.objects.exists()


def test_create_from_scratch_needs_both_parties(client):
    team = make_team()
    client.force_login(team.editor)
    response = client.post(
        url("case_create", slug=team.workspace.slug),
        {
            "start": "scratch",
            "title": "X",
            "language": "en",
            "scale_min": "1",
            "scale_max": "7",
            "parties-TOTAL_FORMS": "2",
            "parties-INITIAL_FORMS": "0",
            "parties-0-name": "A",
            "parties-1-name": "  ",
        },
    )
    assert response.status_code == 400
    assert response.context["parties"].forms[1].errors["name"] == ["This field is required."]
    assert not Case.objects.exists()


def test_create_answers_400_to_a_post_that_names_no_way_to_start(client):
    team = make_team()
    client.force_login(team.editor)
    response = client.post(url("case_create", slug=team.workspace.slug), {"start": "magic"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_upload_stores_the_case_and_opens_its_dashboard(client):
    team = make_team()
    client.force_login(team.editor)
    response = upload(client, team.workspace.slug, "demo.yaml", DEMO_CASE.read_bytes())
    case = Case.objects.get(workspace=team.workspace)
    assert response["Location"] == url("dashboard", case)
    assert case.title == DEMO_TITLE


def test_upload_shows_the_command_lines_message_and_stores_nothing(client):
    team = make_team()
    client.force_login(team.editor)
    content = DEMO_CASE.read_bytes().replace(b"factor: trust", b"factor: trusst", 1)
    response = upload(client, team.workspace.slug, "bad.yaml", content)
    assert response.status_code == 400
    (message,) = response.context["form"].errors["file"]
    with pytest.raises(InputError) as raised:
        parse_case(content, "bad.yaml")
    assert message == raised.value.message
    assert "bad.yaml:" in message
    assert not Case.objects.exists()


def test_upload_speaks_dutch_on_a_dutch_page(client):
    team = make_team()
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    content = DEMO_CASE.read_bytes().replace(b"factor: trust", b"factor: trusst", 1)
    response = upload(client, team.workspace.slug, "slecht.yaml", content)
    assert response.status_code == 400
    (message,) = response.context["form"].errors["file"]
    assert re.fullmatch(
        r"slecht\.yaml:\d+: beoordeling \d+: onbekende factor 'trusst' — bedoel je 'trust'\?",
        message,
    ), message
    framework = DEMO_CASE.read_bytes().replace(
        b"framework: hopmans-9", b"framework: /etc/kloof/secret.yaml"
    )
    response = upload(client, team.workspace.slug, "casus.yaml", framework)
    (message,) = response.context["form"].errors["file"]
    assert message.startswith("casus.yaml:")
    assert "het raamwerk '/etc/kloof/secret.yaml' is niet ingebouwd" in message
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "a number of 4,301 digits is too long to read (at most 4,300)"),
        ("nl", "een getal van 4.301 cijfers is te lang om te lezen (hooguit 4.300)"),
    ],
)
@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("huge.yaml", b"kloof: 1\n", b"kloof: 1\nscale: {min: 1, max: %s}\n"),
        ("huge.json", b'"kloof": 1,', b'"kloof": 1,\n"scale": {"min": 1, "max": %s},'),
    ],
)
def test_upload_names_a_number_too_long_to_read_in_the_pages_language(
    client, language, expected, name, old, new
):
    """Python reads at most 4,300 digits of a whole number: a longer one is a
    clear message on its line, in the page's language, never a 500."""
    team = make_team()
    client.force_login(team.editor)
    client.cookies["django_language"] = language
    demo = DEMO_CASE.read_bytes()
    if name.endswith(".json"):
        demo = json.dumps(parse_case_data(demo)).encode()
    content = demo.replace(old, new % (b"9" * 4301), 1)
    line = content[: content.index(b"9" * 4301)].count(b"\n") + 1
    assert line > 1
    response = upload(client, team.workspace.slug, name, content)
    assert response.status_code == 400
    (message,) = response.context["form"].errors["file"]
    assert message.startswith(f"{name}:{line}: {expected} — ")
    assert not Case.objects.exists()


def parse_case_data(content: bytes) -> dict:
    """The demo case as JSON data, its dates as text."""
    from kloof.formats.casefile import case_to_data

    return json.loads(json.dumps(case_to_data(parse_case(content, "demo.yaml")), default=str))


def test_upload_refuses_a_framework_file_on_the_server(client):
    team = make_team()
    client.force_login(team.editor)
    content = DEMO_CASE.read_bytes().replace(
        b"framework: hopmans-9", b"framework: /etc/kloof/secret.yaml"
    )
    assert b"/etc/kloof" in content
    response = upload(client, team.workspace.slug, "case.yaml", content)
    assert response.status_code == 400
    (message,) = response.context["form"].errors["file"]
    assert message.startswith("case.yaml:")
    assert "the framework '/etc/kloof/secret.yaml' is not built in" in message
    assert not Case.objects.exists()


def test_upload_refuses_a_file_over_10_mb_before_reading_it(client):
    team = make_team()
    client.force_login(team.editor)
    response = upload(client, team.workspace.slug, "big.yaml", b"#" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is larger than 10 MB; a case file is usually a few kilobytes."
    ]


def test_upload_refuses_another_kind_of_file(client):
    team = make_team()
    client.force_login(team.editor)
    response = upload(client, team.workspace.slug, "case.xlsx", b"PK")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Choose a file ending in .yaml, .yml or .json."
    ]


def test_upload_without_a_file_answers_400(client):
    team = make_team()
    client.force_login(team.editor)
    response = client.post(url("case_upload", slug=team.workspace.slug), {})
    assert response.status_code == 400


# --- download and the round trip ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_upload_download_upload_gives_the_same_analysis(client, fmt):
    team = make_team()
    client.force_login(team.editor)
    upload(client, team.workspace.slug, "demo.yaml", DEMO_CASE.read_bytes())
    first = Case.objects.get(workspace=team.workspace)
    downloaded = client.get(url("case_download", first, fmt=fmt))
    upload(client, team.workspace.slug, f"again.{fmt}", downloaded.content)
    second = Case.objects.exclude(pk=first.pk).get(workspace=team.workspace)
    original = analysis_to_data(analyse(parse_case(DEMO_CASE.read_bytes(), "demo.yaml")), "en")
    assert analysis_to_data(analyse(case_to_domain(first)), "en") == original
    assert analysis_to_data(analyse(case_to_domain(second)), "en") == original


def test_download_is_an_attachment_with_a_safe_name(client):
    team = make_team()
    case = make_demo_case(team.workspace, title='Über "deal" / 2027\\..')
    client.force_login(team.viewer)
    response = client.get(url("case_download", case, fmt="json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="uber-deal-2027.json"'
    assert json.loads(response.content)["title"] == 'Über "deal" / 2027\\..'


def test_download_of_another_format_is_404(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.viewer)
    assert client.get(url("case_download", case, fmt="xml")).status_code == 404


# --- archive and delete -------------------------------------------------------------


def test_archive_and_restore(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.editor)
    client.post(url("case_archive", case), {"action": "archive"})
    assert Case.objects.get(pk=case.pk).archived is True
    client.post(url("case_archive", case), {"action": "restore"})
    assert Case.objects.get(pk=case.pk).archived is False


def test_archive_keeps_the_version_so_no_open_edit_form_goes_stale(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.editor)
    client.post(url("case_archive", case), {"action": "archive"})
    assert Case.objects.get(pk=case.pk).version == case.version


def test_archive_refuses_an_unknown_action_with_400(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.editor)
    assert client.post(url("case_archive", case), {"action": "burn"}).status_code == 400
    assert Case.objects.get(pk=case.pk).archived is False


def test_delete_asks_first_then_deletes_everything_of_the_case(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.owner)
    page = client.get(url("case_delete", case)).content.decode()
    assert "It cannot be undone." in page
    assert Case.objects.filter(pk=case.pk).exists()
    response = client.post(url("case_delete", case))
    assert response["Location"] == url("case_list", slug=team.workspace.slug)
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Rating.objects.filter(case_id=case.pk).exists()


def test_delete_is_for_owners_only(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.editor)
    assert client.post(url("case_delete", case)).status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()
