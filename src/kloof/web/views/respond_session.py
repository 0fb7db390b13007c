"""A respondent's session and the answers every respondent page shares.

A respondent has no account: the secret link is exchanged once for a session
that holds the link's id (``SESSION_LINK``), and every later page finds the link
through it. The link is checked again on every request, so revoking it, its
expiry or the closed round end the questionnaire at once.

Every respondent answer is never cached, and hands no address on to another
site. The answers of ``/r/<token>`` (the only URL that holds the token) carry
``Referrer-Policy: no-referrer``, and so does the request their redirect leads
to. The questionnaire's own pages (``/respond/…``, no token in them) carry
``same-origin``: under ``no-referrer`` a browser posts a form with ``Origin:
null`` and no ``Referer``, which Django's CSRF check rightly refuses (over HTTPS
it requires one of them); ``same-origin`` still sends nothing to any other site.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_protect

from kloof.storage.models import RespondentLink
from kloof.storage.respondents import LinkState
from kloof.web.secret_throttle import WINDOW

SESSION_LINK = "kloof_respondent_link"
SESSION_LANGUAGE = "kloof_respondent_language"
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
#: How long an answer that could not be written asks the respondent to wait.
RETRY_SECONDS = 60

View = Callable[..., HttpResponse]


#: The referrer policies: of the token's URL, and of the questionnaire's pages.
NO_REFERRER = "no-referrer"
SAME_ORIGIN = "same-origin"


def respondent_page(view: View | None = None, *, referrer: str = SAME_ORIGIN) -> Any:
    """The headers of every respondent answer, CSRF refusals included; use as
    ``@respondent_page`` or ``@respondent_page(referrer=NO_REFERRER)``.

    A database that cannot be used answers 503 "try again in a minute" (the
    questionnaire itself answers a failed save with the form). The CSRF check
    runs inside (``csrf_protect``) instead of in the middleware, so that its 403
    carries these headers too; the check itself is Django's.
    """
    if view is None:
        return functools.partial(respondent_page, referrer=referrer)
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = protected(request, *args, **kwargs)
        except OperationalError:
            # The database cannot be read or written just now (locked, full, gone).
            forget_session_changes(request)
            response = refused(request, "unavailable")
        response.headers["Referrer-Policy"] = referrer
        add_never_cache_headers(response)
        return response

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]  # checked inside, see above
    return wrapper


def session_link(request: HttpRequest) -> RespondentLink | None:
    """The link of the respondent's session, whatever its state; None without one."""
    link_id = request.session.get(SESSION_LINK)
    if not isinstance(link_id, int):
        return None
    return RespondentLink.objects.select_related("case", "party").filter(pk=link_id).first()


def start_session(request: HttpRequest, link: RespondentLink) -> None:
    """A fresh session key for the respondent (no session fixation), holding the link."""
    request.session.cycle_key()
    request.session[SESSION_LINK] = link.pk
    request.session[SESSION_LANGUAGE] = link.language


def mark_first_use(link: RespondentLink) -> None:
    """Note when the link was first exchanged; later visits keep that moment."""
    RespondentLink.objects.filter(pk=link.pk, first_used__isnull=True).update(
        first_used=timezone.now()
    )


def use_language(request: HttpRequest, link: RespondentLink | None) -> str:
    """Activate the respondent's language: their choice, else the link's."""
    chosen = request.session.get(SESSION_LANGUAGE) if link is not None else None
    language = chosen or (link.language if link is not None else translation.get_language())
    if language not in LANGUAGES:
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    return language


def forget_session_changes(request: HttpRequest) -> None:
    """Leave the stored session as it was: after a failed write, saving it at the
    end of the request would fail too, and turn a clear 503 into a 500."""
    request.session = request.session.__class__(request.session.session_key)


#: The HTTP status of a page that gives no questionnaire, by reason.
REFUSALS = {
    "unknown": 404,
    LinkState.REVOKED.value: 403,
    LinkState.EXPIRED.value: 403,
    LinkState.CLOSED.value: 403,
    "no_session": 403,
    "throttled": 429,
    "unavailable": 503,
}


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    """The page of a link or session that gives no questionnaire, and why."""
    status = REFUSALS[reason]
    response = render(request, "kloof/respond/refused.html", {"reason": reason}, status=status)
    if reason == "throttled":
        response.headers["Retry-After"] = str(int(WINDOW.total_seconds()))
    elif reason == "unavailable":
        response.headers["Retry-After"] = str(RETRY_SECONDS)
    return response
