"""``/api/group-sessions``: a workspace's group sessions on practice scenarios.

Members list them, read one and its live aggregate; editors and owners start
one (its token and link are in the answer to the POST that made it, once: only
the token's hash is stored), reveal the reference, close it (the link stops)
and read the results per participant (nicknames only). The participants' own
pages are HTML only (``/g/<token>``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from kloof.services import group_live
from kloof.services.practice import builtin_ids, factor_names
from kloof.storage import group_sessions as store
from kloof.storage import workspace_scenarios as own_store
from kloof.storage.models_practice import GroupSession
from kloof.web.api.common import (
    EDITOR,
    NO_NUL,
    VIEWER,
    Body,
    IsoDateTime,
    Pages,
    id_path,
    link_expiry,
    need,
)
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["group sessions"])

DEFAULT_HOURS = 4
#: A session is a meeting: a week at most, as on the web page (a respondent link: a year).
MAX_DAYS = 7


class SessionOut(Schema):
    id: int
    scenario: str = Field(description="The id of the built-in scenario or the workspace's own.")
    language: str
    name: str
    created: dt.datetime
    expires: dt.datetime
    revealed: dt.datetime | None = Field(description="When the reference was shown; null: not yet.")
    closed: dt.datetime | None
    state: str = Field(description="open, closed or expired.")
    joined: int
    submitted: int


class NewSessionOut(SessionOut):
    token: str = Field(description="The link's secret, shown only in this answer.")
    url: str = Field(description="The whole link for the participants; shown only in this answer.")


def session_out(session: GroupSession) -> dict[str, Any]:
    participants = store.participants_of(session)
    return {
        "id": session.pk,
        "scenario": session.scenario,
        "language": session.language,
        "name": session.name,
        "created": session.created,
        "expires": session.expires,
        "revealed": session.revealed,
        "closed": session.closed,
        "state": store.session_state(session).value,
        "joined": len(participants),
        "submitted": sum(1 for row in participants if row.submitted is not None),
    }


def _session(request: HttpRequest, session_id: int, role: str) -> GroupSession:
    use = need(request, role)
    found = store.session_of(use.workspace, session_id)
    if found is None:
        raise Http404(
            f"No group session with id {session_id} in this workspace: "
            "list them with GET /api/group-sessions."
        )
    return found


@router.get(
    "/group-sessions",
    response=answers({200: list[SessionOut]}),
    url_name="api_group_sessions",
    summary="The workspace's group sessions, newest first, without tokens",
)
@paginate(Pages)
def list_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    use = need(request, VIEWER)
    return [session_out(row) for row in store.sessions_of(use.workspace)]


class SessionIn(Body):
    scenario: str = Field(
        ...,
        max_length=100,
        pattern=NO_NUL,
        description="A built-in scenario's id, or one of the workspace's own (GET /api/scenarios).",
    )
    language: Literal["nl", "en"] = "en"
    name: str = Field("", max_length=store.NAME_LENGTH, pattern=NO_NUL)
    expires: IsoDateTime | None = Field(
        None, description=f"When the link stops; default in {DEFAULT_HOURS} hours."
    )

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())


@router.post(
    "/group-sessions",
    response=answers({201: NewSessionOut}),
    url_name="api_group_session_create",
    summary="Start a group session; its token is shown only in this answer (editor)",
)
def create_session(request: HttpRequest, payload: SessionIn) -> Status:
    use = need(request, EDITOR)
    own = None
    if payload.scenario not in builtin_ids():
        own = own_store.row_of(use.workspace, payload.scenario)
    if payload.scenario not in builtin_ids() and own is None:
        raise unprocessable(
            "scenario",
            f"no built-in scenario and none of this workspace's own is {payload.scenario!r}",
            f"use one of {', '.join(builtin_ids())}, or an id from GET /api/scenarios",
        )
    expires = payload.expires or dt.datetime.now(dt.UTC) + dt.timedelta(hours=DEFAULT_HOURS)
    expires = link_expiry(expires, default_days=1, max_days=MAX_DAYS)
    session, token = store.create_session(
        use.workspace,
        scenario=payload.scenario,
        language=payload.language,
        name=payload.name,
        expires=expires,
        created_by=use.user,
        own=own,
    )
    url = request.build_absolute_uri(reverse("group_start", kwargs={"token": token}))
    return Status(201, {**session_out(session), "token": token, "url": url})


@router.get(
    "/group-sessions/{session}",
    response=answers({200: SessionOut}),
    url_name="api_group_session",
    summary="One group session",
)
def get_session(request: HttpRequest, session: int = id_path("group session")) -> dict[str, Any]:
    return session_out(_session(request, session, VIEWER))


@router.post(
    "/group-sessions/{session}/close",
    response=answers({200: SessionOut}),
    url_name="api_group_session_close",
    summary="Close a group session: its link stops at once (editor)",
)
def close_session(request: HttpRequest, session: int = id_path("group session")) -> dict[str, Any]:
    return session_out(store.close(_session(request, session, EDITOR)))


@router.post(
    "/group-sessions/{session}/reveal",
    response=answers({200: SessionOut}),
    url_name="api_group_session_reveal",
    summary="Reveal the reference to the participants; answers stand from then on (editor)",
)
def reveal_session(request: HttpRequest, session: int = id_path("group session")) -> dict[str, Any]:
    return session_out(store.reveal(_session(request, session, EDITOR)))


class PartyLive(Schema):
    party: str
    counts: dict[str, int] = Field(description="How many gave each score (1 to 7 in halves).")
    rated: int
    mean: float | None
    reference: float


class FactorLive(Schema):
    factor: str
    parties: list[PartyLive]


class DifferenceLive(Schema):
    difference: dict[str, Any] = Field(
        description="{kind, factor, parties} or {kind, factor, viewer, subject}."
    )
    flagged: int
    blocking: bool | None = Field(description="In the reference; null until revealed.")


class LiveOut(Schema):
    joined: int
    submitted: int
    factors: list[FactorLive]
    differences: list[DifferenceLive]


@router.get(
    "/group-sessions/{session}/live",
    response=answers({200: LiveOut}),
    url_name="api_group_session_live",
    summary="The group's ratings per factor and party, and the flagged differences",
)
def live(request: HttpRequest, session: int = id_path("group session")) -> dict[str, Any]:
    row = _session(request, session, VIEWER)
    scenario = store.scenario_of(row)
    participants = store.participants_of(row)
    data = [item.answers for item in participants if item.submitted is not None]
    revealed = row.revealed is not None
    factors = group_live.factor_rows(scenario, data, factor_names("en"), "en")
    return {
        "joined": len(participants),
        "submitted": len(data),
        "factors": [
            {
                "factor": factor.factor,
                "parties": [
                    {
                        "party": party.party,
                        "counts": {
                            f"{value:g}": count
                            for value, count in zip(group_live.SCALE, party.counts, strict=True)
                        },
                        "rated": party.rated,
                        "mean": party.mean,
                        "reference": party.reference,
                    }
                    for party in factor.parties
                ],
            }
            for factor in factors
        ],
        "differences": [
            {
                "difference": item.key.as_data(),
                "flagged": item.flagged,
                "blocking": item.blocking if revealed else None,
            }
            for item in group_live.difference_rows(scenario, data)
            if item.flagged or revealed
        ],
    }


class ResultOut(Schema):
    nickname: str
    score: float | None
    recall: float | None
    precision: float | None
    first_move: str | None
    first_move_right: bool | None
    ratings: dict[str, float | None] = Field(description="By 'factor:party'.")


@router.get(
    "/group-sessions/{session}/results",
    response=answers({200: list[ResultOut]}),
    url_name="api_group_session_results",
    summary="The results per participant who submitted, by nickname (editor)",
)
def results(request: HttpRequest, session: int = id_path("group session")) -> list[dict[str, Any]]:
    row = _session(request, session, EDITOR)
    rows = [
        (item.nickname, item.answers, item.feedback)
        for item in store.participants_of(row)
        if item.submitted is not None
    ]
    header, table = group_live.result_rows(store.scenario_of(row), rows)
    fixed = 6
    return [
        {
            **dict(zip(header[:fixed], line[:fixed], strict=True)),
            "ratings": dict(zip(header[fixed:], line[fixed:], strict=True)),
        }
        for line in table
    ]
