"""Forms of the dialogue agenda: an item's texts, a new item, the list's buttons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kloof.storage.versions import MAX_VERSION

TITLE_LENGTH = 300
TEXT_LENGTH = 5000
#: Most mitigations one item keeps (one per line).
MAX_MITIGATIONS = 30


def version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)


class ItemForm(forms.Form):
    """The texts of an item, as the team words them."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    see = forms.CharField(
        label=_("What we see"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Both positions, or how each side sees the other, in words."),
    )
    ask = forms.CharField(
        label=_("What we want to ask"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offer = forms.CharField(
        label=_("What we could offer"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mitigations = forms.CharField(
        label=_("Possible mitigations"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    shareable = forms.BooleanField(
        label=_("Share this item with the other side"),
        required=False,
        help_text=_(
            "Only shared items go into the counterparty version: their title, what we see, "
            "ask and offer, and the mitigations."
        ),
    )

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Write a short title for the item."))
        return title

    def clean_mitigations(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["mitigations"].splitlines()]
        kept = [line for line in lines if line]
        if len(kept) > MAX_MITIGATIONS:
            raise forms.ValidationError(
                _("Keep at most %(most)s mitigations, one per line.") % {"most": MAX_MITIGATIONS}
            )
        return "\n".join(kept)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "see": data["see"].strip(),
            "ask": data["ask"].strip(),
            "offer": data["offer"].strip(),
            "mitigations": data["mitigations"],
            "shareable": bool(data["shareable"]),
        }


class EditItemForm(ItemForm):
    version = version_field()


class NewItemForm(ItemForm):
    """An item outside the framework's factors; ``agenda_version`` guards the list."""

    agenda_version = version_field()


class ShareForm(forms.Form):
    """The list's share toggle."""

    version = version_field()
    shareable = forms.BooleanField(required=False)


class ListChangeForm(forms.Form):
    """A button that changes the list: move up or down, remove."""

    agenda_version = version_field()
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)


class DateForm(forms.Form):
    agenda_version = version_field()
    date = forms.DateField(
        label=_("Date of the conversation"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
