"""The URL patterns under ``/api/``: ninja's, renamed into our URL names, each
answering a wrong method with JSON; and a JSON 404 for any other path, so that
nothing under ``/api/`` ever answers with an HTML page."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from kloof.web.access import VIEWER
from kloof.web.api.main import api, root

#: ninja's own URL names and ours.
RENAMED = {"openapi-json": "api_openapi", "openapi-view": "api_docs"}


@functools.cache
def query_names() -> dict[tuple[str, str], frozenset[str]]:
    """The query parameters of each (OpenAPI path, method), from the schema."""
    schema = api.get_openapi_schema(path_prefix="/api")
    return {
        (path_, method.upper()): frozenset(
            p["name"] for p in operation.get("parameters", ()) if p.get("in") == "query"
        )
        for path_, methods in schema["paths"].items()
        for method, operation in methods.items()
    }


def unknown_query(request: HttpRequest, openapi_path: str) -> HttpResponse | None:
    """A 422 naming a query parameter the operation does not have (a typo such
    as ``?limt=`` would otherwise be ignored without a word)."""
    known = query_names().get((openapi_path, request.method or ""))
    if known is None:
        return None
    for name in request.GET:
        if name not in known:
            fix = f"leave it out (this operation takes: {', '.join(sorted(known)) or 'none'})"
            problem = "this operation has no such query parameter"
            detail = f"Invalid '{name}': {problem}. Fix: {fix}."
            error = {"field": name, "location": "query", "problem": problem, "fix": fix}
            return JsonResponse({"detail": detail, "errors": [error]}, status=422)
    return None


def json_not_allowed(
    view: Callable[..., HttpResponse], openapi_path: str = ""
) -> Callable[..., HttpResponse]:
    """``view``, with a 405 answered as JSON that names the allowed methods,
    and unknown query parameters refused."""

    @functools.wraps(view)  # keeps csrf_exempt: the API takes no cookies
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = unknown_query(request, openapi_path) if openapi_path else None
        if refused is not None:
            return refused
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            detail = f"{request.method} is not allowed here: use {allowed or 'another method'}."
            response = JsonResponse({"detail": detail}, status=405)
            response["Allow"] = allowed
        return response

    return wrapper


@json_not_allowed
@require_GET
def api_root(request: HttpRequest) -> HttpResponse:
    return JsonResponse(root(request))


@csrf_exempt
def api_not_found(request: HttpRequest, rest: str) -> HttpResponse:
    detail = "No such API path: see /api/openapi.json for the paths there are."
    return HttpResponse(json.dumps({"detail": detail}), status=404, content_type="application/json")


def _patterns() -> list[URLPattern]:
    found: list[URLPattern] = []
    for pattern in api.urls[0]:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "api-root":
            continue
        name = RENAMED.get(pattern.name or "", pattern.name)
        route = str(pattern.pattern)
        openapi_path = "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        public = name in RENAMED.values()
        view = json_not_allowed(pattern.callback, "" if public else openapi_path)
        if not public:
            # Every operation needs a member's token; the role it needs beyond
            # viewer is checked inside it (kloof.web.api.common.need).
            view.kloof_min_role = VIEWER  # type: ignore[attr-defined]
        found.append(path(route, view, name=name))
    return found


urlpatterns = [
    path("", api_root, name="api_root"),
    *_patterns(),
    path("<path:rest>", api_not_found, name="api_not_found"),
]
