"""``/``: straight to where a user works."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The workspace list when logged in, else the log-in page."""
    if request.user.is_authenticated:
        return redirect("workspace_list")
    return redirect("login")
