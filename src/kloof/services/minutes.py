"""The minutes of the open conversation as a file: HTML or A4 PDF, for the team
or for the other side (shared by the web and ``kloof minutes``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kloof.domain.model import Agenda, Case
from kloof.formats.errors import N_, InputError
from kloof.reports.minutes import render_minutes

FORMATS: tuple[str, ...] = ("html", "pdf")


def minutes_document(
    case: Case,
    agenda: Agenda,
    language: str,
    *,
    audience: str = "team",
    fmt: str = "html",
    generated: date | None = None,
) -> bytes:
    """The minutes as UTF-8 HTML or as PDF bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    html = render_minutes(
        case, agenda, language, audience=audience, pdf=fmt == "pdf", generated=generated
    )
    if fmt == "html":
        return html.encode("utf-8")
    from kloof.reports.pdf_report import html_to_pdf  # lazy: WeasyPrint is large

    return html_to_pdf(html)


def minutes_format(destination: Path, fmt: str | None = None) -> str:
    """``pdf`` or ``html``: ``--format``, else the file name's extension; a
    contradiction, or a name that says neither, is refused before any work."""
    suffix = destination.suffix.lower()
    named = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(suffix)
    if fmt is not None and named is not None and fmt != named:
        raise InputError.worded(
            N_("the file name '%(file)s' ends in %(suffix)s, but --format asks for %(format)s"),
            N_("end the file name in .%(format)s, or leave out --format"),
            file=str(destination),
            suffix=suffix,
            format=fmt,
        )
    chosen = fmt or named
    if chosen is None:
        raise InputError.worded(
            N_("kloof cannot tell from '%(file)s' whether to write PDF or HTML"),
            N_("end the file name in .pdf or .html, or add --format pdf or --format html"),
            file=str(destination),
        )
    return chosen


def minutes_for_file(
    path: Path, *, language: str | None, audience: str, fmt: str, generated: date | None = None
) -> bytes:
    """The minutes of the case file at ``path``, which needs an ``agenda:`` section."""
    from kloof.services.casework import load

    case = load(path)
    if case.agenda is None:
        raise InputError.worded(
            N_("%(file)s has no agenda section, so there are no minutes to write"),
            N_(
                "add an 'agenda:' section with the items of the conversation and their "
                "outcomes (see docs/case-format.md), or download the case from the web "
                "after the meeting"
            ),
            file=str(path),
        )
    return minutes_document(
        case,
        case.agenda,
        language or case.language,
        audience=audience,
        fmt=fmt,
        generated=generated,
    )
