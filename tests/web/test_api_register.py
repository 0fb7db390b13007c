"""The register through the API: read by every member, an entry updated by
editors and owners with the register page's version check and rules."""

from __future__ import annotations

import pytest

from kloof.storage.models import ChangeLog, Difference
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def patch(client, world, role, entry, body):
    return client.patch(
        f"/api/cases/{world.case.pk}/register/{entry.pk}",
        body,
        content_type="application/json",
        **world.headers(role),
    )


def test_the_register_lists_the_worst_first_with_entries(client):
    world = build_api_world()
    data = client.get(
        f"/api/cases/{world.case.pk}/register?limit=100", **world.headers("viewer")
    ).json()
    first = data["items"][0]
    assert (first["factor"], first["severity"], first["parties"]) == (
        "intention",
        "blocking",
        ["halvorsen", "cartwright"],
    )
    entry = world.case.differences.get(factor="intention")
    assert (first["id"], first["status"], first["version"]) == (entry.pk, entry.status, 1)
    one = client.get(f"/api/cases/{world.case.pk}/register/{entry.pk}", **world.headers("viewer"))
    assert one.json() == first


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 200), ("owner", 200)])
def test_editors_update_an_entry_with_its_version(client, role, status):
    world = build_api_world()
    entry = world.case.differences.first()
    body = {
        "version": entry.version,
        "status": "discussed",
        "blocking": False,
        "reason": " talked ",
    }
    response = patch(client, world, role, entry, body)
    assert response.status_code == status
    entry.refresh_from_db()
    if status == 200:
        assert (entry.status, entry.blocking, entry.reason, entry.version) == (
            "discussed",
            False,
            "talked",
            2,
        )
        assert response.json()["decided_severity"] == "significant"  # no longer blocking
        assert entry.updated_by == world.team.user(role)
        assert ChangeLog.objects.filter(model="difference", object_id=entry.pk).exists()
    else:
        assert entry.version == 1


def test_a_stale_version_is_409_with_the_current_entry_and_nothing_written(client):
    world = build_api_world()
    entry = world.case.differences.first()
    assert patch(client, world, "editor", entry, {"version": 1, "note": "first"}).status_code == 200
    response = patch(client, world, "owner", entry, {"version": 1, "note": "second"})
    assert response.status_code == 409
    assert response.json()["current"]["note"] == "first"
    assert response.json()["current"]["version"] == 2
    assert Difference.objects.get(pk=entry.pk).note == "first"


def test_an_override_without_reason_is_refused(client):
    world = build_api_world()
    entry = world.case.differences.first()
    response = patch(
        client, world, "editor", entry, {"version": 1, "blocking": True, "reason": "  "}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    assert Difference.objects.get(pk=entry.pk).version == 1


def test_fields_left_out_keep_their_value(client):
    world = build_api_world()
    entry = world.case.differences.first()
    patch(client, world, "editor", entry, {"version": 1, "blocking": True, "reason": "firm"})
    response = patch(client, world, "editor", entry, {"version": 2, "note": "more"})
    assert (response.json()["blocking"], response.json()["reason"]) == (True, "firm")


def test_an_entry_of_another_case_is_404(client):
    world = build_api_world()
    foreign = world.other_case.differences.first()
    response = client.get(
        f"/api/cases/{world.case.pk}/register/{foreign.pk}", **world.headers("owner")
    )
    assert response.status_code == 404
    response = patch(client, world, "owner", foreign, {"version": 1, "status": "named"})
    assert response.status_code == 404
    assert Difference.objects.get(pk=foreign.pk).version == 1
