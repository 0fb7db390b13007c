"""schemathesis against /api/openapi.json, in-process (WSGI), with all its
checks: no 5xx, every answer as the schema documents it (status, content type,
body), auth not ignored. Authenticated as an editor of a workspace with the
demo case; a bounded number of examples per operation keeps this within the
suite's time (the long run: benchmarks/api_fuzz.py)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config._checks import PositiveDataAcceptanceConfig

from kloof.storage import agenda as agenda_store
from kloof.storage.api_tokens import create_token
from kloof.web import secret_throttle
from kloof.web.wsgi import application
from tests.web.factories import make_demo_case, make_team
from tests.web.test_api_world import relationship_ids

EXAMPLES = int(os.environ.get("KLOOF_API_FUZZ_EXAMPLES", "12"))

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
# Data can be valid by the schema and still wrong for the case it is sent to: a
# score off *this* case's scale, a factor or party it does not have, an override
# without its reason, an expiry in the past. The API answers those 422 with the
# field and the fix (tests/web/test_api_errors.py); every other check keeps its
# defaults.
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=["2XX", "401", "403", "404", "409", "422", "429"]
)


@pytest.fixture
def keep_connection():
    """Calls straight into the WSGI app end with Django's request_finished,
    which would close the test's connection (and its transaction) on
    PostgreSQL; Django's own test client holds these signals off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(db, monkeypatch, keep_connection) -> str:
    # schemathesis also sends wrong tokens on purpose (to see that auth is not
    # ignored): the guessing throttle would answer everything 429 after five.
    monkeypatch.setattr(secret_throttle, "LIMIT", 10**9)
    team = make_team()
    case = make_demo_case(team.workspace)
    agenda_store.generate(case, team.editor)  # the agenda's operations answer with one
    relationship_ids(case)  # the relationships' operations find one, with a phase
    return create_token(team.editor, team.workspace, "schemathesis")[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_the_api_keeps_to_its_schema(case, editor_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {editor_token}"})
