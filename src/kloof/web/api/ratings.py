"""``/api/cases/{case}/ratings``: read the ratings; an editor writes them.

Writing is an upsert per (rater, subject, factor) through the storage command
the rate page uses (:func:`kloof.storage.rating.save_ratings`), with the rate
page's rules: a score on the case's scale (two decimals) or ``null`` for "no
opinion", a factor of the case, a known confidence and source.

In a case that promised its respondents anonymity, the answers of respondents
are not listed one by one: they count only in the analysis, which leaves out
groups that are too small (:func:`kloof.storage.dashboard.load_case`).
"""

import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kloof.domain.model import CONFIDENCES, SOURCES
from kloof.storage import rating as store
from kloof.storage.models import Case, Rating
from kloof.storage.rating import RatingValues
from kloof.web.api.common import EDITOR, MAX_ID, NO_NUL, Body, Pages, case_of, id_path
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["ratings"])

NOTE_LENGTH = 4000
DECIMALS = 2
MAX_FACTORS = 100
Confidence = Literal["low", "medium", "high"]
Source = Literal["self", "interview", "observation", "document", "estimate"]
assert CONFIDENCES == ("low", "medium", "high")
assert SOURCES == ("self", "interview", "observation", "document", "estimate")


class RatingOut(Schema):
    id: int
    rater_id: int
    rater: str = Field(description="The rater's key in the case file.")
    subject_id: int
    subject: str = Field(description="The rated party's key.")
    factor: str
    score: float | None = Field(description="null: no opinion.")
    confidence: str | None
    source: str | None
    note: str | None
    updated: dt.datetime


class RatingFilter(Schema):
    rater: int | None = Field(None, ge=1, le=MAX_ID, description="Only this rater's ratings (id).")
    subject: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only ratings of this party (id)."
    )
    factor: str | None = Field(
        None, max_length=200, pattern=NO_NUL, description="Only this factor (key)."
    )


def ratings_query(row: Case) -> Any:
    rows = Rating.objects.filter(case=row)
    if row.anonymous:
        rows = rows.exclude(rater__respondent_link__isnull=False)
    return rows


def _values(rows: Any) -> Any:
    return rows.order_by("id").values(
        "id",
        "rater_id",
        "subject_id",
        "factor",
        "score",
        "confidence",
        "source",
        "note",
        "updated",
        rater_key=F("rater__key"),
        subject_key=F("subject__key"),
    )


class _Page:
    """The ratings query for the paginator: counted and sliced in SQL, mapped
    to :class:`RatingOut` only for the page taken."""

    def __init__(self, rows: Any) -> None:
        self.rows = rows

    def all(self) -> Any:
        return self.rows

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        return [_out(item) for item in _values(self.rows)[index]]


def _out(item: dict[str, Any]) -> dict[str, Any]:
    return {
        **item,
        "rater": item.pop("rater_key"),
        "subject": item.pop("subject_key"),
    }


@router.get(
    "/cases/{case}/ratings",
    response=answers({200: list[RatingOut]}),
    url_name="api_ratings",
    summary="The ratings of a case (respondents' left out when anonymous)",
)
@paginate(Pages)
def list_ratings(
    request: HttpRequest, filters: Query[RatingFilter], case: int = id_path("case")
) -> Any:
    row = case_of(request, case)
    rows = ratings_query(row)
    if filters.rater is not None:
        rows = rows.filter(rater_id=filters.rater)
    if filters.subject is not None:
        rows = rows.filter(subject_id=filters.subject)
    if filters.factor is not None:
        rows = rows.filter(factor=filters.factor)
    return _Page(rows)


class RatingIn(Body):
    factor: str = Field(
        ..., min_length=1, max_length=200, pattern=NO_NUL, description="A factor key of the case."
    )
    score: float | None = Field(
        ..., allow_inf_nan=False, description="On the case's scale; null for no opinion."
    )
    confidence: Confidence | None = None
    source: Source | None = None
    note: str | None = Field(None, max_length=NOTE_LENGTH, pattern=NO_NUL)


class RatingsIn(Body):
    rater: int = Field(..., ge=1, le=MAX_ID, description="The rater's id (GET …/raters).")
    subject: int = Field(..., ge=1, le=MAX_ID, description="The rated party's id (GET …/parties).")
    ratings: list[RatingIn] = Field(..., min_length=1, max_length=MAX_FACTORS)


class SavedOut(Schema):
    saved: int
    ratings: list[RatingOut]


def checked_values(row: Case, payload: RatingsIn) -> list[tuple[str, RatingValues]]:
    """The ratings to store, checked as the rate page checks them."""
    factors = {factor.key for factor in store.case_factors(row)}
    low, high = row.scale_min, row.scale_max
    seen: set[str] = set()
    values = []
    for index, item in enumerate(payload.ratings):
        where = f"ratings.{index}"
        if item.factor not in factors:
            raise unprocessable(
                f"{where}.factor",
                f"this case has no factor '{item.factor}'",
                f"use one of: {', '.join(sorted(factors))}",
            )
        if item.factor in seen:
            raise unprocessable(f"{where}.factor", "this factor is given twice", "give it once")
        seen.add(item.factor)
        score = item.score
        if score is not None:
            if not low <= score <= high:
                raise unprocessable(
                    f"{where}.score",
                    f"{score} is off the case's scale",
                    f"give a score from {low:g} to {high:g}, or null for no opinion",
                )
            score = round(score, DECIMALS)
        note = (item.note or "").strip() or None
        values.append((item.factor, RatingValues(score, item.confidence, item.source, note)))
    return values


@router.put(
    "/cases/{case}/ratings",
    response=answers({200: SavedOut}),
    url_name="api_ratings_save",
    summary="Store one rater's ratings of one party (insert or replace per factor; editor)",
)
def save_ratings(
    request: HttpRequest, payload: RatingsIn, case: int = id_path("case")
) -> dict[str, Any]:
    row = case_of(request, case, EDITOR)
    rater = store.find_rater(row, payload.rater)
    if rater is not None and rater.pk in store.respondent_ids(row):
        # A respondent's answers are theirs: the team reads them, never rewrites them
        # (and under the anonymity promise a respondent is no rater of the team's).
        if row.anonymous:
            rater = None
        else:
            raise unprocessable(
                "rater",
                f"rater {payload.rater} is a respondent: their answers are their own",
                "pick a rater of the team; respondents change answers through their link",
            )
    if rater is None:
        raise unprocessable(
            "rater",
            f"no rater with id {payload.rater} in this case",
            "use an id from GET /api/cases/{case}/raters",
        )
    subject = store.find_party(row, payload.subject)
    if subject is None:
        raise unprocessable(
            "subject",
            f"no party with id {payload.subject} in this case",
            "use an id from GET /api/cases/{case}/parties",
        )
    values = checked_values(row, payload)
    with transaction.atomic():
        saved = store.save_ratings(row, rater, subject, values)
    keys = [factor for factor, _value in values]
    stored = Rating.objects.filter(case=row, rater=rater, subject=subject, factor__in=keys)
    return {"saved": saved, "ratings": [_out(item) for item in _values(stored)]}
