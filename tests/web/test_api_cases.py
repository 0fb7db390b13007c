"""The workspace, its cases (paginated), a new case, and the analysis: the
same JSON as ``kloof analyse --format json``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kloof.storage.models import Case
from tests.web.factories import DEMO_CASE, ROOT, make_demo_case
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db
KLOOF = Path(sys.executable).with_name("kloof")


def test_the_workspace_list_is_the_tokens_workspace_with_the_role(client):
    world = build_api_world()
    response = client.get("/api/workspaces", **world.headers("editor"))
    assert response.json() == {
        "items": [
            {
                "id": world.team.workspace.pk,
                "name": "Purchasing",
                "slug": world.team.workspace.slug,
                "role": "editor",
            }
        ],
        "count": 1,
    }


def test_cases_are_paginated_with_limit_and_offset(client):
    world = build_api_world()
    for number in range(3):
        make_demo_case(world.team.workspace, title=f"Extra {number}")
    headers = world.headers("viewer")
    first = client.get("/api/cases?limit=2", **headers).json()
    second = client.get("/api/cases?limit=2&offset=2", **headers).json()
    assert (first["count"], second["count"]) == (4, 4)
    titles = [item["title"] for item in first["items"] + second["items"]]
    assert titles == ["Extra 2", "Extra 1", "Extra 0", world.case.title]
    assert client.get("/api/cases?offset=10", **headers).json() == {"items": [], "count": 4}


def test_archived_filter(client):
    world = build_api_world()
    make_demo_case(world.team.workspace, title="Old")
    Case.objects.filter(title="Old").update(archived=True)
    response = client.get("/api/cases?archived=true", **world.headers("viewer"))
    assert [item["title"] for item in response.json()["items"]] == ["Old"]


def test_one_case_has_its_fields(client):
    world = build_api_world()
    data = client.get(f"/api/cases/{world.case.pk}", **world.headers("viewer")).json()
    assert data["id"] == world.case.pk
    assert data["scale"] == {"min": 1.0, "max": 7.0}
    assert (data["framework"], data["anonymous"], data["archived"]) == ("hopmans-9", False, False)


def test_an_unknown_case_is_404_json(client):
    world = build_api_world()
    response = client.get("/api/cases/999999", **world.headers("viewer"))
    assert response.status_code == 404
    assert "No case with id 999999" in response.json()["detail"]


NEW_CASE = {
    "title": "  Office lease  2028 ",
    "language": "nl",
    "date": "2028-01-15",
    "scale": {"min": 0, "max": 10},
    "parties": [{"name": "Wij", "side": "own"}, {"name": "Verhuurder", "role": "lessor"}],
}


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 201), ("owner", 201)])
def test_editors_and_owners_create_cases(client, role, status):
    world = build_api_world()
    response = client.post(
        "/api/cases", NEW_CASE, content_type="application/json", **world.headers(role)
    )
    assert response.status_code == status
    if status == 201:
        data = response.json()
        row = Case.objects.get(pk=data["id"])
        assert (row.workspace, row.title, row.language) == (
            world.team.workspace,
            "Office lease 2028",
            "nl",
        )
        assert [p.key for p in row.parties.all()] == ["wij", "verhuurder"]
        assert data["scale"] == {"min": 0.0, "max": 10.0}
    else:
        assert Case.objects.count() == 2  # the two of the world


def test_a_scale_upside_down_is_refused_naming_the_field(client):
    world = build_api_world()
    body = {**NEW_CASE, "scale": {"min": 7, "max": 1}}
    response = client.post(
        "/api/cases", body, content_type="application/json", **world.headers("editor")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "scale"


def test_the_analysis_is_the_json_of_kloof_analyse(client):
    world = build_api_world()
    response = client.get(
        f"/api/cases/{world.case.pk}/analysis?language=en", **world.headers("viewer")
    )
    cli = subprocess.run(
        [str(KLOOF), "analyse", str(DEMO_CASE), "--format", "json", "--lang", "en"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert response.status_code == 200
    assert response.json() == json.loads(cli.stdout)


def test_the_analysis_takes_the_cases_language_by_default(client):
    world = build_api_world()
    data = client.get(f"/api/cases/{world.case.pk}/analysis", **world.headers("viewer")).json()
    assert (data["format"], data["language"]) == (2, world.case.language)


def test_the_analysis_of_a_decided_blocking_intention_without_ratings(client):
    from kloof.formats.casefile import load_case
    from kloof.storage.mapping import case_from_domain

    world = build_api_world()
    known = load_case(ROOT / "tests" / "data" / "intention-decided-unknown.yaml")
    case = case_from_domain(world.team.workspace, known)
    response = client.get(f"/api/cases/{case.pk}/analysis", **world.headers("viewer"))
    assert response.status_code == 200
    data = response.json()
    assert (data["blocking"], data["toughness"]) == (["intention"], None)
    assert data["blocking_detail"] == [
        {"factor": "intention", "kind": "position", "parties": ["a", "b"]}
    ]
