"""The form of a new link for the other side to read the agenda."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_LENGTH = 200
DEFAULT_DAYS = 14
MAX_DAYS = 90
LANGUAGES = (("nl", "Nederlands"), ("en", "English"))


def today() -> dt.date:
    return timezone.localdate()


class AgendaLinkForm(forms.Form):
    name = forms.CharField(
        label=_("Name for the team (not shown to the other side)"),
        max_length=NAME_LENGTH,
        required=False,
        help_text=_("Whom you send the link to, so that you recognise it in the list."),
    )
    language = forms.ChoiceField(label=_("Language of the page"), choices=LANGUAGES)
    expires = forms.DateField(
        label=_("The link works until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language if language in dict(LANGUAGES) else "en"
        self.fields["expires"].initial = today() + dt.timedelta(days=DEFAULT_DAYS)
        self.fields["expires"].help_text = _(
            "At most %(days)d days from today; the link stops at the end of that day."
        ) % {"days": MAX_DAYS}

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

    def expires_at(self) -> dt.datetime:
        """The end of the chosen day, in the server's time zone."""
        day = self.cleaned_data["expires"] + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
