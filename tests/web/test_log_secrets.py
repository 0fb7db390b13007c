"""Every URL that carries a secret is written to logs without it: respondent
links (``/r/…``), invitations (``/join/…/``) and password reset links
(``/accounts/reset/<uid>/<token>/``), also %-encoded in a query. The whole walk
through a real server: tests/e2e/test_log_secrets.py."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from kloof.web.logfilters import RedactSecrets, has_secret, redact

TOKEN = "Zq9-secret_token-AbCdEf0123456789xyz"


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        (f"GET /join/{TOKEN}/ HTTP/1.1", "GET /join/[redacted]/ HTTP/1.1"),
        (f"GET /accounts/reset/MQ/{TOKEN}/ HTTP/1.1", "GET /accounts/reset/[redacted]/ HTTP/1.1"),
        (f"http://h/accounts/reset/MQ/{TOKEN}/", "http://h/accounts/reset/[redacted]/"),
        (f"GET /r/{TOKEN} HTTP/1.1", "GET /r/[redacted] HTTP/1.1"),
        # A secret path in a query, %-encoded, as ?next= carries it.
        (
            f"GET /accounts/login/?next=%2Fjoin%2F{TOKEN}%2F HTTP/1.1",
            "GET /accounts/login/?next=%2Fjoin%2F[redacted]%2F HTTP/1.1",
        ),
        (
            f"/accounts/login/?next=%2fr%2f{TOKEN}&x=1",
            "/accounts/login/?next=%2fr%2f[redacted]&x=1",
        ),
    ],
)
def test_redact_removes_the_secret_of_every_secret_path(line, logged):
    assert redact(line) == logged
    assert TOKEN not in redact(line)


@pytest.mark.parametrize(
    "line",
    [
        "GET /join/ HTTP/1.1",
        "POST /accounts/reset/ HTTP/1.1",
        "GET /accounts/reset/sent/ HTTP/1.1",
        "GET /accounts/reset/done/ HTTP/1.1",
        "GET /accounts/reset/MQ/set-password/ HTTP/1.1",
        "GET /respond/ HTTP/1.1",
        "GET /w/purchasing/cases/12/register/ HTTP/1.1",
    ],
)
def test_paths_without_a_secret_stay_as_they_are(line):
    assert redact(line) == line
    assert not has_secret(line)


def test_the_filter_drops_the_request_of_an_invitation_path():
    class Request:
        def get_full_path(self) -> str:
            return f"/join/{TOKEN}/"

    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Method Not Allowed (%s): %s", None, None
    )
    record.args = ("POST", f"/join/{TOKEN}/")
    record.request = Request()
    assert RedactSecrets().filter(record) is True
    assert (record.getMessage(), record.request) == (
        "Method Not Allowed (POST): /join/[redacted]/",
        None,
    )


@pytest.mark.django_db
def test_django_logs_refused_invitation_and_reset_urls_without_the_secret(caplog):
    strict = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.INFO):
        assert Client().post(f"/join/{TOKEN}/").status_code == 405
        assert strict.post(f"/accounts/reset/MQ/{TOKEN}/").status_code == 403  # no CSRF token
    assert TOKEN not in caplog.text
    assert "Method Not Allowed (POST): /join/[redacted]/" in caplog.text
    assert "Forbidden (CSRF cookie not set.): /accounts/reset/[redacted]/" in caplog.text
