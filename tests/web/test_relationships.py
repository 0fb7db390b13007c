"""The relationships pages: list, page, forms, the next review with the phase
warning, the calendar file and the due status on the case list."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from kloof.domain.cadence import add_months
from kloof.storage import models
from kloof.storage.phases import add_phase
from kloof.storage.relationships import RelationshipFields, create_relationship, link_case
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = make_team()
    case = make_demo_case(team.workspace, title="Renewal")
    return team, case


def rel_url(name: str, row: models.Relationship, **extra: int) -> str:
    return reverse(name, kwargs={"slug": row.workspace.slug, "rel_id": row.pk, **extra})


def acme(team, case=None, day=None):
    row = create_relationship(
        team.workspace, RelationshipFields(name="Acme", owner_id=team.editor.pk)
    )
    if case is not None:
        if day is not None:
            models.Case.objects.filter(pk=case.pk).update(date=day)
            case.refresh_from_db()
        link_case(case, row, None)
    return row


def test_an_editor_creates_a_relationship_and_lands_on_its_page(client, world):
    team, _case = world
    client.force_login(team.editor)
    url = reverse("relationship_create", kwargs={"slug": team.workspace.slug})
    response = client.post(
        url, {"name": "Acme", "note": "", "owner": str(team.owner.pk), "cadence_months": "6"}
    )
    row = models.Relationship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == rel_url("relationship", row)
    assert (row.name, row.owner, row.cadence_months) == ("Acme", team.owner, 6)


@pytest.mark.parametrize(
    ("months", "language", "message"),
    [
        ("0", "en", "Give a number of months from 1 to 60."),
        ("61", "nl", "Geef een aantal maanden van 1 tot en met 60."),
    ],
)
def test_a_cadence_outside_1_to_60_is_refused_with_a_clear_message(
    client, world, months, language, message
):
    team, _case = world
    client.force_login(team.editor)
    url = reverse("relationship_create", kwargs={"slug": team.workspace.slug})
    response = client.post(
        url, {"name": "Acme", "cadence_months": months}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert models.Relationship.objects.count() == 0


def test_an_owner_outside_the_workspace_is_refused(client, world):
    team, _case = world
    client.force_login(team.editor)
    url = reverse("relationship_create", kwargs={"slug": team.workspace.slug})
    response = client.post(
        url, {"name": "Acme", "owner": str(team.outsider.pk), "cadence_months": "12"}
    )
    assert response.status_code == 400
    assert models.Relationship.objects.count() == 0


def test_the_list_shows_owner_cases_last_review_and_due_status_per_locale(client, world):
    team, case = world
    last = timezone.localdate().replace(year=timezone.localdate().year - 1)
    row = acme(team, case, last)
    create_relationship(team.workspace, RelationshipFields(name="Bolt"))
    client.force_login(team.viewer)
    url = reverse("relationships", kwargs={"slug": team.workspace.slug})
    html = client.get(url).content.decode()
    assert html.index(">Acme</a>") < html.index(">Bolt</a>") or "due today" in html
    assert "editor@purchasing.example" in html
    due = add_months(last, 12)
    days = (due - timezone.localdate()).days
    if days == 0:
        assert "due today" in html
    elif days < 0:
        assert f"overdue by {-days} day" in html
    assert "no review yet" in html
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "nog geen review" in dutch
    assert f'<time datetime="{due.isoformat()}">' in html
    assert row.name in dutch


def test_the_relationship_page_lists_cases_newest_first_with_kind_and_the_trend_marker(
    client, world
):
    team, case = world
    row = acme(team, case, date(2025, 1, 10))
    newer = make_demo_case(team.workspace, title="Review 2026")
    models.Case.objects.filter(pk=newer.pk).update(date=date(2026, 1, 10), kind="review")
    link_case(newer, row, None)
    add_phase(row, date(2027, 1, 1), date(2027, 2, 1), "tender")
    client.force_login(team.viewer)
    html = client.get(rel_url("relationship", row)).content.decode()
    assert html.index("Review 2026") < html.index("Renewal")
    assert ">review</td>" in html and ">negotiation</td>" in html
    assert "<!-- trend link -->" in html
    assert "tender" in html
    assert "Start the next review" not in html  # a viewer
    assert rel_url("relationship_ics", row) in html


def test_the_next_review_in_a_phase_warns_and_offers_the_nearest_date_outside(client, world):
    team, case = world
    row = acme(team, case, date(2025, 12, 1))
    add_phase(row, date(2027, 1, 1), date(2027, 3, 31), "tender")
    client.force_login(team.editor)
    url = rel_url("relationship_review", row)
    response = client.post(url, {"previous": str(case.pk), "date": "2027-03-20"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "This date falls in the contract phase from" in html
    assert "The stress of the deal colours how people rate trust." in html
    assert 'name="date" value="2027-04-01"' in html
    assert models.Case.objects.count() == 1
    # The proposed date, one click.
    response = client.post(url, {"previous": str(case.pk), "date": "2027-04-01"})
    new = models.Case.objects.get(kind="review")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "dashboard", kwargs={"slug": team.workspace.slug, "case_id": new.pk}
    )
    assert (new.date, new.previous, new.relationship) == (date(2027, 4, 1), case, row)


def test_the_user_may_go_ahead_in_a_phase_deliberately(client, world):
    team, case = world
    row = acme(team, case, date(2025, 12, 1))
    add_phase(row, date(2027, 1, 1), date(2027, 3, 31), "")
    client.force_login(team.editor)
    url = rel_url("relationship_review", row)
    response = client.post(url, {"previous": str(case.pk), "date": "2027-03-20", "confirm": "on"})
    assert response.status_code == 302
    assert models.Case.objects.get(kind="review").date == date(2027, 3, 20)


def test_the_phase_form_refuses_an_end_before_the_start(client, world):
    team, _case = world
    row = acme(team)
    client.force_login(team.editor)
    response = client.post(
        rel_url("phase_create", row), {"start": "2027-02-01", "end": "2027-01-01"}
    )
    assert response.status_code == 400
    assert "The phase ends before it starts: choose an end on or after 2027-02-01." in (
        response.content.decode()
    )
    assert models.ContractPhase.objects.count() == 0


def test_the_calendar_file_holds_one_all_day_event_on_the_next_review(client, world):
    team, case = world
    row = acme(team, case, date(2026, 6, 15))
    client.force_login(team.viewer)
    response = client.get(rel_url("relationship_ics", row), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="acme-review.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == date(2027, 6, 15)
    assert event.decoded("dtend") == date(2027, 6, 16)
    assert str(event["summary"]) == "Vertrouwensreview met Acme"
    assert f"http://testserver{rel_url('relationship', row)}" in str(event["description"])
    assert str(event["uid"]) == f"relationship-{row.pk}-review@testserver"
    assert event.decoded("dtstamp").tzinfo is not None
    again = icalendar.Calendar.from_ical(client.get(rel_url("relationship_ics", row)).content)
    assert str(next(iter(again.walk("VEVENT")))["uid"]) == str(event["uid"])


def test_another_workspaces_relationship_is_not_found(client, world):
    team, _case = world
    foreign = create_relationship(team.other_workspace, RelationshipFields(name="Hidden"))
    client.force_login(team.owner)
    for name in ("relationship", "relationship_ics", "relationship_edit", "relationship_review"):
        url = reverse(name, kwargs={"slug": team.workspace.slug, "rel_id": foreign.pk})
        assert client.get(url).status_code == 404, name


def test_a_case_is_linked_from_the_case_and_the_case_list_shows_its_due_status(client, world):
    team, case = world
    models.Case.objects.filter(pk=case.pk).update(date=None)
    row = acme(team)
    client.force_login(team.editor)
    url = reverse("case_relationship", kwargs={"slug": team.workspace.slug, "case_id": case.pk})
    assert client.post(url, {"relationship": str(row.pk)}).status_code == 302
    case.refresh_from_db()
    assert case.relationship == row
    html = client.get(reverse("case_list", kwargs={"slug": team.workspace.slug})).content.decode()
    assert "no review yet" in html  # the demo case has no date
    assert client.post(url, {"relationship": ""}).status_code == 302
    case.refresh_from_db()
    assert case.relationship is None


def test_a_case_of_another_workspace_is_not_linked_from_the_relationship_page(client, world):
    team, _case = world
    row = acme(team)
    foreign = make_demo_case(team.other_workspace)
    client.force_login(team.editor)
    response = client.post(rel_url("relationship_link", row), {"case": str(foreign.pk)})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.relationship is None


def test_a_stale_edit_is_refused_with_a_message(client, world):
    team, _case = world
    row = acme(team)
    client.force_login(team.editor)
    data = {"name": "Acme Ltd", "cadence_months": "12", "owner": "", "version": "1"}
    assert client.post(rel_url("relationship_edit", row), data).status_code == 302
    response = client.post(rel_url("relationship_edit", row), {**data, "name": "Other"})
    assert response.status_code == 400
    assert "Someone saved this relationship after you opened it." in response.content.decode()
    row.refresh_from_db()
    assert row.name == "Acme Ltd"


def scratch_post(title: str, **extra: str) -> dict[str, str]:
    return {
        "start": "scratch",
        "title": title,
        "language": "en",
        "scale_min": "1",
        "scale_max": "7",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "2",
        "parties-0-name": "Us",
        "parties-0-side": "own",
        "parties-1-name": "Them",
        "parties-1-side": "counterparty",
        **extra,
    }


def test_a_new_case_is_linked_to_the_relationship_chosen_on_the_form(client, world):
    team, _case = world
    row = acme(team)
    client.force_login(team.editor)
    url = reverse("case_create", kwargs={"slug": team.workspace.slug})
    page = client.get(f"{url}?relationship={row.pk}").content.decode()
    assert f'<option value="{row.pk}" selected>Acme</option>' in page
    response = client.post(url, scratch_post("Fresh", **{"rel-relationship": str(row.pk)}))
    assert response.status_code == 302, response.content.decode()[:2000]
    made = models.Case.objects.get(title="Fresh")
    assert made.relationship == row
    assert made.changes.get().changes == {"relationship": [None, row.pk]}


def test_a_new_case_is_not_linked_to_another_workspaces_relationship(client, world):
    team, _case = world
    acme(team)
    foreign = create_relationship(team.other_workspace, RelationshipFields(name="Hidden"))
    client.force_login(team.editor)
    url = reverse("case_create", kwargs={"slug": team.workspace.slug})
    response = client.post(url, scratch_post("Fresh", **{"rel-relationship": str(foreign.pk)}))
    assert response.status_code == 400
    assert not models.Case.objects.filter(title="Fresh").exists()
