"""Secret links for the other side: the team's list, a new link, revoking one,
and the page the link opens (no account).

A new link's token is shown once, in the answer to the POST that made it (never
in a redirect, a message or a log; ``Cache-Control: no-store``). The page of a
link carries the counterparty version only, is never cached and hands no address
on (``Referrer-Policy: no-referrer``). A token that is no link is counted per
network address (:mod:`kloof.web.secret_throttle`); past the limit, 429.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.domain.model import Agenda
from kloof.i18n import translator
from kloof.i18n.reasons import join_names
from kloof.reports.agenda import counterparty_view, render_agenda_pdf
from kloof.storage import agenda_links as links
from kloof.storage.agenda_mapping import load_agenda
from kloof.storage.cases import load_case
from kloof.storage.models import AgendaLink
from kloof.web import secret_throttle
from kloof.web.access import EDITOR, Access, case_view
from kloof.web.client import address
from kloof.web.forms.agenda_links import AgendaLinkForm
from kloof.web.secret_throttle import WINDOW

#: The throttle's name for these secrets.
AGENDA = "agenda"
REFUSALS = {"unknown": 404, "revoked": 403, "expired": 403, "throttled": 429}


def _form(access: Access, data: object = None) -> AgendaLinkForm:
    return AgendaLinkForm(data, language=access.case.language)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def agenda_links(request: HttpRequest, access: Access) -> HttpResponse:
    """The links with their states and the form for a new one; its POST shows
    the new link, once."""
    form = _form(access, request.POST if request.method == "POST" else None)
    context = {"access": access, "links": _rows(access), "form": form}
    if request.method == "GET":
        return render(request, "kloof/agenda/links.html", context)
    if not form.is_valid():
        return render(request, "kloof/agenda/links.html", context, status=400)
    data = form.cleaned_data
    link, token = links.create_link(
        access.case,
        language=data["language"],
        expires=form.expires_at(),
        name=data["name"],
        created_by=request.user,
    )
    url = request.build_absolute_uri(reverse("agenda_shared", kwargs={"token": token}))
    context = {"access": access, "link": link, "url": url}
    response = render(request, "kloof/agenda/link_created.html", context, status=201)
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_POST
@case_view(EDITOR)
def agenda_link_revoke(request: HttpRequest, access: Access, link_id: int) -> HttpResponse:
    link = links.revoke(access.case, link_id, request.user)
    if link is None:
        raise Http404("no such link")
    messages.success(request, _("The link is revoked: it no longer opens the agenda."))
    return redirect(
        reverse("agenda_links", kwargs={"slug": access.workspace.slug, "case_id": access.case.pk})
    )


def _rows(access: Access) -> list[dict[str, object]]:
    return [
        {"link": link, "state": links.link_state(link).value}
        for link in links.links_of(access.case)
    ]


# --- the other side's page ------------------------------------------------------------


def _secret_page(response: HttpResponse) -> HttpResponse:
    response.headers["Referrer-Policy"] = "no-referrer"
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _open_link(request: HttpRequest, token: str) -> AgendaLink | HttpResponse:
    """The open link of ``token``, or the page that says why there is none."""
    client = address(request)
    link = links.find_link(token)
    if link is None:
        counted = secret_throttle.refused(AGENDA, client, "unknown")
        return _refused(request, "unknown" if counted else "throttled")
    state = links.link_state(link)
    if state is not links.AgendaLinkState.OPEN:
        secret_throttle.refused(AGENDA, client, state.value)
        translation.activate(link.language)
        return _refused(request, state.value)
    translation.activate(link.language)
    request.LANGUAGE_CODE = link.language  # type: ignore[attr-defined]
    links.mark_used(link)
    return link


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    response = render(
        request, "kloof/agenda/shared_refused.html", {"reason": reason}, status=REFUSALS[reason]
    )
    if reason == "throttled":
        response.headers["Retry-After"] = str(int(WINDOW.total_seconds()))
    return _secret_page(response)


@require_GET
def agenda_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The counterparty version of the agenda, for whoever holds the link."""
    found = _open_link(request, token)
    if isinstance(found, HttpResponse):
        return found
    agenda = load_agenda(found.case)
    rows = list(found.case.parties.order_by("position"))
    parties = [row for row in rows if row.side in ("own", "counterparty")] or rows[:2]
    context = {
        "items": counterparty_view(agenda) if agenda else (),
        "date": agenda.date if agenda else None,
        "between": translator(found.language)
        .gettext("Between {parties}")
        .format(parties=join_names([party.name for party in parties], found.language)),
        "pdf_url": reverse("agenda_shared_pdf", kwargs={"token": token}),
    }
    return _secret_page(render(request, "kloof/agenda/shared.html", context))


@require_GET
def agenda_shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    found = _open_link(request, token)
    if isinstance(found, HttpResponse):
        return found
    case = load_case(found.case)
    body = render_agenda_pdf(case, case.agenda or Agenda(), "counterparty", found.language)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="agenda.pdf"'
    return _secret_page(response)
