"""Django's session middleware, except that a session the database cannot store
just now (locked, disk full, gone) answers 503 "try again in a minute" instead of
a 500.

The session is saved after the view has answered, outside every view's own
handling of an unusable database: the respondent's link exchange (``/r/<token>``)
writes a new session, and a failure there would otherwise show a server error,
or worse, a redirect to a questionnaire whose session was never stored.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("kloof.web")

#: Seconds a 503 asks the browser to wait before trying again.
RETRY_SECONDS = 60
#: Paths of the respondent's pages: they answer with the questionnaire's own page.
RESPONDENT_PREFIXES = ("/r/", "/respond/")


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)  # type: ignore[no-any-return]
        except (OperationalError, SessionInterrupted) as error:
            # Django turns a failed update of a stored session into "session
            # interrupted" (400), meant for a session deleted meanwhile (a logout in
            # another tab); only an unusable database behind it is ours to answer.
            cause = _operational_cause(error)
            if cause is None:
                raise
            # No path in the message: a respondent's path holds the secret token.
            logger.warning("session not saved, answered 503: %s", type(cause).__name__)
            return _unavailable(request)


def _operational_cause(error: BaseException) -> OperationalError | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OperationalError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _unavailable(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(RESPONDENT_PREFIXES):
        from kloof.web.views.respond_session import NO_REFERRER, refused

        answer = refused(request, "unavailable")
        answer.headers["Referrer-Policy"] = NO_REFERRER
    else:
        answer = render(request, "503.html", status=503)
        answer.headers["Retry-After"] = str(RETRY_SECONDS)
    add_never_cache_headers(answer)
    return answer
