"""The spotting journal: a logged-in user's own differences noticed in daily
life, and read-only the entries others shared to a workspace the user is a
member of.

Not below ``/w/<slug>/``: the journal belongs to a person, not a workspace.
Every entry is looked up through its user (or a membership of the workspace
it was shared to), so anybody else gets 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.domain.journal import MonthCounts, factor_totals, monthly_counts
from kloof.formats.export import Wording
from kloof.formats.journal_export import JournalRow, journal_csv, journal_xlsx
from kloof.reports.journal_chart import journal_svg
from kloof.storage import journal as store
from kloof.storage.models_practice import JournalEntry
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.forms.journal import EditForm, EntryForm, FilterForm, factor_names, severity_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_LIMIT = 200


def language() -> str:
    return (get_language() or "en")[:2]


@require_GET
@login_required
def journal_list(request: HttpRequest) -> HttpResponse:
    """The entries, filtered, with the counts per factor and month."""
    lang = language()
    filters_form = FilterForm(request.GET or None, language=lang)
    filters = filters_form.filters()
    rows = store.entries(request.user, filters)
    names = factor_names(lang)
    months = monthly_counts(store.noticed(rows), list(names))
    status = 400 if request.GET and not filters_form.is_valid() else 200
    context = {
        "filters": filters_form,
        "scope": filters.scope,
        "entries": list(rows[:LIST_LIMIT]),
        "count": rows.count(),
        "limit": LIST_LIMIT,
        "names": names,
        "counts": _counts_table(months, names),
        "chart": mark_safe(journal_svg(months, _chart_title(), _bar_title)),  # noqa: S308 -- escaped
        "query": request.GET.urlencode(),
    }
    return render(request, "kloof/practice/journal_list.html", context, status=status)


def _chart_title() -> str:
    return _("Differences noticed per month; the darker part of a bar: blocking ones")


def _bar_title(month: MonthCounts) -> str:
    return _("%(month)s: %(total)s noticed, %(blocking)s of them blocking") % {
        "month": month.month,
        "total": month.total,
        "blocking": month.blocking,
    }


def _counts_table(months: list[MonthCounts], names: dict[str, str]) -> dict[str, Any]:
    """Rows per factor (only the factors noticed), a column per month."""
    totals = factor_totals(months)
    keys = [key for key, total in totals.items() if total]
    return {
        "months": [month.month for month in months],
        "rows": [
            {
                "name": names.get(key, key),
                "cells": [month.per_factor[key] for month in months],
                "total": totals[key],
            }
            for key in keys
        ],
        "totals": [month.total for month in months],
        "total": sum(month.total for month in months),
    }


@require_http_methods(["GET", "POST"])
@login_required
def journal_new(request: HttpRequest) -> HttpResponse:
    """Quick capture: date (today), situation, parties, factor, nuance or blocking."""
    form = EntryForm(request.POST or None, user=request.user, language=language())
    if request.method == "POST":
        if form.is_valid():
            row = store.create_entry(request.user, form.values())
            messages.success(request, _("Journal entry saved."))
            if "another" in request.POST:
                return redirect("journal_new")
            return redirect("journal_entry", entry_id=row.pk)
        return render(request, "kloof/practice/journal_form.html", {"form": form}, status=400)
    return render(request, "kloof/practice/journal_form.html", {"form": form})


@require_GET
@login_required
def journal_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    row = store.readable_entry(request.user, entry_id)
    if row is None:
        raise Http404("no such journal entry")
    context = {
        "entry": row,
        "own": row.user_id == request.user.pk,
        "factor_name": factor_names(language()).get(row.factor, row.factor),
        "severity_name": severity_name(row.severity),
    }
    return render(request, "kloof/practice/journal_entry.html", context)


def _own_or_404(request: HttpRequest, entry_id: int) -> JournalEntry:
    row = store.own_entry(request.user, entry_id)
    if row is None:
        raise Http404("no such journal entry")
    return row


def _initial(row: JournalEntry) -> dict[str, Any]:
    return {
        "date": row.date,
        "situation": row.situation,
        "parties": row.parties,
        "factor": row.factor,
        "severity": row.severity,
        "next": row.next,
        "workspace": row.workspace_id,
        "version": row.version,
    }


@require_http_methods(["GET", "POST"])
@login_required
def journal_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    row = _own_or_404(request, entry_id)
    lang = language()
    if request.method == "GET":
        form = EditForm(initial=_initial(row), user=request.user, language=lang)
        return render(request, "kloof/practice/journal_form.html", {"form": form, "entry": row})
    form = EditForm(request.POST, user=request.user, language=lang)
    if not form.is_valid():
        context = {"form": form, "entry": row}
        return render(request, "kloof/practice/journal_form.html", context, status=400)
    try:
        saved = store.update_entry(
            request.user, row.pk, form.cleaned_data["version"], form.values()
        )
    except StaleVersion as stale:
        return _conflict(request, stale.current, form)
    if saved is None:
        raise Http404("no such journal entry")
    messages.success(request, _("Journal entry saved."))
    return redirect("journal_entry", entry_id=saved.pk)


def _conflict(request: HttpRequest, current: Any, form: EditForm) -> HttpResponse:
    """Someone (the user in another tab) saved first: show what was typed,
    with the newer version, so a second save overwrites knowingly."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = EditForm(data, user=request.user, language=language())
    form.is_valid()
    context = {"form": form, "entry": current, "conflict": True}
    return render(request, "kloof/practice/journal_form.html", context, status=409)


@require_POST
@login_required
def journal_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    row = _own_or_404(request, entry_id)
    try:
        version = int(request.POST.get("version", row.version))
    except ValueError:
        version = 0
    if not 1 <= version <= MAX_VERSION:
        version = 0
    try:
        store.delete_entry(request.user, row.pk, version)
    except StaleVersion:
        messages.error(
            request,
            _("This entry was changed meanwhile and is not deleted: look at it again first."),
        )
        return redirect("journal_entry", entry_id=row.pk)
    messages.success(request, _("Journal entry deleted."))
    return redirect("journal_list")


@require_GET
@login_required
def journal_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list as filtered, as CSV (keys, for machines) or XLSX (words)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("no such format")
    lang = language()
    filters = FilterForm(request.GET or None, language=lang).filters()
    names = factor_names(lang)
    rows = [
        JournalRow(
            date=row.date,
            factor=row.factor,
            severity=row.severity,
            situation=row.situation,
            parties=row.parties,
            next=row.next,
            shared_with=row.workspace.name if row.workspace else "",
        )
        for row in store.entries(request.user, filters)
    ]
    name = names.get
    if fmt == "csv":
        data = journal_csv(rows, lambda key: name(key, key))
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    else:
        wording = Wording(label=gettext)
        data = journal_xlsx(rows, lambda key: name(key, key), severity_name, wording)
        response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kloof-journal.{fmt}"'
    return response
