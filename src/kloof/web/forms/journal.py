"""Forms of the spotting journal: an entry (quick to fill in on a phone) and
the list's filters."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kloof.domain.journal import BLOCKING, NUANCE
from kloof.domain.model import Framework
from kloof.formats.framework import DEFAULT_FRAMEWORK, load_framework
from kloof.storage import journal as store
from kloof.storage.models import Workspace
from kloof.web.forms.register import version_field


@cache
def framework() -> Framework:
    """The nine factors a journal entry names (the built-in framework)."""
    return load_framework(DEFAULT_FRAMEWORK)


def factor_names(language: str) -> dict[str, str]:
    """Each factor's key and its name in ``language``, in the framework's order."""
    return {factor.key: factor.name.get(language) for factor in framework().factors}


def severity_choices() -> list[tuple[str, str]]:
    return [
        (NUANCE, _("Nuance: worth knowing, no obstacle")),
        (BLOCKING, _("Blocking: in the way of an agreement")),
    ]


def severity_name(key: str) -> str:
    return str({NUANCE: _("Nuance"), BLOCKING: _("Blocking")}.get(key, key))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class EntryForm(forms.Form):
    """A noticed difference. ``workspace``: share it with the members of one of
    the user's workspaces (they read it, only the user changes it)."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    situation = forms.CharField(
        label=_("Situation"),
        max_length=store.SITUATION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened, in a sentence or two."),
        error_messages={"required": _("Describe the situation in a few words.")},
    )
    parties = forms.CharField(
        label=_("The parties"),
        max_length=store.PARTIES_LENGTH,
        required=False,
        help_text=_("Who differed, such as “my neighbour and I”."),
    )
    factor = forms.ChoiceField(label=_("Factor"))
    severity = forms.ChoiceField(
        label=_("Nuance or blocking"), choices=severity_choices, widget=forms.RadioSelect
    )
    next = forms.CharField(
        label=_("What happened next"),
        max_length=store.NEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    workspace = forms.ModelChoiceField(
        label=_("Share with"),
        queryset=Workspace.objects.none(),
        required=False,
        empty_label=_("Nobody (private)"),
        help_text=_("Members of the workspace can read the entry; only you can change it."),
    )

    def __init__(self, *args: Any, user: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        factors = factor_names(language).items()
        self.fields["factor"].choices = [("", _("Choose a factor")), *factors]
        workspaces = self.fields["workspace"]
        assert isinstance(workspaces, forms.ModelChoiceField)
        workspaces.queryset = store.member_workspaces(user)
        if not self.is_bound and "date" not in self.initial:
            self.initial["date"] = timezone.localdate()

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(
                _("This date lies in the future: give the day you noticed the difference.")
            )
        return day

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            key: (data[key].strip() if isinstance(data[key], str) else data[key])
            for key in store.FIELDS
        }


class EditForm(EntryForm):
    version = version_field()


class FilterForm(forms.Form):
    """The list's filters (a GET form); an invalid one shows everything with its errors."""

    scope = forms.ChoiceField(
        label=_("Entries"),
        required=False,
        choices=[(store.OWN, _("Mine")), (store.SHARED, _("Shared with me"))],
    )
    factor = forms.ChoiceField(label=_("Factor"), required=False)
    severity = forms.ChoiceField(label=_("Nuance or blocking"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factor"].choices = [("", _("All factors")), *factor_names(language).items()]
        self.fields["severity"].choices = [
            ("", _("Both")),
            (NUANCE, _("Nuance")),
            (BLOCKING, _("Blocking")),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("“From” lies after “To”: swap the two dates."))
        return data

    def filters(self) -> store.Filters:
        if not self.is_valid():
            return store.Filters()
        data = self.cleaned_data
        return store.Filters(
            scope=data.get("scope") or store.OWN,
            factor=data.get("factor") or "",
            severity=data.get("severity") or "",
            start=data.get("start"),
            end=data.get("end"),
        )
