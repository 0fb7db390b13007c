"""The portfolio's filters and sort, read from the query string (a GET form:
the filtered view is a link that can be shared or bookmarked)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kloof.storage.portfolio import Filters
from kloof.web.forms.numbers import WholeNumberField

#: The longest "due within" a filter takes: ten years.
MAX_DAYS = 3650
MAX_PAGE = 1_000_000


def status_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("Any status")),
        ("overdue", _("overdue")),
        ("due", _("due today")),
        ("due_soon", _("due within 30 days")),
        ("scheduled", _("scheduled")),
        ("no_review", _("no review yet")),
    ]


def severity_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("Any severity")),
        ("blocking", pgettext_lazy("severity filter", "blocking")),
        ("significant", pgettext_lazy("severity filter", "significant or worse")),
        ("nuance", pgettext_lazy("severity filter", "nuance or worse")),
        ("unknown", pgettext_lazy("severity filter", "unknown")),
    ]


def sort_choices() -> list[tuple[str, Any]]:
    return [
        ("next_due", _("Next due")),
        ("name", _("Name")),
        ("owner", _("Owner")),
        ("last_review", _("Last review")),
        ("toughness", _("Toughness")),
        ("blocking", _("Blocking")),
        ("open_actions", _("Open actions")),
    ]


class PortfolioForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=status_choices)
    due_within = WholeNumberField(
        label=_("Due within (days)"), required=False, min_value=0, max_value=MAX_DAYS
    )
    factor = forms.ChoiceField(label=_("Factor"), required=False)
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=severity_choices)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=sort_choices)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("asc", _("ascending")), ("desc", _("descending"))],
    )
    page = WholeNumberField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(
        self,
        data: Any,
        *,
        owners: list[tuple[int, str]],
        factors: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        self.fields["owner"].choices = [("", _("Anyone")), *owners]  # type: ignore[attr-defined]
        self.fields["factor"].choices = [("", _("Any factor")), *factors]  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        """The filters asked for; an invalid field is left out (the page says why)."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data then holds the valid fields only
            data = self.cleaned_data
        return Filters(
            owner=data.get("owner"),
            status=data.get("status") or None,
            due_within=data.get("due_within"),
            factor=data.get("factor") or None,
            severity=data.get("severity") or None,
            sort=data.get("sort") or "next_due",
            descending=data.get("order") == "desc",
            page=data.get("page") or 1,
        )
