"""Forms of the import area: the upload, and the mapping that says which column
holds what. The mapping form produces exactly a mapping document as
``kloof import --mapping`` reads it (docs/import.md), so the CLI and the web share
one format and the remembered mapping works for both."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kloof.domain.model import Case as DomainCase
from kloof.formats.importer import party_names
from kloof.formats.importmap import MAPPING_FORMAT, find_column
from kloof.formats.tabular import Table, column_letter
from kloof.web.forms.numbers import TypedNumberField

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
SCALE_LIMIT = 1000.0
COLUMN_PREFIX, PARTY_PREFIX = "column:", "party:"
#: Fields that say which party a value of the party columns means: at most this
#: many (more unknown values suggest a wrong column), of at most this length.
PARTY_VALUE_PREFIX, MAX_PARTY_VALUES, MAX_PARTY_TEXT = "party_value_", 20, 100

#: Header words (casefolded) that suggest what a column holds, in Dutch and English.
GUESSES = {
    "rater": ("rater", "name", "naam", "respondent", "beoordelaar", "wie", "who"),
    "rater_party": ("party", "partij", "rater party", "organisation", "organisatie"),
    "subject": ("subject", "about", "over", "onderwerp", "rated party", "beoordeelde partij"),
    "confidence": ("confidence", "zekerheid", "certainty"),
    "source": ("source", "bron"),
    "note": ("note", "notes", "toelichting", "opmerking", "comment", "comments"),
}


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
    """Which column is what, with the source's scale. Fields per factor are made
    from the case: ``score_<factor key>``."""

    rater = forms.ChoiceField(label=gettext_lazy("The rater's name"))
    rater_party = forms.ChoiceField(
        label=gettext_lazy("The rater's party"),
        required=False,
        help_text=gettext_lazy("Needed when the file names raters the case does not know yet."),
    )
    subject = forms.ChoiceField(label=gettext_lazy("The party that is rated"))
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
        self.case = case
        columns = column_choices(table)
        none = [("", _("(none)"))]
        parties = [(f"{PARTY_PREFIX}{p.id}", p.name) for p in case.parties]
        from_column = [(f"{COLUMN_PREFIX}{value}", label) for value, label in columns]
        by_column, fixed = _("From a column"), _("The same party for every row")
        self.fields["rater"].choices = columns
        self.fields["rater_party"].choices = [*none, (by_column, from_column), (fixed, parties)]
        self.fields["subject"].choices = [(by_column, from_column), (fixed, parties)]
        for name in ("confidence", "source", "note"):
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
        # The per-factor fields come right after the subject, before the scale.
        order = ["rater", "rater_party", "subject", *self.score_names]
        self.order_fields(order)
        self._add_party_fields(case, table)

    def _add_party_fields(self, case: DomainCase, table: Table) -> None:
        """A party choice per value of the chosen party columns that is no party's
        id or name: as posted when the form is bound, else as it starts."""
        values = self.data if self.is_bound else self.initial
        chosen = [values.get(name) for name in ("rater_party", "subject")]
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

    @property
    def column_fields(self) -> list[forms.BoundField]:
        """The fields before the party names: which column holds what, the scale."""
        skip = {*self.party_values, "replace"}
        return [self[name] for name in self.fields if name not in skip]

    @property
    def party_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.party_values]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in self.score_names):
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
            "scores": {
                name.removeprefix("score_"): data[name] for name in self.score_names if data[name]
            },
            "scale": {"min": _number(data["scale_min"]), "max": _number(data["scale_max"])},
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


def party_field_name(value: str) -> str:
    """The form field of a party value: named after the value as the importer
    matches it (trimmed, case folded), so a choice stays with its value whichever
    columns the form shows."""
    digest = hashlib.sha256(value.strip().casefold().encode("utf-8")).hexdigest()
    return f"{PARTY_VALUE_PREFIX}{digest[:16]}"


def unknown_party_values(
    case: DomainCase, table: Table, columns: Iterable[str]
) -> tuple[list[str], bool]:
    """The distinct values of ``columns`` that are no party's id or name (case does
    not matter, as in the importer), in the file's order; and whether there were
    more than :data:`MAX_PARTY_VALUES`. Empty and overlong cells are left out: they
    cannot be a party's name, and the import names them as problems."""
    known = party_names(case)
    found: dict[str, str] = {}
    for column in dict.fromkeys(columns):
        index = find_column(table, column)
        if index is None:
            continue
        for row in table.rows:
            text = row.cell(index)
            key = text.casefold()
            if not text or len(text) > MAX_PARTY_TEXT or key in known or key in found:
                continue
            if len(found) == MAX_PARTY_VALUES:
                return list(found.values()), True
            found[key] = text
    return list(found.values()), False


def _party_source(value: str) -> dict[str, str]:
    if value.startswith(PARTY_PREFIX):
        return {"party": value.removeprefix(PARTY_PREFIX)}
    return {"column": value.removeprefix(COLUMN_PREFIX)}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def initial_values(
    case: DomainCase, table: Table, remembered: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The form's first values: the remembered mapping where its columns are in
    this file, else what the headers suggest; the case's scale."""
    columns = [value for value, _label in column_choices(table)]
    found = _Finder(columns)
    initial: dict[str, Any] = {"scale_min": case.scale.low, "scale_max": case.scale.high}
    for name, words in GUESSES.items():
        initial[name] = found.any(words)
    if initial["rater_party"]:
        initial["rater_party"] = f"{COLUMN_PREFIX}{initial['rater_party']}"
    if initial["subject"]:
        initial["subject"] = f"{COLUMN_PREFIX}{initial['subject']}"
    for factor in case.factors:
        words = (factor.key, factor.key.replace("_", " "), factor.name.nl, factor.name.en)
        initial[f"score_{factor.key}"] = found.any(words)
    if remembered:
        initial.update(_from_document(remembered, found, case))
    return {key: value for key, value in initial.items() if value not in (None, "")}


def _from_document(document: Mapping[str, Any], found: _Finder, case: DomainCase) -> dict[str, Any]:
    values: dict[str, Any] = {}
    party_ids = {party.id for party in case.parties}
    for name in ("rater", "confidence", "source", "note"):
        if isinstance(document.get(name), str):
            values[name] = found.one(document[name])
    for name in ("rater_party", "subject"):
        source = document.get(name)
        if isinstance(source, Mapping) and isinstance(source.get("column"), str):
            column = found.one(source["column"])
            values[name] = f"{COLUMN_PREFIX}{column}" if column else None
        elif isinstance(source, Mapping) and source.get("party") in party_ids:
            values[name] = f"{PARTY_PREFIX}{source['party']}"
    scores = document.get("scores")
    if isinstance(scores, Mapping):
        for key, column in scores.items():
            if isinstance(column, str):
                values[f"score_{key}"] = found.one(column)
    scale = document.get("scale")
    if isinstance(scale, Mapping) and {"min", "max"} <= set(scale):
        values["scale_min"], values["scale_max"] = scale["min"], scale["max"]
    parties = document.get("parties")
    if isinstance(parties, Mapping):
        for text, party in parties.items():
            if isinstance(text, str) and party in party_ids:
                values[party_field_name(text)] = party
    return {key: value for key, value in values.items() if value}


class _Finder:
    """Columns found by header (case and spaces do not matter)."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.by_text = {column.strip().casefold(): column for column in columns}

    def one(self, text: str) -> str | None:
        return self.by_text.get(text.strip().casefold())

    def any(self, words: Sequence[str]) -> str | None:
        for word in words:
            if word and (column := self.one(word)):
                return column
        return None
