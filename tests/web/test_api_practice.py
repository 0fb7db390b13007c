"""The practice API: scenarios without their reference, attempts (scored and
drafts, own only) and the spotting journal (own, and shared read only)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kloof.domain.practice import reference_attempt
from kloof.services.practice import builtin_scenario
from kloof.storage.models_practice import JournalEntry, PracticeAttempt
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db
SCENARIO = "supplier-price-rise"


@pytest.fixture
def world():
    return build_api_world()


def send(client: Client, world, who: str, method: str, url: str, body=None):
    data = json.dumps(body) if body is not None else ""
    return client.generic(method, url, data, content_type="application/json", **world.headers(who))


def reference_body(**extra):
    attempt = reference_attempt(builtin_scenario(SCENARIO))
    positions: dict[str, dict[str, float]] = {}
    for (party, factor), value in attempt.positions.items():
        positions.setdefault(party, {})[factor] = value
    blocking = [
        {"kind": key.kind, "factor": key.factor, "parties": list(key.parties)}
        for key in attempt.blocking
    ]
    return {
        "scenario": SCENARIO,
        "positions": positions,
        "blocking": blocking,
        "first_move": attempt.first_move,
        **extra,
    }


def test_a_scenario_is_served_without_its_reference(client, world):
    listed = send(client, world, "viewer", "GET", "/api/practice/scenarios?level=basic").json()
    assert SCENARIO in [item["id"] for item in listed["items"]]
    one = send(client, world, "viewer", "GET", f"/api/practice/scenarios/{SCENARIO}")
    body = one.json()
    assert one.status_code == 200
    assert body["title"]["en"] == "A fourteen per cent price rise"
    assert "reference" not in json.dumps(body)
    assert "why" not in body
    assert [move["key"] for move in body["first_moves"]][:1] != []
    missing = send(client, world, "viewer", "GET", "/api/practice/scenarios/no-such")
    assert missing.status_code == 404


def test_a_viewer_scores_the_reference_at_100_and_only_they_see_it(client, world):
    response = send(client, world, "viewer", "POST", "/api/practice/attempts", reference_body())
    body = response.json()
    assert response.status_code == 201
    assert (body["score"], body["recall"], body["feedback"]["score"]) == (100.0, 1.0, 100)
    assert body["feedback"]["blocking"]["missed"] == []
    url = f"/api/practice/attempts/{body['id']}"
    assert send(client, world, "viewer", "GET", url).status_code == 200
    assert send(client, world, "owner", "GET", url).status_code == 404
    own = send(client, world, "owner", "GET", "/api/practice/attempts").json()
    assert body["id"] not in [item["id"] for item in own["items"]]


def test_a_draft_is_scored_later(client, world):
    body = reference_body(finish=False)
    draft = send(client, world, "editor", "POST", "/api/practice/attempts", body).json()
    assert (draft["finished"], draft["feedback"]) == (None, None)
    scored = send(client, world, "editor", "POST", f"/api/practice/attempts/{draft['id']}/score")
    assert scored.status_code == 200
    assert scored.json()["score"] == 100.0
    again = send(client, world, "editor", "POST", f"/api/practice/attempts/{draft['id']}/score")
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"positions": {"nobody": {"trust": 3}}}, "positions"),
        ({"positions": {"korrel": {"price": 3}}}, "positions"),
        (
            {"blocking": [{"kind": "perception", "factor": "trust", "parties": ["korrel", "vos"]}]},
            "blocking",
        ),
        ({"first_move": "shout"}, "first_move"),
        ({"first_move": None}, "first_move"),
    ],
)
def test_a_bad_attempt_is_422_naming_the_field_and_stores_nothing(client, world, change, field):
    before = PracticeAttempt.objects.count()
    response = send(
        client, world, "viewer", "POST", "/api/practice/attempts", reference_body(**change)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert PracticeAttempt.objects.count() == before


def test_journal_crud_with_versions_and_shared_read_only(client, world):
    new = {
        "date": "2026-11-02",
        "situation": "=cmd|' /C calc'!A0",
        "factor": "intention",
        "severity": "blocking",
        "shared": True,
    }
    made = send(client, world, "editor", "POST", "/api/practice/journal", new)
    assert made.status_code == 201
    entry = made.json()
    assert (entry["shared"], entry["own"], entry["version"]) == (True, True, 1)
    url = f"/api/practice/journal/{entry['id']}"
    # A member of the workspace reads it, cannot change it; the outsider sees nothing.
    seen = send(client, world, "viewer", "GET", url).json()
    assert (seen["situation"], seen["own"]) == (new["situation"], False)
    assert (
        send(client, world, "viewer", "PATCH", url, {"version": 1, "next": "x"}).status_code == 404
    )
    assert send(client, world, "outsider", "GET", url).status_code == 404
    shared = send(client, world, "viewer", "GET", "/api/practice/journal?scope=shared").json()
    assert [item["id"] for item in shared["items"]] == [entry["id"]]
    # Versions.
    changed = send(client, world, "editor", "PATCH", url, {"version": 1, "next": "We talked"})
    assert (changed.json()["next"], changed.json()["version"]) == ("We talked", 2)
    stale = send(client, world, "editor", "PATCH", url, {"version": 1, "next": "Lost"})
    assert stale.status_code == 409
    assert stale.json()["current"]["next"] == "We talked"
    assert send(client, world, "editor", "DELETE", url + "?version=1").status_code == 409
    assert send(client, world, "editor", "DELETE", url + "?version=2").status_code == 204
    assert not JournalEntry.objects.filter(pk=entry["id"]).exists()


def test_a_journal_entry_with_an_unknown_factor_is_422(client, world):
    body = {"date": "2026-11-02", "situation": "x", "factor": "price", "severity": "nuance"}
    response = send(client, world, "editor", "POST", "/api/practice/journal", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "factor"
