"""Interview guides: for a case (the factors that need evidence) or a framework.

Without an output file, or with one that is not ``.html``/``.htm``/``.pdf``, the
guide is Markdown; an ``.html`` or ``.pdf`` file gets the printable guide with
room for notes (:mod:`kloof.reports.guide_html`), for one party (``--for``) or
for every party.
"""

from __future__ import annotations

from pathlib import Path

from kloof.formats.errors import N_, InputError
from kloof.services.casework import analyse_file


def guide_for_format(destination: Path | None) -> str:
    """``pdf``, ``html`` or ``markdown``, from the output file's extension."""
    suffix = destination.suffix.lower() if destination is not None else ""
    return {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(suffix, "markdown")


def guide_for_case(
    path: Path,
    *,
    language: str | None,
    everything: bool,
    party: str | None = None,
    output: str = "markdown",
) -> str | bytes:
    analysis = analyse_file(path)
    language = language or analysis.case.language
    if party is not None:
        known = [p.id for p in analysis.case.parties]
        if party not in known:
            raise InputError.worded(
                N_("the case has no party '%(party)s'"),
                N_("use one of its party ids: %(allowed)s"),
                source=str(path),
                party=party,
                allowed=", ".join(known),
            )
    if output == "markdown":
        from kloof.reports.guide import render_guide

        return render_guide(analysis, language, scope="all" if everything else "needed")
    from kloof.reports.guide_html import GuideRequest, render_guide_html, render_guide_pdf

    request = GuideRequest(party=party, everything=everything)
    if output == "pdf":
        return render_guide_pdf(analysis, language, request)
    return render_guide_html(analysis, language, request)


def guide_for_framework(reference: str, *, language: str) -> str:
    from kloof.formats.framework import load_framework
    from kloof.reports.guide import render_guide

    return render_guide(load_framework(reference, base_dir=Path.cwd()), language, scope="all")
