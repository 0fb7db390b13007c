"""The trend of a stored relationship: its dated, not archived cases in date order,
analysed and handed to :func:`kloof.domain.trend.build_trend`.

The trend page, the API and a review's report read it here. What the domain
refuses (other parties, another scale) and what the database cannot give (fewer
than two dated reviews, a case that no longer reads) comes back as a
:class:`TrendProblem` with a code and parameters, put into words by
:mod:`kloof.i18n.trend_problems`, never as an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Q

from kloof.domain.analysis import analyse
from kloof.domain.model import Case as DomainCase
from kloof.domain.trend import PARTIES_DIFFER, TOO_FEW, Trend, TrendError, build_trend
from kloof.formats.errors import InputError
from kloof.storage import models
from kloof.storage.dashboard import load_cases
from kloof.storage.models_years import Relationship

#: A case of the series can no longer be read (its framework is gone, say).
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class TrendProblem:
    """Why there is no trend: a code of :mod:`kloof.domain.trend` or
    :data:`UNREADABLE`, with the parameters its sentence needs."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationshipTrend:
    """The series of a relationship and its trend, or the problem that stops it.

    ``cases`` are the rows of the series in date order (also when there is a
    problem: the page lists them); ``names`` maps party ids to the latest
    case's names; ``language`` is the latest case's."""

    relationship: Relationship
    cases: tuple[models.Case, ...]
    trend: Trend | None
    problem: TrendProblem | None
    names: dict[str, str]
    language: str


def series_rows(relationship: Relationship, up_to: models.Case | None = None) -> list[models.Case]:
    """The relationship's dated, not archived cases, earliest first (equal dates
    by id); with ``up_to``, only those up to and including that case (which
    counts even when archived: it is the report being made)."""
    rows = models.Case.objects.filter(relationship=relationship, date__isnull=False)
    if up_to is None:
        rows = rows.filter(archived=False)
    else:
        assert up_to.date is not None  # callers check: an undated case has no place
        rows = rows.filter(Q(archived=False) | Q(pk=up_to.pk)).filter(
            Q(date__lt=up_to.date) | Q(date=up_to.date, pk__lte=up_to.pk)
        )
    return list(rows.order_by("date", "id"))


def relationship_trend(
    relationship: Relationship, up_to: models.Case | None = None
) -> RelationshipTrend:
    """The trend of ``relationship`` (up to case ``up_to``), or why there is none."""
    rows = series_rows(relationship, up_to)
    language = _language(rows[-1]) if rows else "en"

    def refused(problem: TrendProblem, names: dict[str, str] | None = None) -> RelationshipTrend:
        return RelationshipTrend(relationship, tuple(rows), None, problem, names or {}, language)

    if len(rows) < 2:
        return refused(TrendProblem(TOO_FEW, {"count": len(rows)}))
    loaded = load_cases(rows)
    cases: list[DomainCase] = []
    for row in rows:
        case = loaded[row.pk]
        if isinstance(case, InputError):
            return refused(TrendProblem(UNREADABLE, {"title": row.title, "case": row.pk}))
        cases.append(case)
    names = {party.id: party.name for party in cases[-1].parties}
    try:
        trend = build_trend([analyse(case) for case in cases])
    except TrendError as error:
        return refused(_problem(error, rows, cases), names)
    return RelationshipTrend(relationship, tuple(rows), trend, None, names, language)


def case_trend(row: models.Case) -> RelationshipTrend | None:
    """The trend a review's report shows: its relationship's series up to the
    case. None when the case belongs to no relationship, has no date, or has
    no earlier dated case beside it (the report then has no trend section)."""
    if row.relationship_id is None or row.date is None:
        return None
    relationship = Relationship.objects.get(pk=row.relationship_id)
    found = relationship_trend(relationship, up_to=row)
    if found.problem is not None and found.problem.code == TOO_FEW:
        return None
    return found


def _problem(error: TrendError, rows: list[models.Case], cases: list[DomainCase]) -> TrendProblem:
    """The domain's refusal with case ids and party names instead of indexes and ids."""
    params = dict(error.params)
    index = params.pop("index", None)
    if isinstance(index, int):
        params["case"] = rows[index].pk
        params["title"] = rows[index].title
        params["first_title"] = rows[0].title
        if error.code == PARTIES_DIFFER:
            params["expected"] = [party.name for party in cases[0].parties]
            params["found"] = [party.name for party in cases[index].parties]
    return TrendProblem(error.code, params)


def _language(row: models.Case) -> str:
    return row.language if row.language in ("nl", "en") else "en"
