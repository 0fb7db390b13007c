"""One agenda item: edit its words, share it, move it, remove it, add one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kloof.storage import agenda as store
from kloof.storage.models import AgendaItem
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, Access, case_view
from kloof.web.forms.agenda import EditItemForm, ListChangeForm, NewItemForm, ShareForm
from kloof.web.views.agenda import agenda_page, agenda_url, stale_list
from kloof.web.views.agenda_display import agenda_field_label
from kloof.web.views.register_display import format_value, who_and_when


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def agenda_item(request: HttpRequest, access: Access, item_id: int) -> HttpResponse:
    item = _item_or_404(access, item_id)
    if request.method != "POST":
        return _item_page(request, access, item, _edit_form(item))
    form = EditItemForm(request.POST)
    if not form.is_valid():
        return _item_page(request, access, item, form, status=400)
    try:
        store.update_item(
            access.case, item.pk, form.cleaned_data["version"], form.values(), request.user
        )
    except StaleVersion as stale:
        return _conflict(request, access, stale.current, form)
    messages.success(request, _("Agenda item saved."))
    return redirect(agenda_url(access) + f"#item-{item.pk}")


@require_POST
@case_view(EDITOR)
def agenda_item_share(request: HttpRequest, access: Access, item_id: int) -> HttpResponse:
    item = _item_or_404(access, item_id)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return agenda_page(request, access, status=400)
    values = {"shareable": form.cleaned_data["shareable"]}
    try:
        store.update_item(access.case, item.pk, form.cleaned_data["version"], values, request.user)
    except StaleVersion:
        return stale_list(request, access)
    if values["shareable"]:
        messages.success(request, _("The item is shared with the other side."))
    else:
        messages.success(request, _("The item is for the team only."))
    return redirect(agenda_url(access) + f"#item-{item.pk}")


@require_POST
@case_view(EDITOR)
def agenda_item_move(request: HttpRequest, access: Access, item_id: int) -> HttpResponse:
    item = _item_or_404(access, item_id)
    form = ListChangeForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["direction"]:
        return agenda_page(request, access, status=400)
    step = -1 if form.cleaned_data["direction"] == "up" else 1
    try:
        store.move_item(
            access.case, item.pk, form.cleaned_data["agenda_version"], step, request.user
        )
    except StaleVersion:
        return stale_list(request, access)
    return redirect(agenda_url(access) + f"#item-{item.pk}")


@require_POST
@case_view(EDITOR)
def agenda_item_remove(request: HttpRequest, access: Access, item_id: int) -> HttpResponse:
    item = _item_or_404(access, item_id)
    form = ListChangeForm(request.POST)
    if not form.is_valid():
        return agenda_page(request, access, status=400)
    try:
        store.remove_item(access.case, item.pk, form.cleaned_data["agenda_version"], request.user)
    except StaleVersion:
        return stale_list(request, access)
    messages.success(request, _("Agenda item “%(title)s” removed.") % {"title": item.title})
    return redirect(agenda_url(access))


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def agenda_item_add(request: HttpRequest, access: Access) -> HttpResponse:
    """A difference outside the factors; needs an agenda (generate one first)."""
    found = store.find_agenda(access.case)
    if found is None:
        messages.info(request, _("Generate the agenda first; then add items of your own."))
        return redirect(agenda_url(access))
    if request.method != "POST":
        form = NewItemForm(initial={"agenda_version": found.version})
        return _add_page(request, access, form)
    form = NewItemForm(request.POST)
    if not form.is_valid():
        return _add_page(request, access, form, status=400)
    try:
        item = store.add_item(
            access.case, form.cleaned_data["agenda_version"], form.values(), request.user
        )
    except StaleVersion:
        return stale_list(request, access)
    messages.success(request, _("Agenda item added."))
    return redirect(agenda_url(access) + f"#item-{item.pk}")


def _item_or_404(access: Access, item_id: int) -> AgendaItem:
    item = store.find_item(access.case, item_id)
    if item is None:
        raise Http404("no such agenda item")
    return item


def _edit_form(item: AgendaItem) -> EditItemForm:
    return EditItemForm(
        initial={
            "version": item.version,
            "title": item.title,
            "see": item.see,
            "ask": item.ask,
            "offer": item.offer,
            "mitigations": item.mitigations,
            "shareable": item.shareable,
        }
    )


def _item_page(
    request: HttpRequest,
    access: Access,
    item: AgendaItem,
    form: EditItemForm,
    *,
    conflict: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "access": access,
        "item": item,
        "form": form,
        "conflict": conflict,
        "remove_version": item.agenda.version,
    }
    return render(request, "kloof/agenda/item.html", context, status=status)


def _add_page(
    request: HttpRequest, access: Access, form: NewItemForm, status: int = 200
) -> HttpResponse:
    return render(request, "kloof/agenda/new.html", {"access": access, "form": form}, status=status)


def _conflict(
    request: HttpRequest, access: Access, current: Any, form: EditItemForm
) -> HttpResponse:
    if current is None:
        raise Http404("the agenda item was removed")
    yours = form.values()
    conflict = {
        **who_and_when(access.case, store.ITEM_MODEL, current),
        "fields": [
            (
                agenda_field_label(name),
                format_value(name, getattr(current, name)),
                format_value(name, yours[name]),
            )
            for name in store.ITEM_FIELDS
            if getattr(current, name) != yours[name]
        ],
    }
    return _item_page(request, access, current, _edit_form(current), conflict=conflict, status=409)
