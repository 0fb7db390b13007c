"""The case owner's respondent pages: the links, a new link, revoking one, the
anonymity promise and the round, and which perspectives are still missing.

Editors and owners manage links and the round; only an owner changes the
promise of anonymity (it binds the whole team). Viewers get 403 for all of it:
the list names the people who were asked and whether they answered, which is
personal and not needed to read the analysis (the dashboard shows viewers which
perspectives are missing, without names).

A new link's token is shown once, in the answer to the POST that made it: never
in a redirect, the session, a message or a log, and that page is not stored by
the browser (``Cache-Control: no-store``). Only its hash is kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.storage import anonymity, respondent_admin, respondents
from kloof.storage.models import Case
from kloof.storage.models_exchange import RespondentLink
from kloof.storage.perspectives import missing_count, perspective_counts
from kloof.web.access import EDITOR, OWNER, Access, case_view
from kloof.web.forms.respondents import AnonymityForm, LinkForm, RoundForm


def respond_path(token: str) -> str:
    """The path a respondent opens: the respond area's ``respond_start``."""
    try:
        return reverse("respond_start", kwargs={"token": token})
    except NoReverseMatch:  # the respond area not installed: its documented path
        return f"/r/{token}"


def _case(access: Access) -> Case:
    assert access.case is not None  # case_view always sets it
    return access.case


def _link_form(case: Case, data: Any = None) -> LinkForm:
    return LinkForm(data, parties=list(case.parties.all()), language=case.language)


def _anonymity_form(case: Case, data: Any = None) -> AnonymityForm:
    return AnonymityForm(data, initial={"anonymous": case.anonymous, "min_group": case.min_group})


def page_context(access: Access, anonymity_form: AnonymityForm | None = None) -> dict[str, Any]:
    case = _case(access)
    counts = perspective_counts(case)
    return {
        "access": access,
        "case": case,
        "links": respondent_admin.link_rows(case),
        "perspectives": counts,
        "missing": missing_count(counts),
        "waiting": [count for count in counts if count.waiting],
        "anonymity_form": anonymity_form or _anonymity_form(case),
        "promise_binding": case.anonymous and anonymity.answered(case),
    }


@require_GET
@case_view(EDITOR)
def respondent_list(request: HttpRequest, access: Access) -> HttpResponse:
    """The links with their states, the perspectives, the promise and the round."""
    return render(request, "kloof/respondents/list.html", page_context(access))


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def respondent_create(request: HttpRequest, access: Access) -> HttpResponse:
    """The form for a new link; its POST shows the new link, once."""
    case = _case(access)
    form = _link_form(case, request.POST if request.method == "POST" else None)
    context = {"access": access, "case": case, "form": form}
    if request.method == "GET":
        return render(request, "kloof/respondents/create.html", context)
    if not form.is_valid():
        return render(request, "kloof/respondents/create.html", context, status=400)
    data = form.cleaned_data
    link, token = respondents.create_link(
        case,
        party=form.party_row(),
        rates=data["rates"],
        language=data["language"],
        expires=form.expires_at(),
        name=data["name"],
        greeting=data["greeting"],
        created_by=request.user,
    )
    context = {
        "access": access,
        "case": case,
        "link": link,
        "url": request.build_absolute_uri(respond_path(token)),
    }
    response = render(request, "kloof/respondents/created.html", context, status=201)
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_POST
@case_view(EDITOR)
def respondent_revoke(request: HttpRequest, access: Access, link_id: int) -> HttpResponse:
    """Revoke a link: it stops working at once; answers already submitted stay."""
    case = _case(access)
    link = RespondentLink.objects.filter(pk=link_id, case=case).first()
    if link is None:
        raise Http404("no such link")
    label = link.name or _("anonymous")
    if respondents.revoke_link(case, link.pk):
        messages.success(request, _("The link for “%(name)s” is revoked.") % {"name": label})
    else:
        messages.info(request, _("This link was revoked already."))
    return redirect("respondents", slug=access.workspace.slug, case_id=case.pk)


@require_POST
@case_view(EDITOR)
def respondent_settings(request: HttpRequest, access: Access) -> HttpResponse:
    """``round=close|reopen`` (editor), or the anonymity promise (owner)."""
    case = _case(access)
    if "round" in request.POST:
        return _set_round(request, access, RoundForm(request.POST))
    if not access.allows(OWNER):
        raise PermissionDenied("only an owner changes the promise to respondents")
    form = _anonymity_form(case, request.POST)
    if not form.is_valid():
        return render(
            request, "kloof/respondents/list.html", page_context(access, form), status=400
        )
    data = form.cleaned_data
    try:
        changed = anonymity.set_anonymity(case, data["anonymous"], data["min_group"], request.user)
    except anonymity.BrokenPromiseError as refusal:
        form.add_error(None, _promise_message(case, refusal))
        return render(
            request, "kloof/respondents/list.html", page_context(access, form), status=409
        )
    if not changed:
        messages.info(request, _("Nothing changed."))
    elif case.anonymous:
        messages.success(
            request,
            _("Respondents are promised anonymity; groups count from %(n)d answers.")
            % {"n": case.min_group},
        )
    else:
        messages.success(request, _("Respondents are not promised anonymity."))
    return redirect("respondents", slug=access.workspace.slug, case_id=case.pk)


def _promise_message(case: Case, refusal: anonymity.BrokenPromiseError) -> str:
    if refusal.lowered:
        return _(
            "Respondents have answered under the promise that a group counts from %(n)d "
            "answers: the number can go up, not down."
        ) % {"n": case.min_group}
    return _(
        "Respondents have answered under the promise of anonymity, so it stays: a "
        "promise is a promise. Make a new case if you need named answers."
    )


def _set_round(request: HttpRequest, access: Access, form: RoundForm) -> HttpResponse:
    case = _case(access)
    if not form.is_valid():
        messages.error(request, _("Choose to close or to reopen the round."))
        return redirect("respondents", slug=access.workspace.slug, case_id=case.pk)
    closing = form.cleaned_data["round"] == "close"
    if respondent_admin.set_round_closed(case, closing, request.user):
        if closing:
            messages.success(
                request, _("The round is closed: respondents can no longer open or change answers.")
            )
        else:
            messages.success(
                request, _("The round is open again: links that still work can be used.")
            )
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("respondents", slug=access.workspace.slug, case_id=case.pk)
