"""The group sessions of the JSON API: roles, the token once, the live
aggregate and the results after a participant's submission."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kloof.domain.practice import reference_attempt
from kloof.services.practice import builtin_scenario
from kloof.storage import group_sessions as store
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db
SCENARIO = "supplier-price-rise"


def post(client: Client, world, kind: str, path: str, body: dict | None = None):
    return client.post(
        path, json.dumps(body or {}), content_type="application/json", **world.headers(kind)
    )


def test_start_follow_reveal_and_close_a_session(client):
    world = build_api_world()
    refused = post(client, world, "viewer", "/api/group-sessions", {"scenario": SCENARIO})
    assert refused.status_code == 403
    unknown = post(client, world, "editor", "/api/group-sessions", {"scenario": "nope"})
    assert unknown.status_code == 422 and "supplier-price-rise" in unknown.json()["detail"]
    made = post(
        client, world, "editor", "/api/group-sessions", {"scenario": SCENARIO, "name": "Mon"}
    )
    assert made.status_code == 201
    body = made.json()
    assert body["url"].endswith(f"/g/{body['token']}") and body["state"] == "open"
    listed = client.get("/api/group-sessions", **world.headers("viewer")).json()
    ids = [item["id"] for item in listed["items"]]
    assert body["id"] in ids and "token" not in json.dumps(listed)
    # One participant answers as the reference.
    session = store.find_session(body["token"])
    scenario = builtin_scenario(SCENARIO)
    attempt = reference_attempt(scenario)
    row, _secret = store.join(session, "Ann")
    store.submit(row, store.Answers(dict(attempt.positions), attempt.blocking, attempt.first_move))
    path = f"/api/group-sessions/{body['id']}"
    live = client.get(f"{path}/live", **world.headers("viewer")).json()
    assert (live["joined"], live["submitted"]) == (1, 1)
    first = live["factors"][0]["parties"][0]
    assert first["rated"] == 1 and first["mean"] == first["reference"]
    assert first["counts"][f"{first['reference']:g}"] == 1
    assert [item["blocking"] for item in live["differences"]] == [None] * len(attempt.blocking)
    assert client.get(f"{path}/results", **world.headers("viewer")).status_code == 403
    results = client.get(f"{path}/results", **world.headers("editor")).json()
    assert [(item["nickname"], item["score"], item["recall"]) for item in results] == [
        ("Ann", 100.0, 1.0)
    ]
    assert post(client, world, "viewer", f"{path}/reveal").status_code == 403
    revealed = post(client, world, "editor", f"{path}/reveal").json()
    assert revealed["revealed"] is not None
    live = client.get(f"{path}/live", **world.headers("viewer")).json()
    assert all(item["blocking"] is True for item in live["differences"])
    closed = post(client, world, "owner", f"{path}/close").json()
    assert closed["state"] == "closed"
    assert Client().get(f"/g/{body['token']}").status_code == 410


def test_a_session_is_open_a_week_at_most(client):
    world = build_api_world()
    far = post(
        client,
        world,
        "editor",
        "/api/group-sessions",
        {"scenario": SCENARIO, "expires": "2099-01-01T10:00:00Z"},
    )
    assert far.status_code == 422 and "at most 7 days ahead" in far.json()["detail"]
