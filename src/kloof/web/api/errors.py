"""Every error of the API as JSON: ``{"detail": "...", ...}``, never an HTML
page and never a traceback.

``detail`` says what went wrong and what to do about it; a 422 also lists each
problem with the field it is about and the fix (``errors``). The handlers are
registered on the API by :func:`install`; :func:`answers` gives an operation's
documented responses, so the OpenAPI schema names every status it can answer.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kloof.formats.errors import InputError

log = logging.getLogger("kloof.api")

#: Retry-After of a 503 (a locked or full database is usually a passing state).
RETRY_UNAVAILABLE = 5


class ErrorOut(Schema):
    detail: str


class ProblemOut(Schema):
    field: str
    location: str
    problem: str
    fix: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[ProblemOut]


class ApiError(Exception):
    """An answer other than success, with its status and message."""

    def __init__(
        self,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}


def unprocessable(field: str, problem: str, fix: str) -> ApiError:
    """A 422 for input the schema allows but the case does not (a score off
    its scale, a factor it does not have …), shaped like a validation error."""
    detail = f"Invalid '{field}': {problem}. Fix: {fix}."
    errors = [{"field": field, "location": "body", "problem": problem, "fix": fix}]
    return ApiError(422, detail, extra={"errors": errors})


class Unauthenticated(ApiError):  # noqa: N818 -- the name says what happened
    def __init__(self, detail: str) -> None:
        super().__init__(401, detail, {"WWW-Authenticate": 'Bearer realm="kloof"'})


class Throttled(ApiError):  # noqa: N818
    def __init__(self, seconds: int) -> None:
        super().__init__(
            429,
            f"Too many refused tokens from your address: wait {seconds} seconds, "
            "then send a valid token.",
            {"Retry-After": str(seconds)},
        )


MISSING_AUTH = (
    "Authentication needed: send a personal API token as 'Authorization: Bearer kloof_…'. "
    "Make one on the workspace's API tokens page or with 'kloof token create'."
)
REFUSED_AUTH = (
    "This API token is not valid: it is unknown, revoked, or its user is no longer a "
    "member of the workspace. Make a new one on the workspace's API tokens page."
)

#: The answers an operation may give besides its own success.
COMMON: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
    503: ErrorOut,
}


def answers(success: dict[int, Any], *extra: int) -> dict[int, Any]:
    """The documented responses of an operation: ``success``, the common errors
    and the ``extra`` codes (such as 409), each with its JSON schema."""
    result = {**success, **COMMON}
    for code in extra:
        result.setdefault(code, ErrorOut)
    return result


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, data: dict[str, Any], **headers: str
) -> HttpResponse:
    response = api.create_response(request, data, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


#: A fix per kind of pydantic error; ``{field}`` is filled in.
FIXES = {
    "missing": "add '{field}'",
    "json_invalid": "send a valid JSON object with 'Content-Type: application/json'",
    "model_attributes_type": "send a JSON object",
    "dict_type": "send a JSON object",
    "int_parsing": "give '{field}' as a whole number",
    "int_type": "give '{field}' as a whole number",
    "int_from_float": "give '{field}' as a whole number",
    "float_parsing": "give '{field}' as a number with a decimal point",
    "float_type": "give '{field}' as a number",
    "finite_number": "give '{field}' as a finite number",
    "bool_parsing": "give '{field}' as true or false",
    "bool_type": "give '{field}' as true or false",
    "string_type": "give '{field}' as text",
    "list_type": "give '{field}' as a list",
    "literal_error": "use one of the values the message names for '{field}'",
    "enum": "use one of the values the message names for '{field}'",
    "greater_than_equal": "give '{field}' a larger value",
    "less_than_equal": "give '{field}' a smaller value",
    "string_too_long": "shorten '{field}'",
    "string_too_short": "fill in '{field}'",
    "too_long": "send fewer items in '{field}'",
    "too_short": "send more items in '{field}'",
    "datetime_parsing": "give '{field}' as an ISO 8601 date and time, e.g. 2027-01-31T17:00:00Z",
    "datetime_type": "give '{field}' as an ISO 8601 date and time, e.g. 2027-01-31T17:00:00Z",
    "datetime_from_date_parsing": "give '{field}' as an ISO 8601 date and time",
    "extra_forbidden": "leave out '{field}': it is not a field of this request",
    "value_error": "correct '{field}'",
}


def problems(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Ninja's validation errors as (field, location, problem, fix)."""
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else "request"
        # A body's first part is the parameter's name, which clients never see.
        parts = loc[2:] if location == "body" else loc[1:]
        field = ".".join(parts) or location
        kind = str(error.get("type", ""))
        message = str(error.get("msg", "invalid value"))
        if kind == "value_error" and message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        fix = FIXES.get(kind, "correct '{field}' and send the request again")
        found.append(
            {
                "field": field,
                "location": location,
                "problem": message,
                "fix": fix.format(field=field),
            }
        )
    return found


def install(api: NinjaAPI) -> None:
    """Register the JSON error handlers on ``api``."""

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        found = problems(list(exc.errors))
        first = (
            found[0] if found else {"field": "request", "problem": "invalid", "fix": "correct it"}
        )
        detail = f"Invalid '{first['field']}': {first['problem']}. Fix: {first['fix']}."
        if len(found) > 1:
            detail += f" ({len(found) - 1} more problem(s) in 'errors'.)"
        return error_response(api, request, 422, {"detail": detail, "errors": found})

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        data = {"detail": exc.detail, **exc.extra}
        return error_response(api, request, exc.status, data, **exc.headers)

    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        headers = {"WWW-Authenticate": 'Bearer realm="kloof"'}
        return error_response(api, request, 401, {"detail": MISSING_AUTH}, **headers)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = str(exc)
        if exc.status_code == 400:
            detail = (
                f"The request body cannot be read ({detail}). "
                "Fix: send a JSON object with 'Content-Type: application/json'."
            )
        return error_response(api, request, exc.status_code, {"detail": detail})

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        detail = str(exc) or "Not found."
        return error_response(api, request, 404, {"detail": detail})

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        detail = str(exc) or "Your role in this workspace does not allow this."
        return error_response(api, request, 403, {"detail": detail})

    def on_input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
        detail = f"The stored case cannot be read: {exc.message}"
        return error_response(api, request, 409, {"detail": detail})

    def on_database(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
        if not isinstance(exc, OperationalError):
            return on_anything(request, exc)
        log.warning("database unavailable for %s %s: %s", request.method, request.path, exc)
        detail = (
            "The database cannot be used just now (busy or full): nothing was changed. "
            "Try again shortly."
        )
        headers = {"Retry-After": str(RETRY_UNAVAILABLE)}
        return error_response(api, request, 503, {"detail": detail}, **headers)

    def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.error("API error on %s %s", request.method, request.path, exc_info=exc)
        detail = "Something went wrong on the server; it has been logged. Try again later."
        return error_response(api, request, 500, {"detail": detail})

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(InputError, on_input_error)
    api.add_exception_handler(DatabaseError, on_database)
    api.add_exception_handler(Exception, on_anything)
