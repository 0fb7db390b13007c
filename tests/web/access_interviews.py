"""Access entries of interviews and their guides."""

from __future__ import annotations

from typing import Any

from kloof.storage import interviews as store
from tests.web.access_table import World, case_kwargs, in_workspace


def interview_kwargs(world: World) -> dict[str, Any]:
    row = store.create_interview(
        world.case,
        {"interviewee": "Anna", "about": "cartwright", "factors": ["trust", "intention"]},
        None,
    )
    return {**case_kwargs(world), "interview_id": row.pk}


def rate_kwargs(world: World) -> dict[str, Any]:
    return {**interview_kwargs(world), "factor": "trust"}


def answer_data(world: World) -> dict[str, Any]:
    return {"factor": "trust", "answer-trust": "They check every invoice twice."}


ACCESS_ENTRIES = {
    "interviews": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "interview_new": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "interview_guide": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "interview": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=interview_kwargs),
    "interview_answer": in_workspace(
        "POST", viewer=403, editor=200, owner=200, kwargs=interview_kwargs, data=answer_data
    ),
    "interview_edit": in_workspace(
        "GET", viewer=403, editor=200, owner=200, kwargs=interview_kwargs
    ),
    "interview_print": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=interview_kwargs
    ),
    "interview_rate": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=rate_kwargs),
}
