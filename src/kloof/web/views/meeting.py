"""The meeting view: the agenda on a screen or projector, one item at a time,
and the outcome of each item recorded from it (editors; viewers only look).

Plain links move between items (next, previous, a numbered jump list), so the
page works without JavaScript; ``meeting.js`` adds keys: → and n (next), ← and p
(previous), Home, End and the number keys.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from kloof.domain.model import PERCEPTION
from kloof.domain.results import Analysis
from kloof.i18n.outcomes import outcome_word
from kloof.i18n.reasons import factor_name, join_names, party_name
from kloof.reports.chart_profile import factor_row_chart
from kloof.storage import outcomes
from kloof.storage.dashboard import load_case
from kloof.storage.models_dialogue import AgendaItem
from kloof.storage.outcomes import OutcomeRefused
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.meeting import OWNERS_LIST, OutcomeForm
from kloof.web.views.dashboard import ui_language
from kloof.web.views.register_display import owner_names

STALE = gettext_noop(
    "Someone else recorded an outcome for this item first (shown below). Nothing was saved."
)


@require_GET
@case_view(VIEWER)
def meeting(request: HttpRequest, access: Access, number: int = 1) -> HttpResponse:
    return _page(request, access, number)


@require_POST
@case_view(EDITOR)
def meeting_outcome(request: HttpRequest, access: Access, number: int) -> HttpResponse:
    """Record the outcome of item ``number`` and show the item again."""
    found = outcomes.items(access.case)
    item = _nth(found, number)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _page(request, access, number, form=form, status=400)
    try:
        outcomes.record_outcome(
            access.case, item.pk, form.cleaned_data["version"], form.to_outcome(), request.user
        )
    except StaleVersion as stale:
        if stale.current is None:
            raise Http404("no such agenda item") from None
        return _page(request, access, number, stale=stale.current, status=409)
    except OutcomeRefused:
        return _page(request, access, number, form=form, status=400)
    messages.success(
        request,
        _("Outcome recorded: %(outcome)s.")
        % {"outcome": outcome_word(form.cleaned_data["outcome"], ui_language())},
    )
    return redirect(item_url(access, number))


def item_url(access: Access, number: int) -> str:
    kwargs = {"slug": access.workspace.slug, "case_id": access.case.pk, "number": number}
    return reverse("meeting_item", kwargs=kwargs)


def _nth(found: list[AgendaItem], number: int) -> AgendaItem:
    if not 1 <= number <= len(found):
        raise Http404("no such agenda item")
    return found[number - 1]


def _page(
    request: HttpRequest,
    access: Access,
    number: int,
    *,
    form: OutcomeForm | None = None,
    stale: AgendaItem | None = None,
    status: int = 200,
) -> HttpResponse:
    found = outcomes.items(access.case)
    language = ui_language()
    context: dict[str, Any] = {"access": access, "count": len(found), "language": language}
    if not found:
        return render(request, "kloof/meeting/meeting.html", context, status=status)
    item = _nth(found, number)
    if stale is not None:
        item = stale if isinstance(stale, AgendaItem) else item
        messages.error(
            request,
            _(STALE),
        )
    analysis = _analysis(access)
    owners = owner_names(access.case)
    if form is None or stale is not None:
        form = OutcomeForm(initial=_initial(item))
    context.update(
        {
            "number": number,
            "item": _item_view(analysis, item, language, owners),
            "jump": [
                {
                    "number": index,
                    "title": other.title,
                    "href": item_url(access, index),
                    "outcome": other.outcome or "none",
                    "outcome_word": outcome_word(other.outcome, language),
                }
                for index, other in enumerate(found, 1)
            ],
            "previous": item_url(access, number - 1) if number > 1 else None,
            "next": item_url(access, number + 1) if number < len(found) else None,
            "first": item_url(access, 1),
            "last": item_url(access, len(found)),
            "form": form if access.can_edit else None,
            "form_open": form.is_bound,
            "owners": owners,
            "owners_list": OWNERS_LIST,
        }
    )
    return render(request, "kloof/meeting/meeting.html", context, status=status)


def _analysis(access: Access) -> Analysis:
    from kloof.domain.analysis import analyse

    return analyse(load_case(access.case))


def _initial(item: AgendaItem) -> dict[str, Any]:
    return {"version": item.version, "outcome": item.outcome, "note": item.outcome_note or ""}


def _item_view(
    analysis: Analysis, item: AgendaItem, language: str, owners: dict[str, str]
) -> dict[str, Any]:
    case = analysis.case
    parties = [party.key for party in (item.party_a, item.party_b) if party is not None]
    names = [party_name(case, key) for key in parties]
    about = ""
    chart = None
    if item.factor:
        factor = factor_name(case, item.factor, language)
        if item.kind == PERCEPTION and len(names) == 2:
            about = _("%(factor)s: how %(viewer)s sees %(subject)s") % {
                "factor": factor,
                "viewer": names[1],
                "subject": names[0],
            }
        else:
            about = f"{factor}: {join_names(names, language)}" if names else factor
        chart = _chart(analysis, item, parties, language)
    return {
        "row": item,
        "title": item.title,
        "about": about,
        "chart": chart,
        "see": item.see,
        "ask": item.ask,
        "offer": item.offer,
        "mitigations": [line for line in item.mitigations.splitlines() if line.strip()],
        "outcome": item.outcome or "none",
        "outcome_word": outcome_word(item.outcome, language),
        "note": item.outcome_note or "",
        "actions": [
            {"action": action, "owner": owners.get(action.owner or "", action.owner or "")}
            for action in outcomes.agreed_actions(item)
        ],
    }


def _chart(analysis: Analysis, item: AgendaItem, parties: list[str], language: str) -> str | None:
    """The factor's row of the profile chart for the item's parties; with the
    self and outside views when the item is about a perception gap."""
    keys = {factor.key for factor in analysis.case.factors}
    if item.factor not in keys:
        return None
    known = {party.id for party in analysis.case.parties}
    chosen = [key for key in parties if key in known] or None
    svg = factor_row_chart(
        analysis, language, item.factor, parties=chosen, views=item.kind == PERCEPTION
    )
    return mark_safe(svg)  # noqa: S308 - our own SVG, escaped by the chart module
