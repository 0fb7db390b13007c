"""The JSON API in the route-and-role table, and the world the API tests share.

The table's kinds of users are logged in with a session; the API takes bearer
tokens only, so every operation answers every one of them 401 (JSON), and none
of them sees anything. What each *token* may do is in tests/web/test_api_*.py
(their world: tests/web/test_api_world.py),
and tests/web/test_api_cross.py tries every operation of the OpenAPI schema
with another workspace's ids and tokens.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import create_link
from tests.web.access_table import KINDS, World, public


def session_refused(method: str = "GET", **extra: Any) -> dict[str, Any]:
    """An API operation: a session (or nobody) gets 401, whoever it is."""
    return {"method": method, **dict.fromkeys(KINDS, 401), **extra}


def link_of(case: models.Case) -> models.RespondentLink:
    link = case.respondent_links.first()
    if link is None:
        link, _token = create_link(
            case,
            party=case.parties.first(),
            rates="both",
            language="en",
            expires=timezone.now() + timedelta(days=7),
            name="Ann",
        )
    return link


def post_only(**extra: Any) -> dict[str, Any]:
    """A POST-only API path: a GET answers 405 (JSON, naming POST) to anyone."""
    return {"method": "GET", **dict.fromkeys(KINDS, 405), **extra}


def case_arg(world: World) -> dict[str, Any]:
    return {"case": world.case.pk}


def entry_args(world: World) -> dict[str, Any]:
    return {"case": world.case.pk, "entry": world.case.differences.first().pk}


def item_args(world: World) -> dict[str, Any]:
    from tests.web.agenda_factory import make_agenda

    return {"case": world.case.pk, "item": make_agenda(world.case).intention.pk}


def link_args(world: World) -> dict[str, Any]:
    return {"case": world.case.pk, "link": link_of(world.case).pk}


def interview_args(world: World) -> dict[str, Any]:
    from kloof.storage.interviews import create_interview

    row = create_interview(world.case, {"interviewee": "Anna", "about": "cartwright"}, None)
    return {"case": world.case.pk, "interview": row.pk}


def answer_args(world: World) -> dict[str, Any]:
    return {**interview_args(world), "factor": "trust"}


ACCESS_ENTRIES = {
    "api_root": public(),
    "api_openapi": public(),
    "api_docs": public(),
    "api_not_found": public(status=404, kwargs=lambda world: {"rest": "no/such/path"}),
    "api_workspaces": session_refused(),
    "api_cases": session_refused(),
    # The write operations share their path with a read operation (the entries
    # below GET it); what tokens may write is in tests/web/test_api_cross.py.
    "api_case_create": session_refused(),
    "api_case": session_refused(kwargs=case_arg),
    "api_parties": session_refused(kwargs=case_arg),
    "api_raters": session_refused(kwargs=case_arg),
    "api_ratings": session_refused(kwargs=case_arg),
    "api_ratings_save": session_refused(kwargs=case_arg),
    "api_analysis": session_refused(kwargs=case_arg),
    "api_register": session_refused(kwargs=case_arg),
    "api_outcomes": session_refused(kwargs=case_arg),
    "api_outcome_record": post_only(kwargs=item_args),
    "api_minutes": session_refused(kwargs=case_arg),
    "api_register_create": session_refused(kwargs=case_arg),
    "api_register_entry": session_refused(kwargs=entry_args),
    "api_register_entry_update": session_refused(kwargs=entry_args),
    "api_links": session_refused(kwargs=case_arg),
    "api_link_create": session_refused(kwargs=case_arg),
    "api_link_revoke": post_only(kwargs=link_args),
    "api_interviews": session_refused(kwargs=case_arg),
    "api_interview_create": session_refused(kwargs=case_arg),
    "api_interview": session_refused(kwargs=interview_args),
    "api_interview_update": session_refused(kwargs=interview_args),
    "api_interview_delete": session_refused(kwargs=interview_args),
    "api_interview_answer": post_only(kwargs=answer_args),  # PUT only: a GET is 405
    "api_agenda": session_refused(kwargs=case_arg),
    "api_agenda_generate": post_only(kwargs=case_arg),
    "api_agenda_item_create": post_only(kwargs=case_arg),
    # PATCH and DELETE share the item's path: a GET there is 405 to anyone.
    "api_agenda_item": post_only(kwargs=lambda world: {"case": world.case.pk, "item": 1}),
    "api_agenda_item_delete": post_only(kwargs=lambda world: {"case": world.case.pk, "item": 1}),
    "api_agenda_reorder": post_only(kwargs=case_arg),
    "api_agenda_links": session_refused(kwargs=case_arg),
    "api_agenda_link_create": session_refused(kwargs=case_arg),
    "api_agenda_link_revoke": post_only(
        kwargs=lambda world: {"case": world.case.pk, "agenda_link": 1}
    ),
}
