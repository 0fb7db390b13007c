"""Personal API tokens: every member makes and revokes their own tokens for the
workspace; an owner also sees everybody's and may revoke any of them (to cut
off a script when someone leaves or a token leaks).

A new token is shown once, in the answer to the POST that made it: never in a
redirect, the session or a message, and the page is not stored by the browser
(``Cache-Control: no-store``). Only its hash is kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kloof.storage import api_tokens as store
from kloof.web.access import VIEWER, Access, workspace_view
from kloof.web.forms.tokens import TokenForm


@require_http_methods(["GET", "POST"])
@workspace_view(VIEWER)
def token_list(request: HttpRequest, access: Access) -> HttpResponse:
    """The user's tokens (an owner's page lists everybody's) and the form for a new one."""
    form = TokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            row, secret = store.create_token(
                request.user, access.workspace, form.cleaned_data["name"]
            )
            created = {"row": row, "secret": secret}
            form = TokenForm()
            status = 201
        else:
            status = 400
    response = render(
        request, "kloof/tokens/list.html", _context(request, access, form, created), status=status
    )
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def _context(request: HttpRequest, access: Access, form: TokenForm, created: dict | None) -> dict:
    user = None if access.is_owner else request.user
    tokens = list(store.tokens_of(access.workspace, user))
    return {
        "access": access,
        "form": form,
        "created": created,
        "own": [token for token in tokens if token.user_id == request.user.pk],
        "others": [token for token in tokens if token.user_id != request.user.pk],
    }


@require_POST
@workspace_view(VIEWER)
def token_revoke(request: HttpRequest, access: Access, token_id: int) -> HttpResponse:
    """Revoke one of the user's tokens (an owner: any token of the workspace)."""
    user = None if access.is_owner else request.user
    token = store.find_token(access.workspace, token_id, user)
    if token is None:
        raise Http404("no such token")
    if store.revoke_token(access.workspace, token.pk, user):
        messages.success(
            request,
            _("Token “%(prefix)s…” revoked: it no longer works.") % {"prefix": token.prefix},
        )
    else:
        messages.info(request, _("This token was revoked already."))
    return redirect("api_tokens", slug=access.workspace.slug)
