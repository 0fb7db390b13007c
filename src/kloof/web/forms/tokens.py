"""Forms of the API tokens page: a new token's label."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kloof.storage.api_tokens import NAME_LENGTH


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Label"),
        max_length=NAME_LENGTH,
        required=False,
        help_text=_("What the token is for, such as “reporting script”, to recognise it later."),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())
