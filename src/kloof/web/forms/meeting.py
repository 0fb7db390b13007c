"""The outcome of one agenda item, recorded from the meeting view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kloof.i18n.outcomes import outcome_choices
from kloof.storage.outcomes import MITIGATION, Outcome
from kloof.web.forms.register import (
    ACTION_LENGTH,
    ISO_DATE,
    OWNER_LENGTH,
    TEXT_LENGTH,
    version_field,
)

#: The datalist of suggested owners (the case's raters) on the meeting page.
OWNERS_LIST = "action-owners"


def _choices() -> list[tuple[str, str]]:
    return outcome_choices((get_language() or "en")[:2])


class OutcomeForm(forms.Form):
    version = version_field()
    outcome = forms.ChoiceField(label=_("Outcome"), choices=_choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Short note"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Goes into the minutes of both sides."),
    )
    action = forms.CharField(
        label=_("What was agreed"),
        required=False,
        max_length=ACTION_LENGTH,
        help_text=_("Needed with a mitigation agreed; it becomes an action of the case."),
    )
    owner = forms.CharField(
        label=_("Owner"),
        required=False,
        max_length=OWNER_LENGTH,
        widget=forms.TextInput(attrs={"list": OWNERS_LIST}),
    )
    due = forms.DateField(
        label=_("Due date"),
        required=False,
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == MITIGATION and not (data.get("action") or "").strip():
            self.add_error("action", _("Say what was agreed: a mitigation needs an action."))
        return data

    def to_outcome(self) -> Outcome:
        data = self.cleaned_data
        mitigation = data["outcome"] == MITIGATION
        return Outcome(
            outcome=data["outcome"],
            note=(data.get("note") or "").strip() or None,
            action=(data.get("action") or "").strip() or None if mitigation else None,
            owner=(data.get("owner") or "").strip() or None if mitigation else None,
            due=data.get("due") if mitigation else None,
        )
