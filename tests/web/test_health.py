"""GET /healthz: 200 with a reachable database, 503 without one."""

from __future__ import annotations

import json
import socket

import pytest

from tests.web.processes import clean_env, run_python

# Asks /healthz through Django's test client in a fresh process with the real settings.
ASK_HEALTH = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "kloof.web.settings"
import django
django.setup()
from django.test import Client
response = Client().get("/healthz", HTTP_HOST="localhost")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_needs_no_login_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.cookies == {}


@pytest.mark.django_db
def test_healthz_it_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_answers_503_when_the_sqlite_file_cannot_be_opened(data_dir, tmp_path):
    missing = tmp_path / "no-such-folder" / "kloof.sqlite3"
    env = clean_env(data_dir, KLOOF_DATABASE_URL=f"sqlite:///{missing}")
    result = run_python(ASK_HEALTH, env)
    assert json.loads(result.stdout) == {
        "status": 503,
        "body": {"status": "error", "database": "unreachable"},
    }


def test_healthz_answers_503_when_postgresql_is_not_listening(data_dir):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = clean_env(data_dir, KLOOF_DATABASE_URL=f"postgresql://kloof@127.0.0.1:{port}/kloof")
    result = run_python(ASK_HEALTH, env)
    assert json.loads(result.stdout) == {
        "status": 503,
        "body": {"status": "error", "database": "unreachable"},
    }
