"""A trainer's group sessions: the list, starting one (its link and QR code,
shown once), the live screen, revealing the reference, closing, and the results.

Roles: any member may watch (the list, the live screen, its updates); editors
and owners start, reveal, close and export (the export names participants by
their nicknames). A new session's token is shown once, in the answer to the
POST that made it (``no-store``), never in a redirect, a message or a log.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.domain.practice import Scenario
from kloof.formats.cells import Sheet, csv_bytes, xlsx_bytes
from kloof.i18n.practice import difference_text
from kloof.services import group_live
from kloof.services.practice import factor_names
from kloof.storage import group_sessions as store
from kloof.storage import workspace_scenarios as own_store
from kloof.storage.models_practice import GroupSession, PracticeScenario
from kloof.web.access import EDITOR, VIEWER, Access, workspace_view
from kloof.web.forms.group import GroupSessionForm
from kloof.web.forms.numbers import number_text

#: How often the live screen asks for news, in seconds.
POLL_SECONDS = 3


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (made here, no outside service)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg") :]


def own_scenarios(rows: Iterable[PracticeScenario]) -> list[Scenario]:
    return [own_store.parsed(row) for row in rows]


def _language(request: HttpRequest) -> str:
    language = get_language() or "en"
    return language if language in ("nl", "en") else "en"


def _session(access: Access, session_id: int) -> GroupSession:
    session = store.session_of(access.workspace, session_id)
    if session is None:
        raise Http404("no such group session")
    return session


def _kwargs(access: Access, session: GroupSession) -> dict[str, Any]:
    return {"slug": access.workspace.slug, "session_id": session.pk}


@require_http_methods(["GET", "POST"])
@workspace_view(VIEWER)
def group_sessions(request: HttpRequest, access: Access) -> HttpResponse:
    """The sessions and, for editors, the form to start one; its POST shows the link once."""
    language = _language(request)
    posted = request.method == "POST"
    if posted and not access.can_edit:
        raise PermissionDenied("Only editors and owners start group sessions.")
    own = {row.key: row for row in own_store.rows_of(access.workspace)}
    form = GroupSessionForm(
        request.POST if posted else None, language=language, own=own_scenarios(own.values())
    )
    rows = [
        {
            "session": row,
            "state": store.session_state(row).value,
            "title": store.scenario_of(row).title.get(language),
        }
        for row in store.sessions_of(access.workspace)
    ]
    context = {"access": access, "rows": rows, "form": form}
    if not posted:
        return render(request, "kloof/group/sessions.html", context)
    if not form.is_valid():
        return render(request, "kloof/group/sessions.html", context, status=400)
    data = form.cleaned_data
    session, token = store.create_session(
        access.workspace,
        scenario=data["scenario"],
        language=data["language"],
        name=data["name"],
        expires=timezone.now() + timedelta(hours=data["hours"]),
        created_by=request.user,
        own=own.get(data["scenario"]),
    )
    url = request.build_absolute_uri(reverse("group_start", kwargs={"token": token}))
    context = {
        "access": access,
        "session": session,
        "url": url,
        "qr": mark_safe(qr_svg(url)),  # noqa: S308 -- made by qrcode from our own URL
        "title": store.scenario_of(session).title.get(language),
    }
    response = render(request, "kloof/group/created.html", context, status=201)
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def _strip(factor: group_live.FactorRows, row: group_live.PartyRow) -> dict[str, Any]:
    """One party's chart on one factor, with its numbers as text (in the page's
    language; the SVG itself keeps a decimal point)."""
    counts = ", ".join(
        f"{number_text(value)}: {count}"
        for value, count in zip(group_live.SCALE, row.counts, strict=True)
        if count
    )
    title = _("%(party)s on %(factor)s: %(n)s ratings") % {
        "party": row.name,
        "factor": factor.name,
        "n": row.rated,
    }
    description = _("Ratings per score: %(counts)s. Reference: %(reference)s.") % {
        "counts": counts or "-",
        "reference": number_text(row.reference),
    }
    svg = group_live.strip_svg(row, f"{factor.factor}-{row.party}", title, description)
    # Escaped where it is made (group_live.strip_svg): names and texts go through html.escape.
    return {"row": row, "svg": mark_safe(svg), "counts": counts}  # noqa: S308


def live_context(access: Access, session: GroupSession, language: str) -> dict[str, Any]:
    scenario = store.scenario_of(session)
    participants = store.participants_of(session)
    answers = [row.answers for row in participants if row.submitted is not None]
    names = factor_names(language)
    revealed = session.revealed is not None
    factors = [
        {
            "name": factor.name,
            "key": factor.factor,
            "rows": [_strip(factor, row) for row in factor.parties],
        }
        for factor in group_live.factor_rows(scenario, answers, names, language)
    ]
    differences = [
        {
            "text": difference_text(row.key, scenario, names, language),
            "flagged": row.flagged,
            "blocking": row.blocking,
        }
        for row in group_live.difference_rows(scenario, answers)
        if row.flagged or revealed
    ]
    scores = [row.score for row in participants if row.score is not None]
    return {
        "access": access,
        "session": session,
        "state": store.session_state(session).value,
        "title": scenario.title.get(language),
        "joined": len(participants),
        "submitted": len(answers),
        "mean_score": sum(scores) / len(scores) if scores else None,
        "factors": factors,
        "differences": differences,
        "revealed": revealed,
        "poll": POLL_SECONDS,
        "kwargs": _kwargs(access, session),
    }


@require_GET
@workspace_view(VIEWER)
def group_session(request: HttpRequest, access: Access, session_id: int) -> HttpResponse:
    session = _session(access, session_id)
    context = live_context(access, session, _language(request))
    return render(request, "kloof/group/live.html", context)


@require_GET
@workspace_view(VIEWER)
def group_session_live(request: HttpRequest, access: Access, session_id: int) -> HttpResponse:
    """The live part alone, for the screen's polling."""
    session = _session(access, session_id)
    context = live_context(access, session, _language(request))
    response = render(request, "kloof/group/live_part.html", context)
    add_never_cache_headers(response)
    return response


@require_POST
@workspace_view(EDITOR)
def group_session_reveal(request: HttpRequest, access: Access, session_id: int) -> HttpResponse:
    session = store.reveal(_session(access, session_id))
    messages.success(request, _("The reference is revealed: participants now see its reasoning."))
    return redirect(reverse("group_session", kwargs=_kwargs(access, session)))


@require_POST
@workspace_view(EDITOR)
def group_session_close(request: HttpRequest, access: Access, session_id: int) -> HttpResponse:
    session = store.close(_session(access, session_id))
    messages.success(request, _("The session is closed: its link no longer works."))
    return redirect(reverse("group_session", kwargs=_kwargs(access, session)))


def results_table(session: GroupSession) -> tuple[list[str], list[list[Any]]]:
    scenario = store.scenario_of(session)
    rows = [
        (row.nickname, row.answers, row.feedback)
        for row in store.participants_of(session)
        if row.submitted is not None
    ]
    return group_live.result_rows(scenario, rows)


@require_GET
@workspace_view(EDITOR)
def group_session_results(
    request: HttpRequest, access: Access, session_id: int, fmt: str
) -> HttpResponse:
    session = _session(access, session_id)
    header, rows = results_table(session)
    if fmt == "csv":
        body, kind = csv_bytes(header, rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = xlsx_bytes([Sheet(name="Results", header=header, rows=rows)])
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404("csv or xlsx")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="group-session-{session.pk}.{fmt}"'
    add_never_cache_headers(response)
    return response
