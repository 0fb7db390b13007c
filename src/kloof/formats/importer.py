"""Importing ratings collected elsewhere (a form tool's CSV or XLSX) into a case.

All or nothing: :func:`import_ratings` either returns the new case with a preview
of what it adds, or raises one :class:`ImportProblemsError` (an :class:`InputError`)
listing every problem by row and column, and the case stays as it was. An existing
rating for the same rater, subject and factor is a conflict unless ``replace``.
The mapping file format is documented in ``docs/import.md``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from kloof.domain.model import Case, Rater, Rating
from kloof.formats.casecheck import LIST_LIMITS
from kloof.formats.casefile import load_case
from kloof.formats.errors import N_, InputError
from kloof.formats.importmap import ImportMapping, PartySource, find_column, load_mapping
from kloof.formats.tabular import MAX_BYTES, Row, Table, column_letter, read_table

__all__ = [
    "MAX_SHOWN",
    "ImportProblemsError",
    "ImportResult",
    "Preview",
    "Problem",
    "import_file",
    "import_ratings",
]

#: Problems listed in the message; the rest are counted.
MAX_SHOWN = 50
_MAX_NAME = 200
_MAX_NUMBER_TEXT = 40
_CONFIDENCES = {"low": "low", "medium": "medium", "high": "high", "laag": "low"}
_CONFIDENCES |= {"middel": "medium", "gemiddeld": "medium", "hoog": "high"}
_SOURCES = {name: name for name in ("self", "interview", "observation", "document", "estimate")}
_SOURCES |= {"zelf": "self", "observatie": "observation", "schatting": "estimate"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of an import, at a row (None: the mapping) and a column.

    ``problem`` and ``fix`` are English; ``template`` and ``fix_template`` are the
    same sentences with ``%(name)s`` placeholders filled from ``args``, so that an
    interface can word them in its own language (the web does).
    """

    row: int | None
    column: str | None
    problem: str
    fix: str
    template: str = ""
    fix_template: str = ""
    args: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        place = [f"row {self.row}"] if self.row is not None else []
        place += [f"column {self.column}"] if self.column is not None else []
        prefix = f"{', '.join(place)}: " if place else ""
        return f"{prefix}{self.problem} — {self.fix}"


class ImportProblemsError(InputError):
    """Every problem of an import; ``problems`` holds them all for a preview page."""

    def __init__(self, problems: Sequence[Problem], source: str) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
        shown = [f"  {problem.text()}" for problem in self.problems[:MAX_SHOWN]]
        rest = len(self.problems) - MAX_SHOWN
        if rest > 0:
            shown.append(f"  … and {rest} more problem{'s' if rest > 1 else ''}")
        count = len(self.problems)
        head = f"{count} problem{'s' if count > 1 else ''} found; nothing was imported:"
        super().__init__("\n".join([head, *shown]), source=source)


@dataclass(frozen=True)
class Preview:
    """What an import adds: counts per subject party and factor, new raters."""

    rows: int
    added: int
    replaced: int
    new_raters: tuple[Rater, ...]
    #: (subject party id, factor key) → ratings added, in the case's order.
    counts: Mapping[tuple[str, str], int]

    def lines(self) -> list[str]:
        """The preview in plain English lines, for the command line."""
        out = [f"{self.rows} rows read: {self.added} ratings to add ({self.replaced} replace)"]
        if self.new_raters:
            names = ", ".join(f"{r.name} ({r.party})" for r in self.new_raters)
            out.append(f"new raters: {names}")
        for (subject, factor), count in self.counts.items():
            out.append(f"  {subject} / {factor}: {count}")
        return out


@dataclass(frozen=True)
class ImportResult:
    case: Case
    preview: Preview
    #: The ratings the import adds or replaces, in the file's order.
    added: tuple[Rating, ...] = ()


def import_file(
    file: Path, into: Path, mapping: Path, *, replace: bool = False
) -> tuple[Case, Preview]:
    """Read the spreadsheet ``file``, the case ``into`` and the ``mapping`` file, and
    import; raises :class:`InputError` (nothing written anywhere) on any problem."""
    case = load_case(into)
    import_mapping = load_mapping(mapping)
    table = read_table(_read_bytes(Path(file)), str(file))
    result = import_ratings(case, table, import_mapping, replace=replace)
    return result.case, result.preview


def import_ratings(
    case: Case, table: Table, mapping: ImportMapping, *, replace: bool = False
) -> ImportResult:
    """The case with the table's ratings added, or :class:`ImportProblemsError`."""
    columns = _Columns(case, table, mapping)
    if columns.problems:
        raise ImportProblemsError(columns.problems, table.source)
    run = _Run(case, table, mapping, columns, replace)
    for row in table.rows:
        run.add_row(row)
    if run.problems:
        raise ImportProblemsError(run.problems, table.source)
    result = run.result()
    too_many = _over_the_limits(result.case)
    if too_many:
        raise ImportProblemsError(too_many, table.source)
    return result


def _over_the_limits(case: Case) -> list[Problem]:
    """The case file's limits (:data:`kloof.formats.casecheck.LIST_LIMITS`): an
    import must not make a case that kloof would then refuse to read."""
    templates = {
        "ratings": "the case would have %(count)s ratings, more than the %(limit)s a case may hold",
        "raters": "the case would have %(count)s raters, more than the %(limit)s a case may hold",
    }
    problems = []
    for what, count in (("ratings", len(case.ratings)), ("raters", len(case.raters))):
        limit = LIST_LIMITS[what]
        if count > limit:
            fix = "import fewer rows, or split the raters over two cases"
            problems.append(
                _said(None, None, templates[what], fix, count=f"{count:,}", limit=f"{limit:,}")
            )
    return problems


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)  # one byte more: read_table names the size
    except FileNotFoundError:
        raise InputError.worded(
            N_("file not found"), N_("check the path"), source=str(path)
        ) from None
    except OSError as error:
        raise InputError.worded(
            N_("cannot read the file (%(error)s)"),
            N_("check that the file exists and that you may read it"),
            source=str(path),
            error=str(error.strerror or error),
        ) from None


class _Columns:
    """The mapping checked against the case and the table: column indexes."""

    def __init__(self, case: Case, table: Table, mapping: ImportMapping) -> None:
        self.problems: list[Problem] = []
        self._table = table
        party_ids = {party.id for party in case.parties}
        factor_keys = {factor.key for factor in case.factors}
        self.rater = self._find(mapping.rater)
        self.rater_party = self._party(mapping.rater_party, party_ids)
        self.subject = self._party(mapping.subject, party_ids)
        self.scores: dict[str, int | None] = {}
        for key, column in mapping.scores.items():
            if key not in factor_keys:
                self._mapping_problem(
                    "'%(key)s' is not a factor of the case", "use one of %(known)s",
                    key=key, known=", ".join(sorted(factor_keys)),
                )  # fmt: skip
            self.scores[key] = self._find(column)
        self.confidence = self._find(mapping.confidence) if mapping.confidence else None
        self.source = self._find(mapping.source) if mapping.source else None
        self.note = self._find(mapping.note) if mapping.note else None
        for name, party in mapping.parties.items():
            if party not in party_ids:
                self._mapping_problem(
                    "'%(name)s' maps to '%(party)s', which is not a party of the case",
                    "use one of %(known)s",
                    name=name, party=party, known=", ".join(sorted(party_ids)),
                )  # fmt: skip

    def label(self, index: int) -> str:
        header = self._table.header[index] if index < len(self._table.header) else ""
        return f'"{header}"' if header else column_letter(index)

    def _find(self, column: str) -> int | None:
        index = find_column(self._table, column)
        if index is None:
            headers = ", ".join(f'"{h}"' for h in self._table.header if h)
            self.problems.append(
                _said(
                    None, f'"{column}"', "the file has no such column", "use one of %(known)s",
                    known=headers,
                )
            )  # fmt: skip
        return index

    def _party(self, source: PartySource | None, party_ids: set[str]) -> int | str | None:
        if source is None:
            return None
        if source.column is not None:
            return self._find(source.column)
        if source.party not in party_ids:
            self._mapping_problem(
                "'%(party)s' is not a party of the case", "use one of %(known)s",
                party=str(source.party), known=", ".join(sorted(party_ids)),
            )  # fmt: skip
        return source.party

    def _mapping_problem(self, problem: str, fix: str, **args: str) -> None:
        self.problems.append(_said(None, None, f"mapping: {problem}", fix, **args))


class _Run:
    """One pass over the rows, collecting ratings and problems."""

    def __init__(
        self, case: Case, table: Table, mapping: ImportMapping, columns: _Columns, replace: bool
    ) -> None:
        self.case, self.table, self.mapping, self.columns = case, table, mapping, columns
        self.replace = replace
        self.problems: list[Problem] = []
        self.ratings: dict[tuple[str, str, str], tuple[int, Rating]] = {}
        self.new_raters: dict[str, Rater] = {}  # by casefolded name
        self.existing = {(r.rater, r.subject, r.factor): r for r in case.ratings}
        self.parties = _party_lookup(case, mapping)
        case_scale = (_fraction(case.scale.low), _fraction(case.scale.high))
        self.low, self.high = mapping.scale or case_scale

    def add_row(self, row: Row) -> None:
        rater_party = self._party(row, self.columns.rater_party)
        subject = self._party(row, self.columns.subject)
        rater = self._rater(row, rater_party)
        extras = self._extras(row)
        for factor, index in self.columns.scores.items():
            assert index is not None  # the columns were checked
            score = self._score(row, index)
            if score is None or rater is None or subject is None:
                continue
            self._add(row, index, Rating(rater.id, subject, factor, score, *extras))

    def result(self) -> ImportResult:
        replaced = [key for key in self.ratings if key in self.existing]
        kept = [r for r in self.case.ratings if (r.rater, r.subject, r.factor) not in self.ratings]
        added = [rating for _, rating in self.ratings.values()]
        case = dataclasses.replace(
            self.case,
            raters=(*self.case.raters, *self.new_raters.values()),
            ratings=(*kept, *added),
        )
        counts = Counter((rating.subject, rating.factor) for rating in added)
        ordered = {
            (party.id, factor.key): counts[(party.id, factor.key)]
            for party in self.case.parties
            for factor in self.case.factors
            if counts[(party.id, factor.key)]
        }
        new_raters = tuple(self.new_raters.values())
        preview = Preview(len(self.table.rows), len(added), len(replaced), new_raters, ordered)
        return ImportResult(case, preview, tuple(added))

    def _problem(self, row: Row, index: int | None, problem: str, fix: str, **args: str) -> None:
        label = self.columns.label(index) if index is not None else None
        self.problems.append(_said(row.number, label, problem, fix, **args))

    def _party(self, row: Row, column: int | str | None) -> str | None:
        if column is None or isinstance(column, str):
            return column
        text = row.cell(column)
        party = self.parties.get(text.casefold())
        if party is None:
            fix = "write a party id or name, or map this value under 'parties' in the mapping"
            if text:
                self._problem(
                    row, column, "%(value)s is not a party of the case", fix, value=_shown(text)
                )
            else:
                self._problem(row, column, "an empty cell is not a party of the case", fix)
        return party

    def _rater(self, row: Row, party: str | None) -> Rater | None:
        index = self.columns.rater
        assert index is not None
        text = row.cell(index)
        if not text or len(text) > _MAX_NAME:
            self._problem(row, index, "the rater is missing or too long", "write the rater's name")
            return None
        found = _known_rater(self.case, text) or self.new_raters.get(text.casefold())
        if found is None:
            if party is None:
                if self.columns.rater_party is None:
                    self._problem(
                        row, index, "%(value)s is not a rater of the case",
                        "add 'rater_party' to the mapping so new raters get a party",
                        value=_shown(text),
                    )  # fmt: skip
                return None
            found = Rater(self._new_id(text), text, party)
            self.new_raters[text.casefold()] = found
        elif party is not None and party != found.party:
            self._problem(
                row, index, "%(value)s belongs to '%(party)s', the row says '%(other)s'",
                "correct the party in this row, or use another name for another person",
                value=_shown(text), party=found.party, other=party,
            )  # fmt: skip
            return None
        return found

    def _new_id(self, name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:40] or "rater"
        base = base if base[0].isalpha() else f"r_{base}"
        taken = {r.id for r in self.case.raters} | {r.id for r in self.new_raters.values()}
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}_{number}", number + 1
        return candidate

    def _score(self, row: Row, index: int) -> float | None:
        text = row.cell(index)
        if not text:
            return None  # no opinion: nothing to add
        scale = {"low": _number_text(self.low), "high": _number_text(self.high)}
        fix = "write a number from %(low)s to %(high)s"
        value = _parse_number(text)
        if value is None:
            self._problem(row, index, "%(value)s is not a number", fix, value=_shown(text), **scale)
            return None
        if not self.low <= value <= self.high:
            self._problem(
                row, index, "%(value)s is off the scale %(low)s to %(high)s", fix,
                value=_shown(text), **scale,
            )  # fmt: skip
            return None
        case_low, case_high = _fraction(self.case.scale.low), _fraction(self.case.scale.high)
        scaled = case_low + (value - self.low) * (case_high - case_low) / (self.high - self.low)
        return float(scaled)

    def _extras(self, row: Row) -> tuple[str | None, str | None, str | None]:
        confidence = self._choice(row, self.columns.confidence, _CONFIDENCES)
        source = self._choice(row, self.columns.source, _SOURCES)
        note = row.cell(self.columns.note) if self.columns.note is not None else ""
        return confidence, source, note or None

    def _choice(self, row: Row, index: int | None, choices: Mapping[str, str]) -> str | None:
        if index is None or not row.cell(index):
            return None
        text = row.cell(index)
        value = choices.get(text.casefold())
        if value is None:
            allowed = ", ".join(sorted(set(choices.values())))
            self._problem(
                row, index, "%(value)s is not known", "write one of %(known)s",
                value=_shown(text), known=allowed,
            )  # fmt: skip
        return value

    def _add(self, row: Row, index: int, rating: Rating) -> None:
        key = (rating.rater, rating.subject, rating.factor)
        what = {"rater": rating.rater, "subject": rating.subject, "factor": rating.factor}
        if key in self.ratings:
            self._problem(
                row, index, "'%(rater)s' rates '%(subject)s' on '%(factor)s' again "
                "(first in row %(first)s)", "keep one of them",
                first=str(self.ratings[key][0]), **what,
            )  # fmt: skip
        elif key in self.existing and not self.replace:
            self._problem(
                row, index, "'%(rater)s' rates '%(subject)s' on '%(factor)s' already in the case",
                "remove the row, or import with replace to overwrite the case's rating",
                **what,
            )  # fmt: skip
        else:
            self.ratings[key] = (row.number, rating)


def _said(
    row: int | None, column: str | None, template: str, fix_template: str, **args: str
) -> Problem:
    """A problem in English, keeping its templates for other languages."""
    return Problem(row, column, template % args, fix_template % args, template, fix_template, args)


def party_names(case: Case) -> dict[str, str]:
    """Casefolded text → party id: the texts a file may use for a party of
    ``case`` without the mapping's help (names, then ids)."""
    lookup = {party.name.strip().casefold(): party.id for party in case.parties}
    return lookup | {party.id.casefold(): party.id for party in case.parties}


def _party_lookup(case: Case, mapping: ImportMapping) -> dict[str, str]:
    """Casefolded text → party id: names, then ids, then the mapping's own names."""
    return party_names(case) | dict(mapping.parties)


def _known_rater(case: Case, text: str) -> Rater | None:
    for rater in case.raters:
        if rater.id == text:
            return rater
    named = [rater for rater in case.raters if rater.name.strip().casefold() == text.casefold()]
    return named[0] if len(named) == 1 else None


def _parse_number(text: str) -> Fraction | None:
    """A score as written: "4", "4.5" or the Dutch "4,5"; None when it is not one."""
    if len(text) > _MAX_NUMBER_TEXT:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    return Fraction(text)


def _fraction(value: float) -> Fraction:
    return Fraction(value).limit_denominator(10**9)


def _number_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else repr(float(value))


def _shown(text: str) -> str:
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'
