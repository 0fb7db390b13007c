"""The relationships part of the JSON API in the route-and-role table: a session
(or nobody) gets 401 on every operation; what tokens may do is in
tests/web/test_api_relationships.py and tests/web/test_api_cross.py."""

from __future__ import annotations

from typing import Any

from tests.web.access_api import post_only, session_refused
from tests.web.access_relationships import relationship_of
from tests.web.access_table import World


def rel_arg(world: World) -> dict[str, Any]:
    return {"relationship": relationship_of(world).pk}


def phase_args(world: World) -> dict[str, Any]:
    row = relationship_of(world)
    return {"relationship": row.pk, "phase": row.phases.first().pk}


def case_arg(world: World) -> dict[str, Any]:
    return {"case": world.case.pk}


ACCESS_ENTRIES = {
    "api_relationships": session_refused(),
    "api_relationship_create": session_refused(),
    "api_relationship": session_refused(kwargs=rel_arg),
    "api_relationship_update": session_refused(kwargs=rel_arg),
    "api_relationship_archive": post_only(kwargs=rel_arg),
    "api_relationship_cases": session_refused(kwargs=rel_arg),
    "api_case_relationship": post_only(kwargs=case_arg),  # PUT only: a GET is 405
    "api_review_start": post_only(kwargs=rel_arg),
    "api_phases": session_refused(kwargs=rel_arg),
    "api_phase_create": session_refused(kwargs=rel_arg),
    "api_phase_update": post_only(kwargs=phase_args),  # PUT and DELETE: a GET is 405
    "api_phase_delete": post_only(kwargs=phase_args),
}
