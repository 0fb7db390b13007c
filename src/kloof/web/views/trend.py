"""The trend of a relationship: how both parties' positions, the blocking count,
toughness and the perception gaps moved across its reviews, and the chart as
an SVG or PNG download.

Every member may read it. The series comes from
:mod:`kloof.storage.relationship_trend` (dated, not archived cases in date
order); with fewer than two reviews, or reviews that cannot be compared, the
page says what is needed instead: that is not an error.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from kloof.i18n.trend_problems import problem_sentences
from kloof.reports.chart_trend import render_trend_chart
from kloof.storage.models_years import Relationship
from kloof.storage.relationship_trend import RelationshipTrend, relationship_trend
from kloof.web.access import VIEWER, Access, workspace_view
from kloof.web.views import trend_display as display
from kloof.web.views.dashboard import PNG_TYPE, SVG_TYPE, ui_language


def relationship_of(access: Access, relationship_id: int) -> Relationship:
    """Relationship ``relationship_id`` of the access's workspace; 404 for one of
    another workspace, as for one that does not exist."""
    found = Relationship.objects.filter(pk=relationship_id, workspace=access.workspace).first()
    if found is None:
        raise Http404("no such relationship")
    return found


@require_GET
@workspace_view(VIEWER)
def relationship_trend_page(
    request: HttpRequest, access: Access, relationship_id: int
) -> HttpResponse:
    """The trend page, or what is still needed for one."""
    relationship = relationship_of(access, relationship_id)
    found = relationship_trend(relationship)
    language = ui_language()
    slug = access.workspace.slug
    context = {
        "access": access,
        "relationship": relationship,
        "reviews": display.review_rows(found, slug, language),
    }
    if found.trend is None:
        assert found.problem is not None  # no trend: always a reason
        problem, fix = problem_sentences(found.problem.code, found.problem.params, language)
        latest = found.cases[-1] if found.cases else None
        context.update(
            problem=problem,
            fix=fix,
            latest=reverse("dashboard", kwargs={"slug": slug, "case_id": latest.pk})
            if latest is not None
            else None,
        )
        return render(request, "kloof/trend/trend.html", context)
    trend = found.trend
    chart = render_trend_chart(trend, found.names, language)
    context.update(
        chart=mark_safe(chart),  # noqa: S308 -- our own SVG; the chart module escapes user text
        steps=display.step_rows(trend, found.names, language),
        positions=display.position_rows(trend, found.names, language),
        perception=display.perception_rows(trend, found.names, language),
        dates=display.review_dates(trend, language),
        svg_url=reverse(
            "relationship_trend_svg", kwargs={"slug": slug, "relationship_id": relationship.pk}
        ),
        png_url=reverse(
            "relationship_trend_png", kwargs={"slug": slug, "relationship_id": relationship.pk}
        ),
    )
    return render(request, "kloof/trend/trend.html", context)


@require_GET
@workspace_view(VIEWER)
def relationship_trend_chart(
    request: HttpRequest, access: Access, relationship_id: int, image: str = "svg"
) -> HttpResponse:
    """The trend chart as an SVG, or (``image="png"``) a PNG for slides; without
    a trend, 409 with the reason and the fix as text."""
    relationship = relationship_of(access, relationship_id)
    found = relationship_trend(relationship)
    language = ui_language()
    if found.trend is None:
        return _no_trend(found, language)
    svg = render_trend_chart(found.trend, found.names, language)
    if image == "png":
        from kloof.reports.chart_png import svg_to_png  # lazy: the rasteriser is large

        response = HttpResponse(svg_to_png(svg), content_type=PNG_TYPE)
    else:
        response = HttpResponse(svg, content_type=SVG_TYPE)
    stem = slugify(relationship.name)[:80].strip("-") or "relationship"
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}-trend.{image}")
    return response


def _no_trend(found: RelationshipTrend, language: str) -> HttpResponse:
    assert found.problem is not None
    problem, fix = problem_sentences(found.problem.code, found.problem.params, language)
    return HttpResponse(f"{problem}\n{fix}\n", status=409, content_type="text/plain; charset=utf-8")
