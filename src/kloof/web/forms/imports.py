"""Forms of the import area: the upload, and the mapping that says which column
holds what. The mapping form produces exactly a mapping document as
``kloof import --mapping`` reads it (docs/import.md), so the CLI and the web share
one format and the remembered mapping works for both."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kloof.domain.model import Case as DomainCase
from kloof.formats.importmap import MAPPING_FORMAT
from kloof.formats.importvalues import FactorNames
from kloof.formats.tabular import Table, column_letter
from kloof.web.forms.import_guess import (
    COLUMN_PREFIX,
    GUESSES,
    OTHER_PARTY,
    PARTY_PREFIX,
    factor_field_name,
    party_field_name,
    unknown_factor_values,
    unknown_party_values,
)
from kloof.web.forms.import_guess import initial_values as _initial_values
from kloof.web.forms.numbers import TypedNumberField

__all__ = [
    "GUESSES",
    "MAX_UPLOAD_BYTES",
    "MappingForm",
    "UploadForm",
    "column_choices",
    "initial_values",
    "party_field_name",
    "too_large_message",
    "unknown_party_values",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
SCALE_LIMIT = 1000.0
WIDE, LONG = "wide", "long"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A CSV file (comma, semicolon or tab; UTF-8 or Windows-1252) or an XLSX file, "
            "of at most 10 MB, with the column names in the first row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # The size comes from the request; nothing is read before this check.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload


def too_large_message() -> str:
    return _(
        "The file is larger than 10 MB. Split it, or leave out columns the import does not need."
    )


def column_choices(table: Table) -> list[tuple[str, str]]:
    """Every column of the table: its header as value (its letter when the header
    is empty), shown as "B · Trust"."""
    choices = []
    for index, header in enumerate(table.header):
        letter = column_letter(index)
        value = header or letter
        choices.append((value, f"{letter} · {header}" if header else letter))
    return choices


class MappingForm(forms.Form):
    """Which column is what, with the source's scale. Two layouts: a score
    column per factor (``score_<factor key>``, made from the case), or a factor
    column and a score column."""

    rater = forms.ChoiceField(label=gettext_lazy("The rater's name"))
    rater_party = forms.ChoiceField(
        label=gettext_lazy("The rater's party"),
        required=False,
        help_text=gettext_lazy("Needed when the file names raters the case does not know yet."),
    )
    subject = forms.ChoiceField(label=gettext_lazy("The party that is rated"))
    layout = forms.ChoiceField(
        label=gettext_lazy("How the file holds the scores"),
        choices=[
            (WIDE, gettext_lazy("A row per rater, with a score column per factor")),
            (LONG, gettext_lazy("A row per factor, with a factor column and a score column")),
        ],
        initial=WIDE,
        required=False,  # a form posted without it: the wide layout, as before there was a choice
        widget=forms.RadioSelect,
    )
    factor_column = forms.ChoiceField(
        label=gettext_lazy("The factor column"),
        required=False,
        help_text=gettext_lazy(
            "Each cell names a factor: its key, or its name in Dutch or English."
        ),
    )
    score_column = forms.ChoiceField(label=gettext_lazy("The score column"), required=False)
    scale_min = TypedNumberField(
        label=gettext_lazy("Lowest score of the form"),
        min_value=-SCALE_LIMIT,
        max_value=SCALE_LIMIT,
    )
    scale_max = TypedNumberField(
        label=gettext_lazy("Highest score of the form"),
        min_value=-SCALE_LIMIT,
        max_value=SCALE_LIMIT,
        help_text=gettext_lazy("Scores are rescaled to the case's scale when these differ."),
    )
    confidence = forms.ChoiceField(label=gettext_lazy("Confidence (optional)"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Source of the view (optional)"), required=False)
    note = forms.ChoiceField(label=gettext_lazy("Note (optional)"), required=False)
    replace = forms.BooleanField(
        label=gettext_lazy(
            "Overwrite ratings the case already has for the same rater, party and factor"
        ),
        required=False,
    )

    def __init__(
        self, data: Any, *, case: DomainCase, table: Table, language: str, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.case, self.language = case, language
        columns = column_choices(table)
        none = [("", _("(none)"))]
        parties = [(f"{PARTY_PREFIX}{p.id}", p.name) for p in case.parties]
        from_column = [(f"{COLUMN_PREFIX}{value}", label) for value, label in columns]
        by_column, fixed = _("From a column"), _("The same party for every row")
        subjects = [(by_column, from_column), (fixed, parties)]
        if len(case.parties) == 2:
            other = _("The other party: the one the rater does not belong to")
            subjects.append((_("Per rater"), [(OTHER_PARTY, other)]))
        self.fields["rater"].choices = columns
        self.fields["rater_party"].choices = [*none, (by_column, from_column), (fixed, parties)]
        self.fields["subject"].choices = subjects
        for name in ("confidence", "source", "note", "factor_column", "score_column"):
            self.fields[name].choices = [*none, *columns]
        self.score_names: list[str] = []
        for factor in case.factors:
            name = f"score_{factor.key}"
            self.fields[name] = forms.ChoiceField(
                label=_("Score: %(factor)s") % {"factor": factor.name.get(language)},
                choices=[("", _("(not in the file)")), *columns],
                required=False,
            )
            self.score_names.append(name)
        order = ["rater", "rater_party", "subject", "layout", *self.score_names]
        self.order_fields([*order, "factor_column", "score_column"])
        self._add_party_fields(case, table)
        self._add_factor_fields(case, table)

    def _posted(self, name: str) -> Any:
        values = self.data if self.is_bound else self.initial
        return values.get(name)

    def _add_party_fields(self, case: DomainCase, table: Table) -> None:
        """A party choice per value of the chosen party columns that is no party's
        id or name: as posted when the form is bound, else as it starts."""
        chosen = [self._posted(name) for name in ("rater_party", "subject")]
        columns = [
            value.removeprefix(COLUMN_PREFIX)
            for value in chosen
            if isinstance(value, str) and value.startswith(COLUMN_PREFIX)
        ]
        found, self.party_values_cut = unknown_party_values(case, table, columns)
        choices = [("", _("(choose a party)")), *((p.id, p.name) for p in case.parties)]
        self.party_values: dict[str, str] = {}
        for value in found:
            name = party_field_name(value)
            self.fields[name] = forms.ChoiceField(
                label=_('"%(value)s" means') % {"value": value},
                choices=choices,
                required=False,
            )
            self.party_values[name] = value

    def _add_factor_fields(self, case: DomainCase, table: Table) -> None:
        """A factor choice per value of the chosen factor column that is no
        factor's key or name (long layout only), with the closest name as a hint."""
        self.factor_values: dict[str, str] = {}
        self.factor_values_cut = False
        column = self._posted("factor_column")
        if self._posted("layout") != LONG or not isinstance(column, str) or not column:
            return
        found, self.factor_values_cut = unknown_factor_values(case, table, column)
        names = FactorNames(case)
        choices = [("", _("(choose a factor)"))]
        choices += [(f.key, f.name.get(self.language)) for f in case.factors]
        for value in found:
            name = factor_field_name(value)
            suggestion = names.suggestion(value)
            self.fields[name] = forms.ChoiceField(
                label=_('"%(value)s" means') % {"value": value},
                choices=choices,
                required=False,
                # The template shows help texts as markup: a factor's name is user text.
                help_text=escape(_("Did you mean %(factor)s?") % {"factor": suggestion})
                if suggestion
                else "",
            )
            self.factor_values[name] = value

    @property
    def column_fields(self) -> list[forms.BoundField]:
        """Who rates whom: the rater, the parties and the layout."""
        return [self[name] for name in ("rater", "rater_party", "subject", "layout")]

    @property
    def wide_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.score_names]

    @property
    def long_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("factor_column", "score_column")]

    @property
    def other_fields(self) -> list[forms.BoundField]:
        """The scale and the optional columns."""
        return [self[name] for name in ("scale_min", "scale_max", "confidence", "source", "note")]

    @property
    def party_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.party_values]

    @property
    def factor_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.factor_values]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["layout"] = data.get("layout") or WIDE
        if data["layout"] == LONG:
            for name in ("factor_column", "score_column"):
                if not data.get(name):
                    self.add_error(name, _("Choose this column for a file with a row per factor."))
        elif not any(data.get(name) for name in self.score_names):
            raise forms.ValidationError(_("Choose the column of at least one factor's score."))
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error("scale_max", _("The highest score must be above the lowest."))
        return data

    def document(self) -> dict[str, Any]:
        """The mapping document (format 1) the cleaned form stands for."""
        data = self.cleaned_data
        document: dict[str, Any] = {
            "kloof_import": MAPPING_FORMAT,
            "rater": data["rater"],
            "subject": _party_source(data["subject"]),
            "scale": {"min": _number(data["scale_min"]), "max": _number(data["scale_max"])},
        }
        if data["layout"] == LONG:
            document["factor"], document["score"] = data["factor_column"], data["score_column"]
            factors = {v: data[n] for n, v in self.factor_values.items() if data.get(n)}
            if factors:
                document["factors"] = factors
        else:
            document["scores"] = {
                name.removeprefix("score_"): data[name] for name in self.score_names if data[name]
            }
        if data.get("rater_party"):
            document["rater_party"] = _party_source(data["rater_party"])
        for name in ("confidence", "source", "note"):
            if data.get(name):
                document[name] = data[name]
        parties = {value: data[name] for name, value in self.party_values.items() if data.get(name)}
        if parties:
            document["parties"] = parties
        return document


def _party_source(value: str) -> dict[str, Any]:
    if value == OTHER_PARTY:
        return {"other_party": True}
    if value.startswith(PARTY_PREFIX):
        return {"party": value.removeprefix(PARTY_PREFIX)}
    return {"column": value.removeprefix(COLUMN_PREFIX)}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def initial_values(case: DomainCase, table: Table, remembered: Any) -> dict[str, Any]:
    """The form's first values: the remembered mapping where its columns are in
    this file, else what the headers suggest; the case's scale."""
    columns = [value for value, _label in column_choices(table)]
    return _initial_values(case, table, remembered, columns)
