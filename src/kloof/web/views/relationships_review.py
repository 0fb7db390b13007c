"""Starting the next review of a relationship, and its contract phases.

A review planned inside a contract phase gets a warning naming the phase and
why (the stress of the deal colours how people rate trust) with the nearest
date outside every phase as a one-click choice; the user may still go ahead.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kloof.storage import phases
from kloof.storage.reviews import start_next_review
from kloof.web.access import EDITOR, Access, workspace_view
from kloof.web.forms.relationships import PhaseForm, ReviewForm
from kloof.web.views.relationships import find_relationship


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def relationship_review(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    """Choose the case to follow up (newest by default) and the date; a date in
    a contract phase asks once more before the review is made."""
    row = find_relationship(access, rel_id)
    cases = list(row.cases.filter(archived=False).order_by("-date", "-created", "-id"))
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(cases, today, data)
    context = {"access": access, "relationship": row, "form": form, "cases": cases}
    if request.method == "GET":
        context["warning"] = phases.phase_warning(row, today, today) if cases else None
        return render(request, "kloof/relationships/review.html", context)
    if not form.is_valid():
        return render(request, "kloof/relationships/review.html", context, status=400)
    day = form.cleaned_data["date"]
    warning = phases.phase_warning(row, day, today)
    if warning is not None and request.POST.get("confirm") != "on":
        context["warning"] = warning
        context["asked"] = True
        return render(request, "kloof/relationships/review.html", context, status=409)
    previous = next(case for case in cases if case.pk == form.cleaned_data["previous"])
    made = start_next_review(previous, day, request.user)
    messages.success(request, _("The next review is ready: rate it when you meet."))
    if made.links_not_carried:
        messages.info(
            request,
            ngettext(
                "The previous case had %(count)d respondent link. Links are secret and "
                "are not copied: make fresh ones on the respondents page.",
                "The previous case had %(count)d respondent links. Links are secret and "
                "are not copied: make fresh ones on the respondents page.",
                made.links_not_carried,
            )
            % {"count": made.links_not_carried},
        )
    return redirect("dashboard", slug=access.workspace.slug, case_id=made.case.pk)


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def phase_create(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    row = find_relationship(access, rel_id)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        phases.add_phase(row, data["start"], data["end"], data["note"])
        messages.success(request, _("Contract phase added."))
        return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "relationship": row, "form": form}
    return render(request, "kloof/relationships/phase_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def phase_edit(request: HttpRequest, access: Access, rel_id: int, phase_id: int) -> HttpResponse:
    row = find_relationship(access, rel_id)
    phase = row.phases.filter(pk=phase_id).first()
    if phase is None:
        raise Http404("no such phase")
    initial = {"start": phase.start, "end": phase.end, "note": phase.note}
    form = PhaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        phases.update_phase(row, phase.pk, data["start"], data["end"], data["note"])
        messages.success(request, _("Contract phase saved."))
        return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "relationship": row, "form": form, "phase": phase}
    return render(request, "kloof/relationships/phase_form.html", context, status=status)


@require_POST
@workspace_view(EDITOR)
def phase_remove(request: HttpRequest, access: Access, rel_id: int, phase_id: int) -> HttpResponse:
    row = find_relationship(access, rel_id)
    if not phases.remove_phase(row, phase_id):
        raise Http404("no such phase")
    messages.success(request, _("Contract phase removed."))
    return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)
