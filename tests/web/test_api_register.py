"""The register through the API: read by every member, an entry updated by
editors and owners with the register page's version check and rules."""

from __future__ import annotations

import pytest

from kloof.storage.models import ChangeLog, Difference
from tests.web.perception_support import store_perception_case
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def patch(client, world, role, entry, body, case=None):
    return client.patch(
        f"/api/cases/{(case or world.case).pk}/register/{entry.pk}",
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


# --- perception gaps --------------------------------------------------------------


def perception_world():
    world = build_api_world()
    return world, store_perception_case(world.team.workspace)


def post(client, world, role, case, body):
    return client.post(
        f"/api/cases/{case.pk}/register",
        body,
        content_type="application/json",
        **world.headers(role),
    )


PERCEIVED = {"kind": "perception", "factor": "intention", "subject": "acme", "viewer": "globex"}


def test_the_register_lists_perception_gaps_with_subject_viewer_and_both_scores(client):
    world, case = perception_world()
    data = client.get(f"/api/cases/{case.pk}/register", **world.headers("viewer")).json()
    assert data["count"] == 3
    first = data["items"][0]
    assert first == {
        "id": None,
        "kind": "perception",
        "factor": "intention",
        "parties": ["acme", "globex"],
        "subject": "acme",
        "viewer": "globex",
        "viewer_score": 2.5,
        "self_score": 5.25,
        "gap": 0.458333,
        "severity": "blocking",
        "decided_severity": "blocking",
        "uncertain": False,
        "status": None,
        "blocking": None,
        "reason": None,
        "note": None,
        "version": None,
        "actions_done": 0,
        "actions_total": 0,
        "updated": None,
    }
    demo = client.get(f"/api/cases/{world.case.pk}/register", **world.headers("viewer")).json()
    position = demo["items"][0]
    assert (position["kind"], position["subject"], position["viewer"]) == ("position", None, None)


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 201), ("owner", 201)])
def test_editors_open_a_perception_entry(client, role, status):
    world, case = perception_world()
    body = {**PERCEIVED, "blocking": True, "reason": " They said so. ", "status": "named"}
    response = post(client, world, role, case, body)
    assert response.status_code == status, response.content
    found = case.differences.filter(kind="perception", factor="intention")
    if status != 201:
        assert not found.exists()
        return
    entry = found.get()
    data = response.json()
    assert (data["id"], data["kind"], data["subject"], data["viewer"], data["version"]) == (
        entry.pk,
        "perception",
        "acme",
        "globex",
        1,
    )
    assert (data["severity"], data["decided_severity"], data["reason"]) == (
        "blocking",
        "blocking",
        "They said so.",
    )
    assert (entry.party_a.key, entry.party_b.key, entry.updated_by) == (
        "acme",
        "globex",
        world.team.user(role),
    )
    log = ChangeLog.objects.get(model="difference", object_id=entry.pk)
    assert (log.kind, log.subject["viewer"]) == ("create", "globex")


def test_a_position_entry_is_opened_with_parties(client):
    world, case = perception_world()
    body = {"factor": "trust", "parties": ["globex", "acme"], "note": "watch"}
    response = post(client, world, "editor", case, body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["kind"], data["parties"], data["subject"], data["note"]) == (
        "position",
        ["globex", "acme"],
        None,
        "watch",
    )


def test_opening_an_entry_twice_is_409_with_the_entry_and_nothing_written(client):
    world, case = perception_world()
    first = post(client, world, "editor", case, {**PERCEIVED, "status": "named"})
    response = post(client, world, "owner", case, {**PERCEIVED, "status": "accepted"})
    assert response.status_code == 409
    data = response.json()
    assert data["current"]["id"] == first.json()["id"]
    assert data["current"]["status"] == "named"
    assert f"PATCH /api/cases/{case.pk}/register/{first.json()['id']}" in data["detail"]
    assert case.differences.filter(kind="perception", factor="intention").count() == 1


def test_a_perception_entry_is_updated_with_its_version(client):
    world, case = perception_world()
    entry = case.differences.get(kind="perception", factor="relationship")
    body = {"version": 1, "blocking": True, "reason": "Heard it"}
    response = patch(client, world, "editor", entry, body, case)
    assert response.status_code == 200
    data = response.json()
    assert (data["kind"], data["subject"], data["viewer"], data["decided_severity"]) == (
        "perception",
        "globex",
        "acme",
        "blocking",
    )
    assert (data["severity"], data["version"]) == ("aligned", 2)
    stale = patch(client, world, "owner", entry, {"version": 1, "status": "accepted"}, case)
    assert stale.status_code == 409
    assert stale.json()["current"]["kind"] == "perception"


@pytest.mark.parametrize(
    ("body", "field", "fix"),
    [
        (
            {**PERCEIVED, "parties": ["acme", "globex"]},
            "parties",
            "send 'subject' (the party being seen) and 'viewer' (whose view it is) "
            "instead of 'parties'",
        ),
        (
            {"kind": "perception", "factor": "trust", "viewer": "globex"},
            "subject",
            "add 'subject': a party key from GET /api/cases/{case}/parties",
        ),
        ({**PERCEIVED, "viewer": "acme"}, "viewer", "name two different parties"),
        ({"factor": "trust", "parties": ["acme", "acme"]}, "parties", "name two different parties"),
        ({**PERCEIVED, "subject": "initech"}, "subject", "use one of: acme, globex"),
        ({"factor": "trust", "parties": ["acme", "x"]}, "parties", "use one of: acme, globex"),
        ({**PERCEIVED, "factor": "power"}, "factor", None),
        (
            {"factor": "trust", "subject": "acme", "parties": ["acme", "globex"]},
            "subject",
            "send 'parties' with two party keys, or set 'kind' to 'perception'",
        ),
        (
            {"factor": "trust"},
            "parties",
            "add 'parties' with two party keys, or set 'kind' to 'perception' "
            "with 'subject' and 'viewer'",
        ),
        ({"factor": "trust", "parties": ["acme"]}, "parties", None),
        ({**PERCEIVED, "blocking": False}, "reason", "give a 'reason', or set 'blocking' to null"),
        ({**PERCEIVED, "kind": "rumour"}, "kind", None),
        ({**PERCEIVED, "subject": "acme\x00"}, "subject", None),
    ],
)
def test_a_wrong_combination_is_422_naming_the_fix(client, body, field, fix):
    world, case = perception_world()
    response = post(client, world, "editor", case, body)
    assert response.status_code == 422, response.content
    (problem,) = response.json()["errors"]
    assert problem["field"] == field
    if fix is not None:
        assert problem["fix"] == fix.format(case=case.pk)
        assert f"Fix: {problem['fix']}." in response.json()["detail"]
    assert case.differences.count() == 1


def test_the_openapi_schema_documents_kinds_subject_and_viewer(client):
    schema = client.get("/api/openapi.json").json()
    operations = schema["paths"]["/api/cases/{case}/register"]
    assert set(operations) == {"get", "post"}
    assert set(operations["post"]["responses"]) >= {"201", "409", "422", "403"}
    components = schema["components"]["schemas"]
    row = components["RegisterRowOut"]["properties"]
    assert {"kind", "subject", "viewer", "viewer_score", "self_score"} <= set(row)
    new = components["NewEntryIn"]["properties"]
    assert new["kind"]["enum"] == ["position", "perception"]
    assert "Perception only" in new["subject"]["description"]
