"""``/api/relationships/{relationship}/trend``: the trend of a relationship as
data, the same series as the trend page (its dated, not archived cases in date
order, see :mod:`kloof.storage.relationship_trend`).

Numbers are machine numbers (scores on the cases' scale, toughness 0-100); the
``text`` of a move and of a problem is in the requested language. A
relationship without a trend (fewer than two reviews, other parties) answers
200 with ``ready: false`` and the ``problem``: asking is not an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from kloof.domain.trend import Trend
from kloof.i18n.trend import factor_label
from kloof.i18n.trend_problems import moved_items, problem_sentences
from kloof.storage.models_years import Relationship
from kloof.storage.relationship_trend import RelationshipTrend, relationship_trend
from kloof.web.api.common import VIEWER, id_path, need
from kloof.web.api.errors import answers

router = Router(tags=["trend"])


class TrendQuery(Schema):
    language: Literal["nl", "en"] | None = Field(
        None, description="Language of names and sentences; default: the latest case's."
    )


class TrendProblemOut(Schema):
    code: str = Field(
        description="too_few, parties_differ, scales_differ, missing_date or unreadable"
    )
    params: dict[str, Any]
    text: str = Field(description="What stops the trend, in words.")
    fix: str = Field(description="What to do about it.")


class TrendPartyOut(Schema):
    id: str
    name: str


class TrendReviewOut(Schema):
    case: int
    date: dt.date
    title: str
    blocking: int | None = Field(
        description="Factors with a blocking difference (position or perception)."
    )
    toughness: float | None = Field(description="0-100, of the first two parties.")


class TrendFactorOut(Schema):
    key: str
    name: str
    positions: dict[str, list[float | None]] = Field(
        description="Per party id, its score at each review (null: unknown or not rated)."
    )


class TrendPerceptionOut(Schema):
    factor: str
    viewer: str
    subject: str
    points: list[float | None] = Field(
        description="How far viewer's view of subject lies from subject's own, per review."
    )


class TrendMoveOut(Schema):
    step: int = Field(description="1: from the first review to the second, and so on.")
    case: int = Field(description="The review the move arrived at.")
    code: str = Field(description="factor_moved, perception_closes or perception_widens")
    params: dict[str, Any]
    text: str


class TrendOut(Schema):
    relationship: int
    name: str
    language: str
    ready: bool
    problem: TrendProblemOut | None
    parties: list[TrendPartyOut]
    reviews: list[TrendReviewOut]
    factors: list[TrendFactorOut]
    perception: list[TrendPerceptionOut]
    moved: list[TrendMoveOut]


@router.get(
    "/relationships/{relationship}/trend",
    response=answers({200: TrendOut}),
    url_name="api_relationship_trend",
    summary="The trend of a relationship across its reviews",
)
def get_trend(
    request: HttpRequest, query: Query[TrendQuery], relationship: int = id_path("relationship")
) -> dict[str, Any]:
    use = need(request, VIEWER)
    row = Relationship.objects.filter(pk=relationship, workspace_id=use.workspace.pk).first()
    if row is None:
        raise Http404(f"No relationship with id {relationship} in this workspace.")
    found = relationship_trend(row)
    return trend_data(found, query.language or found.language)


def trend_data(found: RelationshipTrend, language: str) -> dict[str, Any]:
    trend = found.trend
    data: dict[str, Any] = {
        "relationship": found.relationship.pk,
        "name": found.relationship.name,
        "language": language,
        "ready": trend is not None,
        "problem": None,
        "parties": [],
        "reviews": [_review(case, trend, index) for index, case in enumerate(found.cases)],
        "factors": [],
        "perception": [],
        "moved": [],
    }
    if trend is None:
        assert found.problem is not None
        text, fix = problem_sentences(found.problem.code, found.problem.params, language)
        params = dict(found.problem.params)
        data["problem"] = {"code": found.problem.code, "params": params, "text": text, "fix": fix}
        return data
    data["parties"] = [{"id": p, "name": found.names.get(p, p)} for p in trend.parties]
    data["factors"] = [
        {
            "key": item.factor.key,
            "name": factor_label(trend, item.factor.key, language),
            "positions": {party: list(scores) for party, scores in item.scores.items()},
        }
        for item in trend.factors
    ]
    data["perception"] = _perception(trend)
    data["moved"] = [
        {**item, "case": found.cases[item["step"]].pk}
        for item in moved_items(trend, found.names, language)
    ]
    return data


def _review(case: Any, trend: Trend | None, index: int) -> dict[str, Any]:
    review = trend.reviews[index] if trend is not None else None
    return {
        "case": case.pk,
        "date": case.date,
        "title": case.title,
        "blocking": review.blocking if review is not None else None,
        "toughness": review.toughness if review is not None else None,
    }


def _perception(trend: Trend) -> list[dict[str, Any]]:
    keys: dict[tuple[str, str, str], None] = {}
    for review in trend.perception:
        keys.update(dict.fromkeys((p.factor, p.viewer, p.subject) for p in review))
    by_review = [{(p.factor, p.viewer, p.subject): p.points for p in r} for r in trend.perception]
    return [
        {
            "factor": factor,
            "viewer": viewer,
            "subject": subject,
            "points": [found.get((factor, viewer, subject)) for found in by_review],
        }
        for factor, viewer, subject in keys
    ]
