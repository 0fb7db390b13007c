"""Every error under /api/ is JSON with a clear message: unknown paths, wrong
methods, invalid input (naming the field and the fix), a database that cannot
write (503), and even a bug (500, logged, no traceback)."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from kloof.web.api import cases as cases_module
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def test_an_unknown_path_is_404_json(client):
    response = client.get("/api/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "openapi.json" in response.json()["detail"]


def test_a_wrong_method_is_405_json_naming_the_allowed_ones(client):
    world = build_api_world()
    response = client.delete(f"/api/cases/{world.case.pk}", **world.headers("owner"))
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "DELETE is not allowed here: use GET."}


def test_invalid_input_names_the_field_and_the_fix(client):
    world = build_api_world()
    response = client.get("/api/cases?limit=500", **world.headers("viewer"))
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {
            "field": "limit",
            "location": "query",
            "problem": "Input should be less than or equal to 100",
            "fix": "give 'limit' a smaller value",
        }
    ]
    assert body["detail"].startswith("Invalid 'limit': ")


def test_a_body_that_is_not_json_is_400_with_the_fix(client):
    world = build_api_world()
    response = client.post(
        "/api/cases", "{not json", content_type="application/json", **world.headers("editor")
    )
    assert response.status_code == 400
    assert "Content-Type: application/json" in response.json()["detail"]


def test_a_missing_field_is_named(client):
    world = build_api_world()
    response = client.post(
        "/api/cases", {"title": "X"}, content_type="application/json", **world.headers("editor")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "parties"
    assert response.json()["errors"][0]["fix"] == "add 'parties'"


def test_a_database_that_cannot_write_is_503_with_retry_after(client, monkeypatch):
    world = build_api_world()

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(cases_module.commands, "store_case", locked)
    body = {"title": "New", "parties": [{"name": "A"}, {"name": "B"}]}
    response = client.post(
        "/api/cases", body, content_type="application/json", **world.headers("editor")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "nothing was changed" in response.json()["detail"]


def test_a_bug_is_a_500_json_without_traceback(client, monkeypatch, caplog):
    world = build_api_world()

    def broken(row):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(cases_module, "case_out", broken)
    response = client.get(f"/api/cases/{world.case.pk}", **world.headers("viewer"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "secret internals" not in response.content.decode()
    assert "secret internals" in caplog.text  # logged for the operator


def test_the_schema_documents_the_errors_of_each_operation(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/cases/{case}/ratings"]["put"]
    assert {"200", "401", "403", "404", "422", "429", "503"} <= set(operation["responses"])
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    response = client.get("/api/docs")
    text = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in text
    assert "cdn" not in text and "https://" not in text
    assert "<script>" not in text  # no inline script: the CSP holds
    assert client.get("/static/ninja/swagger-ui-init.js").status_code == 200


def test_an_unknown_query_parameter_is_refused_naming_the_ones_there_are(client):
    world = build_api_world()
    response = client.get("/api/cases?limt=5", **world.headers("viewer"))
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "limt",
        "location": "query",
        "problem": "this operation has no such query parameter",
        "fix": "leave it out (this operation takes: archived, limit, offset)",
    }
