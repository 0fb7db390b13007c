"""Relationships, phases and the next review through the JSON API: what each
role may do, the answers' content, and clear 409/422 answers."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kloof.storage import models
from kloof.storage.phases import add_phase
from kloof.storage.relationships import RelationshipFields, create_relationship, link_case
from tests.web.test_api_world import ApiWorld, build_api_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ApiWorld:
    return build_api_world()


def send(client: Client, world: ApiWorld, role: str, method: str, url: str, body=None):
    data = json.dumps(body) if body is not None else ""
    return client.generic(method, url, data, content_type="application/json", **world.headers(role))


def test_an_editor_creates_a_relationship_and_a_viewer_reads_it_with_its_due_status(client, world):
    body = {"name": "Acme", "owner": world.team.editor.pk, "cadence_months": 6}
    response = send(client, world, "editor", "POST", "/api/relationships", body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["name"], made["owner"], made["owner_email"], made["cadence_months"]) == (
        "Acme",
        world.team.editor.pk,
        "editor@purchasing.example",
        6,
    )
    assert made["next_review"] == {
        "date": timezone.localdate().isoformat(),
        "days": 0,
        "status": "no_review",
    }
    listed = send(client, world, "viewer", "GET", "/api/relationships").json()
    assert [item["name"] for item in listed["items"]] == ["Acme"]
    assert listed["count"] == 1


def test_a_viewer_may_not_write(client, world):
    response = send(client, world, "viewer", "POST", "/api/relationships", {"name": "Acme"})
    assert response.status_code == 403
    assert models.Relationship.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Acme", "cadence_months": 61}, "cadence_months"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_values_are_refused_with_the_field_and_the_fix(client, world, body, field):
    response = send(client, world, "editor", "POST", "/api/relationships", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_an_owner_outside_the_workspace_is_refused(client, world):
    body = {"name": "Acme", "owner": world.team.outsider.pk}
    response = send(client, world, "editor", "POST", "/api/relationships", body)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Invalid 'owner': that user is not a member of this workspace. "
        "Fix: give the user id of a member, or null."
    )


def test_an_update_from_an_old_version_answers_409_with_the_current_one(client, world):
    row = create_relationship(world.team.workspace, RelationshipFields(name="Acme"))
    url = f"/api/relationships/{row.pk}"
    first = send(client, world, "editor", "PATCH", url, {"version": 1, "cadence_months": 24})
    assert first.status_code == 200
    assert (first.json()["cadence_months"], first.json()["version"]) == (24, 2)
    stale = send(client, world, "editor", "PATCH", url, {"version": 1, "name": "Other"})
    assert stale.status_code == 409
    assert stale.json()["current"]["name"] == "Acme"


def test_a_case_is_linked_and_listed_and_unlinked(client, world):
    row = create_relationship(world.team.workspace, RelationshipFields(name="Acme"))
    url = f"/api/cases/{world.case.pk}/relationship"
    linked = send(client, world, "editor", "PUT", url, {"relationship": row.pk})
    assert linked.status_code == 200
    assert (linked.json()["relationship"], linked.json()["kind"]) == (row.pk, "negotiation")
    cases = send(client, world, "viewer", "GET", f"/api/relationships/{row.pk}/cases").json()
    assert [item["id"] for item in cases] == [world.case.pk]
    unlinked = send(client, world, "editor", "PUT", url, {"relationship": None})
    assert unlinked.json()["relationship"] is None


def test_a_case_is_not_linked_to_another_workspaces_relationship(client, world):
    foreign = create_relationship(world.team.other_workspace, RelationshipFields(name="Hidden"))
    url = f"/api/cases/{world.case.pk}/relationship"
    response = send(client, world, "editor", "PUT", url, {"relationship": foreign.pk})
    assert response.status_code == 404
    world.case.refresh_from_db()
    assert world.case.relationship is None


def test_the_next_review_in_a_phase_answers_409_with_the_nearest_date_then_starts(client, world):
    row = create_relationship(world.team.workspace, RelationshipFields(name="Acme"))
    link_case(world.case, row, None)
    add_phase(row, date(2027, 1, 1), date(2027, 3, 31), "tender")
    url = f"/api/relationships/{row.pk}/reviews"
    conflict = send(client, world, "editor", "POST", url, {"date": "2027-03-20"})
    assert conflict.status_code == 409
    assert conflict.json()["nearest_date"] == "2027-04-01"
    assert conflict.json()["phase"] == {
        "start": "2027-01-01",
        "end": "2027-03-31",
        "note": "tender",
    }
    assert "the stress of the deal colours how people rate trust" in conflict.json()["detail"]
    made = send(client, world, "editor", "POST", url, {"date": "2027-04-01"})
    assert made.status_code == 201, made.content
    new = made.json()
    assert (new["kind"], new["date"], new["previous"], new["relationship"], new["title"]) == (
        "review",
        "2027-04-01",
        world.case.pk,
        row.pk,
        world.case.title,
    )
    assert models.Rating.objects.filter(case_id=new["id"]).count() == 0
    anyway = send(client, world, "editor", "POST", url, {"date": "2027-03-20", "confirm": True})
    assert anyway.status_code == 201
    assert anyway.json()["previous"] == new["id"]  # the newest case by date is followed up


def test_phases_are_listed_added_changed_and_removed(client, world):
    row = create_relationship(world.team.workspace, RelationshipFields(name="Acme"))
    url = f"/api/relationships/{row.pk}/phases"
    bad = send(client, world, "editor", "POST", url, {"start": "2027-02-01", "end": "2027-01-01"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["fix"] == "give an end on or after 2027-02-01"
    made = send(client, world, "editor", "POST", url, {"start": "2027-01-01", "end": "2027-02-01"})
    assert made.status_code == 201
    phase = made.json()["id"]
    body = {"start": "2027-01-01", "end": "2027-03-01", "note": "renewal"}
    changed = send(client, world, "editor", "PUT", f"{url}/{phase}", body)
    assert changed.json() == {"id": phase, **body}
    assert send(client, world, "viewer", "GET", url).json() == [{"id": phase, **body}]
    assert send(client, world, "viewer", "DELETE", f"{url}/{phase}").status_code == 403
    assert send(client, world, "editor", "DELETE", f"{url}/{phase}").status_code == 204
    assert send(client, world, "editor", "DELETE", f"{url}/{phase}").status_code == 404


def test_in_a_phase_begun_days_ago_the_nearest_date_is_after_it_not_in_the_past(client, world):
    row = create_relationship(world.team.workspace, RelationshipFields(name="Acme"))
    link_case(world.case, row, None)
    today = timezone.localdate()
    add_phase(row, today - timedelta(days=3), today + timedelta(days=26), "tender")
    url = f"/api/relationships/{row.pk}/reviews"
    conflict = send(client, world, "editor", "POST", url, {})
    assert conflict.status_code == 409
    assert conflict.json()["nearest_date"] == (today + timedelta(days=27)).isoformat()
