"""Who calls the API: a personal token in ``Authorization: Bearer <token>``, and
nothing else. A session cookie is not looked at, so the API needs no CSRF token
and a page of another site cannot call it on behalf of a logged-in user.

A valid token is always accepted. A presented token that is refused is counted
per network address (:mod:`kloof.web.secret_throttle`) and logged without the
token; an address with too many refusals gets 429 for its refused tokens until
the window has passed (never for a valid one: others behind the same address
are not held up).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from kloof.storage.api_tokens import TokenUse, check_token
from kloof.web import secret_throttle
from kloof.web.api.errors import REFUSED_AUTH, Throttled, Unauthenticated
from kloof.web.client import address


class TokenAuth(HttpBearer):
    """Accepts a valid personal API token; ``request.auth`` becomes its :class:`TokenUse`."""

    def authenticate(self, request: HttpRequest, token: str) -> TokenUse | None:
        checked = check_token(token.strip())
        if checked.use is not None:
            return checked.use  # a valid token works, whatever others sent from here
        reason = checked.refusal.value if checked.refusal else "refused"
        if not secret_throttle.refused(secret_throttle.API, address(request), reason):
            raise Throttled(int(secret_throttle.WINDOW.total_seconds()))
        raise Unauthenticated(REFUSED_AUTH)
