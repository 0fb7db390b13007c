"""No token reads or writes anything of another workspace: every operation of
the OpenAPI schema, tried with the other workspace's ids (with a token of this
one) and with this workspace's ids (with the other workspace's token, a revoked
token, a session, and no token), answers 401, 403 or 404 only, and no answer
holds anything of the other side."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from kloof.storage.api_tokens import revoke_token
from kloof.storage.models import ApiToken
from kloof.web.api.main import api
from tests.web.access_table import MARKER
from tests.web.own_scenario_support import good_yaml
from tests.web.test_api_world import ApiWorld, build_api_world

pytestmark = pytest.mark.django_db


def operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api")
    return sorted(
        (method.upper(), path) for path, methods in schema["paths"].items() for method in methods
    )


OPERATIONS = operations()


def body_for(method: str, path: str, ids: dict[str, Any]) -> dict[str, Any] | None:
    """A body that would succeed in the workspace the ids come from."""
    if path.endswith("/ratings") and method == "PUT":
        return {
            "rater": ids["rater"],
            "subject": ids["party"],
            "ratings": [{"factor": "trust", "score": 2}],
        }
    if path.endswith("/agenda/links") and method == "POST":
        return {"name": "Eve"}
    if path.endswith("/links") and method == "POST":
        return {"party": ids["party"], "name": "Eve"}
    if path.endswith("/agenda/items") and method == "POST":
        return {"agenda_version": 1, "title": "Planted"}
    if "/agenda/items/" in path and method == "PATCH":
        return {"version": 1, "title": "Planted"}
    if path.endswith("/agenda/reorder"):
        return {"agenda_version": 1, "order": [ids["item"]]}
    if path.endswith("/agenda/generate"):
        return {"replace": True}
    if "/register/" in path and method == "PATCH":
        return {"version": 1, "status": "discussed"}
    if path.endswith("/register") and method == "POST":  # both demo cases have these keys
        return {
            "kind": "perception",
            "factor": "trust",
            "subject": "cartwright",
            "viewer": "halvorsen",
        }
    if path.endswith("/interviews") and method == "POST":
        return {"interviewee": "Eve", "about": "cartwright", "factors": ["trust"]}
    if path.endswith("/interviews/{interview}") and method == "PATCH":
        return {"version": 1, "role": "Buyer"}
    if path.endswith("/answers/{factor}"):
        return {"text": "Heard it."}
    if "/outcomes/" in path and method == "PUT":
        return {"version": 1, "outcome": "named"}
    if path == "/api/relationships" and method == "POST":
        return {"name": "Planted"}
    if path == "/api/relationships/{relationship}" and method == "PATCH":
        return {"version": 1, "name": "Planted"}
    if path.endswith("/phases") and method == "POST":
        return {"start": "2030-01-01", "end": "2030-02-01"}
    if path.endswith("/phases/{phase}") and method == "PUT":
        return {"start": "2030-01-01", "end": "2030-02-01"}
    if path.endswith("/cases/{case}/relationship"):
        return {"relationship": ids["relationship"]}
    if path.endswith("/archive"):
        return {"archived": True}
    if path.endswith("/reviews"):
        return {"date": "2029-06-01"}
    if path == "/api/practice/journal" and method == "POST":
        return {
            "date": "2026-11-30",
            "situation": "Planted",
            "factor": "trust",
            "severity": "nuance",
        }
    if path == "/api/practice/journal/{journal}" and method == "PATCH":
        return {"version": 1, "situation": "Planted"}
    if path == "/api/practice/attempts" and method == "POST":
        return {"scenario": ids["scenario"], "finish": False}
    if path == "/api/group-sessions" and method == "POST":
        return {"scenario": "supplier-price-rise"}
    if path == "/api/scenarios" and method == "POST":
        return {"source": good_yaml(key="planted-one").decode()}
    if path == "/api/scenarios/{key}" and method == "PUT":
        return {"source": good_yaml(key=ids["key"]).decode()}
    if path == "/api/cases" and method == "POST":
        return {"title": "Planted", "parties": [{"name": "A"}, {"name": "B"}]}
    return None


def call(client: Client, method: str, path: str, ids: dict[str, Any], **headers: str):
    url = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)
    if method == "DELETE" and "/agenda/items/" in path:
        url += "?agenda_version=1"
    if method == "DELETE" and "/practice/journal/" in path:
        url += "?version=1"
    body = body_for(method, path, ids)
    data = json.dumps(body) if body is not None else None
    with transaction.atomic():  # each try starts from the same world
        response = client.generic(
            method, url, data or "", content_type="application/json", **headers
        )
        transaction.set_rollback(True)
    return response


def test_the_schema_has_every_operation_of_the_api():
    assert len(OPERATIONS) == 72
    assert ("PUT", "/api/cases/{case}/ratings") in OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_operation_reaches_into_another_workspace(client, method, path):
    world: ApiWorld = build_api_world()
    ours, theirs = world.ids(world.case), world.ids(world.other_case)
    answers = []
    # Practice is per user: another user's journal entry or attempt is as
    # foreign as another workspace's case.
    scoped_names = (
        "{case}",
        "{relationship}",
        "{workspace}",
        "{journal}",
        "{attempt}",
        "{session}",
        "{key}",
    )
    scoped = any(name in path for name in scoped_names)
    # The other workspace's ids with this workspace's owner token.
    if scoped:
        response = call(client, method, path, theirs, **world.headers("owner"))
        answers.append(("owner token, their ids", response))
        assert response.status_code == 404, response.content
    # This workspace's ids with the other workspace's token.
    response = call(client, method, path, ours, **world.headers("outsider"))
    if scoped:
        answers.append(("their token, our ids", response))
        assert response.status_code == 404, response.content
    else:  # the workspace's lists: theirs only, nothing of ours
        assert response.status_code in (200, 201), response.content
        text = response.content.decode()
        assert world.case.title not in text and "Purchasing" not in text
    # A revoked token, a session without a token, and nothing at all.
    revoked = ApiToken.objects.get(workspace=world.team.workspace, user=world.team.owner)
    revoke_token(world.team.workspace, revoked.pk)
    answers.append(("revoked token", call(client, method, path, ours, **world.headers("owner"))))
    client.force_login(world.team.owner)
    answers.append(("session", call(client, method, path, ours)))
    client.logout()
    answers.append(("nothing", call(client, method, path, ours)))
    for who, response in answers[-3:]:
        assert response.status_code == 401, (who, response.content)
    for who, response in answers:
        assert response.status_code in (401, 403, 404), (who, response.status_code)
        assert response["Content-Type"].startswith("application/json"), who
        text = response.content.decode()
        assert MARKER not in text and "Secret" not in text, who
        assert set(json.loads(text)) == {"detail"}, who


def test_the_other_workspaces_token_lists_only_its_own_cases(client):
    world = build_api_world()
    response = client.get("/api/cases", **world.headers("outsider"))
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == [f"Secret {MARKER}"]
    response = client.get("/api/cases", **world.headers("viewer"))
    assert [item["title"] for item in response.json()["items"]] == [world.case.title]
