"""The dialogue agenda: the team's page, generating it, its history, and the
counterparty version as the team previews it.

Viewers read; editors generate and change. List changes carry the agenda's
version, item edits the item's: a stale one is answered with 409 and the newer
state (never a silent overwrite).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.reports.agenda import AUDIENCES, render_agenda_html, render_agenda_pdf
from kloof.storage import agenda as store
from kloof.storage.cases import load_case
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.agenda import DateForm
from kloof.web.views import agenda_display as display
from kloof.web.views.register_display import HistoryNames

HISTORY_PAGE = 50


def agenda_url(access: Access, name: str = "agenda", **kwargs: object) -> str:
    return reverse(
        name, kwargs={"slug": access.workspace.slug, "case_id": access.case.pk, **kwargs}
    )


@require_GET
@case_view(VIEWER)
def agenda(request: HttpRequest, access: Access) -> HttpResponse:
    return agenda_page(request, access)


def agenda_page(request: HttpRequest, access: Access, status: int = 200) -> HttpResponse:
    found = store.find_agenda(access.case)
    rows = store.items_of(found)
    names = HistoryNames.of(access.case, display.language())
    context = {
        "access": access,
        "agenda": found,
        "items": display.team_items(rows, names),
        "shared_count": sum(row.shareable for row in rows),
        "date_form": DateForm(
            initial={"agenda_version": found.version, "date": found.date} if found else None
        ),
    }
    return render(request, "kloof/agenda/agenda.html", context, status=status)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def agenda_generate(request: HttpRequest, access: Access) -> HttpResponse:
    """GET asks (and, with an agenda, warns that it is replaced); POST generates."""
    existing = store.find_agenda(access.case)
    if request.method != "POST":
        count = existing.items.count() if existing else 0
        context = {"access": access, "agenda": existing, "count": count}
        return render(request, "kloof/agenda/generate.html", context)
    replace = request.POST.get("replace") == "yes"
    try:
        store.generate(access.case, request.user, replace=replace)
    except store.AgendaExists:
        messages.warning(
            request, _("The case has an agenda already. Confirm to replace it; nothing changed.")
        )
        context = {"access": access, "agenda": existing, "count": existing.items.count()}
        return render(request, "kloof/agenda/generate.html", context, status=409)
    messages.success(request, _("Agenda generated from the analysis."))
    return redirect(agenda_url(access))


@require_POST
@case_view(EDITOR)
def agenda_date(request: HttpRequest, access: Access) -> HttpResponse:
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date as a day, month and year."))
        return agenda_page(request, access, status=400)
    try:
        store.set_date(
            access.case,
            form.cleaned_data["agenda_version"],
            form.cleaned_data["date"],
            request.user,
        )
    except StaleVersion:
        return stale_list(request, access)
    messages.success(request, _("Date saved."))
    return redirect(agenda_url(access))


def stale_list(request: HttpRequest, access: Access) -> HttpResponse:
    """Someone changed the agenda since the page was shown: show it as it is now."""
    messages.error(
        request,
        _(
            "Someone changed the agenda in the meantime. Here it is as it is now; "
            "nothing was saved."
        ),
    )
    return agenda_page(request, access, status=409)


@require_GET
@case_view(VIEWER)
def agenda_history(request: HttpRequest, access: Access) -> HttpResponse:
    page = Paginator(store.agenda_history(access.case), HISTORY_PAGE).get_page(
        request.GET.get("page")
    )
    names = HistoryNames.of(access.case, display.language())
    rows = [display.agenda_history_row(change, names) for change in page.object_list]
    context = {"access": access, "page": page, "rows": rows}
    return render(request, "kloof/agenda/history.html", context)


@require_GET
@case_view(VIEWER)
def agenda_counterparty(request: HttpRequest, access: Access) -> HttpResponse:
    """The counterparty version as the team sees it before sharing."""
    found = store.find_agenda(access.case)
    context = {
        "access": access,
        "agenda": found,
        "items": display.counterparty_items(store.items_of(found)),
    }
    return render(request, "kloof/agenda/counterparty.html", context)


DOWNLOAD_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@require_GET
@case_view(VIEWER)
def agenda_download(request: HttpRequest, access: Access, audience: str, fmt: str) -> HttpResponse:
    """The agenda as an HTML or PDF document for the team or the other side."""
    if fmt not in DOWNLOAD_TYPES or audience not in AUDIENCES:
        raise Http404("no such download")
    case = load_case(access.case)
    if case.agenda is None:
        raise Http404("no agenda yet")
    language = display.language()
    if fmt == "pdf":
        body: bytes | str = render_agenda_pdf(case, case.agenda, audience, language)
    else:
        body = render_agenda_html(case, case.agenda, audience, language)
    response = HttpResponse(body, content_type=DOWNLOAD_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, download_name(access, audience, fmt)
    )
    return response


def download_name(access: Access, audience: str, fmt: str) -> str:
    """The team's file is named after the case; the other side's is not (the
    case title is the team's own name for the negotiation)."""
    if audience == "counterparty":
        return f"agenda.{fmt}"
    return f"{slugify(access.case.title)[:80].strip('-') or 'case'}-agenda.{fmt}"
