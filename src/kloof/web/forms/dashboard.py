"""What the dashboard and its chart show: which parties, which chart, which views.

One GET form for the dashboard page and the chart download. A missing or empty
field takes its default (every party, the profile chart, with the views), so a
plain link shows everything; a value that is not one of the choices makes the form
invalid, and the view answers 400 with the message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kloof.domain.model import Case

PROFILE = "profile"
RADAR = "radar"
#: How many values of ``parties`` are looked at: a case has a handful of parties.
MAX_PARTY_VALUES = 50


class PartiesField(forms.MultipleChoiceField):
    """Party ids, as repeated values (``parties=a&parties=b``, what checkboxes
    send) or separated by commas (``parties=a,b``, handy in a chart link)."""

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)[:MAX_PARTY_VALUES]
        return [part.strip() for item in values for part in item.split(",") if part.strip()]

    def validate(self, value: Any) -> None:
        known = [str(key) for key, _label in self.choices]
        unknown = [item for item in value if item not in known]
        if unknown:
            raise forms.ValidationError(
                gettext("The case has no party “%(party)s”. Choose from: %(known)s.")
                % {"party": unknown[0][:80], "known": ", ".join(known)},
                code="invalid_choice",
            )


class ChartOptionsForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Chart"),
        choices=[(PROFILE, _("Profile: the factors one below the other")), (RADAR, _("Radar"))],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose the profile chart or the radar chart.")},
    )
    parties = PartiesField(
        label=_("Parties"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The first two chosen parties are the pair whose gaps the chart colours."),
    )
    views = forms.TypedChoiceField(
        label=_("Show the self and outside views in the profile chart"),
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=True,
        error_messages={"invalid_choice": _("Use 1 to show the views or 0 to hide them.")},
    )

    def __init__(self, query: QueryDict, case: Case) -> None:
        super().__init__(query)  # always bound: an empty query chooses the defaults
        self.case = case
        self.fields["parties"].choices = [(party.id, party.name) for party in case.parties]

    def chosen_parties(self) -> list[str]:
        """The chosen party ids in the order chosen (the checkboxes send case
        order), each once; every party, in case order, when none is chosen."""
        chosen = list(dict.fromkeys(self.cleaned_data.get("parties") or ()))
        return chosen or [party.id for party in self.case.parties]

    def options(self) -> dict[str, Any]:
        """The valid options, or the defaults when the form is invalid."""
        if self.is_valid():
            return {
                "kind": self.cleaned_data["kind"] or PROFILE,
                "parties": self.chosen_parties(),
                "views": self.cleaned_data["views"],
            }
        return {
            "kind": PROFILE,
            "parties": [party.id for party in self.case.parties],
            "views": True,
        }

    def messages(self) -> list[str]:
        """Every error as one sentence, for a 400 answer."""
        return [str(error) for errors in self.errors.values() for error in errors]
