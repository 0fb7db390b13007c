"""Forms of interviews: plan or change one, and its answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kloof.domain.model import Scale
from kloof.storage.interviews import MAX_ANSWER
from kloof.storage.models import Rater
from kloof.storage.versions import MAX_VERSION
from kloof.web.forms.evidence import ISO_DATE
from kloof.web.forms.numbers import TypedNumberField, number_text
from kloof.web.forms.rating import DECIMALS, NOTE_LENGTH

NAME_LENGTH = 200


class InterviewForm(forms.Form):
    """Who is interviewed, about which party, by whom, when, on which factors."""

    interviewee = forms.CharField(label=_("Interviewee"), max_length=NAME_LENGTH)
    role = forms.CharField(label=_("Role"), max_length=NAME_LENGTH, required=False)
    party = forms.ChoiceField(
        label=_("Party of the interviewee"),
        required=False,
        help_text=_("Leave it open when the interviewee belongs to no party of the case."),
    )
    about = forms.ChoiceField(
        label=_("The answers tell about"),
        help_text=_("Each answer becomes evidence for this party."),
    )
    interviewer = forms.CharField(
        label=_("Interviewer"),
        max_length=NAME_LENGTH,
        required=False,
        help_text=_("A rater of the case, or any name."),
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )
    factors = forms.MultipleChoiceField(
        label=_("Factors to ask about"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In the guide's order: what blocks or is seen differently first."),
    )

    def __init__(
        self,
        *args: Any,
        parties: list[tuple[str, str]],
        factors: list[tuple[str, str]],
        raters: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", _("No party")), *parties]
        self.fields["about"].choices = parties
        self.fields["factors"].choices = factors
        self.fields["interviewer"].widget.attrs["list"] = "interview-raters"
        self.raters = raters

    def clean_interviewee(self) -> str:
        name = " ".join(self.cleaned_data["interviewee"].split())
        if not name:
            raise forms.ValidationError(_("Write the name of the person you interview."))
        return name

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        order = [key for key, _label in self.fields["factors"].choices]
        chosen = set(data["factors"])
        return {
            "interviewee": data["interviewee"],
            "role": data["role"].strip() or None,
            "party": data["party"] or None,
            "about": data["about"],
            "interviewer": data["interviewer"].strip() or None,
            "date": data["date"],
            "factors": [key for key in order if key in chosen],
        }


class InterviewEditForm(InterviewForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)


class DeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)


class AnswersForm(forms.Form):
    """One text box per factor of the interview; ``answer-<factor>``."""

    def __init__(self, *args: Any, factors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, name in factors:
            self.fields[f"answer-{key}"] = forms.CharField(
                label=name,
                required=False,
                max_length=MAX_ANSWER,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("answer-"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer-")
        }


class ProposeForm(forms.Form):
    """A rating proposed from an interview: which rater, what score, the note."""

    rater = forms.TypedChoiceField(label=_("Rater"), coerce=int)
    score = TypedNumberField(label=_("Score"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("With a note, a rating with source interview is evidence itself."),
    )

    def __init__(self, *args: Any, raters: list[Rater], scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rater"].choices = [
            (rater.pk, f"{rater.name} ({rater.party.name})") for rater in raters
        ]
        self.scale = scale

    def clean_score(self) -> float:
        score = self.cleaned_data["score"]
        if not self.scale.low <= score <= self.scale.high:
            raise forms.ValidationError(
                _("The score must lie from %(low)s to %(high)s."),
                code="off_scale",
                params={"low": number_text(self.scale.low), "high": number_text(self.scale.high)},
            )
        return float(round(score, DECIMALS))

    def note_text(self) -> str | None:
        return str(self.cleaned_data["note"]).strip() or None
