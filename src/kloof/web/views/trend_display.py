"""The trend page's rows: already formatted text in the reader's language."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kloof.domain.trend import CLOSES, Trend
from kloof.i18n import format_date, format_number
from kloof.i18n.trend import factor_label, score_text, step_heading, step_sentences
from kloof.reports import trend_html
from kloof.storage.relationship_trend import RelationshipTrend

Row = dict[str, Any]


def review_rows(found: RelationshipTrend, slug: str, language: str) -> list[Row]:
    """Each review of the series with its link and, when there is a trend, its
    toughness and blocking count (the chart's summary panel as text)."""
    rows = []
    for index, case in enumerate(found.cases):
        review = found.trend.reviews[index] if found.trend is not None else None
        toughness = review.toughness if review is not None else None
        rows.append(
            {
                "date": format_date(case.date, language),
                "title": case.title,
                "url": reverse("dashboard", kwargs={"slug": slug, "case_id": case.pk}),
                "toughness": "—" if toughness is None else format_number(toughness, language, 0),
                "blocking": "—" if review is None else str(review.blocking),
            }
        )
    return rows


def review_dates(trend: Trend, language: str) -> list[str]:
    return [format_date(review.date, language) for review in trend.reviews]


def step_rows(trend: Trend, names: dict[str, str], language: str) -> list[Row]:
    """What moved at each step, the latest (since the previous review) first."""
    return [
        {
            "heading": step_heading(trend, step, language),
            "sentences": step_sentences(trend, step, names, language),
        }
        for step in range(len(trend.reviews) - 1, 0, -1)
    ]


def position_rows(trend: Trend, names: dict[str, str], language: str) -> list[Row]:
    return trend_html.position_rows(trend, names, language)


def perception_rows(trend: Trend, names: dict[str, str], language: str) -> list[Row]:
    """Every perception gap seen at any review: its points per review and
    whether it closed or widened (by a nuance or more) since the previous one."""
    last = len(trend.reviews) - 1
    latest = {
        (change.factor, change.viewer, change.subject): change.direction
        for change in trend.perception_changes_at(last)
    }
    by_review = [{(p.factor, p.viewer, p.subject): p.points for p in r} for r in trend.perception]
    keys: dict[tuple[str, str, str], None] = {}
    for review in trend.perception:
        keys.update(dict.fromkeys((p.factor, p.viewer, p.subject) for p in review))
    rows = []
    for key in keys:
        factor, viewer, subject = key
        points = [found.get(key) for found in by_review]
        rows.append(
            {
                "factor": factor_label(trend, factor, language),
                "who": _("How %(viewer)s sees %(subject)s")
                % {"viewer": names.get(viewer, viewer), "subject": names.get(subject, subject)},
                "points": ["—" if p is None else score_text(p, language) for p in points],
                "change": _change(latest.get(key), points[-1], points[-2] if last else None),
            }
        )
    return rows


def _change(direction: str | None, after: float | None, before: float | None) -> Row:
    if direction == CLOSES:
        return {"key": "closes", "word": _("closing")}
    if direction is not None:
        return {"key": "widens", "word": _("widening")}
    if after is None or before is None:
        return {"key": "unknown", "word": _("not known at both reviews")}
    return {"key": "steady", "word": _("about the same")}
