"""``/api/practice/scenarios`` and ``/api/practice/attempts``: practising
through the API, on the built-in scenarios and the token's workspace's own
(``/api/scenarios`` manages those).

Any member's token (a viewer's too) practises for its user; attempts are
the user's own (anybody else's answers 404). A scenario is served without
its reference analysis: the reference positions come only in the feedback
of a finished attempt. Scoring is the engine's
(:func:`kloof.domain.practice.score`); the feedback is the JSON of
``kloof practice score --format json``.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kloof.domain.model import PERCEPTION
from kloof.domain.practice import Attempt, DifferenceKey, Scenario, score
from kloof.formats.errors import InputError
from kloof.formats.scenario_problems import ScenarioProblemsError
from kloof.services.practice import builtin_scenario, find_scenarios
from kloof.storage import practice as store
from kloof.storage import workspace_scenarios as own_store
from kloof.storage.models_practice import PracticeAttempt, PracticeScenario
from kloof.web.api.common import NO_NUL, Body, Pages, caller, id_path
from kloof.web.api.errors import answers, unprocessable
from kloof.web.forms.practice import offered_differences

router = Router(tags=["practice"])

Level = Literal["basic", "advanced"]
Domain = Literal["work", "private", "news"]
Language = Literal["nl", "en"]
Key = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
Score = Annotated[float, Field(ge=1, le=7)]


class Texts(Schema):
    nl: str
    en: str


class ScenarioPartyOut(Schema):
    id: str
    name: Texts


class ScenarioOut(Schema):
    id: str
    level: Level
    domain: Domain
    title: Texts
    summary: Texts
    parties: list[ScenarioPartyOut]
    factors: list[str]
    own: bool = Field(
        False, description="True: this workspace's own scenario; false: a built-in one."
    )


class MoveOut(Schema):
    key: str
    text: Texts


class ScenarioDetailOut(ScenarioOut):
    text: Texts
    first_moves: list[MoveOut] = Field(description="The moves to choose the first one from.")
    perception: bool = Field(
        description="Whether blocking perception gaps may be flagged (advanced level)."
    )


def _texts(text: Any) -> dict[str, str]:
    return {"nl": text.get("nl"), "en": text.get("en")}


def scenario_out(scenario: Scenario, detail: bool = False, own: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "own": own,
        "id": scenario.id,
        "level": scenario.level,
        "domain": scenario.domain,
        "title": _texts(scenario.title),
        "summary": _texts(scenario.summary),
        "parties": [{"id": p.id, "name": _texts(p.name)} for p in scenario.parties],
        "factors": list(scenario.factors),
    }
    if detail:
        out["text"] = _texts(scenario.text)
        out["first_moves"] = [
            {"key": option.key, "text": _texts(option.text)}
            for option in scenario.reference.first_move.options
        ]
        out["perception"] = any(key.kind == PERCEPTION for key in offered_differences(scenario))
    return out


class ScenarioFilters(Schema):
    level: Level | None = None
    domain: Domain | None = None


@router.get(
    "/practice/scenarios",
    response=answers({200: list[ScenarioOut]}),
    url_name="api_practice_scenarios",
    summary="The practice scenarios: the built-in ones, then the workspace's own",
)
@paginate(Pages)
def list_scenarios(request: HttpRequest, filters: Query[ScenarioFilters]) -> list[dict[str, Any]]:
    use = caller(request)
    found = [scenario_out(s) for s in find_scenarios(level=filters.level, domain=filters.domain)]
    for row in own_store.rows_of(use.workspace):
        scenario = _readable(row)
        if (
            scenario is not None
            and filters.level in (None, scenario.level)
            and filters.domain in (None, scenario.domain)
        ):
            found.append(scenario_out(scenario, own=True))
    return found


def _readable(row: PracticeScenario) -> Scenario | None:
    try:
        return own_store.parsed(row)
    except ScenarioProblemsError:  # a newer kloof may check more than the one that stored it
        return None


def _scenario(request: HttpRequest, scenario_id: str) -> tuple[Scenario, PracticeScenario | None]:
    """A built-in scenario, or the token's workspace's own one with its row."""
    try:
        return builtin_scenario(scenario_id), None
    except InputError:
        pass
    row = own_store.row_of(caller(request).workspace, scenario_id)
    scenario = _readable(row) if row is not None else None
    if row is None or scenario is None:
        raise Http404(f"No scenario '{scenario_id}': list them with GET /api/practice/scenarios.")
    return scenario, row


@router.get(
    "/practice/scenarios/{scenario}",
    response=answers({200: ScenarioDetailOut}),
    url_name="api_practice_scenario",
    summary="One scenario to read: its text, parties and moves (not its reference)",
)
def get_scenario(request: HttpRequest, scenario: Key) -> dict[str, Any]:
    found, row = _scenario(request, scenario)
    return scenario_out(found, detail=True, own=row is not None)


class DifferenceIn(Body):
    kind: Literal["position", "perception"]
    factor: Key
    parties: list[Key] = Field(
        ...,
        min_length=2,
        max_length=2,
        description="position: the two parties; perception: [viewer, subject].",
    )


class AttemptIn(Body):
    scenario: Key
    language: Language = "en"
    positions: dict[Key, dict[Key, Score]] = Field(
        default_factory=dict, description="Your score per party and factor, 1 to 7."
    )
    blocking: list[DifferenceIn] = Field(default_factory=list, max_length=500)
    first_move: Key | None = None
    finish: bool = Field(True, description="Score it now; false keeps it as a draft.")


class AttemptOut(Schema):
    id: int
    scenario: str
    language: str
    level: str
    answers: dict[str, Any]
    finished: dt.datetime | None
    score: float | None
    recall: float | None
    precision: float | None
    feedback: dict[str, Any] | None = Field(
        description="The feedback (as `kloof practice score --format json`); null for a draft."
    )
    created: dt.datetime


def attempt_out(row: PracticeAttempt) -> dict[str, Any]:
    return {
        "id": row.pk,
        "scenario": row.scenario,
        "language": row.language,
        "level": row.level,
        "answers": row.answers,
        "finished": row.finished,
        "score": row.score,
        "recall": row.recall,
        "precision": row.precision,
        "feedback": row.feedback if row.finished else None,
        "created": row.created,
    }


def _attempt(scenario: Scenario, payload: AttemptIn) -> Attempt:
    """The payload as the engine's attempt; unknown parties, factors,
    differences or moves answer 422 naming them."""
    parties = {party.id for party in scenario.parties}
    positions: dict[tuple[str, str], float | None] = {}
    for party, scores in payload.positions.items():
        if party not in parties:
            raise unprocessable(
                "positions",
                f"'{party}' is not a party of this scenario",
                f"use the parties' ids: {', '.join(sorted(parties))}",
            )
        for factor, value in scores.items():
            if factor not in scenario.factors:
                raise unprocessable(
                    "positions",
                    f"'{factor}' is not a factor of this scenario",
                    f"use one of: {', '.join(scenario.factors)}",
                )
            positions[party, factor] = value
    offered = set(offered_differences(scenario))
    blocking = set()
    for item in payload.blocking:
        first, second = item.parties
        key = (
            DifferenceKey.position(item.factor, first, second)
            if item.kind == "position"
            else DifferenceKey.perception(item.factor, first, second)
        )
        if key not in offered:
            raise unprocessable(
                "blocking",
                f"{item.kind} {item.factor} {first}/{second} cannot be flagged here",
                "flag two different parties of the scenario on one of its factors "
                "(perception gaps at the advanced level only)",
            )
        blocking.add(key)
    moves = [option.key for option in scenario.reference.first_move.options]
    if payload.first_move is not None and payload.first_move not in moves:
        raise unprocessable(
            "first_move", "it is not one of the moves", f"use one of: {', '.join(moves)}"
        )
    if payload.finish and payload.first_move is None:
        raise unprocessable(
            "first_move", "a finished attempt needs one", f"use one of: {', '.join(moves)}"
        )
    for party in scenario.parties:
        for factor in scenario.factors:
            positions.setdefault((party.id, factor), None)
    return Attempt(scenario.id, positions, frozenset(blocking), payload.first_move)


@router.post(
    "/practice/attempts",
    response=answers({201: AttemptOut}),
    url_name="api_practice_attempt_create",
    summary="Answer a scenario: scored at once (finish) or kept as your draft",
)
def create_attempt(request: HttpRequest, payload: AttemptIn) -> Any:
    use = caller(request)
    scenario, own = _scenario(request, payload.scenario)
    attempt = _attempt(scenario, payload)
    if payload.finish:
        feedback = score(scenario, attempt)
        row = store.finish_attempt(
            use.user, scenario, payload.language, attempt, feedback, source=own
        )
    else:
        row = store.save_draft(use.user, scenario, payload.language, attempt, own)
    return Status(201, attempt_out(row))


@router.get(
    "/practice/attempts",
    response=answers({200: list[AttemptOut]}),
    url_name="api_practice_attempts",
    summary="Your attempts and drafts, newest first",
)
@paginate(Pages)
def list_attempts(request: HttpRequest) -> list[dict[str, Any]]:
    use = caller(request)
    rows = PracticeAttempt.objects.filter(user_id=use.user.pk).order_by("-created", "-id")
    return [attempt_out(row) for row in rows]


def _own(request: HttpRequest, attempt_id: int) -> PracticeAttempt:
    row = store.own_attempt(caller(request).user, attempt_id)
    if row is None:
        raise Http404(
            f"No attempt with id {attempt_id} of yours: list them with GET /api/practice/attempts."
        )
    return row


@router.get(
    "/practice/attempts/{attempt}",
    response=answers({200: AttemptOut}),
    url_name="api_practice_attempt",
    summary="One of your attempts, with its feedback once finished",
)
def get_attempt(request: HttpRequest, attempt: int = id_path("attempt")) -> dict[str, Any]:
    return attempt_out(_own(request, attempt))


def _attempt_scenario(request: HttpRequest, row: PracticeAttempt) -> Scenario:
    """The scenario the draft was made on: its own stored one, if it has one."""
    if row.workspace_scenario is not None:
        scenario = _readable(row.workspace_scenario)
        if scenario is not None:
            return scenario
    return _scenario(request, row.scenario)[0]


@router.post(
    "/practice/attempts/{attempt}/score",
    response=answers({200: AttemptOut}, 409),
    url_name="api_practice_attempt_score",
    summary="Score your draft: it becomes a finished attempt",
)
def score_attempt(request: HttpRequest, attempt: int = id_path("attempt")) -> Any:
    use = caller(request)
    row = _own(request, attempt)
    if row.finished is not None:
        return Status(409, {"detail": "This attempt is scored already: start a new one."})
    scenario = _attempt_scenario(request, row)
    answers_ = store.attempt_of(scenario, row.answers)
    if answers_.first_move is None:
        raise unprocessable(
            "first_move",
            "the draft has no first move",
            "send the attempt again with POST /api/practice/attempts and a first_move",
        )
    feedback = score(scenario, answers_)
    saved = store.finish_attempt(use.user, scenario, row.language, answers_, feedback, draft=row)
    return attempt_out(saved)
