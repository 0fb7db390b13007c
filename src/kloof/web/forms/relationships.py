"""Forms of the relationships area: a relationship, a contract phase, the next
review and linking a case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kloof.storage.models import Case, Workspace
from kloof.storage.relationships import MAX_CADENCE, MIN_CADENCE, RelationshipFields
from kloof.web.forms.numbers import WholeNumberField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _members(workspace: Workspace) -> list[tuple[str, str]]:
    rows = workspace.memberships.select_related("user").order_by("user__email")
    return [("", _("nobody"))] + [
        (str(row.user_id), row.user.email or row.user.get_username()) for row in rows
    ]


class RelationshipForm(forms.Form):
    name = forms.CharField(label=_("Counterparty"), max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    cadence_months = WholeNumberField(
        label=_("Months between reviews"),
        min_value=MIN_CADENCE,
        max_value=MAX_CADENCE,
        initial=12,
        error_messages={
            "min_value": _("Give a number of months from 1 to 60."),
            "max_value": _("Give a number of months from 1 to 60."),
            "invalid": _("Give a number of months from 1 to 60."),
        },
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, workspace: Workspace, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _members(workspace)  # type: ignore[attr-defined]

    def fields_value(self) -> RelationshipFields:
        data = self.cleaned_data
        return RelationshipFields(
            name=data["name"],
            note=data["note"],
            owner_id=data["owner"],
            cadence_months=data["cadence_months"],
        )


class PhaseForm(forms.Form):
    start = forms.DateField(label=_("Start"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("End"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                _("The phase ends before it starts: choose an end on or after %(start)s.")
                % {"start": start.isoformat()},
            )
        return data


class ReviewForm(forms.Form):
    """The next review: the case it follows and its date (a posted ``confirm``
    says the user goes ahead although the date lies in a contract phase)."""

    previous = forms.TypedChoiceField(label=_("Follows up"), coerce=int)
    date = forms.DateField(label=_("Date of the review"), widget=DATE_WIDGET)

    def __init__(self, cases: list[Case], today: date, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["previous"]
        field.choices = [  # type: ignore[attr-defined]
            (str(case.pk), f"{case.title} ({date_format(case.date) if case.date else '—'})")
            for case in cases
        ]
        if cases:
            field.initial = cases[0].pk
        self.fields["date"].initial = today


class LinkForm(forms.Form):
    """Link a case to a relationship (empty: unlink)."""

    relationship = forms.TypedChoiceField(
        label=_("Relationship"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, workspace: Workspace, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = workspace.relationships.filter(archived=False).order_by("name")
        self.fields["relationship"].choices = [("", _("none"))] + [  # type: ignore[attr-defined]
            (str(row.pk), row.name) for row in rows
        ]


class CaseLinkForm(forms.Form):
    """On the relationship page: one of the workspace's other cases to link."""

    case = forms.TypedChoiceField(label=_("Case"), coerce=int)

    def __init__(self, cases: list[Case], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(str(c.pk), c.title) for c in cases]  # type: ignore[attr-defined]


class NewCaseLinkForm(LinkForm):
    """The optional relationship of a new case (on the new-case and upload forms)."""

    def __init__(self, workspace: Workspace, *args: Any, **kwargs: Any) -> None:
        super().__init__(workspace, *args, prefix="rel", **kwargs)
        self.fields["relationship"].label = _("Relationship (optional)")


def new_case_link_form(request: HttpRequest, access: Any, *, bound: bool) -> NewCaseLinkForm | None:
    """The form when the workspace has relationships (None otherwise);
    ``?relationship=<id>`` preselects one."""
    if not access.workspace.relationships.filter(archived=False).exists():
        return None
    initial = {"relationship": request.GET.get("relationship", "")}
    data = request.POST if bound else None
    return NewCaseLinkForm(access.workspace, data, initial=initial)
