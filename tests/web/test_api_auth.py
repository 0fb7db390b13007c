"""API authentication: a bearer token only (never a session, so no CSRF), a
refused token is counted and logged without the token, and too many refusals
from one address answer 429 with Retry-After to its refused tokens, never to a
valid one."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from kloof.storage.api_tokens import revoke_token
from kloof.storage.models import ApiToken, AttemptCount
from kloof.web import secret_throttle
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def test_without_a_token_the_answer_is_401_json_naming_the_fix(client):
    build_api_world()
    response = client.get("/api/cases")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="kloof"'
    assert "Authorization: Bearer" in response.json()["detail"]
    assert AttemptCount.objects.count() == 0  # no token, no guess


def test_a_logged_in_session_is_not_api_auth_and_needs_no_csrf(client):
    world = build_api_world()
    client.force_login(world.team.owner)
    assert client.get("/api/cases").status_code == 401
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/api/cases/{world.case.pk}/links",
        {"party": world.case.parties.first().pk},
        content_type="application/json",
        **world.headers("editor"),
    )
    assert response.status_code == 201  # a bearer token, no CSRF token: accepted


@pytest.mark.parametrize("header", ["Bearer kloof_wrong", "Basic a2xvb2Y6eA==", "Bearer "])
def test_a_wrong_token_is_401(client, header):
    build_api_world()
    response = client.get("/api/cases", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_revoked_token_is_401_and_the_refusal_is_logged_without_it(client, caplog):
    world = build_api_world()
    row = ApiToken.objects.get(user=world.team.editor)
    assert client.get("/api/cases", **world.headers("editor")).status_code == 200
    revoke_token(world.team.workspace, row.pk)
    with caplog.at_level(logging.WARNING, logger="kloof.security"):
        response = client.get("/api/cases", **world.headers("editor"))
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]
    assert "revoked" in caplog.text
    assert world.tokens["editor"] not in caplog.text
    assert world.tokens["editor"][6:20] not in caplog.text


def test_a_former_members_token_stops_at_once(client):
    world = build_api_world()
    assert client.get("/api/cases", **world.headers("viewer")).status_code == 200
    world.team.membership("viewer").delete()
    assert client.get("/api/cases", **world.headers("viewer")).status_code == 401


def test_a_demoted_members_token_is_demoted_at_once(client):
    world = build_api_world()
    membership = world.team.membership("editor")
    membership.role = "viewer"
    membership.save()
    url = f"/api/cases/{world.case.pk}/links"
    response = client.get(url, **world.headers("editor"))
    assert response.status_code == 403
    assert "viewer" in response.json()["detail"]


def test_guessing_is_throttled_with_429_and_retry_after_but_a_valid_token_works(client, caplog):
    world = build_api_world()
    with caplog.at_level(logging.WARNING, logger="kloof.security"):
        for _ in range(secret_throttle.LIMIT):
            guess = client.get("/api/cases", HTTP_AUTHORIZATION="Bearer kloof_guess")
            assert guess.status_code == 401
        response = client.get("/api/cases", HTTP_AUTHORIZATION="Bearer kloof_guess")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "wait 60 seconds" in response.json()["detail"]
    # Somebody else behind the same address, with their own valid token: served.
    assert client.get("/api/cases", **world.headers("viewer")).status_code == 200
    # The refusals over the limit are neither counted nor logged: no flood in either.
    assert AttemptCount.objects.get(scope="api").count == secret_throttle.LIMIT
    assert caplog.text.count("refused api secret from 127.0.0.1") == secret_throttle.LIMIT
    other = Client(REMOTE_ADDR="10.0.0.9")  # another address has its own count
    assert other.get("/api/cases", HTTP_AUTHORIZATION="Bearer kloof_guess").status_code == 401


def test_last_used_is_shown_after_a_call(client):
    world = build_api_world()
    client.get("/api/workspaces", **world.headers("owner"))
    row = ApiToken.objects.get(user=world.team.owner)
    assert row.last_used is not None
