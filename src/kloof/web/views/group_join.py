"""A participant's pages of a group session: no account, a nickname.

``/g/<token>`` is the only URL that holds the session's token: it is checked
(unknown tokens are counted per network address, :mod:`kloof.web.secret_throttle`),
kept as the session's id in a signed cookie, and the browser is sent on to
``/group/``. Joining gives the browser a secret of its own (cookie, HttpOnly)
that finds the participant's answers again; only its SHA-256 is stored.

Every answer here is never cached (``no-store``) and is not indexed; the token's
URL hands no address on (``Referrer-Policy: no-referrer``), the pages under
``/group/`` use ``same-origin`` so that their forms pass Django's CSRF check
(see :mod:`kloof.web.views.respond_session`). A database that is busy beyond
its wait answers 503 "try again"; nothing half-written stays.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_POST

from kloof.domain.practice import possible_differences
from kloof.formats.framework import load_framework
from kloof.i18n.practice import difference_text
from kloof.services.practice import factor_names
from kloof.storage import group_sessions as store
from kloof.storage.models_practice import GroupParticipant, GroupSession
from kloof.web import secret_throttle
from kloof.web.client import address
from kloof.web.forms.group import (
    NicknameForm,
    difference_value,
    parse_answers,
    score_field,
)
from kloof.web.secret_throttle import WINDOW

#: The throttle's name for these secrets.
GROUP = "group"
SESSION_COOKIE = "kloof_group"
MEMBER_COOKIE = "kloof_group_member"
SALT = "kloof.group.session"
REFUSALS = {
    "unknown": 404,
    "closed": 410,
    "expired": 410,
    "no_session": 403,
    "throttled": 429,
    "unavailable": 503,
}
RETRY_SECONDS = 30

View = Callable[..., HttpResponse]


def participant_page(referrer: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        protected = csrf_protect(view)

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response = protected(request, *args, **kwargs)
            except OperationalError:  # the database is busy or gone just now
                response = refused(request, "unavailable")
            response.headers["Referrer-Policy"] = referrer
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
            return response

        wrapper.csrf_exempt = True  # type: ignore[attr-defined]  # checked inside
        return wrapper

    return decorate


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    response = render(
        request, "kloof/group/refused.html", {"reason": reason}, status=REFUSALS[reason]
    )
    if reason == "throttled":
        response.headers["Retry-After"] = str(int(WINDOW.total_seconds()))
    elif reason == "unavailable":
        response.headers["Retry-After"] = str(RETRY_SECONDS)
    return response


def _use_language(request: HttpRequest, session: GroupSession) -> None:
    translation.activate(session.language)
    request.LANGUAGE_CODE = session.language  # type: ignore[attr-defined]


def _set_cookie(response: HttpResponse, name: str, value: str, session: GroupSession) -> None:
    seconds = max(60, int((session.expires - timezone.now()).total_seconds()))
    response.set_cookie(
        name,
        value,
        max_age=seconds,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@require_GET
@participant_page("no-referrer")
def group_start(request: HttpRequest, token: str) -> HttpResponse:
    """The link: check it, remember the session in a cookie, go to /group/."""
    client = address(request)
    session = store.find_session(token)
    if session is None:
        counted = secret_throttle.refused(GROUP, client, "unknown")
        return refused(request, "unknown" if counted else "throttled")
    state = store.session_state(session)
    _use_language(request, session)
    if state is not store.SessionState.OPEN:
        secret_throttle.refused(GROUP, client, state.value)
        return refused(request, state.value)
    response = redirect("group_page")
    _set_cookie(response, SESSION_COOKIE, signing.dumps(session.pk, salt=SALT), session)
    return response


def _session(request: HttpRequest) -> GroupSession | HttpResponse:
    """The open session of the browser's cookie, or the page that says why not."""
    try:
        session_id = signing.loads(request.COOKIES.get(SESSION_COOKIE, ""), salt=SALT)
    except signing.BadSignature:
        return refused(request, "no_session")
    session = GroupSession.objects.filter(pk=session_id).first()
    if session is None:
        return refused(request, "no_session")
    _use_language(request, session)
    state = store.session_state(session)
    if state is not store.SessionState.OPEN:
        return refused(request, state.value)
    return session


def _participant(request: HttpRequest, session: GroupSession) -> GroupParticipant | None:
    return store.find_participant(session, request.COOKIES.get(MEMBER_COOKIE))


@require_GET
@participant_page("same-origin")
def group_page(request: HttpRequest) -> HttpResponse:
    """The nickname form, the questions, or the participant's feedback."""
    session = _session(request)
    if isinstance(session, HttpResponse):
        return session
    participant = _participant(request, session)
    if participant is None:
        return _join_page(request, session, NicknameForm())
    if session.revealed is not None:  # answers stand: the feedback and the reasoning
        return _feedback_page(request, session, participant)
    if participant.submitted is not None and request.GET.get("edit") != "1":
        return _feedback_page(request, session, participant)
    answers = store.answers_from_data(participant.answers) if participant.answers else None
    return _answer_page(request, session, participant, answers=answers)


def _join_page(
    request: HttpRequest, session: GroupSession, form: NicknameForm, status: int = 200
) -> HttpResponse:
    scenario = store.scenario_of(session)
    context = {"session": session, "title": scenario.title.get(session.language), "form": form}
    return render(request, "kloof/group/join.html", context, status=status)


@require_POST
@participant_page("same-origin")
def group_join(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if isinstance(session, HttpResponse):
        return session
    if _participant(request, session) is not None:
        return redirect("group_page")
    form = NicknameForm(request.POST)
    if not form.is_valid():
        return _join_page(request, session, form, status=400)
    try:
        _participant_row, secret = store.join(session, form.cleaned_data["nickname"])
    except store.NicknameTakenError:
        form.add_error(
            "nickname",
            translation.gettext(
                "Somebody in this session is already called “%(nickname)s”: choose another "
                "nickname, such as one with your initial."
            )
            % {"nickname": form.cleaned_data["nickname"]},
        )
        return _join_page(request, session, form, status=400)
    except store.NotOpenError as error:
        return refused(request, error.state.value)
    response = redirect("group_page")
    response.status_code = 303
    _set_cookie(response, MEMBER_COOKIE, secret, session)
    return response


def _questions(session: GroupSession, answers: store.Answers | None, typed: dict[str, str]):
    scenario = store.scenario_of(session)
    language = session.language
    names = factor_names(language)
    poles = {factor.key: factor for factor in load_framework("hopmans-9").factors}
    factors = []
    for factor in scenario.factors:
        rows = []
        for party in scenario.parties:
            name = score_field(party.id, factor)
            value = answers.positions.get((party.id, factor)) if answers else None
            shown = typed.get(name, "" if value is None else f"{value:g}")
            if language == "nl":
                shown = shown.replace(".", ",")
            rows.append({"field": name, "party": party.name.get(language), "value": shown})
        pole = poles.get(factor)
        factors.append(
            {
                "key": factor,
                "name": names.get(factor, factor),
                "left": pole.left.get(language) if pole else "",
                "right": pole.right.get(language) if pole else "",
                "rows": rows,
            }
        )
    chosen = answers.blocking if answers else frozenset()
    differences = [
        {
            "value": difference_value(key),
            "text": difference_text(key, scenario, names, language),
            "checked": key in chosen,
            "perception": key.kind == "perception",
        }
        for key in possible_differences(scenario)
    ]
    moves = [
        {
            "key": option.key,
            "text": option.text.get(language),
            "checked": answers is not None and answers.first_move == option.key,
        }
        for option in scenario.reference.first_move.options
    ]
    return scenario, factors, differences, moves


def _answer_page(
    request: HttpRequest,
    session: GroupSession,
    participant: GroupParticipant,
    *,
    answers: store.Answers | None,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    scenario, factors, differences, moves = _questions(session, answers, typed or {})
    for factor in factors:
        for row in factor["rows"]:
            row["error"] = (errors or {}).get(row["field"])
    context = {
        "session": session,
        "participant": participant,
        "scenario": scenario,
        "title": scenario.title.get(session.language),
        "text": scenario.text.get(session.language).split("\n\n"),
        "parties": [
            {
                "name": party.name.get(session.language),
                "role": party.role.get(session.language) if party.role else "",
            }
            for party in scenario.parties
        ],
        "factors": factors,
        "differences": differences,
        "moves": moves,
        "errors": errors or {},
        "question": scenario.reference.first_move,
    }
    return render(request, "kloof/group/answer.html", context, status=status)


@require_POST
@participant_page("same-origin")
def group_answer(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if isinstance(session, HttpResponse):
        return session
    participant = _participant(request, session)
    if participant is None:
        return redirect("group_page")
    scenario = store.scenario_of(session)
    parsed = parse_answers(scenario, request.POST)
    if parsed.errors:
        return _answer_page(
            request,
            session,
            participant,
            answers=parsed.answers,
            typed=parsed.typed,
            errors=parsed.errors,
            status=400,
        )
    try:
        store.submit(participant, parsed.answers)
    except store.NotOpenError as error:
        return refused(request, error.state.value)
    except store.RevealedError:
        participant.refresh_from_db()
        return _feedback_page(request, session, participant, late=True)
    response = redirect("group_page")
    response.status_code = 303
    return response


def _feedback_page(
    request: HttpRequest, session: GroupSession, participant: GroupParticipant, late: bool = False
) -> HttpResponse:
    from kloof.services.group_feedback import feedback_view

    scenario = store.scenario_of(session)
    context = {
        "session": session,
        "participant": participant,
        "title": scenario.title.get(session.language),
        "late": late,
        **feedback_view(
            scenario, participant.feedback, session.language, session.revealed is not None
        ),
    }
    return render(request, "kloof/group/feedback.html", context, status=409 if late else 200)
