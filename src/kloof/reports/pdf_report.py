"""The report as a PDF: the HTML report with its paper rules, laid out by WeasyPrint.

WeasyPrint is imported inside the function, not at the top: it loads Pango,
HarfBuzz and fontconfig, which ``kloof analyse`` never needs (see
tests/cli/test_cli_startup.py). It needs those system libraries and the
Liberation fonts (scripts/setup.sh installs them on Debian).

A chart goes on paper through :func:`paper_chart`: it returns an HTML fragment
(the chart's shapes as an SVG image, its words as text placed over it, styled by
``templates/report-pdf.css``), not an SVG. Why, and the other choices made for
speed, in docs/performance.md ("PDF report").
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, cast

from kloof.domain.results import Analysis
from kloof.reports.html_report import render_report
from kloof.reports.paper_chart import paper_chart
from kloof.reports.report_trend import ReportTrend, trend_section

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

__all__ = ["html_to_pdf", "paper_chart", "render_pdf_report"]


def render_pdf_report(
    analysis: Analysis,
    language: str,
    *,
    chart_svg: str,
    generated: date | None = None,
    version: str | None = None,
    trend: ReportTrend | None = None,
) -> bytes:
    """The report as A4 PDF bytes, with the chart as vector graphics; ``trend``
    adds the "Trend" section (its chart on paper the same way)."""
    # On paper the chart's words are HTML text in the report's one type family.
    chart = paper_chart(chart_svg)
    section = trend_section(trend, language, pdf=True) if trend is not None else None
    html = render_report(
        analysis,
        language,
        chart_svg=chart,
        generated=generated,
        version=version,
        pdf=True,
        trend=section,
    )
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    """Any of kloof's self-contained HTML documents as A4 PDF bytes.

    Every paper document (report, guide, agenda, minutes) goes through here and
    includes ``templates/report-pdf.css``: one layout, one type family.
    """
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf(font_config=_font_config())
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf


_FONTS = threading.local()


def _font_config() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, made once and then reused.

    A new one per document loads fontconfig's configuration and a fresh Pango
    font map with empty caches: about a tenth of a report's time. Pango objects
    are not for sharing between threads, so each thread keeps its own. kloof's
    documents have no ``@font-face`` rules, so nothing accumulates in it.
    """
    config = getattr(_FONTS, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _FONTS.config = FontConfiguration()
    return cast("FontConfiguration", config)
