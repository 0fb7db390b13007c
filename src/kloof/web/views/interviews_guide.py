"""The interview guide on the web (printable HTML, or A4 PDF with ``?format=pdf``)
for a party or for one planned interview, and proposing a rating from an
interview (the interviewer as rater, source interview).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kloof.domain.analysis import analyse
from kloof.domain.interviews import guide_factor_keys
from kloof.domain.interviews import interview_guide as guide_items
from kloof.domain.results import Analysis
from kloof.i18n.interviews import tier_word
from kloof.reports.guide_html import GuideRequest, guide_context, guide_labels, render_guide_pdf
from kloof.storage import interviews as store
from kloof.storage.dashboard import load_case
from kloof.storage.evidence import case_factors
from kloof.storage.models import Case
from kloof.storage.models_dialogue import Interview
from kloof.storage.rating import RatingValues, ratings_by_factor, save_ratings, team_visible_raters
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.interviews import ProposeForm
from kloof.web.forms.numbers import number_text
from kloof.web.forms.rating import middle, slider_step
from kloof.web.views.dashboard import ui_language
from kloof.web.views.rating import language, scale_of


def case_analysis(case_row: Case) -> Analysis:
    """The case as the team may see it, with its interviews, analysed."""
    case = load_case(case_row)
    return analyse(dataclasses.replace(case, interviews=store.load_interviews(case_row)))


def form_choices(case_row: Case, about: str) -> dict[str, Any]:
    """Parties, factors in the guide's order for ``about`` (those it asks about
    first ticked), and the raters, for the plan form."""
    lang = language()
    names = {factor.key: factor.name.get(lang) for factor in case_factors(case_row)}
    parties = list(case_row.parties.values_list("key", "name"))
    analysis = case_analysis(case_row)
    known = {key for key, _name in parties}
    party = about if about in known else None
    items = guide_items(analysis, party, everything=True)
    needed = guide_factor_keys(analysis, party) if party else ()
    raters, _respondents = team_visible_raters(case_row)
    return {
        "form": {
            "parties": parties,
            "factors": [
                (item.factor.key, f"{names[item.factor.key]} ({tier_word(item.tier, lang)})")
                for item in items
                if item.factor.key in names
            ],
            "raters": [rater.name for rater in raters],
        },
        "ticked": list(needed),
    }


def questions(case_row: Case) -> dict[str, list[str]]:
    lang = language()
    return {f.key: [q.get(lang) for q in f.questions] for f in case_factors(case_row)}


@require_GET
@case_view(VIEWER)
def interview_guide(request: HttpRequest, access: Access) -> HttpResponse:
    """The guide for an interview about ``?party=`` (every party without it);
    ``?all=1`` adds the other factors."""
    analysis = case_analysis(access.case)
    party = request.GET.get("party") or None
    if party is not None and party not in {p.id for p in analysis.case.parties}:
        raise Http404("no such party")
    guide = GuideRequest(party=party, everything=request.GET.get("all") == "1")
    return _guide_response(request, access, analysis, guide, stem=party or "all")


@require_GET
@case_view(VIEWER)
def interview_print(request: HttpRequest, access: Access, interview_id: int) -> HttpResponse:
    """The guide of one planned interview: its factors, with its answers so far."""
    row = _find(access, interview_id)
    analysis = case_analysis(access.case)
    guide = GuideRequest(party=row.about.key, interview=store.to_domain(row))
    return _guide_response(request, access, analysis, guide, stem=row.key)


def _guide_response(
    request: HttpRequest, access: Access, analysis: Analysis, guide: GuideRequest, stem: str
) -> HttpResponse:
    lang = ui_language()
    name = f"{slugify(analysis.case.title)[:60].strip('-') or 'case'}-guide-{slugify(stem) or 'x'}"
    if request.GET.get("format") == "pdf":
        response = HttpResponse(
            render_guide_pdf(analysis, lang, guide), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf")
        return response
    query = request.GET.copy()
    query["format"] = "pdf"
    context = {
        **guide_context(analysis, lang, guide),
        **guide_labels(lang),
        "access": access,
        "back_url": reverse("interviews", kwargs=_kwargs(access)),
        "pdf_url": f"{request.path}?{query.urlencode()}",
    }
    return render(request, "kloof/interviews/guide.html", context)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def interview_rate(
    request: HttpRequest, access: Access, interview_id: int, factor: str
) -> HttpResponse:
    """Propose a rating from the interview: a rater of the case (the interviewer
    when they are one) rates the party the interview is about, source interview,
    the answer as the rating's note."""
    row = _find(access, interview_id)
    if factor not in row.factors:
        raise Http404("no such factor in this interview")
    # A respondent's ratings are their own: nobody in the team rates in their name.
    visible, respondents = team_visible_raters(access.case)
    raters = [rater for rater in visible if rater.pk not in respondents]
    scale = scale_of(access.case)
    answer = store.answers_of(row).get(factor, "")
    if request.method != "POST":
        form = ProposeForm(
            initial=_propose_initial(row, raters, factor, answer), raters=raters, scale=scale
        )
        return _rate_page(request, access, row, factor, form)
    form = ProposeForm(request.POST, raters=raters, scale=scale)
    if not form.is_valid():
        return _rate_page(request, access, row, factor, form, status=400)
    rater = next(r for r in raters if r.pk == form.cleaned_data["rater"])
    values = RatingValues(
        score=form.cleaned_data["score"], source="interview", note=form.note_text()
    )
    save_ratings(access.case, rater, row.about, [(factor, values)])
    messages.success(
        request,
        _("Rating saved: %(rater)s rates %(party)s, source interview.")
        % {"rater": rater.name, "party": row.about.name},
    )
    return redirect("interview", **_kwargs(access), interview_id=row.pk)


def _propose_initial(row: Interview, raters: list[Any], factor: str, answer: str) -> dict[str, Any]:
    wanted = (row.interviewer or "").strip().casefold()
    chosen = next(
        (r for r in raters if wanted and wanted in (r.key.casefold(), r.name.casefold())), None
    )
    initial: dict[str, Any] = {"note": answer}
    if chosen is not None:
        initial["rater"] = chosen.pk
        stored = ratings_by_factor(row.case, chosen, row.about).get(factor)
        if stored is not None and stored.score is not None:
            initial["score"] = stored.score
    return initial


def _rate_page(
    request: HttpRequest,
    access: Access,
    row: Interview,
    factor: str,
    form: ProposeForm,
    status: int = 200,
) -> HttpResponse:
    lang = language()
    found = next((f for f in case_factors(access.case) if f.key == factor), None)
    if found is None:
        raise Http404("no such factor")
    scale = scale_of(access.case)
    value = form["score"].value()
    context = {
        "access": access,
        "interview": row,
        "factor": found,
        "name": found.name.get(lang),
        "left": found.left.get(lang),
        "right": found.right.get(lang),
        "form": form,
        "scale": scale,
        "step": slider_step(scale),
        "middle": middle(scale),
        "low_text": number_text(scale.low),
        "high_text": number_text(scale.high),
        "score_text": value if isinstance(value, str) else number_text(value),
    }
    return render(request, "kloof/interviews/rate.html", context, status=status)


def _find(access: Access, interview_id: int) -> Interview:
    row = store.case_interviews(access.case).filter(pk=interview_id).first()
    if row is None:
        raise Http404("no such interview")
    return row


def _kwargs(access: Access) -> dict[str, Any]:
    return {"slug": access.workspace.slug, "case_id": access.case.pk}
