"""The minutes of the open conversation as a file: HTML or A4 PDF, for the team
or for the other side (shared by the web and ``kloof minutes``)."""

from __future__ import annotations

from datetime import date

from kloof.domain.model import Agenda, Case
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
