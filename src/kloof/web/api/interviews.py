"""``/api/cases/{case}/interviews``: interviews and their answers. Everybody in
the workspace reads them; editors and owners plan, change and delete them and
put answers. Each answer with text is an evidence note (source interview) for
the party the interview is ``about``; an empty answer removes it, as on the
interview page (:mod:`kloof.storage.interviews`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kloof.storage import interviews as store
from kloof.storage.evidence import case_factors
from kloof.storage.models import Case
from kloof.storage.models_dialogue import Interview
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.common import EDITOR, NO_NUL, NOT_BLANK, Body, IsoDate, Pages, case_of, id_path
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["interviews"])

NAME_LENGTH = 200
KEY_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"


class InterviewAnswerOut(Schema):
    factor: str
    text: str


class InterviewOut(Schema):
    id: int
    key: str = Field(description="The interview's id in the case file (int-1, …).")
    interviewee: str
    party: str | None = Field(description="The key of the interviewee's party, if any.")
    about: str = Field(description="The key of the party the answers are evidence for.")
    role: str | None
    interviewer: str | None = Field(description="A rater's key or any name.")
    date: dt.date | None
    factors: list[str] = Field(description="The factor keys to ask about, in the guide's order.")
    answers: list[InterviewAnswerOut]
    version: int


class InterviewStaleOut(Schema):
    detail: str
    current: InterviewOut | None


def interview_out(row: Interview) -> dict[str, Any]:
    return {
        "id": row.pk,
        "key": row.key,
        "interviewee": row.interviewee,
        "party": row.party.key if row.party else None,
        "about": row.about.key,
        "role": row.role,
        "interviewer": row.interviewer,
        "date": row.date,
        "factors": list(row.factors),
        "answers": [{"factor": a.factor, "text": a.text} for a in row.answers.all() if a.text],
        "version": row.version,
    }


def _find(row: Case, interview_id: int) -> Interview:
    found = store.case_interviews(row).filter(pk=interview_id).first()
    if found is None:
        raise Http404(
            f"No interview with id {interview_id} in this case: "
            f"list them with GET /api/cases/{row.pk}/interviews."
        )
    return found


@router.get(
    "/cases/{case}/interviews",
    response=answers({200: list[InterviewOut]}),
    url_name="api_interviews",
    summary="The case's interviews with their answers",
)
@paginate(Pages)
def list_interviews(request: HttpRequest, case: int = id_path("case")) -> list[dict[str, Any]]:
    row = case_of(request, case)
    return [interview_out(item) for item in store.case_interviews(row)]


class InterviewIn(Body):
    interviewee: str = Field(..., max_length=NAME_LENGTH, pattern=NOT_BLANK)
    about: str | None = Field(
        None, description="The key of the party the answers tell about; default: 'party'."
    )
    party: str | None = Field(None, description="The key of the interviewee's party.")
    role: str | None = Field(None, max_length=NAME_LENGTH, pattern=NO_NUL)
    interviewer: str | None = Field(
        None, max_length=NAME_LENGTH, pattern=NO_NUL, description="A rater's key or any name."
    )
    date: IsoDate | None = None
    factors: list[str] = Field(
        default_factory=list, max_length=100, description="Factor keys; kept in the guide's order."
    )


class InterviewPatch(Body):
    """Fields left out keep their value."""

    version: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read.")
    interviewee: str | None = Field(None, max_length=NAME_LENGTH, pattern=NOT_BLANK)
    about: str | None = None
    party: str | None = None
    role: str | None = Field(None, max_length=NAME_LENGTH, pattern=NO_NUL)
    interviewer: str | None = Field(None, max_length=NAME_LENGTH, pattern=NO_NUL)
    date: IsoDate | None = None
    factors: list[str] | None = Field(None, max_length=100)


def _checked(row: Case, values: dict[str, Any]) -> dict[str, Any]:
    """Party and factor keys checked against the case; factors in the case's order."""
    parties = list(row.parties.values_list("key", flat=True))
    for name in ("party", "about"):
        key = values.get(name)
        if key is not None and key not in parties:
            raise unprocessable(name, f"no party '{key}' in this case", _one_of(parties))
    if not values.get("about") and not values.get("party"):
        raise unprocessable("about", "the interview names no party", _one_of(parties))
    keys = [factor.key for factor in case_factors(row)]
    for key in values.get("factors") or []:
        if key not in keys:
            raise unprocessable("factors", f"no factor '{key}' in this case", _one_of(keys))
    chosen = set(values.get("factors") or [])
    values["factors"] = [key for key in keys if key in chosen]
    values["interviewee"] = " ".join(values["interviewee"].split())
    return values


def _one_of(keys: list[str]) -> str:
    return f"use one of: {', '.join(keys)}"


@router.post(
    "/cases/{case}/interviews",
    response=answers({201: InterviewOut}),
    url_name="api_interview_create",
    summary="Plan an interview (editor)",
)
def create_interview(
    request: HttpRequest, payload: InterviewIn, case: int = id_path("case")
) -> Status:
    row = case_of(request, case, EDITOR)
    values = _checked(row, payload.model_dump())
    created = store.create_interview(row, values, request.auth.user)  # type: ignore[union-attr]
    return Status(201, interview_out(_find(row, created.pk)))


@router.get(
    "/cases/{case}/interviews/{interview}",
    response=answers({200: InterviewOut}),
    url_name="api_interview",
    summary="One interview with its answers",
)
def get_interview(
    request: HttpRequest, case: int = id_path("case"), interview: int = id_path("interview")
) -> dict[str, Any]:
    row = case_of(request, case)
    return interview_out(_find(row, interview))


def _stale(row: Case, version: int, current: Any) -> Status:
    data = {
        "detail": (
            f"The interview changed since version {version}: nothing was saved. "
            "Read it again ('current'), then send your change with its version."
        ),
        "current": interview_out(_find(row, current.pk))
        if isinstance(current, Interview)
        else None,
    }
    return Status(409, data)


@router.patch(
    "/cases/{case}/interviews/{interview}",
    response=answers({200: InterviewOut, 409: InterviewStaleOut}),
    url_name="api_interview_update",
    summary="Change an interview (editor; with its version)",
)
def update_interview(
    request: HttpRequest,
    payload: InterviewPatch,
    case: int = id_path("case"),
    interview: int = id_path("interview"),
) -> Any:
    row = case_of(request, case, EDITOR)
    found = _find(row, interview)
    given = payload.model_fields_set - {"version"}
    values = {
        "interviewee": found.interviewee,
        "party": found.party.key if found.party else None,
        "about": found.about.key,
        "factors": list(found.factors),
    }
    values.update({name: getattr(payload, name) for name in given})
    if values["interviewee"] is None:
        raise unprocessable("interviewee", "it cannot be null", "leave it out or give a name")
    values = _checked(row, values)
    changes = {name: values[name] for name in {*given, "factors"} if name in values}
    try:
        saved = store.update_interview(row, found.key, payload.version, changes, request.auth.user)  # type: ignore[union-attr]
    except StaleVersion as stale:
        return _stale(row, payload.version, stale.current)
    return interview_out(_find(row, saved.pk))


class InterviewVersionQuery(Schema):
    version: int | None = Field(
        None,
        ge=1,
        le=MAX_VERSION,
        description="The version you read: given, the interview is deleted only if it is "
        "still that version (409 otherwise).",
    )


@router.delete(
    "/cases/{case}/interviews/{interview}",
    response=answers({204: None, 409: InterviewStaleOut}),
    url_name="api_interview_delete",
    summary="Delete an interview with its answers and their evidence (editor; with its version)",
)
def delete_interview(
    request: HttpRequest,
    query: Query[InterviewVersionQuery],
    case: int = id_path("case"),
    interview: int = id_path("interview"),
) -> Any:
    row = case_of(request, case, EDITOR)
    found = _find(row, interview)
    version = query.version or found.version
    try:
        store.delete_interview(row, found.key, version, request.auth.user)  # type: ignore[union-attr]
    except StaleVersion as stale:
        return _stale(row, version, stale.current)
    return Status(204, None)


class InterviewAnswerIn(Body):
    text: str = Field(
        ...,
        max_length=store.MAX_ANSWER,
        pattern=NO_NUL,
        description="What the interview told; empty removes the answer and its evidence.",
    )


@router.put(
    "/cases/{case}/interviews/{interview}/answers/{factor}",
    response=answers({200: InterviewOut}),
    url_name="api_interview_answer",
    summary="Put the answer on one factor; it becomes evidence for 'about' (editor)",
)
def put_answer(
    request: HttpRequest,
    payload: InterviewAnswerIn,
    factor: str,
    case: int = id_path("case"),
    interview: int = id_path("interview"),
) -> dict[str, Any]:
    row = case_of(request, case, EDITOR)
    found = _find(row, interview)
    if factor not in found.factors:
        raise unprocessable(
            "factor",
            f"the interview does not plan the factor '{factor}'",
            _one_of(list(found.factors)) + " (or add it with PATCH 'factors')",
        )
    store.save_answer(row, found, factor, payload.text, request.auth.user)  # type: ignore[union-attr]
    return interview_out(_find(row, found.pk))
