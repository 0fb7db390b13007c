"""Forms of evidence notes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kloof.storage.models import EvidenceNote, Rating
from kloof.storage.versions import MAX_VERSION
from kloof.web.converters import MAX_ID

TEXT_LENGTH = 5000
ISO_DATE = "%Y-%m-%d"


def source_choices() -> list[tuple[str, Any]]:
    return [
        (EvidenceNote.Source.INTERVIEW, pgettext_lazy("source", "interview")),
        (EvidenceNote.Source.OBSERVATION, pgettext_lazy("source", "observation")),
        (EvidenceNote.Source.DOCUMENT, pgettext_lazy("source", "document")),
    ]


class NoteFields(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=source_choices)
    date = forms.DateField(
        label=_("Date"),
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        help_text=_("When it was heard, seen or written, as year-month-day."),
    )
    text = forms.CharField(
        label=_("What it tells"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write down what the source tells."))
        return text

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("source", "date", "text")}


class NoteForm(NoteFields):
    """A new note: on which party and factor."""

    party = forms.ChoiceField(label=_("Party"))
    factor = forms.ChoiceField(label=_("Factor"))

    field_order = ("party", "factor", "source", "date", "text")

    def __init__(
        self,
        *args: Any,
        parties: list[tuple[str, str]],
        factors: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties
        self.fields["factor"].choices = factors


class RatingChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Rating) -> str:
        return obj.rater.name

    def clean(self, value: Any) -> Any:
        for item in value or ():
            text = str(item)
            if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:30]},
                )
        return super().clean(value)


class NoteEditForm(NoteFields):
    """Changing a note and the ratings it supports (of its party and factor only)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)
    supports = RatingChoice(
        label=_("Ratings this note supports"),
        queryset=Rating.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ("version", "source", "date", "text", "supports")

    def __init__(self, *args: Any, ratings: QuerySet[Rating], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supports"].queryset = ratings


class NoteDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)
