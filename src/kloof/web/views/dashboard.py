"""The analysis dashboard of a case, its chart as an SVG or a PNG and the core's HTML report.

Every view loads the stored case, runs the core's analysis and renders what the
core renders (the same SVG charts, the same report), in the user's interface
language, not the case's: a Dutch colleague reads an English case in Dutch.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from kloof.domain.analysis import analyse
from kloof.domain.results import Analysis
from kloof.i18n import format_date
from kloof.reports.chart_profile import profile_chart
from kloof.reports.chart_radar import radar_chart
from kloof.services.casework import render_pdf_report, render_report
from kloof.storage.dashboard import dashboard_fingerprint, load_case, load_case_view
from kloof.storage.evidence import position_evidence
from kloof.storage.perspectives import counts_of
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.dashboard import RADAR, ChartOptionsForm
from kloof.web.views import dashboard_rows as rows
from kloof.web.views.trend_report import report_trend

SVG_TYPE = "image/svg+xml; charset=utf-8"
PNG_TYPE = "image/png"


def ui_language() -> str:
    """The language of the interface: kloof's reports know ``nl`` and ``en``."""
    return "nl" if (get_language() or "").lower().startswith("nl") else "en"


def _analysis(access: Access) -> Analysis:
    assert access.case is not None  # case_view always sets it
    return analyse(load_case(access.case))


def _evidence(access: Access, analysis: Analysis) -> dict[tuple[str, str], str]:
    """Which positions notes confirm: one query, the case's keys are known already."""
    assert access.case is not None
    case = analysis.case
    return dict(
        position_evidence(
            access.case,
            factors=[factor.key for factor in case.factors],
            parties=[party.id for party in case.parties],
        )
    )


def chart_svg(analysis: Analysis, kind: str, parties: list[str], views: bool, language: str) -> str:
    if kind == RADAR:
        return radar_chart(analysis, language, parties=parties)
    return profile_chart(analysis, language, parties=parties, views=views)


#: How long a rendered dashboard stays cached. Its key changes with every change
#: to the case, so this only bounds the memory of cases nobody looks at any more.
CACHE_SECONDS = 3600
#: The query parameters of the chart choice (everything else is ignored).
CHART_PARAMETERS = ("kind", "parties", "views")


@require_GET
@case_view(VIEWER)
def dashboard(request: HttpRequest, access: Access) -> HttpResponse:
    """The headline, the chart, the differences worst first, blind spots,
    agreement, the next steps and which perspectives are still missing.

    The analysis part of the page is cached (not the page around it, which holds
    the user's menu and CSRF token): see :func:`dashboard_cache_key`."""
    assert access.case is not None  # case_view always sets it
    key = dashboard_cache_key(request, access)
    cached = cache.get(key)
    if cached is None:
        cached = _dashboard_content(request, access)
        cache.set(key, cached, CACHE_SECONDS)
    status, content = cached
    context = {
        "access": access,
        "case": access.case,
        # Outside the cached part: linking or unlinking leaves the case's fingerprint as is.
        "relationship": access.case.relationship,
        "content": mark_safe(content),  # noqa: S308 -- rendered by our own autoescaping templates
    }
    return render(request, "kloof/dashboard/dashboard.html", context, status=status)


def dashboard_cache_key(request: HttpRequest, access: Access) -> str:
    """What the analysis part of the dashboard depends on, hashed.

    The fingerprint of the stored case changes with any insert, update or delete
    below it, so a key is never reused for a changed case and nothing stale can
    be shown. The chart choice goes in as sent: given the case (whose parties are
    in the fingerprint) it decides the options and any error message."""
    assert access.case is not None
    chart_choice = [(name, request.GET.getlist(name)) for name in CHART_PARAMETERS]
    parts = (
        access.workspace.slug,
        access.case.pk,
        get_language(),
        access.allows(EDITOR),
        chart_choice,
        dashboard_fingerprint(access.case),
    )
    return "kloof-dashboard:" + hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _dashboard_content(request: HttpRequest, access: Access) -> tuple[int, str]:
    """The status and the HTML of the analysis part of the dashboard."""
    assert access.case is not None
    loaded = load_case_view(access.case)
    analysis = analyse(loaded.case)
    language = ui_language()
    form = ChartOptionsForm(request.GET, analysis.case)
    options = form.options()  # the defaults when the choice was not valid
    chosen = options["parties"]
    context = {
        "access": access,
        "case": access.case,
        "form": form,
        "options": options,
        "parties": [(party.id, party.name) for party in analysis.case.parties],
        "chart": mark_safe(  # noqa: S308 -- our own SVG; the chart module escapes user text
            chart_svg(analysis, options["kind"], chosen, options["views"], language)
        ),
        "chart_query": chart_query(options),
        "case_date": format_date(analysis.case.date, language) if analysis.case.date else None,
        "pairs": rows.pair_rows(analysis, chosen, language),
        "differences": rows.difference_rows(analysis, chosen, language),
        "blind_spots": rows.blind_spot_rows(analysis, chosen, language),
        "agreement": rows.agreement_rows(analysis, chosen, language),
        "steps": rows.step_rows(analysis, chosen, language),
        # Team and respondents apart, with groups still held back under anonymity.
        "perspectives": rows.perspective_rows(
            counts_of(loaded), len(analysis.case.factors), chosen
        ),
        "evidence_parties": [p for p in analysis.case.parties if p.id in chosen],
        "evidence": rows.evidence_rows(
            analysis.case, _evidence(access, analysis), chosen, language
        ),
        "factor_count": len(analysis.case.factors),
        # Respondents' raters do not count: the team cannot rate as them.
        "links": _links(
            access,
            team_raters=any(rater.id not in loaded.respondents for rater in loaded.case.raters),
        ),
    }
    # No request: the part must not hold anything of the user (CSRF token, menu).
    content = render_to_string("kloof/dashboard/content.html", context)
    return (200 if form.is_valid() else 400), content


def chart_query(options: dict[str, Any]) -> str:
    """The query string of ``case_chart`` for the chart the dashboard shows."""
    return urlencode(
        {
            "kind": options["kind"],
            "parties": ",".join(options["parties"]),
            "views": "1" if options["views"] else "0",
        }
    )


def _links(access: Access, *, team_raters: bool) -> dict[str, Any]:
    """The actions next to the analysis, for the user's role (the other pages of
    the case are in the case navigation, ``kloof/cases/case_nav.html``).

    The first one leads to what can be done next: a case nobody of the team
    rates yet needs its raters first (the rate page would have no one to rate
    as), then the rating."""
    assert access.case is not None
    # raters: to add one; register_new: to open an entry for a blind spot.
    editing = ["rate", "case_report", "respondents", "raters", "register_new"]
    names = editing if access.allows(EDITOR) else ["case_report"]
    kwargs = {"slug": access.workspace.slug, "case_id": access.case.pk}
    links: dict[str, Any] = {name: reverse(name, kwargs=kwargs) for name in names}
    if access.allows(EDITOR):
        links["first"] = "rate" if team_raters else "raters"
    return links


@require_GET
@case_view(VIEWER)
def case_chart(request: HttpRequest, access: Access, image: str = "svg") -> HttpResponse:
    """The chart as an SVG or (``image="png"``, the route ``chart.png``) a PNG
    picture for slides: ``kind=profile|radar``, ``parties=a,b``, ``views=0|1``.

    A download, named after the case: ``contract-renewal-2027-profile.png``."""
    analysis = _analysis(access)
    form = ChartOptionsForm(request.GET, analysis.case)
    if not form.is_valid():
        return HttpResponse(
            "\n".join(form.messages()) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    options = form.options()
    svg = chart_svg(analysis, options["kind"], options["parties"], options["views"], ui_language())
    if image == "png":
        from kloof.reports.chart_png import svg_to_png  # lazy: the rasteriser is large

        response = HttpResponse(svg_to_png(svg), content_type=PNG_TYPE)
    else:
        response = HttpResponse(svg, content_type=SVG_TYPE)
    filename = f"{_title_slug(analysis)}-{options['kind']}.{image}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _title_slug(analysis: Analysis) -> str:
    """The case title as a file name: ASCII, no path, not too long, so that every
    browser and file system takes it."""
    return slugify(analysis.case.title)[:80].strip("-") or "case"


@require_GET
@case_view(VIEWER)
def case_report(request: HttpRequest, access: Access) -> HttpResponse:
    """The core's report, as a file to save or send: HTML, or A4 PDF with ``?format=pdf``."""
    analysis = _analysis(access)
    assert access.case is not None
    # A review of a relationship with earlier reviews: the report includes its trend.
    trend = report_trend(access.case)
    # ASCII, no path, not too long: every browser and file system takes it.
    stem = f"{slugify(analysis.case.title)[:80].strip('-') or 'case'}-report"
    if request.GET.get("format") == "pdf":
        pdf = render_pdf_report(analysis, ui_language(), trend)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"{stem}.pdf"
    else:
        response = HttpResponse(
            render_report(analysis, ui_language(), trend), content_type="text/html; charset=utf-8"
        )
        filename = f"{stem}.html"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
