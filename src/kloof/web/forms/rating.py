"""Forms of the rating area: choosing who rates whom, one factor's rating, raters.

The score is a text field (a decimal point or comma, up to two decimals kept);
where scripts run, a slider beside it moves in half points (``step``): finer
than whole points, so a rater can say "between 4 and 5", without suggesting a
precision nobody has. A factor not rated yet shows an empty field and an unset
slider, so that any score set on it, the middle of the scale included, is a
change the page saves.
"""

from __future__ import annotations

import math

from django import forms
from django.utils.translation import gettext_lazy as _

from kloof.domain.model import CONFIDENCES, SOURCES, Scale
from kloof.storage.models import Party, Rater, Rating
from kloof.storage.rating import RatingValues
from kloof.web.forms.numbers import TypedNumberField, number_text

__all__ = ["number_text"]  # where the rating and questionnaire views find it

STEP = 0.5
#: Scores are stored with up to two decimals, as the case format allows.
DECIMALS = 2
NOTE_LENGTH = 4000


def slider_step(scale: Scale) -> float:
    """Half points when the scale's span is a whole number of them; else a
    hundredth, so that both poles can be reached."""
    return STEP if math.isclose((scale.span / STEP) % 1, 0, abs_tol=1e-9) else 0.01


def confidence_choices() -> list[tuple[str, str]]:
    labels = {"low": _("Low"), "medium": _("Medium"), "high": _("High")}
    return [("", _("Not given")), *((value, labels[value]) for value in CONFIDENCES)]


def source_choices() -> list[tuple[str, str]]:
    labels = {
        "self": _("Self (our own view)"),
        "interview": _("Interview"),
        "observation": _("Observation"),
        "document": _("Document"),
        "estimate": _("Estimate"),
    }
    return [("", _("Not given")), *((value, labels[value]) for value in SOURCES)]


class ChooseForm(forms.Form):
    """Who rates whom: the small GET form at the top of the rate page."""

    rater = forms.TypedChoiceField(label=_("Rater"), coerce=int)
    subject = forms.TypedChoiceField(label=_("Party being rated"), coerce=int)

    def __init__(self, *args: object, raters: list[Rater], parties: list[Party], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["rater"].choices = [
            (rater.pk, f"{rater.name} ({rater.party.name})") for rater in raters
        ]
        self.fields["subject"].choices = [(party.pk, party.name) for party in parties]


class FactorRatingForm(forms.Form):
    """One factor's rating; prefixed with the factor key on the rate page."""

    score = TypedNumberField(label=_("Score"), required=False)
    no_opinion = forms.BooleanField(label=_("No opinion"), required=False)
    confidence = forms.ChoiceField(
        label=_("Confidence"), required=False, choices=confidence_choices
    )
    source = forms.ChoiceField(label=_("Source"), required=False, choices=source_choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args: object, scale: Scale, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.scale = scale

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if self.errors:
            return data
        if data["no_opinion"]:
            data["score"] = None
            return data
        score = data.get("score")
        if score is None:
            raise forms.ValidationError(_("Give a score, or tick “No opinion”."), code="missing")
        if not self.scale.low <= score <= self.scale.high:
            raise forms.ValidationError(
                _("The score must lie from %(low)s to %(high)s."),
                code="off_scale",
                params={"low": _number(self.scale.low), "high": _number(self.scale.high)},
            )
        data["score"] = round(score, DECIMALS)
        return data

    def values(self) -> RatingValues:
        data = self.cleaned_data
        return RatingValues(
            score=data["score"],
            confidence=data["confidence"] or None,
            source=data["source"] or None,
            note=data["note"].strip() or None,
        )


def initial_of(row: Rating | None) -> dict[str, object]:
    """The fields of the rate page for a stored rating; none yet: all empty
    (the score field empty, its slider unset)."""
    if row is None:
        return {"score": None, "no_opinion": False}
    return {
        "score": row.score,
        "no_opinion": row.score is None,
        "confidence": row.confidence or "",
        "source": row.source or "",
        "note": row.note or "",
    }


def middle(scale: Scale) -> float:
    """Where an unset slider stands: the step nearest the middle of the scale."""
    step = slider_step(scale)
    return round(scale.low + math.floor(scale.span / 2 / step + 0.5) * step, DECIMALS)


def _number(value: float) -> str:
    return number_text(value)


class RaterForm(forms.Form):
    """A new rater: a name and the party they belong to, optionally a member."""

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    party = forms.TypedChoiceField(label=_("Belongs to party"), coerce=int)
    member = forms.TypedChoiceField(
        label=_("Workspace member (optional)"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Link the rater to a member, so that the rate page opens with their name."),
    )

    def __init__(
        self,
        *args: object,
        parties: list[Party],
        members: list[tuple[int, str]],
        taken_members: set[int],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["party"].choices = [(party.pk, party.name) for party in parties]
        self.fields["member"].choices = [("", _("No link")), *members]
        self.member_labels = dict(members)
        self.taken_members = taken_members

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, object]:
        data = super().clean()
        member = data.get("member")
        if member is not None and member in self.taken_members:
            self.add_error("member", _("This member is a rater of this case already."))
        if not data.get("name") and member is not None and "member" not in self.errors:
            data["name"] = self.member_labels[member]
        if not data.get("name") and "name" not in self.errors:
            self.add_error("name", _("Give the rater a name, or choose a member."))
        return data


class RenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the rater a name."))
        return name


class ConfirmRemoveForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, remove this rater and their ratings"), required=True)
