"""The CLI's use cases: load a case, analyse it, render what was asked for.

Each function returns text; writing it somewhere is the caller's business
(``write_output`` does it safely for files).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from kloof.domain.analysis import analyse
from kloof.domain.model import Case
from kloof.domain.results import Analysis
from kloof.formats.errors import InputError

if TYPE_CHECKING:
    from kloof.reports.report_trend import ReportTrend

CHART_KINDS = ("profile", "radar")
ANALYSE_FORMATS = ("table", "json", "markdown")


def load(path: Path) -> Case:
    from kloof.formats.casefile import load_case

    return load_case(path)


def analyse_file(path: Path) -> Analysis:
    return analyse(load(path))


def render_analysis(analysis: Analysis, output_format: str, language: str) -> str:
    if output_format == "json":
        from kloof.reports.json_output import analysis_to_json

        return analysis_to_json(analysis, language)
    from kloof.reports.text_output import analysis_to_markdown, analysis_to_table

    if output_format == "markdown":
        return analysis_to_markdown(analysis, language)
    return analysis_to_table(analysis, language)


def render_chart(analysis: Analysis, kind: str, language: str) -> str:
    if kind == "radar":
        from kloof.reports.chart_radar import radar_chart

        return radar_chart(analysis, language)
    from kloof.reports.chart_profile import profile_chart

    return profile_chart(analysis, language)


def render_report(analysis: Analysis, language: str, trend: ReportTrend | None = None) -> str:
    """The HTML report; ``trend`` (a review's relationship up to it) adds its trend."""
    from kloof.reports.chart_profile import profile_chart
    from kloof.reports.html_report import render_report as html
    from kloof.reports.report_trend import trend_section

    section = trend_section(trend, language) if trend is not None else None
    return html(analysis, language, chart_svg=profile_chart(analysis, language), trend=section)


def render_pdf_report(analysis: Analysis, language: str, trend: ReportTrend | None = None) -> bytes:
    """The A4 PDF report; ``trend`` as for :func:`render_report`."""
    from kloof.reports.chart_profile import profile_chart
    from kloof.reports.pdf_report import render_pdf_report as pdf

    return pdf(analysis, language, chart_svg=profile_chart(analysis, language), trend=trend)


def report_format(pdf: bool, destination: Path) -> str:
    """``pdf`` or ``html``: ``--pdf``, else the extension of ``destination``. A
    ``.html`` name with ``--pdf`` is refused: the file would open as nonsense."""
    from kloof.formats.errors import N_

    suffix = destination.suffix.lower()
    if pdf and suffix in (".html", ".htm"):
        raise InputError.worded(
            N_("the file name '%(file)s' ends in %(suffix)s, but --pdf asks for a PDF"),
            N_("leave out --pdf to write HTML, or end the file name in .pdf"),
            file=str(destination),
            suffix=suffix,
        )
    return "pdf" if pdf or suffix == ".pdf" else "html"


def write_output(text: str | bytes, destination: Path, *, overwrite: bool = True) -> None:
    """Write ``text`` (UTF-8) or bytes to ``destination`` atomically: a reader never
    sees half a file.

    The text goes to a temporary file beside the destination, which is then renamed
    over it; on any failure the old file (if any) stays as it was.
    """
    if destination.exists() and not overwrite:
        raise InputError(
            f"{destination} already exists",
            fix="choose another file name, or add --force to replace it",
        )
    import tempfile  # lazy: printing needs none of it, and it costs start-up

    folder = destination.parent
    if not folder.is_dir():
        raise InputError(
            f"cannot write {destination}: the folder {folder} does not exist",
            fix="create the folder first or choose another path",
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{destination.name}.")
        try:
            data = text.encode("utf-8") if isinstance(text, str) else text
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            Path(temporary).chmod(_mode_for(destination))
            Path(temporary).replace(destination)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InputError(
            f"cannot write {destination}: {error.strerror or error}",
            fix="check the path and that you may write there",
        ) from error


def _mode_for(destination: Path) -> int:
    """Keep an existing file's mode; a new file gets what the umask allows.

    mkstemp creates 0600 files, which would make a shared report unreadable to
    colleagues on the same server.
    """
    if destination.exists():
        return destination.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
