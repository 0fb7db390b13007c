"""The raters of a case: list, add, rename and remove.

Everybody in the workspace sees who rates; editors manage the list. A rater
with ratings is removed only after a confirmation that names how many of their
ratings go with them.

Respondents' raters are named by their link and rename with it, so the team
does not rename them; an editor may remove one (to drop a response) unless the
case promised respondents anonymity: then they are not listed one by one, only
counted per party, and their pages answer 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from kloof.storage import rating as store
from kloof.storage.models import Case, Rater
from kloof.storage.perspectives import perspective_counts
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.rating import ConfirmRemoveForm, RaterForm, RenameForm


@require_http_methods(["GET", "POST"])
@case_view(VIEWER)
def raters(request: HttpRequest, access: Access) -> HttpResponse:
    """The list of raters; an editor's POST adds one."""
    case = the_case(access)
    form = rater_form(case, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not access.can_edit:
            raise PermissionDenied("viewers do not manage raters")
        if form.is_valid():
            rater = add(case, form)
            messages.success(request, _("Rater “%(name)s” added.") % {"name": rater.name})
            return redirect("raters", slug=access.workspace.slug, case_id=case.pk)
        return render(request, "kloof/rating/raters.html", list_context(access, form), status=400)
    return render(request, "kloof/rating/raters.html", list_context(access, form))


def the_case(access: Access) -> Case:
    assert access.case is not None  # case_view always sets it
    return access.case


def rater_form(case: Case, data: Any) -> RaterForm:
    members = store.linked_members(case)
    taken = store.linked_user_ids(case)
    choices = [
        (user_id, membership.user.get_full_name() or membership.user.email or str(membership.user))
        for user_id, membership in sorted(members.items(), key=lambda item: item[1].user.email)
    ]
    return RaterForm(data, parties=store.parties_of(case), members=choices, taken_members=taken)


def add(case: Case, form: RaterForm) -> Rater:
    data = form.cleaned_data
    party = store.find_party(case, data["party"])
    if party is None:  # the choices come from the case: only a race gets here
        raise Http404("no such party")
    user = None
    if data["member"] is not None:
        user = store.linked_members(case)[data["member"]].user
    return store.add_rater(case, data["name"], party, user)


def list_context(access: Access, form: RaterForm) -> dict[str, Any]:
    case = the_case(access)
    members = store.linked_members(case)
    counts = store.ratings_per_rater(case)
    raters, respondents = store.team_visible_raters(case)
    rows = []
    for rater in raters:
        membership = members.get(rater.user_id) if rater.user_id is not None else None
        rows.append(
            {
                "rater": rater,
                "member": membership,
                "ratings": counts[rater.pk],
                "respondent": rater.pk in respondents,
            }
        )
    groups = []
    if case.anonymous:
        groups = [count for count in perspective_counts(case) if count.respondents or count.waiting]
    return {
        "access": access,
        "case": case,
        "rows": rows,
        "form": form,
        "groups": groups,
        # The next step once the team has a rater of its own: rating.
        "team_raters": any(not row["respondent"] for row in rows),
    }


def rater_or_404(case: Case, rater_id: int) -> Rater:
    """The rater; 404 also for a respondent under the anonymity promise."""
    rater = store.find_rater(case, rater_id)
    if rater is None or (case.anonymous and rater.pk in store.respondent_ids(case)):
        raise Http404("no such rater")
    return rater


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def rater_edit(request: HttpRequest, access: Access, rater_id: int) -> HttpResponse:
    """Rename a rater (their id in the case file stays)."""
    case = the_case(access)
    rater = rater_or_404(case, rater_id)
    if rater.pk in store.respondent_ids(case):
        raise PermissionDenied("a respondent is named by their link")
    form = RenameForm(request.POST or None, initial={"name": rater.name})
    if request.method == "POST" and form.is_valid():
        store.rename_rater(rater, form.cleaned_data["name"])
        messages.success(request, _("Rater renamed."))
        return redirect("raters", slug=access.workspace.slug, case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "case": case, "rater": rater, "form": form}
    return render(request, "kloof/rating/rater_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def rater_remove(request: HttpRequest, access: Access, rater_id: int) -> HttpResponse:
    """Remove a rater: at once when they have no ratings, else after confirming."""
    case = the_case(access)
    rater = rater_or_404(case, rater_id)
    count = rater.ratings.count()
    form = ConfirmRemoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (count == 0 or form.is_valid()):
        removed = store.remove_rater(rater)
        messages.success(request, removal_message(rater.name, removed))
        return redirect("raters", slug=access.workspace.slug, case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "case": case, "rater": rater, "count": count, "form": form}
    return render(request, "kloof/rating/rater_remove.html", context, status=status)


def removal_message(name: str, removed: int) -> str:
    if not removed:
        return _("Rater “%(name)s” removed.") % {"name": name}
    return ngettext(
        "Rater “%(name)s” and %(count)d rating removed.",
        "Rater “%(name)s” and %(count)d ratings removed.",
        removed,
    ) % {"name": name, "count": removed}
