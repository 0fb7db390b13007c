"""The trend of one relationship: the same parties analysed at several reviews.

From analyses of cases with the same parties (by id), ordered by date: every
party's position per factor across the reviews, the blocking count and
toughness per review, the perception gaps per review, and what moved from one
review to the next. A move counts when it is at least the factor's nuance
threshold (the smallest gap that is not "aligned", see
:class:`kloof.domain.model.Thresholds`); smaller changes are noise.

Pure: no I/O, no words. A series that cannot be compared raises
:class:`TrendError` with a code the interfaces put into words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kloof.domain.model import THRESHOLD_TOLERANCE, Factor, Scale
from kloof.domain.positions import index_ratings
from kloof.domain.results import Analysis
from kloof.domain.views import perception_gap

#: Refusal codes.
TOO_FEW = "too_few"
MISSING_DATE = "missing_date"
PARTIES_DIFFER = "parties_differ"
SCALES_DIFFER = "scales_differ"

CLOSES = "closes"
WIDENS = "widens"


class TrendError(ValueError):
    """The cases do not form one relationship's series; ``code`` says why."""

    def __init__(self, code: str, params: Mapping[str, object]) -> None:
        super().__init__(code)
        self.code = code
        self.params = dict(params)


@dataclass(frozen=True)
class Review:
    """One analysed case of the series: its date, blocking count and toughness."""

    date: date
    title: str
    blocking: int  # factors with a blocking difference (position or perception)
    toughness: float | None  # 0-100, the first two parties'


@dataclass(frozen=True)
class FactorTrend:
    """One factor: every party's score (case scale) per review, None when unknown
    or when the factor was not in that review's case."""

    factor: Factor
    scores: Mapping[str, tuple[float | None, ...]]


@dataclass(frozen=True)
class PerceptionPoint:
    """A perception gap at one review: how ``viewer`` sees ``subject`` against
    how ``subject`` sees itself, in points of the scale."""

    factor: str
    viewer: str
    subject: str
    points: float | None


@dataclass(frozen=True)
class PartyStep:
    """One party's score on a factor at two consecutive reviews."""

    party: str
    before: float | None
    after: float | None
    moved: bool  # changed by at least the factor's nuance threshold


@dataclass(frozen=True)
class FactorMove:
    """A factor where at least one party moved between review ``step - 1`` and ``step``."""

    step: int
    factor: str
    parties: tuple[PartyStep, ...]


@dataclass(frozen=True)
class PerceptionChange:
    """A perception gap that closed or widened by at least the nuance threshold."""

    step: int
    factor: str
    viewer: str
    subject: str
    before: float
    after: float
    direction: str  # CLOSES or WIDENS


@dataclass(frozen=True)
class Trend:
    parties: tuple[str, ...]
    scale: Scale
    reviews: tuple[Review, ...]
    factors: tuple[FactorTrend, ...]
    perception: tuple[tuple[PerceptionPoint, ...], ...]  # per review
    moves: tuple[FactorMove, ...]
    perception_changes: tuple[PerceptionChange, ...]

    def moves_at(self, step: int) -> tuple[FactorMove, ...]:
        return tuple(move for move in self.moves if move.step == step)

    def perception_changes_at(self, step: int) -> tuple[PerceptionChange, ...]:
        return tuple(change for change in self.perception_changes if change.step == step)


def build_trend(analyses: Sequence[Analysis]) -> Trend:
    """The trend of ``analyses``, sorted by date (stable for equal dates)."""
    ordered = _checked(analyses)
    scale = ordered[0].case.scale
    parties = tuple(party.id for party in ordered[0].case.parties)
    factors = _factor_trends(ordered, parties)
    perception = tuple(_perception(analysis) for analysis in ordered)
    return Trend(
        parties=parties,
        scale=scale,
        reviews=tuple(_review(analysis) for analysis in ordered),
        factors=factors,
        perception=perception,
        moves=_moves(factors, parties, scale),
        perception_changes=_perception_changes(perception, factors, scale),
    )


def _checked(analyses: Sequence[Analysis]) -> list[Analysis]:
    if len(analyses) < 2:
        raise TrendError(TOO_FEW, {"count": len(analyses)})
    first = analyses[0].case
    wanted = sorted(party.id for party in first.parties)
    for index, analysis in enumerate(analyses):
        case = analysis.case
        if case.date is None:
            raise TrendError(MISSING_DATE, {"index": index, "title": case.title})
        found = sorted(party.id for party in case.parties)
        if found != wanted:
            raise TrendError(
                PARTIES_DIFFER,
                {"index": index, "title": case.title, "expected": wanted, "found": found},
            )
        if (case.scale.low, case.scale.high) != (first.scale.low, first.scale.high):
            raise TrendError(SCALES_DIFFER, {"index": index, "title": case.title})
    return sorted(analyses, key=lambda analysis: analysis.case.date or date.min)


def _review(analysis: Analysis) -> Review:
    case = analysis.case
    assert case.date is not None  # checked
    return Review(case.date, case.title, len(analysis.blocking), analysis.toughness)


def _factor_trends(ordered: list[Analysis], parties: tuple[str, ...]) -> tuple[FactorTrend, ...]:
    factors: dict[str, Factor] = {}
    for analysis in reversed(ordered):  # the latest definition of a factor wins
        for result in analysis.factors:
            factors.setdefault(result.factor.key, result.factor)
    order = [result.factor.key for result in ordered[-1].factors]
    order += [key for key in factors if key not in order]
    trends = []
    for key in order:
        scores: dict[str, tuple[float | None, ...]] = {}
        for party in parties:
            scores[party] = tuple(_score(analysis, key, party) for analysis in ordered)
        if any(score is not None for row in scores.values() for score in row):
            trends.append(FactorTrend(factors[key], scores))  # factors nobody rated: left out
    return tuple(trends)


def _score(analysis: Analysis, key: str, party: str) -> float | None:
    for result in analysis.factors:
        if result.factor.key == key:
            position = result.positions.get(party)
            return position.score if position is not None else None
    return None


def _perception(analysis: Analysis) -> tuple[PerceptionPoint, ...]:
    """Every perception gap with both views known, whatever its size: a gap
    that shrank below "significant" is no blind spot any more, but did close."""
    case = analysis.case
    index = index_ratings(case)
    found = []
    for factor in case.factors:
        for subject in case.parties:
            for viewer in case.parties:
                if viewer.id == subject.id:
                    continue
                spot = perception_gap(case, index, factor, subject.id, viewer.id)
                if spot.points is not None:
                    found.append(PerceptionPoint(factor.key, viewer.id, subject.id, spot.points))
    return tuple(found)


def _is_move(factor: Factor, scale: Scale, before: float, after: float) -> bool:
    change = abs(after - before) / scale.span
    return change >= factor.thresholds.nuance - THRESHOLD_TOLERANCE


def _moves(
    factors: tuple[FactorTrend, ...], parties: tuple[str, ...], scale: Scale
) -> tuple[FactorMove, ...]:
    found = []
    steps = len(next(iter(factors[0].scores.values()))) if factors else 0
    for step in range(1, steps):
        for trend in factors:
            rows = []
            for party in parties:
                before, after = trend.scores[party][step - 1], trend.scores[party][step]
                moved = (
                    before is not None
                    and after is not None
                    and _is_move(trend.factor, scale, before, after)
                )
                rows.append(PartyStep(party, before, after, moved))
            if any(row.moved for row in rows):
                found.append(FactorMove(step, trend.factor.key, tuple(rows)))
    return tuple(found)


def _perception_changes(
    perception: tuple[tuple[PerceptionPoint, ...], ...],
    factors: tuple[FactorTrend, ...],
    scale: Scale,
) -> tuple[PerceptionChange, ...]:
    by_key = {trend.factor.key: trend.factor for trend in factors}
    perception = tuple(
        tuple(point for point in review if point.factor in by_key) for review in perception
    )
    found = []
    for step in range(1, len(perception)):
        earlier = {(p.factor, p.viewer, p.subject): p.points for p in perception[step - 1]}
        for point in perception[step]:
            before = earlier.get((point.factor, point.viewer, point.subject))
            after = point.points
            if before is None or after is None:
                continue
            if not _is_move(by_key[point.factor], scale, before, after):
                continue
            direction = CLOSES if after < before else WIDENS
            found.append(
                PerceptionChange(
                    step, point.factor, point.viewer, point.subject, before, after, direction
                )
            )
    return tuple(found)
