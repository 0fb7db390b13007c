"""The portfolio of a workspace: a table of every relationship (its latest case)
and every open case without one, a heat map factor × relationship, and the
table as CSV or XLSX.

Everybody in the workspace may look. Every figure comes from the stored
summaries (:mod:`kloof.storage.portfolio`): a page view never analyses a case.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_  # noqa: N812 -- the usual marker
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from kloof.domain.cadence import DUE, NO_REVIEW, Due
from kloof.formats.cells import Sheet, csv_bytes, xlsx_bytes
from kloof.i18n.reasons import severity_word
from kloof.storage import portfolio as store
from kloof.web.access import VIEWER, Access, workspace_view
from kloof.web.forms.portfolio import PortfolioForm
from kloof.web.views.dashboard import ui_language
from kloof.web.views.exports import CSV_TYPE, XLSX_TYPE

#: One letter per severity in the heat map's cells (the legend spells them out).
ABBREVIATIONS = {
    "blocking": "B",
    "significant": "S",
    "nuance": "N",
    "aligned": "A",
    "unknown": "?",
}


def _form(
    request: HttpRequest, access: Access, language: str
) -> tuple[PortfolioForm, dict[str, str]]:
    names = store.factor_names(access.workspace, language)
    form = PortfolioForm(
        request.GET if request.GET else None,
        owners=store.owners(access.workspace),
        factors=list(names.items()),
    )
    return form, names


def _page(
    request: HttpRequest, access: Access, per_page: int | None = store.PAGE_SIZE
) -> dict[str, Any]:
    language = ui_language()
    form, names = _form(request, access, language)
    filters = form.filters()
    page = store.portfolio(access.workspace, filters, timezone.localdate(), per_page=per_page)
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = request.GET.copy()
    for name in ("sort", "order", "page"):
        sort_query.pop(name, None)
    return {
        "access": access,
        "form": form,
        "page": page,
        "filters": filters,
        "names": names,
        "language": language,
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "rows": [_row(row, names, access.workspace.slug) for row in page.rows],
    }


def _row(row: store.Row, names: dict[str, str], slug: str) -> dict[str, Any]:
    """What the templates show of a row, worded here once (a page shows 50)."""
    blocking = [
        names.get(key, key)
        if kind == "position"
        else _("%(factor)s (perception)") % {"factor": names.get(key, key)}
        for key, kind in row.blocking
    ]
    case_url = (
        reverse("dashboard", kwargs={"slug": slug, "case_id": row.case_id})
        if row.case_id is not None
        else ""
    )
    # A relationship's name leads to the relationship (its phases, reviews and
    # trend), the title of its latest case under it to that case.
    url = (
        reverse("relationship", kwargs={"slug": slug, "rel_id": row.relationship_id})
        if row.relationship_id is not None
        else case_url
    )
    return {
        "row": row,
        "blocking": blocking,
        "url": url,
        "case_url": case_url,
        "due": _due_words(row.due),
    }


def _due_words(due: Due | None) -> str:
    """*due in N days*, *due today*, *overdue by N days*, *no review yet*."""
    if due is None:
        return ""
    if due.status == NO_REVIEW:
        return _("no review yet")
    if due.status == DUE:
        return _("due today")
    if due.days < 0:
        return ngettext("overdue by %(days)s day", "overdue by %(days)s days", -due.days) % {
            "days": -due.days
        }
    return ngettext("due in %(days)s day", "due in %(days)s days", due.days) % {"days": due.days}


@require_GET
@workspace_view(VIEWER)
def portfolio_page(request: HttpRequest, access: Access) -> HttpResponse:
    context = _page(request, access)
    context["columns"] = _columns()
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    return render(request, "kloof/portfolio/table.html", context, status=status)


def _columns() -> list[tuple[str, str]]:
    return [
        ("name", _("Relationship or case")),
        ("owner", _("Owner")),
        ("last_review", _("Last review")),
        ("next_due", _("Next due")),
        ("toughness", _("Toughness")),
        ("blocking", _("Blocking factors")),
        ("open_actions", _("Open actions")),
    ]


@require_GET
@workspace_view(VIEWER)
def portfolio_heatmap(request: HttpRequest, access: Access) -> HttpResponse:
    context = _page(request, access)
    page: store.Page = context["page"]
    names: dict[str, str] = context["names"]
    language = context["language"]
    shown = {key for cells in page.cells.values() for key in cells}
    factors = [(key, name) for key, name in names.items() if key in shown]
    context["factors"] = factors
    context["grid"] = [
        (
            item,
            [
                _cell(page.cells.get(item["row"].case_id or 0, {}).get(key), language)
                for key, _n in factors
            ],
        )
        for item in context["rows"]
    ]
    context["legend"] = [
        (key, ABBREVIATIONS[key], severity_word(key, language)) for key in ABBREVIATIONS
    ]
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    return render(request, "kloof/portfolio/heatmap.html", context, status=status)


def _cell(pair: tuple[str, str] | None, language: str) -> dict[str, Any] | None:
    """A heat-map cell: the worst position difference (colour and letter) and,
    when measured, the worst perception gap after a slash."""
    if pair is None:
        return None
    position, perception = pair
    words = severity_word(position, language)
    if perception:
        words = _("positions: %(position)s; perception: %(perception)s") % {
            "position": words,
            "perception": severity_word(perception, language),
        }
    return {
        "severity": position,
        "text": ABBREVIATIONS.get(position, "?"),
        "perception": ABBREVIATIONS.get(perception, "") if perception else "",
        "words": words,
    }


EXPORT_COLUMNS = (
    ("name", N_("Name")),
    ("kind", N_("Kind")),
    ("owner", N_("Owner")),
    ("latest_case", N_("Latest case")),
    ("last_review", N_("Last review")),
    ("next_due", N_("Next due")),
    ("status", N_("Status")),
    ("days", N_("Days until due")),
    ("toughness", N_("Toughness")),
    ("blocking_positions", N_("Blocking positions")),
    ("blocking_perceptions", N_("Blocking perceptions")),
    ("blocking_factors", N_("Blocking factors")),
    ("open_actions", N_("Open actions")),
)


@require_GET
@workspace_view(VIEWER)
def portfolio_export(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """The filtered table, every row: CSV (English keys, ISO dates) or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such export.")
    context = _page(request, access, per_page=None)
    page: store.Page = context["page"]
    rows = [_export_row(row) for row in page.rows]
    if fmt == "csv":
        data = csv_bytes([key for key, _label in EXPORT_COLUMNS], rows)
        content_type = CSV_TYPE
    else:
        header = [_(label) for _key, label in EXPORT_COLUMNS]
        data = xlsx_bytes([Sheet(_("Portfolio"), header, rows)])
        content_type = XLSX_TYPE
    response = HttpResponse(data, content_type=content_type)
    filename = f"{slugify(access.workspace.name)[:60].strip('-') or 'workspace'}-portfolio.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _export_row(row: store.Row) -> list[Any]:
    due = row.due
    return [
        row.name,
        "relationship" if row.relationship_id is not None else "case",
        row.owner,
        row.case_title,
        row.last_review.isoformat() if row.last_review else None,
        due.date.isoformat() if due else None,
        due.status if due else None,
        due.days if due else None,
        round(row.toughness, 1) if row.toughness is not None else None,
        row.blocking_positions,
        row.blocking_perceptions,
        " ".join(f"{key}:{kind}" for key, kind in row.blocking),
        row.open_actions,
    ]
