"""The respondent's side of a secret link: exchanging the token for a session,
the questionnaire, and the thank-you page with their own answers.

A respondent sees nothing but their own questionnaire: no case title (it is the
team's working title), no analysis, no other answers. Saving and sending go
through the respondent core (``kloof.storage.respondents``), which keeps one
submission and one rating per question whatever the browser does. A write the
database cannot make (locked, full, gone) is answered 503 with the respondent's
input in the form, never with a 500 or a thank-you.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.domain.model import Scale
from kloof.storage.models import RespondentLink, Submission
from kloof.storage.rating import case_factors
from kloof.storage.respondents import (
    LinkNotOpenError,
    LinkState,
    drafts_of,
    find_link,
    link_state,
    save_answers,
    subjects_of,
    submission_of,
    submit,
)
from kloof.web import secret_throttle
from kloof.web.client import address
from kloof.web.forms import respond as form
from kloof.web.forms.numbers import number_text
from kloof.web.respond_intro import intro_of
from kloof.web.secret_throttle import RESPONDENT
from kloof.web.views.respond_session import (
    LANGUAGES,
    NO_REFERRER,
    SESSION_LANGUAGE,
    forget_session_changes,
    mark_first_use,
    refused,
    respondent_page,
    session_link,
    start_session,
    use_language,
)

#: The header of the questionnaire's own script when it saves as the respondent goes.
AUTOSAVE_HEADER = "X-Kloof-Autosave"


@respondent_page(referrer=NO_REFERRER)
@require_GET
def start(request: HttpRequest, token: str) -> HttpResponse:
    """Exchange the token for a session and leave the URL that holds it.

    The link is looked up first: an open one always opens, and a withdrawn,
    expired or closed one always says so, whatever others sent from the same
    address. Only a token that is no link at all is answered 429 once the address
    has had too many refusals (:mod:`kloof.web.secret_throttle`)."""
    client = address(request)
    link = find_link(token)
    if link is None:
        counted = secret_throttle.refused(RESPONDENT, client, "unknown")
        return refused(request, "unknown" if counted else "throttled")
    state = link_state(link)
    if state is not LinkState.OPEN:
        secret_throttle.refused(RESPONDENT, client, state.value)
        use_language(request, link)
        return refused(request, state.value)
    mark_first_use(link)
    start_session(request, link)
    return redirect("respond")


@dataclass(frozen=True)
class Sheet:
    """Everything the questionnaire page shows, read before anything is written,
    so that a failed write can still show the page."""

    link: RespondentLink
    questions: list[form.Question]
    saved: dict[str, form.Shown]
    scale: Scale
    submission: Submission | None


def _sheet(link: RespondentLink, language: str) -> Sheet:
    case = link.case
    questions = form.questions_for(
        subjects_of(link), case_factors(case), language, case.framework_ref
    )
    return Sheet(
        link=link,
        questions=questions,
        saved=form.saved_shown(questions, drafts_of(link)),
        scale=Scale(case.scale_min, case.scale_max),
        submission=submission_of(link),
    )


def _open_link(request: HttpRequest) -> tuple[RespondentLink | None, HttpResponse | None]:
    """The session's open link, or the page that says why there is none."""
    link = session_link(request)
    use_language(request, link)
    if link is None:
        return None, refused(request, "no_session")
    state = link_state(link)
    if state is not LinkState.OPEN:
        return None, refused(request, state.value)
    return link, None


@respondent_page
@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest) -> HttpResponse:
    link, refusal = _open_link(request)
    if link is None:
        assert refusal is not None
        return refusal
    sheet = _sheet(link, request.LANGUAGE_CODE)  # type: ignore[attr-defined]
    if request.method != "POST":
        return _page(request, sheet, sheet.saved)
    action = form.action_of(request.POST)
    parsed = form.parse(request.POST, sheet.questions, sheet.scale, sheet.saved)
    if action is None:
        parsed.problems.append(_("Choose “Save” or “Send my answers”."))
    if action == "submit" and parsed.valid and not _any_answer(parsed):
        parsed.problems.append(
            _("Answer at least one question (or tick “No opinion”) before you send.")
        )
    if not parsed.valid:
        return _refuse_input(request, sheet, parsed)
    unanswered = _unanswered(sheet, parsed)
    if action == "submit" and unanswered > form.confirmed_unanswered(request.POST):
        action = "confirm"  # saved, not sent: the page asks first
    try:
        if action == "submit":
            submit(link, parsed.answers)
        else:
            save_answers(link, parsed.answers)
    except OperationalError:
        return _not_written(request, sheet, parsed)
    except LinkNotOpenError as closed:  # revoked or closed while they were answering
        return refused(request, closed.state.value)
    if _autosave(request):
        return HttpResponse(status=204)
    if action == "submit":
        return _see_other("respond_done")
    if action == "confirm":
        return _page(request, sheet, parsed.shown, confirm=unanswered)
    messages.success(request, _("Your answers are saved. You can come back to them later."))
    return _see_other("respond")


def _any_answer(parsed: form.Parsed) -> bool:
    return any(shown.answered for shown in parsed.shown.values())


def _unanswered(sheet: Sheet, parsed: form.Parsed) -> int:
    return sum(not parsed.shown[question.key].answered for question in sheet.questions)


def _autosave(request: HttpRequest) -> bool:
    return request.headers.get(AUTOSAVE_HEADER) == "1"


def _refuse_input(request: HttpRequest, sheet: Sheet, parsed: form.Parsed) -> HttpResponse:
    if _autosave(request):
        message = _("Not saved: some answers need a change. Press “Save” to see which.")
        return JsonResponse({"message": message}, status=400)
    return _page(request, sheet, parsed.shown, problems=parsed.problems, status=400)


def _not_written(request: HttpRequest, sheet: Sheet, parsed: form.Parsed) -> HttpResponse:
    """503: nothing was saved; the input goes back into the form."""
    forget_session_changes(request)
    message = _(
        "Your answers could not be saved just now. They are still in the form: "
        "try again in a minute."
    )
    if _autosave(request):
        response: HttpResponse = JsonResponse({"message": message}, status=503)
    else:
        response = _page(request, sheet, parsed.shown, unavailable=message, status=503)
    response.headers["Retry-After"] = "60"
    return response


def _page(
    request: HttpRequest,
    sheet: Sheet,
    shown: dict[str, form.Shown],
    *,
    problems: list[str] | None = None,
    unavailable: str = "",
    confirm: int = 0,
    status: int = 200,
) -> HttpResponse:
    sections: list[dict[str, Any]] = []
    for question in sheet.questions:
        if not sections or sections[-1]["subject"].pk != question.subject.pk:
            sections.append({"subject": question.subject, "rows": []})
        sections[-1]["rows"].append({"q": question, "shown": shown[question.key]})
    answered = sum(shown[question.key].answered for question in sheet.questions)
    wrong = [row for section in sections for row in section["rows"] if row["shown"].errors]
    open_rows = [
        row for section in sections for row in section["rows"] if not row["shown"].answered
    ]
    context = {
        **intro_of(sheet.link, len(sheet.questions), request.LANGUAGE_CODE),  # type: ignore[attr-defined]
        "link": sheet.link,
        "sections": sections,
        "scale": sheet.scale,
        "low": number_text(sheet.scale.low),
        "high": number_text(sheet.scale.high),
        "low_value": form.number_field(sheet.scale.low),
        "high_value": form.number_field(sheet.scale.high),
        "middle_value": form.number_field((sheet.scale.low + sheet.scale.high) / 2),
        "step": form.number_field(form.step_of(sheet.scale)),
        "answered": answered,
        "total": len(sheet.questions),
        "submission": sheet.submission,
        "problems": problems or [],
        "wrong": wrong,
        "unavailable": unavailable,
        # Sending with questions open: how many, and where the first one is.
        "confirm": confirm,
        "first_open": open_rows[0]["q"].key if open_rows else "",
        "note_length": form.NOTE_LENGTH,
        "confidences": _confidences(),
        "language_switch": "form",
    }
    return render(request, "kloof/respond/form.html", context, status=status)


def _confidences() -> list[tuple[str, str]]:
    return [("", _("Not given")), ("low", _("Low")), ("medium", _("Medium")), ("high", _("High"))]


@respondent_page
@require_GET
def done(request: HttpRequest) -> HttpResponse:
    """Thanks, and the respondent's own answers as they were sent."""
    link, refusal = _open_link(request)
    if link is None:
        assert refusal is not None
        return refusal
    sheet = _sheet(link, request.LANGUAGE_CODE)  # type: ignore[attr-defined]
    if sheet.submission is None:
        return redirect("respond")
    drafts = drafts_of(link)
    changed_since = any(row.updated > sheet.submission.submitted for row in drafts.values())
    confidences = dict(_confidences())
    sections: list[dict[str, Any]] = []
    for question in sheet.questions:
        if not sections or sections[-1]["subject"].pk != question.subject.pk:
            sections.append({"subject": question.subject, "rows": []})
        shown = sheet.saved[question.key]
        sections[-1]["rows"].append(
            {
                "q": question,
                "shown": shown,
                "score": shown.score,  # written the respondent's way already
                "confidence": confidences.get(shown.confidence, "") if shown.confidence else "",
            }
        )
    context = {
        "sections": sections,
        "submission": sheet.submission,
        "changed": changed_since,
        "low": number_text(sheet.scale.low),
        "high": number_text(sheet.scale.high),
        "language_switch": "done",
    }
    return render(request, "kloof/respond/done.html", context)


@respondent_page
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the questionnaire's language; the session (and the answers) stay."""
    link, refusal = _open_link(request)
    if link is None:
        assert refusal is not None
        return refusal
    chosen = request.POST.get("language", "")
    if chosen in LANGUAGES:
        request.session[SESSION_LANGUAGE] = chosen
    return _see_other("respond_done" if request.POST.get("next") == "done" else "respond")


def _see_other(name: str) -> HttpResponse:
    """303: after a POST, the browser GETs the next page (a refresh posts nothing)."""
    response = HttpResponseRedirect(reverse(name))
    response.status_code = 303
    return response
