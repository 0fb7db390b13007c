"""``/api/scenarios``: the workspace's own practice scenarios.

Members list them and read one with its source; editors and owners upload a
new one, replace one (the same id) and delete one. The source is the scenario
file's text (YAML or JSON), checked by the same loader as a built-in scenario:
a file with problems answers 422 with every problem, its line and its fix, and
nothing is stored. A scenario a group session uses is not deleted (409): the
session's results need it. Practising them: ``/api/practice``; a group session
on one: ``/api/group-sessions`` with its id.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kloof.formats.scenario_problems import ScenarioProblemsError
from kloof.storage import workspace_scenarios as store
from kloof.storage.models_practice import PracticeScenario
from kloof.web.api.common import EDITOR, VIEWER, Body, Pages, need
from kloof.web.api.errors import ApiError, answers, unprocessable

router = Router(tags=["own scenarios"])

#: The scenario's id in the path: as the file's ``id`` (lower case, digits, hyphens).
OwnKey = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class OwnScenarioOut(Schema):
    key: str = Field(description="The scenario's id, as its file's 'id:' line.")
    title: dict[str, str] | None = Field(
        description="{nl, en}; null when the stored file no longer passes the checks."
    )
    level: str | None
    domain: str | None
    created: dt.datetime
    updated: dt.datetime
    sessions: int = Field(description="How many group sessions use it (then it is not deleted).")


class OwnScenarioSourceOut(OwnScenarioOut):
    source: str = Field(description="The scenario file as uploaded.")


def own_out(row: PracticeScenario, source: bool = False) -> dict[str, Any]:
    try:
        scenario = store.parsed(row)
    except ScenarioProblemsError:
        scenario = None
    out: dict[str, Any] = {
        "key": row.key,
        "title": {"nl": scenario.title.nl, "en": scenario.title.en} if scenario else None,
        "level": scenario.level if scenario else None,
        "domain": scenario.domain if scenario else None,
        "created": row.created,
        "updated": row.updated,
        "sessions": len(store.sessions_using(row)),
    }
    if source:
        out["source"] = row.source
    return out


class OwnScenarioIn(Body):
    source: str = Field(
        ...,
        min_length=1,
        max_length=store.MAX_UPLOAD_BYTES,
        description="The scenario file's text (format: kloof-scenario/1).",
    )
    kind: Literal["yaml", "json"] = Field("yaml", description="How the source is written.")


def _row(request: HttpRequest, key: str, role: str) -> PracticeScenario:
    use = need(request, role)
    row = store.row_of(use.workspace, key)
    if row is None:
        raise Http404(f"No scenario '{key}' in this workspace: list them with GET /api/scenarios.")
    return row


def _problems(error: ScenarioProblemsError) -> ApiError:
    errors = [
        {
            "field": "source",
            "location": f"line {problem.line}" if problem.line else "source",
            "problem": problem.problem,
            "fix": problem.fix or "",
        }
        for problem in error.problems
    ]
    count = len(errors)
    detail = (
        f"The scenario file has {count} problem{'s' if count != 1 else ''}; nothing was "
        "stored. Fix each one (see errors) and send it again."
    )
    return ApiError(422, detail, extra={"errors": errors})


def _data(payload: OwnScenarioIn) -> tuple[bytes, str]:
    data = payload.source.encode("utf-8")
    if len(data) > store.MAX_UPLOAD_BYTES:
        raise unprocessable("source", "it is larger than 10 MB", "send a smaller file")
    return data, f"scenario.{payload.kind}"


@router.get(
    "/scenarios",
    response=answers({200: list[OwnScenarioOut]}),
    url_name="api_own_scenarios",
    summary="The workspace's own practice scenarios, by id",
)
@paginate(Pages)
def list_own(request: HttpRequest) -> list[dict[str, Any]]:
    use = need(request, VIEWER)
    return [own_out(row) for row in store.rows_of(use.workspace)]


@router.post(
    "/scenarios",
    response=answers({201: OwnScenarioSourceOut}),
    url_name="api_own_scenario_create",
    summary="Upload a scenario of the workspace's own (editor)",
)
def create_own(request: HttpRequest, payload: OwnScenarioIn) -> Status:
    use = need(request, EDITOR)
    data, name = _data(payload)
    try:
        row = store.add(use.workspace, data, name, use.user)
    except ScenarioProblemsError as error:
        raise _problems(error) from None
    except store.BuiltinKeyError as error:
        raise unprocessable(
            "source",
            f"the id {error.key!r} is that of a built-in scenario",
            "give it an id of its own",
        ) from None
    except store.KeyTakenError as error:
        raise unprocessable(
            "source",
            f"this workspace already has a scenario with the id {error.key!r}",
            f"give it another id, or replace it with PUT /api/scenarios/{error.key}",
        ) from None
    return Status(201, own_out(row, source=True))


@router.get(
    "/scenarios/{key}",
    response=answers({200: OwnScenarioSourceOut}),
    url_name="api_own_scenario",
    summary="One of the workspace's own scenarios, with its source",
)
def get_own(request: HttpRequest, key: OwnKey) -> dict[str, Any]:
    return own_out(_row(request, key, VIEWER), source=True)


@router.put(
    "/scenarios/{key}",
    response=answers({200: OwnScenarioSourceOut}),
    url_name="api_own_scenario_replace",
    summary="Replace a scenario with a new version of the same id (editor)",
)
def replace_own(request: HttpRequest, key: OwnKey, payload: OwnScenarioIn) -> dict[str, Any]:
    row = _row(request, key, EDITOR)
    data, name = _data(payload)
    try:
        row = store.replace(row, data, name)
    except ScenarioProblemsError as error:
        raise _problems(error) from None
    except store.KeyChangedError as error:
        raise unprocessable(
            "source",
            f"the file's id is {error.found!r}, not {error.key!r}",
            f"write 'id: {error.key}', or upload it as a new scenario with POST /api/scenarios",
        ) from None
    return own_out(row, source=True)


@router.delete(
    "/scenarios/{key}",
    response=answers({204: None}, 409),
    url_name="api_own_scenario_delete",
    summary="Delete a scenario no group session uses (editor)",
)
def delete_own(request: HttpRequest, key: OwnKey) -> Status:
    row = _row(request, key, EDITOR)
    try:
        store.delete(row)
    except store.InUseError as error:
        count = len(error.sessions)
        return Status(
            409,
            {
                "detail": (
                    f"{count} group session uses this scenario and its results need it"
                    if count == 1
                    else f"{count} group sessions use this scenario and their results need it"
                )
                + ": it is not deleted. Replace it with PUT instead."
            },
        )
    return Status(204, None)
