"""The trend as a self-contained HTML page: what moved, the chart, and a table
of the positions per review (the chart's text alternative)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from kloof.domain.trend import Trend
from kloof.i18n import format_date, format_number, translator
from kloof.i18n.trend import factor_label, score_text, step_heading, step_sentences
from kloof.reports.html_report import _environment, installed_version


def render_trend_page(
    trend: Trend,
    names: dict[str, str],
    language: str,
    *,
    title: str,
    chart_svg: str,
    version: str | None = None,
) -> str:
    t = translator(language)
    template = _environment(language).get_template("trend.html.j2")
    period = t.gettext("From %(before)s to %(after)s") % {
        "before": format_date(trend.reviews[0].date, language),
        "after": format_date(trend.reviews[-1].date, language),
    }
    return template.render(
        lang=language,
        title=title,
        period=period,
        party_names=", ".join(names.get(p, p) for p in trend.parties),
        steps=[
            {
                "heading": step_heading(trend, step, language),
                "sentences": step_sentences(trend, step, names, language),
            }
            for step in range(1, len(trend.reviews))
        ],
        chart_svg=Markup(chart_svg),  # noqa: S704 - our own SVG, escaped by the chart module
        reviews=[review_cells(review, language) for review in trend.reviews],
        rows=position_rows(trend, names, language),
        perception=perception_rows(trend, names, language),
        version=version if version is not None else installed_version(),
    )


def review_cells(review: Any, language: str) -> dict[str, str]:
    toughness = review.toughness
    return {
        "date": format_date(review.date, language),
        "toughness": "—" if toughness is None else format_number(toughness, language, 0),
        "blocking": str(review.blocking),
    }


def position_rows(trend: Trend, names: dict[str, str], language: str) -> list[dict[str, Any]]:
    rows = []
    for item in trend.factors:
        for index, party in enumerate(trend.parties):
            rows.append(
                {
                    "first": index == 0,
                    "span": len(trend.parties),
                    "factor": factor_label(trend, item.factor.key, language),
                    "party": names.get(party, party),
                    "scores": [
                        "—" if score is None else score_text(score, language)
                        for score in item.scores[party]
                    ],
                }
            )
    return rows


def perception_rows(trend: Trend, names: dict[str, str], language: str) -> list[dict[str, Any]]:
    """One row per perception gap seen at any review: its points per review."""
    t = translator(language)
    keys: dict[tuple[str, str, str], None] = {}
    for review in trend.perception:
        keys.update(dict.fromkeys((p.factor, p.viewer, p.subject) for p in review))
    by_review = [{(p.factor, p.viewer, p.subject): p.points for p in r} for r in trend.perception]
    rows = []
    for factor, viewer, subject in keys:
        points = [found.get((factor, viewer, subject)) for found in by_review]
        rows.append(
            {
                "factor": factor_label(trend, factor, language),
                "who": t.gettext("How %(viewer)s sees %(subject)s")
                % {"viewer": names.get(viewer, viewer), "subject": names.get(subject, subject)},
                "points": ["—" if p is None else score_text(p, language) for p in points],
            }
        )
    return rows
