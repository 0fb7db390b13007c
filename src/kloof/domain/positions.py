"""Positions: where each party stands on each factor, from its views.

A rating of party P by a rater of P is part of P's *self view*; a rating of P by a
rater of any other party is part of P's *outside view* (and of that party's view
of P, for the blind-spot table). Ratings without a score count nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kloof.domain.model import Case, Scale, Severity, Thresholds
from kloof.domain.results import OUTSIDE_VIEW, SELF_VIEW, Position, ViewStat
from kloof.domain.stats import iqr_sorted, median_sorted


@dataclass(slots=True)
class ScoreGroup:
    """Scores of one group of ratings, and whether they were all estimates."""

    values: list[float]
    estimates: int = 0


@dataclass(frozen=True)
class RatingIndex:
    """The case's scored ratings grouped once, for every later lookup.

    ``by_viewer[(factor, subject)][viewer_party]`` holds the scores that the raters
    of ``viewer_party`` gave ``subject`` on ``factor``.
    """

    by_viewer: Mapping[tuple[str, str], Mapping[str, ScoreGroup]]

    def viewer_scores(self, factor: str, subject: str) -> Mapping[str, ScoreGroup]:
        return self.by_viewer.get((factor, subject), {})


def index_ratings(case: Case) -> RatingIndex:
    party_of = {rater.id: rater.party for rater in case.raters}
    grouped: dict[tuple[str, str], dict[str, ScoreGroup]] = defaultdict(dict)
    for rating in case.ratings:
        if rating.score is None:
            continue
        viewers = grouped[(rating.factor, rating.subject)]
        viewer = party_of[rating.rater]
        scores = viewers.get(viewer)
        if scores is None:
            scores = viewers[viewer] = ScoreGroup([])
        scores.values.append(float(rating.score))
        if rating.source == "estimate":
            scores.estimates += 1
    return RatingIndex(grouped)


def view_stat(view: str, groups: Iterable[ScoreGroup], scale: Scale) -> ViewStat | None:
    """The statistics of one view pooled from one or more rating groups."""
    values: list[float] = []
    estimates = 0
    for group in groups:
        values.extend(group.values)
        estimates += group.estimates
    if not values:
        return None
    values.sort()
    return ViewStat(
        view=view,
        n=len(values),
        median=median_sorted(values),
        iqr=iqr_sorted(values) / scale.span,
        estimates_only=estimates == len(values),
    )


def position_of(
    index: RatingIndex,
    factor: str,
    party: str,
    scale: Scale,
    thresholds: Thresholds | None = None,
) -> Position:
    """The position of ``party`` on ``factor``: the mean of its views' medians.

    With ``thresholds``, a self view and outside view that lie ``significant`` or
    more apart flag the position ``views_differ``.
    """
    viewers = index.viewer_scores(factor, party)
    self_group = viewers.get(party)
    views = []
    if self_group is not None:
        stat = view_stat(SELF_VIEW, (self_group,), scale)
        if stat is not None:
            views.append(stat)
    outside = view_stat(OUTSIDE_VIEW, (g for v, g in viewers.items() if v != party), scale)
    if outside is not None:
        views.append(outside)
    if not views:
        return Position(party=party, value=None, score=None, n=0, views=())
    score = sum(view.median for view in views) / len(views)
    return Position(
        party=party,
        value=scale.normalise(score),
        score=score,
        n=sum(view.n for view in views),
        views=tuple(views),
        views_differ=_views_differ(views, scale, thresholds),
    )


def _views_differ(views: list[ViewStat], scale: Scale, thresholds: Thresholds | None) -> bool:
    if thresholds is None or len(views) < 2:
        return False
    apart = abs(views[0].median - views[1].median) / scale.span
    return thresholds.classify(apart).at_least(Severity.SIGNIFICANT)
