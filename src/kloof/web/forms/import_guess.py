"""What the mapping form guesses from a file's headers and values: which column
holds what (the remembered mapping first, then the headers), and which values
of the party and factor columns need the user's word."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kloof.domain.model import Case as DomainCase
from kloof.domain.model import Factor
from kloof.formats.importer import party_names
from kloof.formats.importmap import find_column
from kloof.formats.importvalues import FactorNames, normalised
from kloof.formats.tabular import Table

COLUMN_PREFIX, PARTY_PREFIX, OTHER_PARTY = "column:", "party:", "other_party"
#: Fields that say which party a value of the party columns means: at most this
#: many (more unknown values suggest a wrong column), of at most this length.
PARTY_VALUE_PREFIX, MAX_PARTY_VALUES, MAX_PARTY_TEXT = "party_value_", 20, 100
#: The same for the values of the factor column (the long layout).
FACTOR_VALUE_PREFIX, MAX_FACTOR_VALUES = "factor_value_", 30

#: Header words (casefolded) that suggest what a column holds, in Dutch and English.
GUESSES = {
    "rater": ("rater", "name", "naam", "respondent", "beoordelaar", "wie", "who"),
    "rater_party": ("party", "partij", "rater party", "organisation", "organisatie"),
    "subject": ("subject", "about", "over", "onderwerp", "rated party", "beoordeelde partij"),
    "confidence": ("confidence", "zekerheid", "certainty"),
    "source": ("source", "bron"),
    "note": ("note", "notes", "toelichting", "opmerking", "comment", "comments"),
    "factor_column": ("factor", "factoren", "factors", "thema", "theme", "dimensie", "dimension"),
    "score_column": ("score", "scores", "cijfer", "waarde", "value", "rating", "beoordeling"),
}


def party_field_name(value: str) -> str:
    """The form field of a party value: named after the value as the importer
    matches it (trimmed, case folded), so a choice stays with its value whichever
    columns the form shows."""
    digest = hashlib.sha256(value.strip().casefold().encode("utf-8")).hexdigest()
    return f"{PARTY_VALUE_PREFIX}{digest[:16]}"


def factor_field_name(value: str) -> str:
    """The form field of a value of the factor column, named as the importer
    matches it (trimmed, spaces collapsed, case folded)."""
    digest = hashlib.sha256(normalised(value).encode("utf-8")).hexdigest()
    return f"{FACTOR_VALUE_PREFIX}{digest[:16]}"


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


def unknown_factor_values(
    case: DomainCase, table: Table, column: str | None
) -> tuple[list[str], bool]:
    """The distinct values of the factor ``column`` that name no factor of the
    case, in the file's order (the first :data:`MAX_FACTOR_VALUES`); and whether
    there were more."""
    index = find_column(table, column) if column else None
    if index is None:
        return [], False
    texts = (row.cell(index) for row in table.rows)
    found = FactorNames(case).unknown(text for text in texts if len(text) <= MAX_PARTY_TEXT)
    return found[:MAX_FACTOR_VALUES], len(found) > MAX_FACTOR_VALUES


class Finder:
    """Columns found by header: whole (case and spaces do not matter), or a
    header that holds a name or a question as words of its own."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.by_text = {normalised(column): column for column in columns}

    def one(self, text: str) -> str | None:
        return self.by_text.get(normalised(text))

    def any(self, words: Sequence[str]) -> str | None:
        for word in words:
            if word and (column := self.one(word)):
                return column
        return None

    def holding(self, texts: Sequence[str]) -> list[str]:
        """The columns whose header holds one of ``texts`` as words of its own."""
        patterns = [
            re.compile(rf"(?<!\w){re.escape(normalised(text))}(?!\w)") for text in texts if text
        ]
        return [
            column
            for column in self.columns
            if any(pattern.search(normalised(column)) for pattern in patterns)
        ]


def factor_texts(factor: Factor) -> tuple[list[str], list[str]]:
    """A factor's names (key, names in both languages) and its questions."""
    names = [factor.key, factor.key.replace("_", " "), factor.name.nl, factor.name.en]
    questions = [text for question in factor.questions for text in (question.nl, question.en)]
    return names, questions


def guess_scores(case: DomainCase, found: Finder) -> dict[str, str]:
    """Per factor, the column whose header is its name (in either language), or
    else the one column whose header holds its name or one of its questions.
    A column that could be two factors' is left for the user."""
    guessed: dict[str, str] = {}
    candidates: dict[str, list[str]] = {}
    for factor in case.factors:
        names, questions = factor_texts(factor)
        whole = found.any(names)
        if whole:
            guessed[factor.key] = whole
            continue
        candidates[factor.key] = found.holding([*names, *questions])
    taken = set(guessed.values())
    claims: dict[str, int] = {}
    for columns in candidates.values():
        for column in set(columns):
            claims[column] = claims.get(column, 0) + 1
    for key, columns in candidates.items():
        free = [c for c in dict.fromkeys(columns) if c not in taken and claims[c] == 1]
        if len(free) == 1:
            guessed[key] = free[0]
    return guessed


def initial_values(
    case: DomainCase, table: Table, remembered: Mapping[str, Any] | None, columns: Sequence[str]
) -> dict[str, Any]:
    """The form's first values: the remembered mapping where its columns are in
    this file, else what the headers suggest; the case's scale."""
    found = Finder(columns)
    initial: dict[str, Any] = {"scale_min": case.scale.low, "scale_max": case.scale.high}
    for name, words in GUESSES.items():
        initial[name] = found.any(words)
    for name in ("rater_party", "subject"):
        if initial[name]:
            initial[name] = f"{COLUMN_PREFIX}{initial[name]}"
    scores = guess_scores(case, found)
    for factor in case.factors:
        initial[f"score_{factor.key}"] = scores.get(factor.key)
    long = initial["factor_column"] and initial["score_column"] and not scores
    initial["layout"] = "long" if long else "wide"
    if remembered:
        initial.update(_from_document(remembered, found, case))
    return {key: value for key, value in initial.items() if value not in (None, "")}


def _from_document(document: Mapping[str, Any], found: Finder, case: DomainCase) -> dict[str, Any]:
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
        elif isinstance(source, Mapping) and source.get("other_party") is True:
            values[name] = OTHER_PARTY if len(case.parties) == 2 else None
    scores = document.get("scores")
    if isinstance(scores, Mapping):
        for key, column in scores.items():
            if isinstance(column, str):
                values[f"score_{key}"] = found.one(column)
    for field, name in (("factor_column", "factor"), ("score_column", "score")):
        if isinstance(document.get(name), str):
            values[field] = found.one(document[name])
    if values.get("factor_column") and values.get("score_column"):
        values["layout"] = "long"
    elif isinstance(scores, Mapping):
        values["layout"] = "wide"
    scale = document.get("scale")
    if isinstance(scale, Mapping) and {"min", "max"} <= set(scale):
        values["scale_min"], values["scale_max"] = scale["min"], scale["max"]
    for key, field_name, known in (
        ("parties", party_field_name, party_ids),
        ("factors", factor_field_name, {factor.key for factor in case.factors}),
    ):
        chosen = document.get(key)
        if isinstance(chosen, Mapping):
            for text, target in chosen.items():
                if isinstance(text, str) and target in known:
                    values[field_name(text)] = target
    return {key: value for key, value in values.items() if value}
