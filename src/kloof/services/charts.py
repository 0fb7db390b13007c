"""Chart export: which format a chart file is written in, and the file's content.

The format follows the file name (``chart.png`` is a PNG, ``chart.svg`` an SVG);
``--format`` is needed only where the name says nothing (standard output, a name
without extension) and may not contradict it.
"""

from __future__ import annotations

from pathlib import Path

from kloof.domain.results import Analysis
from kloof.formats.errors import InputError
from kloof.services.casework import render_chart

CHART_FORMATS = ("svg", "png")
DEFAULT_FORMAT = "svg"
_BY_SUFFIX = {f".{name}": name for name in CHART_FORMATS}


def chart_format(destination: Path | None, requested: str | None) -> str:
    """The format to write ``destination`` in: its extension's, else ``requested``,
    else SVG. An extension that is neither, or that contradicts ``requested``, is
    refused in words."""
    suffix = "" if destination is None or str(destination) == "-" else destination.suffix
    if not suffix:
        return requested or DEFAULT_FORMAT
    named = _BY_SUFFIX.get(suffix.lower())
    if named is None:
        if requested:
            return requested
        raise InputError.worded(
            "cannot tell the chart's format from the file name %(file)s",
            "end the name in .svg or .png, or add --format svg or --format png",
            file=str(destination),
        )
    if requested and requested != named:
        raise InputError.worded(
            "the file name %(file)s asks for %(named)s but --format asks for %(requested)s",
            "leave out --format, or give the file the extension .%(requested_suffix)s",
            file=str(destination),
            named=named.upper(),
            requested=requested.upper(),
            requested_suffix=requested,
        )
    return named


def export_chart(analysis: Analysis, kind: str, language: str, output_format: str) -> str | bytes:
    """The chart as SVG text or PNG bytes (see :mod:`kloof.reports.chart_png`)."""
    svg = render_chart(analysis, kind, language)
    if output_format == "png":
        from kloof.reports.chart_png import svg_to_png

        return svg_to_png(svg)
    return svg
