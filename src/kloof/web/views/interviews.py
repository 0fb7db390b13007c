"""Interviews of a case: the list, planning one, its answers, proposing a rating.

Everybody in the workspace reads interviews and their guides; editors and
owners plan, change and delete them, type the answers (saved per factor as you
go through htmx, or all at once with the page's Save button without script)
and propose ratings. Each answer is an evidence note in the same transaction
(:mod:`kloof.storage.interviews`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.storage import interviews as store
from kloof.storage.evidence import case_factors, position_evidence
from kloof.storage.models import Case
from kloof.storage.models_dialogue import Interview
from kloof.storage.rating import rater_of_user, team_visible_raters
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.interviews import AnswersForm, DeleteForm, InterviewEditForm, InterviewForm
from kloof.web.views import interviews_guide as guide
from kloof.web.views.rating import language


@require_GET
@case_view(VIEWER)
def interviews(request: HttpRequest, access: Access) -> HttpResponse:
    """The case's interviews, and the guide for each party."""
    names = factor_names(access.case)
    rows = [
        {
            "interview": row,
            "factors": [names.get(key, key) for key in row.factors],
            "answered": sum(1 for answer in row.answers.all() if answer.text),
        }
        for row in store.case_interviews(access.case)
    ]
    context = {"access": access, "rows": rows, "parties": list(access.case.parties.all())}
    return render(request, "kloof/interviews/list.html", context)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def interview_new(request: HttpRequest, access: Access) -> HttpResponse:
    """Plan an interview: the factors come ticked in the guide's order."""
    about = request.GET.get("about") or request.POST.get("about") or _first_other(access.case)
    choices = guide.form_choices(access.case, about)
    if request.method != "POST":
        initial = {"about": about, "factors": choices["ticked"], "interviewer": _own(request)}
        form = InterviewForm(initial=initial, **choices["form"])
        return _plan_page(request, access, form, None)
    form = InterviewForm(request.POST, **choices["form"])
    if not form.is_valid():
        return _plan_page(request, access, form, None, status=400)
    interview = store.create_interview(access.case, form.values(), request.user)
    messages.success(request, _("Interview planned. Type the answers here as you go."))
    return redirect(interview_url(access, interview))


@require_http_methods(["GET", "POST"])
@case_view(VIEWER)
def interview(request: HttpRequest, access: Access, interview_id: int) -> HttpResponse:
    """The interview with one answer box per factor; a POST saves every answer."""
    row = _find(access, interview_id)
    form = AnswersForm(initial=_initial(row), factors=_factor_choices(access.case, row))
    if request.method != "POST":
        return _interview_page(request, access, row, form)
    if not access.can_edit:
        raise PermissionDenied("role too low")
    form = AnswersForm(request.POST, factors=_factor_choices(access.case, row))
    if not form.is_valid():
        return _interview_page(request, access, row, form, status=400)
    for factor, text in form.answers().items():
        store.save_answer(access.case, row, factor, text, request.user)
    messages.success(request, _("Answers saved."))
    return redirect(interview_url(access, row))


@require_POST
@case_view(EDITOR)
def interview_answer(request: HttpRequest, access: Access, interview_id: int) -> HttpResponse:
    """One factor's answer (the page's script); answers the factor's status line."""
    row = _find(access, interview_id)
    factor = request.POST.get("factor", "")
    if factor not in row.factors:
        return _status(request, False, _("This interview has no such factor."), 400)
    if f"answer-{factor}" not in request.POST:
        return _status(request, False, _("Reload the page and try again."), 400)
    text = request.POST[f"answer-{factor}"]
    if len(text) > store.MAX_ANSWER:
        message = _("The answer is too long: keep it under %(count)s characters.")
        return _status(request, False, message % {"count": store.MAX_ANSWER}, 400)
    answer = store.save_answer(access.case, row, factor, text, request.user)
    return _status(request, True, _("Saved.") if answer else _("Saved: no answer."), 200)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def interview_edit(request: HttpRequest, access: Access, interview_id: int) -> HttpResponse:
    """Change who, when and which factors; ``delete`` in the post deletes it."""
    row = _find(access, interview_id)
    choices = guide.form_choices(access.case, row.about.key)
    if request.method != "POST":
        form = InterviewEditForm(initial=_details(row), **choices["form"])
        return _plan_page(request, access, form, row)
    if "delete" in request.POST:
        return _delete(request, access, row)
    form = InterviewEditForm(request.POST, **choices["form"])
    if not form.is_valid():
        return _plan_page(request, access, form, row, status=400)
    try:
        row = store.update_interview(
            access.case, row.key, form.cleaned_data["version"], form.values(), request.user
        )
    except StaleVersion:
        messages.error(
            request, _("Someone changed this interview meanwhile: check and save again.")
        )
        return redirect("interview_edit", **_kwargs(access), interview_id=row.pk)
    messages.success(request, _("Interview saved."))
    return redirect(interview_url(access, row))


def _delete(request: HttpRequest, access: Access, row: Interview) -> HttpResponse:
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return _status(request, False, _("Reload the page and try again."), 400)
    try:
        store.delete_interview(access.case, row.key, form.cleaned_data["version"], request.user)
    except StaleVersion:
        messages.error(
            request, _("Someone changed this interview meanwhile: check and save again.")
        )
        return redirect("interview_edit", **_kwargs(access), interview_id=row.pk)
    messages.success(request, _("Interview deleted, with its answers."))
    return redirect("interviews", **_kwargs(access))


# --- helpers -------------------------------------------------------------------------


def interview_url(access: Access, row: Interview) -> str:
    return reverse("interview", kwargs={**_kwargs(access), "interview_id": row.pk})


def _kwargs(access: Access) -> dict[str, Any]:
    return {"slug": access.workspace.slug, "case_id": access.case.pk}


def _find(access: Access, interview_id: int) -> Interview:
    row = store.case_interviews(access.case).filter(pk=interview_id).first()
    if row is None:
        raise Http404("no such interview")
    return row


def factor_names(case_row: Case) -> dict[str, str]:
    lang = language()
    return {factor.key: factor.name.get(lang) for factor in case_factors(case_row)}


def _factor_choices(case_row: Case, row: Interview) -> list[tuple[str, str]]:
    names = factor_names(case_row)
    return [(key, names.get(key, key)) for key in row.factors]


def _initial(row: Interview) -> dict[str, str]:
    return {f"answer-{key}": text for key, text in store.answers_of(row).items()}


def _details(row: Interview) -> dict[str, Any]:
    return {
        "version": row.version,
        "interviewee": row.interviewee,
        "role": row.role or "",
        "party": row.party.key if row.party else "",
        "about": row.about.key,
        "interviewer": row.interviewer or "",
        "date": row.date,
        "factors": list(row.factors),
    }


def _first_other(case_row: Case) -> str:
    """The party an interview is most often about: the first not on our side."""
    parties = list(case_row.parties.all())
    others = [party for party in parties if party.side != "own"]
    return (others or parties)[0].key if parties else ""


def _own(request: HttpRequest) -> str:
    """The user's own rater as the interviewer, when they rate in this case."""
    access: Access = request.kloof_access  # type: ignore[attr-defined]
    rater = rater_of_user(access.case, request.user.pk)
    return rater.name if rater is not None else ""


def _status(request: HttpRequest, saved: bool, message: str, status: int) -> HttpResponse:
    context = {"saved": saved, "message": message}
    return render(request, "kloof/interviews/answer_status.html", context, status=status)


def _plan_page(
    request: HttpRequest,
    access: Access,
    form: InterviewForm,
    row: Interview | None,
    status: int = 200,
) -> HttpResponse:
    raters, _respondents = team_visible_raters(access.case)
    context = {
        "access": access,
        "form": form,
        "interview": row,
        "rater_names": [rater.name for rater in raters],
    }
    return render(request, "kloof/interviews/plan.html", context, status=status)


def _interview_page(
    request: HttpRequest, access: Access, row: Interview, form: AnswersForm, status: int = 200
) -> HttpResponse:
    states = position_evidence(access.case, row.factors, [row.about.key])
    questions = guide.questions(access.case)
    factors = [
        {
            "key": key,
            "field": form[f"answer-{key}"],
            "state": states.get((row.about.key, key), "unrated"),
            "questions": questions.get(key, []),
        }
        for key in row.factors
    ]
    context = {"access": access, "interview": row, "form": form, "factors": factors}
    return render(request, "kloof/interviews/interview.html", context, status=status)
