"""The workspace's own scenarios in the JSON API: upload (every problem with
its line, nothing stored), list, read, replace, delete (409 while a group
session uses it), roles; practising one and a group session on one."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kloof.domain.practice import reference_attempt
from kloof.storage import workspace_scenarios as own
from kloof.storage.models_practice import GroupSession, PracticeScenario
from tests.web.own_scenario_support import KEY, TITLE_EN, bad_yaml, good_yaml
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def send(client: Client, world, kind: str, method: str, path: str, body: dict | None = None):
    call = getattr(client, method)
    return call(
        path, json.dumps(body or {}), content_type="application/json", **world.headers(kind)
    )


def source(data: bytes) -> dict[str, str]:
    return {"source": data.decode("utf-8")}


def test_upload_list_read_replace_and_delete(client):
    world = build_api_world()
    bad = send(client, world, "editor", "post", "/api/scenarios", source(bad_yaml()))
    assert bad.status_code == 422
    body = bad.json()
    assert body["detail"].startswith("The scenario file has 2 problems; nothing was stored.")
    assert [(item["location"], item["fix"]) for item in body["errors"]] == [
        ("line 3", "use one of: basic, advanced"),
        ("line 4", "use one of: work, private, news"),
    ]
    assert PracticeScenario.objects.count() == 0
    assert (
        send(client, world, "viewer", "post", "/api/scenarios", source(good_yaml())).status_code
        == 403
    )
    made = send(client, world, "editor", "post", "/api/scenarios", source(good_yaml()))
    assert made.status_code == 201
    assert (made.json()["key"], made.json()["title"]["en"]) == (KEY, TITLE_EN)
    again = send(client, world, "editor", "post", "/api/scenarios", source(good_yaml()))
    assert again.status_code == 422 and "already has a scenario" in again.json()["detail"]
    builtin = source(good_yaml(key="supplier-price-rise"))
    refused = send(client, world, "editor", "post", "/api/scenarios", builtin)
    assert refused.status_code == 422 and "built-in" in refused.json()["detail"]
    listed = client.get("/api/scenarios", **world.headers("viewer")).json()
    assert [item["key"] for item in listed["items"]] == [KEY]
    one = client.get(f"/api/scenarios/{KEY}", **world.headers("viewer")).json()
    assert one["source"] == good_yaml().decode()
    new = source(good_yaml(title_en="Second version"))
    assert send(client, world, "viewer", "put", f"/api/scenarios/{KEY}", new).status_code == 403
    replaced = send(client, world, "editor", "put", f"/api/scenarios/{KEY}", new)
    assert replaced.status_code == 200 and replaced.json()["title"]["en"] == "Second version"
    moved = send(client, world, "editor", "put", f"/api/scenarios/{KEY}", source(good_yaml("x-y")))
    assert moved.status_code == 422 and "not 'canteen-contract'" in moved.json()["detail"]
    assert client.delete(f"/api/scenarios/{KEY}", **world.headers("viewer")).status_code == 403
    assert client.delete(f"/api/scenarios/{KEY}", **world.headers("editor")).status_code == 204
    assert client.get(f"/api/scenarios/{KEY}", **world.headers("viewer")).status_code == 404


def test_practise_it_and_start_a_group_session_on_it(client):
    world = build_api_world()
    row = own.add(world.team.workspace, good_yaml(), "x.yaml")
    listed = client.get("/api/practice/scenarios", **world.headers("viewer")).json()
    mine = [item for item in listed["items"] if item["own"]]
    assert [item["id"] for item in mine] == [KEY]
    detail = client.get(f"/api/practice/scenarios/{KEY}", **world.headers("viewer")).json()
    assert detail["own"] is True and "reference" not in detail
    attempt = reference_attempt(own.parsed(row))
    positions: dict[str, dict[str, float]] = {}
    for (party, factor), value in attempt.positions.items():
        if value is not None:
            positions.setdefault(party, {})[factor] = value
    body = {
        "scenario": KEY,
        "positions": positions,
        "blocking": [
            {"kind": key.kind, "factor": key.factor, "parties": list(key.parties)}
            for key in attempt.blocking
        ],
        "first_move": attempt.first_move,
    }
    scored = send(client, world, "viewer", "post", "/api/practice/attempts", body)
    assert scored.status_code == 201 and scored.json()["score"] == 100.0
    draft = send(
        client, world, "viewer", "post", "/api/practice/attempts", {**body, "finish": False}
    )
    assert draft.json()["feedback"] is None
    done = send(
        client, world, "viewer", "post", f"/api/practice/attempts/{draft.json()['id']}/score"
    )
    assert done.status_code == 200 and done.json()["score"] == 100.0
    # A group session on it; its scenario then cannot be deleted.
    made = send(client, world, "editor", "post", "/api/group-sessions", {"scenario": KEY})
    assert made.status_code == 201 and made.json()["scenario"] == KEY
    assert GroupSession.objects.get().workspace_scenario == row
    live = client.get(f"/api/group-sessions/{made.json()['id']}/live", **world.headers("viewer"))
    assert live.status_code == 200
    kept = client.delete(f"/api/scenarios/{KEY}", **world.headers("editor"))
    assert kept.status_code == 409
    assert kept.json()["detail"].startswith("1 group session uses this scenario")
    assert PracticeScenario.objects.count() == 1


def test_another_workspaces_scenario_is_not_found(client):
    world = build_api_world()
    own.add(world.team.other_workspace, good_yaml(), "x.yaml")
    assert client.get(f"/api/scenarios/{KEY}", **world.headers("owner")).status_code == 404
    assert client.get(f"/api/practice/scenarios/{KEY}", **world.headers("owner")).status_code == 404
    made = send(client, world, "editor", "post", "/api/group-sessions", {"scenario": KEY})
    assert made.status_code == 422
    assert client.delete(f"/api/scenarios/{KEY}", **world.headers("owner")).status_code == 404
