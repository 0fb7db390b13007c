"""The mapping file of an import: which column holds what (see docs/import.md).

Read with the same safe YAML/JSON parser as case files and validated by
``schemas/mapping.schema.json``; the checks against a case and a table (factor
keys, party ids, column names) happen in :mod:`kloof.formats.importer`, which
reports them all at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kloof.formats.errors import N_, InputError
from kloof.formats.schemacheck import first_schema_problem
from kloof.formats.tabular import Table
from kloof.formats.yamlsafe import Document, LineMap, parse_document, read_document

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = [
    "MAPPING_FORMAT",
    "ImportMapping",
    "PartySource",
    "find_column",
    "load_mapping",
    "mapping_from_data",
    "parse_mapping",
]

MAPPING_FORMAT = 1
_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


@dataclass(frozen=True, slots=True)
class PartySource:
    """A party read from a column, the same fixed party id for every row, or
    (for the subject of a two-party case) the party that is not the rater's own."""

    column: str | None = None
    party: str | None = None
    other_party: bool = False


@dataclass(frozen=True)
class ImportMapping:
    """A validated mapping file. Columns are as written (header or letter).

    Wide layout: ``scores`` names a column per factor. Long layout: ``factor``
    and ``score`` name the column with the factor and the one with its score,
    and ``factors`` maps what the file writes for a factor to its key.
    """

    rater: str
    subject: PartySource
    scores: Mapping[str, str] = field(default_factory=dict)
    rater_party: PartySource | None = None
    scale: tuple[Fraction, Fraction] | None = None
    confidence: str | None = None
    source: str | None = None
    note: str | None = None
    #: What the file writes for a party (lowercased, trimmed) → the party id.
    parties: Mapping[str, str] = field(default_factory=dict)
    factor: str | None = None
    score: str | None = None
    #: What the file writes for a factor (as written) → the factor key.
    factors: Mapping[str, str] = field(default_factory=dict)


def load_mapping(path: Path | str) -> ImportMapping:
    """Read and validate the mapping file at ``path``."""
    path = Path(path)
    return _from_document(read_document(path), str(path))


def parse_mapping(data: bytes, source: str, kind: str | None = None) -> ImportMapping:
    """Parse and validate mapping ``data`` (YAML, or JSON when ``source`` ends in .json)."""
    return _from_document(parse_document(data, source, kind), source)


def mapping_from_data(data: Mapping[str, Any], source: str) -> ImportMapping:
    """Validate a mapping document built in memory (the web's mapping form builds
    one): the same checks as a mapping file, without line numbers."""
    return _from_document(Document(dict(data), LineMap()), source)


def find_column(table: Table, column: str) -> int | None:
    """The 0-based index of ``column`` in ``table``: a header first (case and
    spaces around it do not matter), else a column letter within the table's
    width. None when neither."""
    wanted = column.strip().casefold()
    for index, header in enumerate(table.header):
        if header.strip().casefold() == wanted:
            return index
    if _LETTERS.match(column.strip()):
        index = 0
        for letter in column.strip().upper():
            index = index * 26 + ord(letter) - ord("A") + 1
        width = max([len(table.header), *(len(row.cells) for row in table.rows)])
        return index - 1 if index <= width else None
    return None


def _from_document(document: Document, source: str) -> ImportMapping:
    data = document.data
    if data.get("kloof_import") != MAPPING_FORMAT or isinstance(data.get("kloof_import"), bool):
        raise InputError.worded(
            N_("this is not a kloof import mapping: 'kloof_import: 1' is missing or wrong"),
            N_("add the line 'kloof_import: 1' at the top of the mapping file"),
            source=source,
            line=document.lines.line(("kloof_import",)) or 1,
        )
    problem = first_schema_problem(_validator(), data, document.lines, source)
    if problem is not None:
        raise problem
    scale = None
    if "scale" in data:
        low, high = Fraction(data["scale"]["min"]), Fraction(data["scale"]["max"])
        if low >= high:
            raise InputError.worded(
                N_("the scale's min must be below its max"),
                N_("write the form's lowest score as min and its highest as max"),
                source=source,
                line=document.lines.line(("scale",)),
            )
        scale = (low, high)
    _check_layout(document, source)
    if data.get("rater_party", {}).get("other_party"):
        raise InputError.worded(
            N_("'other_party' can only say who is rated, not the rater's party"),
            N_("write rater_party as {column: ...} or {party: ...}"),
            source=source,
            line=document.lines.line(("rater_party",)),
        )
    return ImportMapping(
        rater=data["rater"],
        subject=_party_source(data["subject"]),
        scores=dict(data.get("scores", {})),
        rater_party=_party_source(data["rater_party"]) if "rater_party" in data else None,
        scale=scale,
        confidence=data.get("confidence"),
        source=data.get("source"),
        note=data.get("note"),
        parties={name.strip().casefold(): pid for name, pid in data.get("parties", {}).items()},
        factor=data.get("factor"),
        score=data.get("score"),
        factors=dict(data.get("factors", {})),
    )


def _check_layout(document: Document, source: str) -> None:
    """Either ``scores`` (wide) or ``factor`` with ``score`` (long), not both."""
    data = document.data
    long = [name for name in ("factor", "score") if name in data]
    if "scores" in data and long:
        raise InputError.worded(
            N_("the mapping has both 'scores' and '%(name)s'"),
            N_(
                "use 'scores' for a file with a column per factor, or 'factor' and 'score' "
                "for a file with a row per factor, not both"
            ),
            source=source,
            line=document.lines.line((long[0],)),
            name=long[0],
        )
    if "scores" not in data and len(long) < 2:
        missing = "score" if long == ["factor"] else "factor" if long == ["score"] else "scores"
        raise InputError.worded(
            N_("the mapping has no '%(name)s'"),
            N_(
                "add 'scores' (a column per factor), or 'factor' and 'score' (a column with "
                "the factor and one with its score, a row per factor)"
            ),
            source=source,
            line=document.lines.line((long[0],)) if long else None,
            name=missing,
        )
    if "factors" in data and not long:
        raise InputError.worded(
            N_("the mapping has 'factors' but no factor column"),
            N_("add 'factor' and 'score', or leave 'factors' out"),
            source=source,
            line=document.lines.line(("factors",)),
        )


def _party_source(value: Mapping[str, Any]) -> PartySource:
    return PartySource(
        column=value.get("column"),
        party=value.get("party"),
        other_party=value.get("other_party") is True,
    )


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator

    text = resources.files("kloof.formats").joinpath("schemas/mapping.schema.json")
    return Draft202012Validator(json.loads(text.read_text("utf-8")))
