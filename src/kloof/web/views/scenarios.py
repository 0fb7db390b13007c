"""A workspace's own practice scenarios: the list, uploading, the source,
replacing and deleting.

Roles: every member reads the list and downloads a source (members practise
them too); editors and owners upload, replace and delete. A file with problems
is shown back with every problem, its line and its fix, in the page's language;
nothing is stored then.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.formats.errors import InputError
from kloof.formats.scenario_problems import ScenarioProblemsError
from kloof.services.messages import localized_fix, localized_problem
from kloof.services.practice import SCENARIO_DIR
from kloof.storage import workspace_scenarios as store
from kloof.storage.models_practice import PracticeScenario
from kloof.web.access import EDITOR, VIEWER, Access, workspace_view
from kloof.web.forms.scenarios import ScenarioUploadForm

#: The built-in scenario offered as an example to start from.
EXAMPLE = "supplier-price-rise"


def _language() -> str:
    language = get_language() or "en"
    return language if language in ("nl", "en") else "en"


def problem_rows(errors: list[InputError]) -> list[dict[str, Any]]:
    """Each problem's line, what is wrong and the fix, in the page's language."""
    language = _language()
    return [
        {
            "line": error.line,
            "problem": localized_problem(error, language),
            "fix": localized_fix(error, language),
        }
        for error in errors
    ]


def _rows(access: Access) -> list[dict[str, Any]]:
    language = _language()
    rows = []
    for row in store.rows_of(access.workspace):
        try:
            title = store.parsed(row).title.get(language)
        except ScenarioProblemsError:  # a newer kloof may check more than the one that stored it
            title = ""
        rows.append({"row": row, "title": title, "sessions": len(store.sessions_using(row))})
    return rows


def _page(
    request: HttpRequest,
    access: Access,
    form: ScenarioUploadForm,
    problems: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "access": access,
        "rows": _rows(access),
        "form": form,
        "problems": problems or [],
        "example": EXAMPLE,
    }
    return render(request, "kloof/scenarios/list.html", context, status=status)


def _refusal(error: Exception) -> str:
    if isinstance(error, store.BuiltinKeyError):
        return _(
            "The id %(key)s is that of a built-in scenario. Give your scenario an id of its "
            "own on its line 'id:'."
        ) % {"key": error.key}
    if isinstance(error, store.KeyTakenError):
        return _(
            "This workspace already has a scenario with the id %(key)s. Give the new one "
            "another id, or replace the existing one."
        ) % {"key": error.key}
    if isinstance(error, store.KeyChangedError):
        return _(
            "The file's id is %(found)s, not %(key)s: a replacement keeps the id. Change "
            "its line 'id:' to %(key)s, or upload it as a new scenario."
        ) % {"found": error.found, "key": error.key}
    raise error


def _stored(
    request: HttpRequest, access: Access, form: ScenarioUploadForm, row: PracticeScenario | None
) -> HttpResponse:
    """Check and store the posted file (a new scenario, or ``row``'s new version)."""
    if not form.is_valid():
        return _page(request, access, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read(store.MAX_UPLOAD_BYTES + 1)
    try:
        if row is None:
            row = store.add(access.workspace, data, upload.name, request.user)
        else:
            row = store.replace(row, data, upload.name)
    except ScenarioProblemsError as error:
        return _page(request, access, form, problem_rows(error.problems), status=400)
    except (store.BuiltinKeyError, store.KeyTakenError, store.KeyChangedError) as error:
        form.add_error("file", _refusal(error))
        return _page(request, access, form, status=400)
    messages.success(request, _("Scenario %(key)s is stored.") % {"key": row.key})
    return redirect(reverse("own_scenarios", kwargs={"slug": access.workspace.slug}))


@require_http_methods(["GET", "POST"])
@workspace_view(VIEWER)
def scenario_list(request: HttpRequest, access: Access) -> HttpResponse:
    if request.method == "GET":
        return _page(request, access, ScenarioUploadForm())
    if not access.can_edit:
        raise PermissionDenied("Only editors and owners upload scenarios.")
    return _stored(request, access, ScenarioUploadForm(request.POST, request.FILES), None)


def _row(access: Access, key: str) -> PracticeScenario:
    row = store.row_of(access.workspace, key)
    if row is None:
        raise Http404("no such scenario in this workspace")
    return row


def _yaml(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@workspace_view(VIEWER)
def scenario_source(request: HttpRequest, access: Access, key: str) -> HttpResponse:
    row = _row(access, key)
    return _yaml(row.source, f"{row.key}.yaml")


@require_GET
@workspace_view(VIEWER)
def scenario_example(request: HttpRequest, access: Access) -> HttpResponse:
    """A built-in scenario's file, to start a scenario of one's own from."""
    text = (SCENARIO_DIR / f"{EXAMPLE}.yaml").read_text("utf-8")
    return _yaml(text, f"{EXAMPLE}.yaml")


@require_POST
@workspace_view(EDITOR)
def scenario_replace(request: HttpRequest, access: Access, key: str) -> HttpResponse:
    row = _row(access, key)
    return _stored(request, access, ScenarioUploadForm(request.POST, request.FILES), row)


@require_POST
@workspace_view(EDITOR)
def scenario_delete(request: HttpRequest, access: Access, key: str) -> HttpResponse:
    row = _row(access, key)
    try:
        store.delete(row)
    except store.InUseError as error:
        messages.error(
            request,
            ngettext(
                "Scenario %(key)s is not deleted: %(count)s group session uses it, and "
                "its results need it. Upload a new version with Replace instead.",
                "Scenario %(key)s is not deleted: %(count)s group sessions use it, and "
                "their results need it. Upload a new version with Replace instead.",
                len(error.sessions),
            )
            % {"key": key, "count": len(error.sessions)},
        )
    else:
        messages.success(request, _("Scenario %(key)s is deleted.") % {"key": key})
    return redirect(reverse("own_scenarios", kwargs={"slug": access.workspace.slug}))
