"""A respondent's token never reaches a log: not Django's request log (404, 403,
405 and CSRF refusals name the path), not the refusal log of the throttle, not
gunicorn's access or error log of a real ``kloof serve``."""

from __future__ import annotations

import http.client
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from kloof.storage.respondents import revoke_link
from kloof.web.logfilters import REDACTED, RedactSecrets, redact
from tests.bounds import RUNAWAY_SECONDS
from tests.web.factories import make_demo_case, make_team
from tests.web.processes import clean_env, run_python
from tests.web.respond_support import make_link
from tests.web.test_runner import RUN_SERVE, free_port, wait_for_health

TOKEN = "Zq9-secret_token-AbCdEf0123456789xyz"


def test_redact_replaces_the_token_of_every_respondent_path():
    assert redact(f"GET /r/{TOKEN} HTTP/1.1") == "GET /r/[redacted] HTTP/1.1"
    assert redact(f"http://h/r/{TOKEN}?x=1") == "http://h/r/[redacted]?x=1"
    assert redact("GET /respond/ HTTP/1.1") == "GET /respond/ HTTP/1.1"


def test_the_filter_rewrites_message_arguments_and_drops_the_request():
    class Request:
        path = f"/r/{TOKEN}"

    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", None, None
    )
    record.args = (f"/r/{TOKEN}",)
    record.request = Request()
    assert RedactSecrets().filter(record) is True
    assert (record.getMessage(), record.request) == (f"Not Found: {REDACTED}", None)
    atoms = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(r)s", None, None)
    atoms.args = {"r": f"GET /r/{TOKEN} HTTP/1.1", "s": 302}
    RedactSecrets().filter(atoms)
    assert atoms.getMessage() == f"GET {REDACTED} HTTP/1.1"


@pytest.mark.django_db
def test_django_logs_refused_respondent_urls_without_the_token(caplog):
    case = make_demo_case(make_team().workspace)
    revoked, revoked_token = make_link(case)
    revoke_link(case, revoked.pk)
    _open, open_token = make_link(case)
    strict = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.INFO):
        assert Client().get(f"/r/{TOKEN}").status_code == 404
        assert Client().get(f"/r/{revoked_token}").status_code == 403
        assert Client().post(f"/r/{open_token}").status_code == 405
        assert strict.post(f"/r/{open_token}").status_code == 403  # no CSRF token
    text = caplog.text
    for secret in (TOKEN, revoked_token, open_token):
        assert secret not in text
    assert f"Not Found: {REDACTED}" in text
    assert f"Forbidden: {REDACTED}" in text
    assert f"Method Not Allowed (POST): {REDACTED}" in text
    assert f"Forbidden (CSRF cookie not set.): {REDACTED}" in text
    assert "refused respondent secret from 127.0.0.1: unknown" in text
    assert "refused respondent secret from 127.0.0.1: revoked" in text


MAKE_LINK = """
from kloof.web.runner import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import make_link
case = make_demo_case(make_team().workspace)
print(make_link(case)[1])
"""


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=RUNAWAY_SECONDS)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize("access_log", ["1", "0"])
def test_a_real_server_logs_no_token(data_dir: Path, tmp_path: Path, access_log: str):
    env = clean_env(data_dir, KLOOF_ACCESS_LOG=access_log)
    made = run_python(MAKE_LINK, env)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", RUN_SERVE, str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_health(f"http://127.0.0.1:{port}/healthz", server)
        opened = get(port, f"/r/{token}")
        assert (opened.status, opened.getheader("Location")) == (302, "/respond/")
        cookie = opened.getheader("Set-Cookie").split(";")[0]
        assert get(port, "/respond/", {"Cookie": cookie}).status == 200
        assert get(port, f"/r/{TOKEN}").status == 404
        # A referrer that names the link (a browser ignoring the policy) is not logged either.
        referred = {"Referer": f"http://127.0.0.1:{port}/r/{token}"}
        assert get(port, "/healthz", referred).status == 200
    finally:
        server.terminate()  # a graceful stop: the workers finish their lines first
        server.wait(timeout=RUNAWAY_SECONDS)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert token not in text and TOKEN not in text
    assert f"Not Found: {REDACTED}" in text
    assert "refused respondent secret from 127.0.0.1: unknown" in text
    if access_log == "1":
        assert f'"GET {REDACTED} HTTP/1.1" 302' in text
        assert f'"GET {REDACTED} HTTP/1.1" 404' in text
        assert '"GET /respond/ HTTP/1.1" 200' in text
        assert f"{REDACTED}" in text.split('"GET /healthz HTTP/1.1" 200')[-1].splitlines()[0]
    else:
        assert "GET /respond/" not in text
