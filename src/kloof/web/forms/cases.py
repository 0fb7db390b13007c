"""Forms of the cases area: a new case, an upload, the edit form with its parties
and factors, and the sentences for what an edit was refused for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from kloof.domain.model import LANGUAGES, SIDES, Scale, Text
from kloof.services.messages import localized_message
from kloof.storage import cases_edit as edit
from kloof.storage.cases import NewParty
from kloof.web.forms.numbers import TypedNumberField

#: Largest case file accepted, checked before the file is read.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".yaml", ".yml", ".json")
TITLE_LENGTH = 300
TEXT_LENGTH = 200
DESCRIPTION_LENGTH = 10_000
#: Bounds for a scale's ends: wide enough for any rating scale people use.
SCALE_LIMIT = 1000.0
MAX_PARTIES = 20
MAX_FACTORS = 30


def language_choices() -> list[tuple[str, str]]:
    names = {"nl": gettext_lazy("Dutch"), "en": gettext_lazy("English")}
    return [(code, names[code]) for code in LANGUAGES]


def side_choices() -> list[tuple[str, str]]:
    names = {
        "own": gettext_lazy("Our side"),
        "counterparty": gettext_lazy("The other side"),
        "other": gettext_lazy("A third party"),
    }
    return [("", gettext_lazy("(not said)")), *((side, names[side]) for side in SIDES)]


def _clean_text(value: str | None) -> str:
    """One line of text: inner runs of white space become one space."""
    return " ".join((value or "").split())


class CaseFieldsForm(forms.Form):
    """The case's own fields, shared by the new-case and the edit form."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_LENGTH)
    date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        help_text=gettext_lazy("Of the case or the negotiation (optional)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the reports"), choices=language_choices
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scale_min = TypedNumberField(
        label=gettext_lazy("Lowest score (left pole)"),
        initial=1,
        min_value=-SCALE_LIMIT,
        max_value=SCALE_LIMIT,
    )
    scale_max = TypedNumberField(
        label=gettext_lazy("Highest score (right pole)"),
        initial=7,
        min_value=-SCALE_LIMIT,
        max_value=SCALE_LIMIT,
    )

    def clean_title(self) -> str:
        title = _clean_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the case a title."))
        return title

    def clean_description(self) -> str | None:
        return self.cleaned_data["description"].strip() or None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and not low < high:
            self.add_error(
                "scale_max", _("The highest score must be above the lowest, such as 1 to 7.")
            )
        return data

    def scale(self) -> Scale:
        return Scale(low=self.cleaned_data["scale_min"], high=self.cleaned_data["scale_max"])


class PartyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=TEXT_LENGTH)
    role = forms.CharField(
        label=gettext_lazy("Role"),
        required=False,
        max_length=TEXT_LENGTH,
        help_text=gettext_lazy("Such as buyer, supplier or partner (optional)."),
    )
    side = forms.ChoiceField(label=gettext_lazy("Side"), required=False, choices=side_choices)

    def clean_name(self) -> str:
        name = _clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Give the party a name."))
        return name

    def clean_role(self) -> str | None:
        return _clean_text(self.cleaned_data["role"]) or None

    def clean_side(self) -> str | None:
        return self.cleaned_data["side"] or None


class EditPartyForm(PartyForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


NewPartyFormSet = forms.formset_factory(
    PartyForm, extra=0, min_num=2, validate_min=True, max_num=2, validate_max=True
)
EditPartyFormSet = forms.formset_factory(
    EditPartyForm,
    extra=1,
    can_delete=True,
    max_num=MAX_PARTIES,
    validate_max=True,
    absolute_max=MAX_PARTIES,
)


class NewCaseForm(CaseFieldsForm):
    """A case from scratch: its fields here, its two parties in a formset."""

    def new_parties(self, parties: Any) -> list[NewParty]:
        return [NewParty(**form.cleaned_data) for form in parties.forms]


class TemplateForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the example"), choices=language_choices
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Case file"),
        help_text=gettext_lazy("A kloof case file (.yaml, .yml or .json) of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # The size comes from the request; nothing is read before this check.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB; a case file is usually a few kilobytes.")
            )
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("Choose a file ending in .yaml, .yml or .json."))
        return upload


class CaseEditForm(CaseFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FactorForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    key = forms.CharField(
        label=gettext_lazy("Key"),
        max_length=40,
        help_text=gettext_lazy("Lower case letters, digits and _, starting with a letter."),
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]*\Z",
                gettext_lazy("Use lower case letters, digits and _, starting with a letter."),
            )
        ],
    )
    name_nl = forms.CharField(label=gettext_lazy("Name (Dutch)"), max_length=TEXT_LENGTH)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=TEXT_LENGTH)
    left_nl = forms.CharField(label=gettext_lazy("Left pole (Dutch)"), max_length=TEXT_LENGTH)
    left_en = forms.CharField(label=gettext_lazy("Left pole (English)"), max_length=TEXT_LENGTH)
    right_nl = forms.CharField(label=gettext_lazy("Right pole (Dutch)"), max_length=TEXT_LENGTH)
    right_en = forms.CharField(label=gettext_lazy("Right pole (English)"), max_length=TEXT_LENGTH)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("name_nl", "name_en", "left_nl", "left_en", "right_nl", "right_en"):
            if name in data:
                data[name] = _clean_text(data[name])
                if not data[name]:
                    self.add_error(name, _("Write this text; a factor needs it in both languages."))
        return data

    def text(self, prefix: str) -> Text:
        return Text(nl=self.cleaned_data[f"{prefix}_nl"], en=self.cleaned_data[f"{prefix}_en"])


FactorFormSet = forms.formset_factory(
    FactorForm,
    extra=1,
    can_delete=True,
    max_num=MAX_FACTORS,
    validate_max=True,
    absolute_max=MAX_FACTORS,
)


def party_changes(formset: Any) -> tuple[edit.PartyChange, ...]:
    """The parties of a valid edit formset; blank extra rows left out."""
    changes = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        pk = data.get("id")
        if formset._should_delete_form(form):
            if pk is not None:
                changes.append(edit.PartyChange(pk=pk, name="", remove=True))
        elif data:
            changes.append(
                edit.PartyChange(pk=pk, name=data["name"], role=data["role"], side=data["side"])
            )
    return tuple(changes)


def factor_changes(formset: Any) -> tuple[edit.FactorChange, ...]:
    """The own factors of a valid edit formset; blank extra rows left out."""
    changes = []
    blank = Text("", "")
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        pk = data.get("id")
        if formset._should_delete_form(form):
            if pk is not None:
                changes.append(edit.FactorChange(pk, "", blank, blank, blank, remove=True))
        elif data:
            changes.append(
                edit.FactorChange(
                    pk, data["key"], form.text("name"), form.text("left"), form.text("right")
                )
            )
    return tuple(changes)


def party_initial(row: Any) -> list[dict[str, Any]]:
    return [
        {"id": party.pk, "name": party.name, "role": party.role or "", "side": party.side or ""}
        for party in row.parties.all()
    ]


def factor_initial(row: Any) -> list[dict[str, Any]]:
    initial = []
    for factor in row.own_factors.all():
        item: dict[str, Any] = {"id": factor.pk, "key": factor.key}
        for part in ("name", "left", "right"):
            texts = factor.data.get(part, {})
            item[f"{part}_nl"], item[f"{part}_en"] = texts.get("nl", ""), texts.get("en", "")
        initial.append(item)
    return initial


def case_initial(row: Any) -> dict[str, Any]:
    return {
        "title": row.title,
        "date": row.date,
        "language": row.language,
        "description": row.description or "",
        "scale_min": row.scale_min,
        "scale_max": row.scale_max,
        "version": row.version,
    }


def problem_text(problem: edit.Problem) -> str:
    """One sentence for a refused edit, naming what is in the way."""
    if isinstance(problem, edit.ScoresOffScale):
        return _(
            "Existing scores run from %(lowest)s to %(highest)s: choose a scale that "
            "includes them, or change those ratings first."
        ) % {"lowest": _number(problem.lowest), "highest": _number(problem.highest)}
    if isinstance(problem, edit.PartyInUse):
        return _party_in_use(problem)
    if isinstance(problem, edit.FactorInUse):
        return _("The factor “%(key)s” cannot be removed: it is used by %(uses)s.") % {
            "key": problem.key,
            "uses": _uses(problem.ratings, problem.differences),
        }
    if isinstance(problem, edit.FactorKeyTaken):
        if problem.by_framework:
            return _(
                "The key “%(key)s” belongs to a factor of the framework: rate that factor, "
                "or choose another key."
            ) % {"key": problem.key}
        return _("The key “%(key)s” is used twice: give every factor its own key.") % {
            "key": problem.key
        }
    if isinstance(problem, edit.TooFewParties):
        return _("A case needs at least two parties.")
    if isinstance(problem, edit.UnknownRow):
        return _("A party or factor in the form is no longer part of the case: reload the page.")
    message = localized_message(problem.error, get_language(), located=False)
    return _("The case would not be valid: %(message)s") % {"message": message}


def _party_in_use(problem: edit.PartyInUse) -> str:
    uses = []
    if problem.raters:
        uses.append(_("the raters %(names)s") % {"names": ", ".join(problem.raters)})
    if problem.ratings or problem.differences:
        uses.append(_uses(problem.ratings, problem.differences))
    if problem.interviews:
        uses.append(
            ngettext("%(count)d interview", "%(count)d interviews", problem.interviews)
            % {"count": problem.interviews}
        )
    if problem.agenda_items:
        uses.append(
            ngettext("%(count)d agenda item", "%(count)d agenda items", problem.agenda_items)
            % {"count": problem.agenda_items}
        )
    return _(
        "The party “%(name)s” cannot be removed: it is used by %(uses)s. "
        "Remove or move those first."
    ) % {"name": problem.name, "uses": "; ".join(uses)}


def _uses(ratings: int, differences: int) -> str:
    parts = []
    if ratings:
        parts.append(
            ngettext("%(count)d rating", "%(count)d ratings", ratings) % {"count": ratings}
        )
    if differences:
        parts.append(
            ngettext("%(count)d register entry", "%(count)d register entries", differences)
            % {"count": differences}
        )
    return _(" and ").join(parts)


def _number(value: float) -> str:
    """A score for people, per locale: "2,5" in Dutch, "3" without decimals."""
    return number_format(value, decimal_pos=0 if value == int(value) else None)


class ArchiveForm(forms.Form):
    action = forms.ChoiceField(choices=[("archive", "archive"), ("restore", "restore")])
