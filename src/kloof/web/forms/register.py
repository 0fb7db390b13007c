"""Forms of the difference register: an entry and its actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kloof.domain.model import PERCEPTION, POSITION, STATUSES, Severity
from kloof.storage.versions import MAX_VERSION

TEXT_LENGTH = 5000
ACTION_LENGTH = 1000
OWNER_LENGTH = 200
ISO_DATE = "%Y-%m-%d"

#: The new-entry form's two party fields per kind, in the order the entry stores them.
PARTY_FIELDS = {POSITION: ("party_a", "party_b"), PERCEPTION: ("subject", "viewer")}
#: The decision field's values and what they store in ``Difference.blocking``.
DECISIONS = {"computed": None, "blocking": True, "not_blocking": False}


def status_choices() -> list[tuple[str, Any]]:
    labels = {
        "open": pgettext_lazy("status", "open"),
        "named": pgettext_lazy("status", "named"),
        "discussed": pgettext_lazy("status", "discussed"),
        "accepted": pgettext_lazy("status", "accepted"),
        "accepted_both": pgettext_lazy("status", "accepted by both sides"),
        "mitigated": pgettext_lazy("status", "mitigated"),
    }
    return [(status, labels[status]) for status in STATUSES]


def decision_choices() -> list[tuple[str, Any]]:
    return [
        ("computed", _("Keep the computed severity")),
        ("blocking", _("Blocking")),
        ("not_blocking", _("Not blocking")),
    ]


def kind_choices() -> list[tuple[str, Any]]:
    return [
        (POSITION, _("Position difference: where two parties stand apart")),
        (PERCEPTION, _("Perception gap: how one party sees another, against how it sees itself")),
    ]


def decision_of(blocking: bool | None) -> str:
    """The decision field's value for a stored ``blocking``."""
    return {None: "computed", True: "blocking", False: "not_blocking"}[blocking]


def version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)


def _text(value: str | None) -> str | None:
    """Stripped text; None for nothing (as the case file leaves it out)."""
    value = (value or "").strip()
    return value or None


class EntryFields(forms.Form):
    """Status, decision, reason and note of a register entry."""

    status = forms.ChoiceField(label=_("Status"), choices=status_choices, initial="open")
    decision = forms.ChoiceField(
        label=_("Decided severity"),
        choices=decision_choices,
        initial="computed",
        widget=forms.RadioSelect,
        help_text=_(
            "The team may decide that a difference is blocking, or not blocking, "
            "whatever the computed severity; say why in the reason."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless you keep the computed severity."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def word_for(self, computed: Severity) -> None:
        """Word the decision against the computed severity: marking a computed
        blocking difference blocking (or a computed non-blocking one not
        blocking) confirms it; it does not override anything."""
        labels = dict(decision_choices())
        if computed is Severity.BLOCKING:
            labels["blocking"] = _("Blocking: the team confirms that it blocks")
        elif computed is not Severity.UNKNOWN:
            labels["not_blocking"] = _("Not blocking: the team confirms that it does not block")
        field = self.fields["decision"]
        field.choices = list(labels.items())  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") not in (None, "computed") and not _text(data.get("reason")):
            self.add_error(
                "reason",
                _("Give a reason: a severity the team decides (or confirms) needs one."),
            )
        return data

    def values(self) -> dict[str, Any]:
        """The entry's fields as stored."""
        data = self.cleaned_data
        return {
            "status": data["status"],
            "blocking": DECISIONS[data["decision"]],
            "reason": _text(data.get("reason")),
            "note": _text(data.get("note")),
        }


class EntryForm(EntryFields):
    """Saving an entry: the version it was built from travels with it."""

    version = version_field()

    field_order = ("version", "status", "decision", "reason", "note")


class NewEntryForm(EntryFields):
    """Opening an entry for a difference that has none yet: a position
    difference between two parties, or a perception gap (how the viewer sees the
    subject). Only the parties of the chosen kind are read."""

    kind = forms.ChoiceField(
        label=_("Kind of difference"),
        choices=kind_choices,
        initial=POSITION,
        required=False,  # a form from before perception gaps sends none: a position
        widget=forms.RadioSelect,
    )
    factor = forms.ChoiceField(label=_("Factor"))
    party_a = forms.ChoiceField(label=_("First party"), required=False)
    party_b = forms.ChoiceField(label=_("Second party"), required=False)
    subject = forms.ChoiceField(
        label=_("Party being seen"),
        required=False,
        help_text=_("Its own view of itself is compared with the viewer's view of it."),
    )
    viewer = forms.ChoiceField(label=_("Party whose view it is"), required=False)

    field_order = (
        "kind",
        "factor",
        "party_a",
        "party_b",
        "subject",
        "viewer",
        "status",
        "decision",
        "reason",
        "note",
    )

    def __init__(
        self,
        *args: Any,
        factors: list[tuple[str, str]],
        parties: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factor"].choices = factors  # type: ignore[attr-defined]
        for name in ("party_a", "party_b", "subject", "viewer"):
            self.fields[name].choices = [("", _("Choose a party")), *parties]  # type: ignore[attr-defined]

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or POSITION)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if kind not in PARTY_FIELDS:
            return data
        first, second = PARTY_FIELDS[kind]
        for name in (first, second):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Choose a party."))
        if data.get(first) and data.get(first) == data.get(second):
            if kind == PERCEPTION:
                message = _("Choose a viewer other than the party being seen.")
            else:
                message = _("Choose two different parties.")
            self.add_error(second, message)
        return data

    def parties(self) -> tuple[str, str]:
        """The entry's two party keys: a pair, or (subject, viewer)."""
        first, second = PARTY_FIELDS[self.cleaned_data["kind"]]
        return (self.cleaned_data[first], self.cleaned_data[second])


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=ACTION_LENGTH)
    owner = forms.CharField(
        label=_("Owner"),
        required=False,
        max_length=OWNER_LENGTH,
        help_text=_("A rater of the case, or any name."),
    )
    due = forms.DateField(
        label=_("Due date"),
        required=False,
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        help_text=_("As year-month-day, for example 2026-12-15."),
    )
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args: Any, owners_list: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners_list:
            self.fields["owner"].widget.attrs["list"] = owners_list

    def clean_text(self) -> str:
        text = _text(self.cleaned_data["text"])
        if text is None:
            raise forms.ValidationError(_("Say what has to be done."))
        return text

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "owner": _text(data.get("owner")),
            "due": data.get("due"),
            "done": bool(data.get("done")),
        }


class ActionEditForm(ActionForm):
    version = version_field()


class ActionDoneForm(forms.Form):
    """Ticking an action off (or on again) from the entry's list."""

    version = version_field()
    done = forms.BooleanField(required=False)
