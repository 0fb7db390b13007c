"""The meeting view: one item at a time, its chart row, navigation links, and the
outcome form for editors."""

from __future__ import annotations

import pytest

from kloof.storage import models
from tests.web.agenda_factory import make_agenda
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


@pytest.fixture
def agenda(case):
    return make_agenda(case)


def url(team, case, tail: str = "") -> str:
    return f"/w/{team.workspace.slug}/cases/{case.pk}/meeting/{tail}"


def test_the_first_item_shows_in_large_type_with_its_chart_row(client, team, case, agenda):
    client.force_login(team.viewer)
    page = client.get(url(team, case)).content.decode()
    assert '<h1 id="item-title"><span class="meeting-number">1.</span> What each side' in page
    assert "Item 1 of 4" in page
    assert "Intention: Halvorsen Foods and Cartwright Packaging" in page
    about = "Intention: Halvorsen Foods and Cartwright Packaging"
    assert f'<figure class="meeting-chart" tabindex="0" aria-label="{about}"><svg' in page
    assert page.count('class="row" data-factor="intention"') == 1
    assert "What would a good year look like for you?" in page
    assert "Open books on volume forecasts." in page
    assert '<a href="' + url(team, case, "2/") + '" rel="next" data-key="next"' in page
    assert 'rel="prev"' not in page
    assert "Record the outcome" not in page  # a viewer only looks


def test_a_perception_item_draws_both_views(client, team, case, agenda):
    client.force_login(team.viewer)
    page = client.get(url(team, case, "2/")).content.decode()
    assert "Trust: how Cartwright Packaging sees Halvorsen Foods" in page
    assert 'class="marker outside"' in page  # the outside view's hollow marker
    first = client.get(url(team, case, "1/")).content.decode()
    assert 'class="marker outside"' not in first


def test_an_item_outside_the_factors_has_no_chart(client, team, case, agenda):
    client.force_login(team.viewer)
    page = client.get(url(team, case, "4/")).content.decode()
    assert "Payment terms" in page
    assert "<svg" not in page
    assert 'rel="next"' not in page
    assert '<a href="' + url(team, case, "3/") + '" rel="prev"' in page


def test_the_jump_list_marks_the_current_item_and_numbers_every_item(client, team, case, agenda):
    client.force_login(team.viewer)
    page = client.get(url(team, case, "3/")).content.decode()
    for number in range(1, 5):
        assert f'data-number="{number}"' in page
    assert page.count('aria-current="page"') == 1
    assert f'href="{url(team, case, "3/")}" data-number="3" class="jump-none" aria-current' in page


def test_the_meeting_view_speaks_dutch(client, team, case, agenda):
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    page = client.get(url(team, case)).content.decode()
    assert "Punt 1 van 4" in page
    assert "Intentie: Halvorsen Foods en Cartwright Packaging" in page
    assert "Wat we vragen" in page
    assert "De uitkomst vastleggen" in page
    assert "door beide kanten geaccepteerd" in page


def test_an_item_number_out_of_range_is_not_found(client, team, case, agenda):
    client.force_login(team.viewer)
    assert client.get(url(team, case, "5/")).status_code == 404
    assert client.get(url(team, case, "0/")).status_code == 404


def test_a_case_without_agenda_says_so(client, team, case):
    client.force_login(team.viewer)
    page = client.get(url(team, case)).content.decode()
    assert "This case has no agenda yet." in page
    assert f'href="/w/{team.workspace.slug}/cases/{case.pk}/agenda/">Go to the agenda' in page


def test_the_agenda_page_leads_to_the_meeting_view_and_the_minutes(client, team, case, agenda):
    client.force_login(team.viewer)
    page = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/agenda/").content.decode()
    assert f'href="{url(team, case)}">Open the meeting view</a>' in page
    assert "minutes/?audience=counterparty&amp;format=pdf" in page


def post(client, team, case, item, number: int, **data):
    item.refresh_from_db()
    return client.post(url(team, case, f"{number}/outcome/"), {"version": item.version, **data})


def test_an_editor_records_each_kind_of_outcome(client, team, case, agenda):
    client.force_login(team.editor)
    response = post(client, team, case, agenda.intention, 1, outcome="named", note="Both see it")
    assert (response.status_code, response["Location"]) == (302, url(team, case, "1/"))
    post(client, team, case, agenda.trust, 2, outcome="accepted_both")
    post(
        client,
        team,
        case,
        agenda.flexibility,
        3,
        outcome="mitigation_agreed",
        action="Agree a shortage plan",
        owner="maria",
        due="2027-02-01",
    )
    post(client, team, case, agenda.payment, 4, outcome="open", action="ignored, not agreed")
    items = models.AgendaItem.objects.filter(agenda__case=case).order_by("position")
    assert [(i.outcome, i.outcome_note) for i in items] == [
        ("named", "Both see it"),
        ("accepted_both", None),
        ("mitigation_agreed", None),
        ("open", None),
    ]
    statuses = {(d.kind, d.factor): d.status for d in case.differences.all()}
    assert statuses[("position", "intention")] == "named"
    assert statuses[("perception", "trust")] == "accepted_both"
    assert statuses[("position", "flexibility")] == "mitigated"
    assert not models.Action.objects.filter(agenda_item=agenda.payment).exists()
    page = client.get(url(team, case, "3/")).content.decode()
    assert "Agree a shortage plan — Maria Lindqvist" in page
    register = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/register/").content.decode()
    assert "mitigated" in register


def test_a_mitigation_without_what_was_agreed_is_refused_with_the_form_open(
    client, team, case, agenda
):
    client.force_login(team.editor)
    response = post(client, team, case, agenda.flexibility, 3, outcome="mitigation_agreed")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say what was agreed: a mitigation needs an action." in page
    assert '<details class="meeting-record" open>' in page
    assert not case.differences.filter(factor="flexibility").exists()


def test_a_stale_outcome_is_refused_and_shows_the_newer_one(client, team, case, agenda):
    client.force_login(team.editor)
    post(client, team, case, agenda.intention, 1, outcome="named")
    response = client.post(url(team, case, "1/outcome/"), {"version": 1, "outcome": "open"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else recorded an outcome for this item first" in page
    assert '<span class="outcome outcome-named">named</span>' in page
    assert case.differences.get(factor="intention").status == "named"


def test_an_action_agreed_outside_the_factors_shows_in_the_register(client, team, case, agenda):
    client.force_login(team.editor)
    post(client, team, case, agenda.payment, 4, outcome="mitigation_agreed", action="Try 45 days")
    register = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/register/").content.decode()
    assert "Actions agreed outside the factors" in register
    assert '<th scope="row">Payment terms</th>' in register
    assert "Try 45 days" in register
    action = models.Action.objects.get(agenda_item=agenda.payment)
    edit = f"/w/{team.workspace.slug}/cases/{case.pk}/actions/{action.pk}/"
    response = client.post(edit, {"version": 1, "only": "done", "done": "on"})
    assert response["Location"].endswith("/register/#other-actions")
    action.refresh_from_db()
    assert action.done is True


def test_an_open_action_agreed_outside_the_factors_can_be_the_cases_next_action(
    client, team, case, agenda
):
    client.force_login(team.editor)
    post(
        client,
        team,
        case,
        agenda.payment,
        4,
        outcome="mitigation_agreed",
        action="Send the 45-day proposal",
        due="2026-01-02",  # before every action of the demo's register
    )
    page = client.get(f"/w/{team.workspace.slug}/").content.decode()
    assert "Send the 45-day proposal" in page


def test_the_history_names_the_outcome_and_its_item(client, team, case, agenda):
    client.force_login(team.editor)
    post(client, team, case, agenda.payment, 4, outcome="mitigation_agreed", action="Try 45 days")
    client.cookies["django_language"] = "nl"
    page = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/history/").content.decode()
    assert "Uitkomst van het gesprek vastgelegd" in page
    assert "mitigatie afgesproken" in page
    assert "Payment terms" in page
