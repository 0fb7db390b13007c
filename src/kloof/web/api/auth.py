"""Who calls the API: a personal token in ``Authorization: Bearer <token>``, and
nothing else. A session cookie is not looked at, so the API needs no CSRF token
and a page of another site cannot call it on behalf of a logged-in user.

A presented token that is refused is counted per network address
(:mod:`kloof.web.secret_throttle`) and logged without the token; an address with
too many refusals gets 429 until the window has passed, before its token is even
looked at (so guessing stays slow even if a guess would be right).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from kloof.storage.api_tokens import TokenUse, check_token
from kloof.web import secret_throttle
from kloof.web.api.errors import REFUSED_AUTH, Throttled, Unauthenticated
from kloof.web.throttle import address


class TokenAuth(HttpBearer):
    """Accepts a valid personal API token; ``request.auth`` becomes its :class:`TokenUse`."""

    def authenticate(self, request: HttpRequest, token: str) -> TokenUse | None:
        client = address(request)
        if secret_throttle.is_throttled(secret_throttle.API, client):
            raise Throttled(int(secret_throttle.WINDOW.total_seconds()))
        checked = check_token(token.strip())
        if checked.use is None:
            reason = checked.refusal.value if checked.refusal else "refused"
            secret_throttle.record_refusal(secret_throttle.API, client, reason)
            raise Unauthenticated(REFUSED_AUTH)
        return checked.use
