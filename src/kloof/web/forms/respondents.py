"""Forms of the respondents area: a new link, the anonymity promise, the round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kloof.storage.anonymity import DEFAULT_MIN_GROUP, MIN_GROUP_HIGH, MIN_GROUP_LOW
from kloof.storage.models import Party
from kloof.storage.models_exchange import RespondentLink
from kloof.web.forms.numbers import WholeNumberField

NAME_LENGTH = 200
GREETING_LENGTH = 500
DEFAULT_DAYS = 14
MAX_DAYS = 90
LANGUAGES = (("nl", "Nederlands"), ("en", "English"))


def rates_choices() -> list[tuple[str, Any]]:
    return [
        (RespondentLink.Rates.BOTH, _("Both parties: their own and the other")),
        (RespondentLink.Rates.OWN, _("Only their own party (a self view)")),
        (RespondentLink.Rates.OTHER, _("Only the other party")),
    ]


def today() -> dt.date:
    return timezone.localdate()


class LinkForm(forms.Form):
    field_order = ("name", "party", "rates", "language", "greeting", "expires")

    name = forms.CharField(
        label=_("Name for the team (not shown to the respondent)"),
        max_length=NAME_LENGTH,
        required=False,
        help_text=_(
            "Whom you send the link to, so that you recognise it in the list. The respondent "
            "never sees this name. Leave it empty for an anonymous link."
        ),
    )
    greeting = forms.CharField(
        label=_("Greeting (shown to the respondent, optional)"),
        max_length=GREETING_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The respondent reads this above the questions, for example “Dear Ann, thank you "
            "for taking part. — Jan”. Leave it empty for no greeting."
        ),
    )
    party = forms.TypedChoiceField(
        label=_("The respondent belongs to"),
        coerce=int,
        help_text=_("People of the other side belong to the counterparty."),
    )
    rates = forms.ChoiceField(
        label=_("The respondent rates"),
        choices=rates_choices,
        initial=RespondentLink.Rates.BOTH,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of the questionnaire"), choices=LANGUAGES)
    expires = forms.DateField(
        label=_("The link works until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, parties: list[Party], language: str = "en", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parties = {party.pk: party for party in parties}
        party_field: Any = self.fields["party"]
        party_field.choices = [(party.pk, party.name) for party in parties]
        # Links are mostly for the other side: their party comes first.
        counterparty = next((p for p in parties if p.side == "counterparty"), None)
        default = counterparty or (parties[0] if parties else None)
        self.fields["party"].initial = default.pk if default else None
        self.fields["expires"].help_text = _(
            "At most %(days)d days from today; the link stops at the end of that day."
        ) % {"days": MAX_DAYS}
        self.fields["language"].initial = language if language in dict(LANGUAGES) else "en"
        self.fields["expires"].initial = today() + dt.timedelta(days=DEFAULT_DAYS)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_expires(self) -> dt.date:
        value: dt.date = self.cleaned_data["expires"]
        first, last = today(), today() + dt.timedelta(days=MAX_DAYS)
        if value < first:
            raise forms.ValidationError(
                _("This date has passed: choose today or a later day."), code="past"
            )
        if value > last:
            raise forms.ValidationError(
                _("That is more than %(days)d days away: choose %(last)s or earlier."),
                code="far",
                params={"days": MAX_DAYS, "last": last.isoformat()},
            )
        return value

    def party_row(self) -> Party:
        return self.parties[self.cleaned_data["party"]]

    def expires_at(self) -> dt.datetime:
        """The end of the chosen day, in the server's time zone."""
        day = self.cleaned_data["expires"] + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AnonymityForm(forms.Form):
    anonymous = forms.BooleanField(
        label=_("Promise respondents anonymity"),
        required=False,
        help_text=_(
            "The team then never sees a respondent's name with their answers, and a group "
            "of respondents counts only once enough of them answered."
        ),
    )
    min_group = WholeNumberField(
        label=_("Smallest group shown"),
        min_value=MIN_GROUP_LOW,
        max_value=MIN_GROUP_HIGH,
        initial=DEFAULT_MIN_GROUP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["min_group"].help_text = _(
            "Respondents of one party about one party: their answers count from this many "
            "(%(low)d to %(high)d)."
        ) % {"low": MIN_GROUP_LOW, "high": MIN_GROUP_HIGH}


class RoundForm(forms.Form):
    round = forms.ChoiceField(choices=(("close", "close"), ("reopen", "reopen")))
