"""The minutes of the open conversation as a download: HTML or A4 PDF, for the
team or for the other side (``?audience=team|counterparty&format=html|pdf``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kloof.i18n.outcomes import AUDIENCES
from kloof.services.minutes import FORMATS, minutes_document
from kloof.storage import outcomes
from kloof.storage.dashboard import load_case
from kloof.web.access import VIEWER, Access, case_view
from kloof.web.views.dashboard import ui_language

CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@require_GET
@case_view(VIEWER)
def minutes(request: HttpRequest, access: Access) -> HttpResponse:
    audience = request.GET.get("audience", "team")
    fmt = request.GET.get("format", "pdf")
    problems = []
    if audience not in AUDIENCES:
        problems.append(_("Choose the audience team or counterparty (?audience=…)."))
    if fmt not in FORMATS:
        problems.append(_("Choose the format html or pdf (?format=…)."))
    if problems:
        return _plain("\n".join(problems), 400)
    agenda = outcomes.domain_agenda(access.case)
    if agenda is None:
        return _plain(_("This case has no agenda yet: make one before the minutes."), 404)
    case = load_case(access.case)
    body = minutes_document(
        case, agenda, ui_language(), audience=audience, fmt=fmt, generated=timezone.localdate()
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    # Named after the parties for the other side: the case title is the team's.
    stem = case.title if audience == "team" else "-".join(p.name for p in case.parties[:2])
    filename = f"{slugify(stem)[:80].strip('-') or 'case'}-minutes-{audience}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
