"""The report as a PDF: the HTML report with its paper rules, laid out by WeasyPrint.

WeasyPrint is imported inside the function, not at the top: it loads Pango,
HarfBuzz and fontconfig, which ``kloof analyse`` never needs (see
tests/cli/test_cli_startup.py). It needs those system libraries and the
Liberation fonts (scripts/setup.sh installs them on Debian).
"""

from __future__ import annotations

from datetime import date

from kloof.domain.results import Analysis
from kloof.reports.html_report import render_report
from kloof.reports.svg import FONT_FAMILY

#: The one type family of the PDF, for text, tables and the chart alike.
PDF_FONT_FAMILY = "'Liberation Sans', 'DejaVu Sans', sans-serif"


def render_pdf_report(
    analysis: Analysis,
    language: str,
    *,
    chart_svg: str,
    generated: date | None = None,
    version: str | None = None,
) -> bytes:
    """The report as A4 PDF bytes, with the chart as vector graphics."""
    # The chart names the screen's system fonts; on paper it takes the report's family.
    chart = paper_chart(chart_svg)
    html = render_report(
        analysis, language, chart_svg=chart, generated=generated, version=version, pdf=True
    )
    return html_to_pdf(html)


def paper_chart(chart_svg: str) -> str:
    """A chart SVG with the paper's type family instead of the screen's."""
    return chart_svg.replace(f'font-family="{FONT_FAMILY}"', f'font-family="{PDF_FONT_FAMILY}"')


def html_to_pdf(html: str) -> bytes:
    """Any of kloof's self-contained HTML documents as A4 PDF bytes.

    Every paper document (report, guide, agenda, minutes) goes through here and
    includes ``templates/report-pdf.css``: one layout, one type family.
    """
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf
