"""Outcomes and minutes through the API: read by every member, recorded by
editors with the item's version, carried into the register."""

from __future__ import annotations

import pytest

from kloof.storage import models
from tests.web.agenda_factory import make_agenda
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def put(client, world, role, item, body):
    return client.put(
        f"/api/cases/{world.case.pk}/outcomes/{item.pk}",
        body,
        content_type="application/json",
        **world.headers(role),
    )


def test_every_member_reads_the_items_with_their_outcomes(client):
    world = build_api_world()
    agenda = make_agenda(world.case)
    data = client.get(f"/api/cases/{world.case.pk}/outcomes", **world.headers("viewer")).json()
    assert [(i["number"], i["title"], i["outcome"], i["kind"]) for i in data] == [
        (1, "What each side wants from the deal", None, "position"),
        (2, "How Cartwright sees our trust", None, "perception"),
        (3, "When things go wrong", None, "position"),
        (4, "Payment terms", None, "other"),
    ]
    assert data[1]["parties"] == ["halvorsen", "cartwright"]
    assert data[0]["id"] == agenda.intention.pk


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 200), ("owner", 200)])
def test_editors_record_a_mitigation_with_its_action(client, role, status):
    world = build_api_world()
    agenda = make_agenda(world.case)
    body = {
        "version": 1,
        "outcome": "mitigation_agreed",
        "note": " Quarterly ",
        "action": {"text": "Plan a review", "owner": "maria", "due": "2027-03-01"},
    }
    response = put(client, world, role, agenda.flexibility, body)
    assert response.status_code == status
    if status != 200:
        assert not world.case.differences.filter(factor="flexibility").exists()
        return
    data = response.json()
    entry = world.case.differences.get(factor="flexibility")
    assert (data["outcome"], data["outcome_note"], data["version"], data["entry"]) == (
        "mitigation_agreed",
        "Quarterly",
        2,
        entry.pk,
    )
    assert data["actions"] == [
        {"text": "Plan a review", "owner": "maria", "due": "2027-03-01", "done": False}
    ]
    assert entry.status == "mitigated"


def test_a_stale_version_answers_409_with_the_current_item(client):
    world = build_api_world()
    agenda = make_agenda(world.case)
    first = put(client, world, "editor", agenda.trust, {"version": 1, "outcome": "named"})
    assert first.status_code == 200
    response = put(client, world, "editor", agenda.trust, {"version": 1, "outcome": "open"})
    assert response.status_code == 409
    assert response.json()["current"]["outcome"] == "named"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"version": 1, "outcome": "mitigation_agreed"}, "action"),
        ({"version": 1, "outcome": "named", "action": {"text": "x"}}, "action"),
    ],
)
def test_an_action_that_does_not_fit_the_outcome_is_refused(client, body, field):
    world = build_api_world()
    agenda = make_agenda(world.case)
    response = put(client, world, "editor", agenda.payment, body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not models.Action.objects.filter(agenda_item=agenda.payment).exists()


def test_an_item_of_another_case_is_not_found(client):
    world = build_api_world()
    other = make_agenda(world.other_case)
    response = put(client, world, "editor", other.intention, {"version": 1, "outcome": "named"})
    assert response.status_code == 404


def test_minutes_for_the_other_side_keep_the_shareable_items_only(client):
    world = build_api_world()
    agenda = make_agenda(world.case)
    models.AgendaItem.objects.filter(pk=agenda.payment.pk).update(shareable=False)
    put(
        client,
        world,
        "editor",
        agenda.intention,
        {
            "version": 1,
            "outcome": "mitigation_agreed",
            "action": {"text": "Share forecasts", "owner": "maria"},
        },
    )
    url = f"/api/cases/{world.case.pk}/minutes"
    team = client.get(url + "?audience=team&lang=nl", **world.headers("viewer")).json()
    other = client.get(url + "?audience=counterparty", **world.headers("viewer")).json()
    assert [i["title"] for i in team["items"]][-1] == "Payment terms"
    assert "Payment terms" not in [i["title"] for i in other["items"]]
    assert team["items"][0]["outcome_word"] == "mitigatie afgesproken"
    assert team["items"][0]["actions"][0]["owner"] == "Maria Lindqvist"
    assert other["items"][0]["actions"][0] == {
        "item": "What each side wants from the deal",
        "text": "Share forecasts",
        "owner": "maria",
        "due": None,
        "done": False,
    }


def test_minutes_of_a_case_without_agenda_are_not_found(client):
    world = build_api_world()
    response = client.get(f"/api/cases/{world.case.pk}/minutes", **world.headers("viewer"))
    assert response.status_code == 404
    assert "has no agenda yet" in response.json()["detail"]
