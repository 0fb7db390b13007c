"""``GET /api/relationships/{relationship}/trend``: the trend of a relationship
as data, with the same series and access rules as the trend page."""

from __future__ import annotations

import pytest

from kloof.storage.api_tokens import create_token
from kloof.storage.models import Relationship
from tests.web.factories import make_team
from tests.web.trend_factory import make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokens(team):
    return {
        role: create_token(team.user(role), team.workspace, f"{role} script")[1]
        for role in ("viewer", "owner")
    }


def get(client, relationship, token, query=""):
    return client.get(
        f"/api/relationships/{relationship.pk}/trend{query}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_viewer_reads_the_trend_as_data(client, team, tokens):
    relationship, rows = make_series(team.workspace)
    response = get(client, relationship, tokens["viewer"])
    assert response.status_code == 200
    data = response.json()
    assert (data["relationship"], data["name"], data["ready"], data["problem"]) == (
        relationship.pk,
        "Acme",
        True,
        None,
    )
    assert data["parties"] == [{"id": "acme", "name": "Acme"}, {"id": "globex", "name": "Globex"}]
    assert [(r["case"], r["date"], r["blocking"]) for r in data["reviews"]] == [
        (rows[0].pk, "2024-03-01", 1),
        (rows[1].pk, "2025-03-01", 0),
        (rows[2].pk, "2026-03-01", 0),
    ]
    assert [round(r["toughness"], 1) for r in data["reviews"]] == [29.2, 12.5, 12.5]
    trust = next(f for f in data["factors"] if f["key"] == "trust")
    assert trust == {
        "key": "trust",
        "name": "Trust",
        "positions": {"acme": [3.0, 5.0, 5.5], "globex": [5.0, 5.0, 5.0]},
    }
    assert data["perception"] == [
        {"factor": "intention", "viewer": "acme", "subject": "globex", "points": [3.0, 1.0, 0.0]}
    ]
    assert [(m["step"], m["case"], m["code"]) for m in data["moved"]] == [
        (1, rows[1].pk, "factor_moved"),
        (1, rows[1].pk, "factor_moved"),
        (1, rows[1].pk, "perception_closes"),
        (2, rows[2].pk, "factor_moved"),
        (2, rows[2].pk, "perception_closes"),
    ]
    trust_move = data["moved"][1]
    assert trust_move["params"] == {
        "factor": "trust",
        "parties": [
            {"party": "acme", "before": 3.0, "after": 5.0, "moved": True},
            {"party": "globex", "before": 5.0, "after": 5.0, "moved": False},
        ],
    }
    assert trust_move["text"] == "Trust: Acme moved from 3 to 5, Globex stayed at 5."
    assert data["moved"][2]["params"] == {
        "factor": "intention",
        "viewer": "acme",
        "subject": "globex",
        "before": 3.0,
        "after": 1.0,
    }


def test_the_words_follow_the_language_asked_for(client, team, tokens):
    relationship, _rows = make_series(team.workspace)
    data = get(client, relationship, tokens["viewer"], "?language=nl").json()
    assert data["language"] == "nl"
    assert data["moved"][1]["text"] == "Vertrouwen: Acme ging van 3 naar 5, Globex bleef op 5."
    assert next(f for f in data["factors"] if f["key"] == "trust")["name"] == "Vertrouwen"


def test_without_a_trend_the_answer_says_why(client, team, tokens):
    relationship, rows = make_series(team.workspace, years=(2024,))
    response = get(client, relationship, tokens["owner"], "?language=nl")
    assert response.status_code == 200
    data = response.json()
    assert data["ready"] is False
    assert data["problem"] == {
        "code": "too_few",
        "params": {"count": 1},
        "text": "Een verloop vergelijkt minstens twee gedateerde reviews; deze relatie heeft er 1.",
        "fix": "Begin de volgende review vanuit de laatste casus, geef die een datum en "
        "beoordeel hem: het verloop laat dan zien wat er sindsdien verschoof.",
    }
    assert [r["case"] for r in data["reviews"]] == [rows[0].pk]
    assert (data["factors"], data["moved"], data["parties"]) == ([], [], [])


def test_another_workspaces_relationship_is_not_found(client, team, tokens):
    other = make_team("Sales", other_name="Marketing")
    relationship, _rows = make_series(other.workspace)
    response = get(client, relationship, tokens["owner"])
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"No relationship with id {relationship.pk} in this workspace."
    }
    missing = Relationship(pk=relationship.pk + 1000)
    assert get(client, missing, tokens["owner"]).status_code == 404
    assert client.get(f"/api/relationships/{relationship.pk}/trend").status_code == 401


def test_the_operation_is_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/relationships/{relationship}/trend"]["get"]
    assert operation["tags"] == ["trend"]
    assert set(operation["responses"]) >= {"200", "401", "403", "404"}
