"""``kloof trend``: several case files of one relationship as a chart or page.

The format follows the output file's extension: ``.svg``, ``.png`` or ``.html``.
"""

from __future__ import annotations

from pathlib import Path

from kloof.domain.trend import (
    MISSING_DATE,
    PARTIES_DIFFER,
    SCALES_DIFFER,
    Trend,
    TrendError,
    build_trend,
)
from kloof.formats.errors import InputError
from kloof.services.casework import analyse_file

TREND_FORMATS = ("svg", "png", "html")


def trend_format(destination: Path) -> str:
    """The format of ``destination``: its extension (``-``, standard output, is
    SVG), refused in words when unknown."""
    if str(destination) == "-":
        return "svg"
    suffix = destination.suffix.lower().lstrip(".")
    if suffix == "htm":
        suffix = "html"
    if suffix not in TREND_FORMATS:
        raise InputError.worded(
            "cannot tell the trend's format from the file name %(file)s",
            "end the name in .svg, .png or .html",
            file=str(destination),
        )
    return suffix


def trend_of_files(paths: list[Path]) -> tuple[Trend, dict[str, str], str, str]:
    """The trend of the case files, the party names, the latest case's title and
    language. Refuses fewer than two files and a series that is not one relationship."""
    if len(paths) < 2:
        raise InputError.worded(
            "a trend needs at least two case files, got %(count)s",
            "give two or more case files of the same parties, e.g. "
            "kloof trend 2025.yaml 2026.yaml -o trend.html",
            count=len(paths),
        )
    analyses = [analyse_file(path) for path in paths]
    try:
        trend = build_trend(analyses)
    except TrendError as error:
        raise _refusal(error, paths) from None
    latest = max(analyses, key=lambda a: a.case.date or trend.reviews[0].date).case
    names = {party.id: party.name for party in latest.parties}
    return trend, names, latest.title, latest.language


def _refusal(error: TrendError, paths: list[Path]) -> InputError:
    index = error.params.get("index")
    file = str(paths[index]) if isinstance(index, int) else ""
    if error.code == MISSING_DATE:
        return InputError.worded(
            "the case file %(file)s has no date",
            "add a line such as 'date: 2026-03-01' so the reviews can be put in order",
            file=file,
        )
    if error.code == PARTIES_DIFFER:
        return InputError.worded(
            "the case file %(file)s has other parties (%(found)s) than %(first)s (%(expected)s)",
            "compare only case files of the same parties, with the same party ids",
            file=file,
            found=", ".join(map(str, error.params["found"])),  # type: ignore[call-overload]
            first=str(paths[0]),
            expected=", ".join(map(str, error.params["expected"])),  # type: ignore[call-overload]
        )
    if error.code == SCALES_DIFFER:
        return InputError.worded(
            "the case file %(file)s uses another scale than %(first)s",
            "compare only case files rated on the same scale",
            file=file,
            first=str(paths[0]),
        )
    raise AssertionError(error.code)  # TOO_FEW is refused before


def render_trend(paths: list[Path], output_format: str, language: str | None) -> str | bytes:
    """The trend of ``paths`` as SVG text, PNG bytes or an HTML page."""
    from kloof.reports.chart_trend import render_trend_chart

    trend, names, title, case_language = trend_of_files(paths)
    chosen = language or case_language
    svg = render_trend_chart(trend, names, chosen)
    if output_format == "png":
        from kloof.reports.chart_png import svg_to_png

        return svg_to_png(svg)
    if output_format == "html":
        from kloof.reports.trend_html import render_trend_page

        return render_trend_page(trend, names, chosen, title=title, chart_svg=svg)
    return svg
