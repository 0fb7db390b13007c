"""The difference register: the list, an entry with its actions, and the history.

Viewers read everything here; editors and owners change entries and actions.
A save carries the version its form was built from: a stale one is answered
with 409, the newer values and who saved them (never a silent overwrite).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.domain.model import PERCEPTION, POSITION
from kloof.i18n.reasons import render_reasons
from kloof.storage import history as history_store
from kloof.storage import outcomes
from kloof.storage import register as store
from kloof.storage.models import Action, Difference
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.register import (
    PARTY_FIELDS,
    ActionDoneForm,
    ActionEditForm,
    ActionForm,
    EntryForm,
    NewEntryForm,
    decision_of,
)
from kloof.web.views import register_display as display

HISTORY_PAGE = 50
OWNERS_LIST = "action-owners"


@require_GET
@case_view(VIEWER)
def register(request: HttpRequest, access: Access) -> HttpResponse:
    found = store.register(access.case)
    language = display.language()
    owners = display.owner_names(access.case)
    context = {
        "access": access,
        "rows": [display.register_row(row, language) for row in found.rows],
        # Agreed in the conversation about something outside the factors: no entry.
        "other_actions": [
            display.action_item(action, owners) for action in outcomes.other_actions(access.case)
        ],
    }
    return render(request, "kloof/register/list.html", context)


@require_http_methods(["GET", "POST"])
@case_view(VIEWER)
def register_entry(request: HttpRequest, access: Access, diff_id: int) -> HttpResponse:
    entry = _entry_or_404(access, diff_id)
    if request.method != "POST":
        return _entry_page(request, access, entry, _entry_form(entry))
    _require_editor(access)
    form = EntryForm(request.POST)
    if not form.is_valid():
        return _entry_page(request, access, entry, form, status=400)
    try:
        store.update_entry(
            access.case, entry.pk, form.cleaned_data["version"], form.values(), request.user
        )
    except StaleVersion as stale:
        return _entry_conflict(request, access, stale.current, form)
    messages.success(request, _("Register entry saved."))
    return redirect(_entry_url(access, entry.pk))


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def register_new(request: HttpRequest, access: Access) -> HttpResponse:
    """Open an entry for a difference that has none. The query preselects one:
    ``?factor=&a=&b=`` a position difference, ``?kind=perception&factor=
    &subject=&viewer=`` a perception gap; one with an entry goes to it."""
    choices = display.new_entry_choices(access.case, display.language())
    if request.method != "POST":
        initial = _new_entry_initial(request)
        existing = _existing_entry(access, initial, choices)
        if existing is not None:
            return redirect(_entry_url(access, existing.pk))
        form = NewEntryForm(initial=initial, **choices)
        return _new_page(request, access, form)
    form = NewEntryForm(request.POST, **choices)
    if not form.is_valid():
        return _new_page(request, access, form, status=400)
    data = form.cleaned_data
    try:
        entry = store.open_entry(
            access.case,
            data["factor"],
            *form.parties(),
            form.values(),
            request.user,
            kind=data["kind"],
        )
    except store.EntryExists as exists:
        messages.warning(
            request,
            _("This difference has a register entry already, shown below. Nothing was saved."),
        )
        found = store.find_entry(access.case, exists.entry.pk)
        return _entry_page(request, access, found, _entry_form(found), status=409)
    messages.success(request, _("Register entry opened."))
    return redirect(_entry_url(access, entry.pk))


@require_POST
@case_view(EDITOR)
def action_add(request: HttpRequest, access: Access, diff_id: int) -> HttpResponse:
    entry = _entry_or_404(access, diff_id)
    form = ActionForm(request.POST, owners_list=OWNERS_LIST)
    if not form.is_valid():
        return _entry_page(request, access, entry, _entry_form(entry), action_form=form, status=400)
    store.add_action(access.case, entry, form.values(), request.user)
    messages.success(request, _("Action added."))
    return redirect(_entry_url(access, entry.pk) + "#actions")


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def action_edit(request: HttpRequest, access: Access, action_id: int) -> HttpResponse:
    """Edit an action; a post with ``only=done`` ticks it off (or on) from the list."""
    action = store.find_action(access.case, action_id)
    if action is None:
        raise Http404("no such action")
    if request.method != "POST":
        return _action_page(request, access, action, _action_form(action))
    only_done = request.POST.get("only") == "done"
    form: ActionDoneForm | ActionEditForm = (
        ActionDoneForm(request.POST)
        if only_done
        else ActionEditForm(request.POST, owners_list=OWNERS_LIST)
    )
    if not form.is_valid():
        if only_done:
            form = _action_form(action)
            messages.error(request, _("The action could not be changed: reload the page."))
        return _action_page(request, access, action, form, status=400)
    values = {"done": form.cleaned_data["done"]} if only_done else form.values()
    try:
        store.update_action(
            access.case, action.pk, form.cleaned_data["version"], values, request.user
        )
    except StaleVersion as stale:
        return _action_conflict(request, access, stale.current, form, values)
    messages.success(request, _("Action saved."))
    if action.difference_id is None:  # agreed on an agenda item outside the factors
        return redirect(_register_url(access) + "#other-actions")
    return redirect(_entry_url(access, action.difference_id) + "#actions")


@require_GET
@case_view(VIEWER)
def history(request: HttpRequest, access: Access) -> HttpResponse:
    """Who changed what and when, newest first."""
    page = Paginator(history_store.case_history(access.case), HISTORY_PAGE).get_page(
        request.GET.get("page")
    )
    names = display.HistoryNames.of(access.case, display.language())
    rows = [display.history_row(change, names) for change in page.object_list]
    context = {"access": access, "page": page, "rows": rows}
    return render(request, "kloof/register/history.html", context)


# --- helpers -------------------------------------------------------------------------


def _require_editor(access: Access) -> None:
    if not access.can_edit:
        raise PermissionDenied("role too low")


def _new_entry_initial(request: HttpRequest) -> dict[str, str]:
    query = request.GET
    kind = PERCEPTION if query.get("kind") == PERCEPTION else POSITION
    return {
        "kind": kind,
        "factor": query.get("factor", ""),
        "party_a": query.get("a", ""),
        "party_b": query.get("b", ""),
        "subject": query.get("subject", ""),
        "viewer": query.get("viewer", ""),
    }


def _existing_entry(
    access: Access, initial: dict[str, str], choices: dict[str, list[tuple[str, str]]]
) -> Difference | None:
    """The entry of the preselected difference, if the query names a known one."""
    kind = initial["kind"]
    first, second = PARTY_FIELDS[kind]
    parties = {key for key, _name in choices["parties"]}
    factors = {key for key, _name in choices["factors"]}
    pair = (initial[first], initial[second])
    if initial["factor"] not in factors or not set(pair) <= parties:
        return None
    return store.entry_for(access.case, initial["factor"], *pair, kind=kind)


def _new_page(
    request: HttpRequest, access: Access, form: NewEntryForm, status: int = 200
) -> HttpResponse:
    context = {"access": access, "form": form}
    return render(request, "kloof/register/new.html", context, status=status)


def _entry_or_404(access: Access, diff_id: int) -> Difference:
    entry = store.find_entry(access.case, diff_id)
    if entry is None:
        raise Http404("no such register entry")
    return entry


def _register_url(access: Access) -> str:
    return reverse("register", kwargs={"slug": access.workspace.slug, "case_id": access.case.pk})


def _entry_url(access: Access, diff_id: int) -> str:
    return reverse(
        "register_entry",
        kwargs={"slug": access.workspace.slug, "case_id": access.case.pk, "diff_id": diff_id},
    )


def _entry_form(entry: Difference) -> EntryForm:
    return EntryForm(
        initial={
            "version": entry.version,
            "status": entry.status,
            "decision": decision_of(entry.blocking),
            "reason": entry.reason or "",
            "note": entry.note or "",
        }
    )


def _action_form(action: Action) -> ActionEditForm:
    return ActionEditForm(
        initial={
            "version": action.version,
            "text": action.text,
            "owner": action.owner or "",
            "due": action.due,
            "done": action.done,
        },
        owners_list=OWNERS_LIST,
    )


def _entry_page(
    request: HttpRequest,
    access: Access,
    entry: Difference,
    form: EntryForm,
    *,
    action_form: ActionForm | None = None,
    conflict: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = display.language()
    analysis = store.analysis_of(access.case)
    row = store.entry_row(analysis, entry)
    reasons = render_reasons(row.gap.reasons, analysis.case, language) if row.gap else []
    owners = display.owner_names(access.case)
    form.word_for(row.severity)
    context = {
        "access": access,
        "entry": entry,
        "row": display.register_row(row, language),
        "reasons": reasons,
        "form": form,
        "actions": [display.action_item(action, owners) for action in entry.actions.all()],
        "action_form": action_form or ActionForm(owners_list=OWNERS_LIST),
        "owners": owners,
        "owners_list": OWNERS_LIST,
        "conflict": conflict,
    }
    return render(request, "kloof/register/entry.html", context, status=status)


def _entry_conflict(
    request: HttpRequest, access: Access, current: Any, form: EntryForm
) -> HttpResponse:
    if current is None:
        raise Http404("the register entry was deleted")
    language = display.language()
    conflict = display.entry_conflict(access.case, current, form.values(), language)
    return _entry_page(
        request, access, current, _entry_form(current), conflict=conflict, status=409
    )


def _action_page(
    request: HttpRequest,
    access: Access,
    action: Action,
    form: ActionEditForm,
    *,
    conflict: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "access": access,
        "action": action,
        "entry": action.difference,
        "form": form,
        "owners": display.owner_names(access.case),
        "owners_list": OWNERS_LIST,
        "conflict": conflict,
    }
    return render(request, "kloof/register/action.html", context, status=status)


def _action_conflict(
    request: HttpRequest, access: Access, current: Any, form: Any, values: dict[str, Any]
) -> HttpResponse:
    if current is None:
        raise Http404("the action was deleted")
    conflict = display.action_conflict(access.case, current, values)
    return _action_page(
        request, access, current, _action_form(current), conflict=conflict, status=409
    )
