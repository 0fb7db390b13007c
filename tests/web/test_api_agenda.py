"""The agenda through the API: both audiences, generating, items, order, links."""

from __future__ import annotations

import pytest

from kloof.storage import agenda as store
from kloof.storage.models import AgendaItem, AgendaLink
from tests.web.agenda_markers import SHARED_ASK, SHARED_TITLE, leaked, plant_markers
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def call(client, world, role, method, path, body=None, **extra):
    send = getattr(client, method)
    url = f"/api/cases/{world.case.pk}/agenda{path}"
    if body is None:
        return send(url, **world.headers(role), **extra)
    return send(url, body, content_type="application/json", **world.headers(role))


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 201), ("owner", 201)])
def test_editors_generate_and_viewers_read(client, role, status):
    world = build_api_world()
    assert call(client, world, "viewer", "get", "").status_code == 404
    response = call(client, world, role, "post", "/generate", {})
    assert response.status_code == status
    if status == 201:
        data = call(client, world, "viewer", "get", "").json()
        assert data["audience"] == "team" and data["version"] == 1
        assert [(i["position"], i["factor"], i["title"]) for i in data["items"]] == [
            (1, "intention", "Intention"),
            (2, "dependency", "Dependency"),
            (3, "trust", "Trust"),
        ]
        again = call(client, world, "editor", "post", "/generate", {})
        assert again.status_code == 409 and again.json()["current"]["version"] == 1
        replaced = call(client, world, "editor", "post", "/generate", {"replace": True})
        assert replaced.status_code == 201 and replaced.json()["version"] == 2


def test_items_are_added_reworded_reordered_and_deleted_with_versions(client):
    world = build_api_world()
    store.generate(world.case, None)
    added = call(
        client,
        world,
        "editor",
        "post",
        "/items",
        {"agenda_version": 1, "title": "Payment terms", "mitigations": ["60 days", "Early pay"]},
    )
    assert added.status_code == 201
    item = added.json()
    assert (item["kind"], item["position"], item["mitigations"]) == (
        "other",
        4,
        ["60 days", "Early pay"],
    )
    path = f"/items/{item['id']}"
    changed = call(client, world, "editor", "patch", path, {"version": 1, "shareable": True})
    assert changed.status_code == 200 and changed.json()["shareable"] is True
    stale = call(client, world, "editor", "patch", path, {"version": 1, "title": "Mine"})
    assert stale.status_code == 409 and "nothing was saved" in stale.json()["detail"]
    ids = [i["id"] for i in call(client, world, "viewer", "get", "").json()["items"]]
    order = [ids[3], ids[0], ids[1], ids[2]]
    moved = call(client, world, "editor", "post", "/reorder", {"agenda_version": 2, "order": order})
    assert [i["id"] for i in moved.json()["items"]] == order
    wrong = call(
        client, world, "editor", "post", "/reorder", {"agenda_version": 3, "order": ids[:2]}
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "order"
    gone = client.delete(
        f"/api/cases/{world.case.pk}/agenda{path}?agenda_version=3", **world.headers("editor")
    )
    assert gone.status_code == 204
    assert not AgendaItem.objects.filter(pk=item["id"]).exists()


def test_the_counterparty_audience_carries_no_marker(client):
    world = build_api_world()
    plant_markers(world.case, None)
    response = call(client, world, "viewer", "get", "?audience=counterparty")
    data = response.json()
    assert data == {
        "audience": "counterparty",
        "date": None,
        "items": [
            {
                "title": SHARED_TITLE,
                "see": data["items"][0]["see"],
                "ask": SHARED_ASK,
                "offer": data["items"][0]["offer"],
                "mitigations": data["items"][0]["mitigations"],
            }
        ],
    }
    assert leaked(response.content.decode()) == []
    team = call(client, world, "viewer", "get", "?audience=team").content.decode()
    assert "unshared item" in leaked(team)


def test_links_are_made_listed_and_revoked_by_editors(client):
    world = build_api_world()
    assert call(client, world, "viewer", "get", "/links").status_code == 403
    made = call(client, world, "editor", "post", "/links", {"name": "Bob", "language": "nl"})
    assert made.status_code == 201
    data = made.json()
    assert data["url"].endswith(f"/a/{data['token']}") and data["state"] == "open"
    listing = call(client, world, "editor", "get", "/links").json()
    assert [(row["id"], row["name"]) for row in listing] == [(data["id"], "Bob")]
    assert data["token"] not in str(listing)
    assert client.get(f"/a/{data['token']}").status_code == 200
    revoked = call(client, world, "editor", "post", f"/links/{data['id']}/revoke", {})
    assert revoked.json()["state"] == "revoked"
    assert client.get(f"/a/{data['token']}").status_code == 403
    assert AgendaLink.objects.get(pk=data["id"]).revoked is not None
    past = call(client, world, "editor", "post", "/links", {"expires": "2020-01-01T00:00:00Z"})
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "expires"
