"""One pass over an import's rows: the mapping checked against the case and the
table (:class:`Columns`), then every row read into ratings or problems
(:class:`Run`). Two layouts: *wide*, one row per rater (and subject) with a
score column per factor; *long*, one row per rater × factor with a factor column
and a score column. See :mod:`kloof.formats.importer` and docs/import.md."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kloof.domain.model import Case, Rater, Rating
from kloof.formats.casecheck import LIST_LIMITS
from kloof.formats.importmap import ImportMapping, PartySource, find_column
from kloof.formats.importproblems import Problem, said, shown
from kloof.formats.importvalues import (
    CONFIDENCES,
    SOURCES,
    FactorNames,
    fraction,
    new_rater_id,
    number_text,
    parse_number,
    party_names,
)
from kloof.formats.tabular import Row, Table, column_letter

__all__ = ["Columns", "ImportResult", "Preview", "Run"]

_MAX_NAME = 200
#: A pass stops after this many problems: a file that has them needs fixing
#: first, and reading on would only cost time.
MAX_PROBLEMS = 1_000
_MAX_CACHED_SCORE = 40
_NOT_A_NUMBER, _OFF_SCALE = "not a number", "off the scale"
#: A formula cell whose result the file does not store (XLSX): a problem
#: wherever the import needs the cell's value.
_FORMULA = "the cell holds a formula without a stored result"
_FORMULA_FIX = (
    "open the file in Excel or LibreOffice and save it again so that the results are "
    "stored, or paste the column as values (Paste special → Values)"
)


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


class Columns:
    """The mapping checked against the case and the table: column indexes, and
    every problem of the mapping itself (row None)."""

    def __init__(self, case: Case, table: Table, mapping: ImportMapping) -> None:
        self.problems: list[Problem] = []
        self._table = table
        party_ids = {party.id for party in case.parties}
        self.factor_names = FactorNames(case, mapping.factors)
        self.rater = self._find(mapping.rater)
        self.rater_party = self._party(mapping.rater_party, party_ids)
        self.subject = self._party(mapping.subject, party_ids)
        self.other_party = self._other_party(case, mapping.subject)
        self.scores: dict[str, int | None] = {}
        for key, column in mapping.scores.items():
            self._known_factor(key)
            self.scores[key] = self._find(column)
        self.factor = self._find(mapping.factor) if mapping.factor else None
        self.score = self._find(mapping.score) if mapping.score else None
        for text, key in mapping.factors.items():
            self._known_factor(key, text)
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
                said(
                    None, f'"{column}"', "the file has no such column", "use one of %(known)s",
                    known=headers,
                )
            )  # fmt: skip
        return index

    def _party(self, source: PartySource | None, party_ids: set[str]) -> int | str | None:
        if source is None or source.other_party:
            return None
        if source.column is not None:
            return self._find(source.column)
        if source.party not in party_ids:
            self._mapping_problem(
                "'%(party)s' is not a party of the case", "use one of %(known)s",
                party=str(source.party), known=", ".join(sorted(party_ids)),
            )  # fmt: skip
        return source.party

    def _other_party(self, case: Case, source: PartySource) -> dict[str, str] | None:
        """Each party's other party, when the subject is "the other party"."""
        if not source.other_party:
            return None
        if len(case.parties) != 2:
            self._mapping_problem(
                "the subject is 'the other party', but the case has %(count)s parties: "
                "'the other party' needs exactly two",
                "map the subject to a column or to one party, or import each side's "
                "respondents with a mapping of their own",
                count=str(len(case.parties)),
            )  # fmt: skip
            return None
        first, second = (party.id for party in case.parties)
        return {first: second, second: first}

    def _known_factor(self, key: str, text: str | None = None) -> None:
        if key in self.factor_names.known:
            return
        known = ", ".join(sorted(self.factor_names.known))
        if text is None:
            self._mapping_problem(
                "'%(key)s' is not a factor of the case", "use one of %(known)s",
                key=key, known=known,
            )  # fmt: skip
        else:
            self._mapping_problem(
                "'%(name)s' maps to '%(key)s', which is not a factor of the case",
                "use one of %(known)s",
                name=text, key=key, known=known,
            )  # fmt: skip

    def _mapping_problem(self, problem: str, fix: str, **args: str) -> None:
        self.problems.append(said(None, None, f"mapping: {problem}", fix, **args))


class Run:
    """One pass over the rows, collecting ratings and problems."""

    def __init__(
        self, case: Case, table: Table, mapping: ImportMapping, columns: Columns, replace: bool
    ) -> None:
        self.case, self.table, self.columns = case, table, columns
        self.replace = replace
        self.problems: list[Problem] = []
        self.ratings: dict[tuple[str, str, str], tuple[int, Rating]] = {}
        self.new_raters: dict[str, Rater] = {}  # by casefolded name
        self.existing = {(r.rater, r.subject, r.factor): r for r in case.ratings}
        self.parties = party_names(case) | dict(mapping.parties)
        self.raters_by_id = {rater.id: rater for rater in case.raters}
        names = Counter(rater.name.strip().casefold() for rater in case.raters)
        self.raters_by_name = {
            rater.name.strip().casefold(): rater
            for rater in case.raters
            if names[rater.name.strip().casefold()] == 1
        }
        self.taken_ids = set(self.raters_by_id)
        case_scale = (fraction(case.scale.low), fraction(case.scale.high))
        self.case_low, self.case_high = case_scale
        self.low, self.high = mapping.scale or case_scale
        self.scores: dict[str, float | str] = {}  # score text → value or what is wrong
        #: True once the pass cannot succeed and reading on would only cost time.
        self.stopped = False

    def add_row(self, row: Row) -> None:
        """Read one row; sets :attr:`stopped` when the import cannot succeed any more
        (too many problems, or more ratings or raters than a case may hold)."""
        self._read_row(row)
        if len(self.problems) >= MAX_PROBLEMS:
            self._stop(
                row, "the import stopped at row %(last)s after %(count)s problems",
                "correct these first, then import the file again", count=f"{len(self.problems):,}",
            )  # fmt: skip
        elif len(self.ratings) > LIST_LIMITS["ratings"]:
            self._stop(
                row, "the file adds more than %(limit)s ratings, more than a case may hold "
                "(the import stopped at row %(last)s)",
                "import fewer rows, or split the raters over two cases",
                limit=f"{LIST_LIMITS['ratings']:,}",
            )  # fmt: skip
        elif len(self.case.raters) + len(self.new_raters) > LIST_LIMITS["raters"]:
            self._stop(
                row, "the case would have more than %(limit)s raters, more than a case may hold "
                "(the import stopped at row %(last)s)",
                "import fewer rows, or split the raters over two cases",
                limit=f"{LIST_LIMITS['raters']:,}",
            )  # fmt: skip

    def _stop(self, row: Row, problem: str, fix: str, **args: str) -> None:
        self.problems.append(said(None, None, problem, fix, last=str(row.number), **args))
        self.stopped = True

    def _read_row(self, row: Row) -> None:
        rater_party = self._party(row, self.columns.rater_party)
        rater = self._rater(row, rater_party)
        subject = self._subject(row, rater)
        extras = self._extras(row)
        if self.columns.factor is not None and self.columns.score is not None:
            self._add_long(row, rater, subject, extras, self.columns.factor, self.columns.score)
            return
        for factor, index in self.columns.scores.items():
            assert index is not None  # the columns were checked
            score = self._score(row, index)
            if score is None or rater is None or subject is None:
                continue
            self._add(row, index, Rating(rater.id, subject, factor, score, *extras))

    def _add_long(
        self,
        row: Row,
        rater: Rater | None,
        subject: str | None,
        extras: tuple[str | None, str | None, str | None],
        factor_index: int,
        score_index: int,
    ) -> None:
        """A row of the long layout: one factor, one score."""
        score = self._score(row, score_index)
        factor = self._factor(row, factor_index, needed=score is not None)
        if score is None or factor is None or rater is None or subject is None:
            return
        self._add(row, score_index, Rating(rater.id, subject, factor, score, *extras))

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
        self.problems.append(said(row.number, label, problem, fix, **args))

    def _text(self, row: Row, index: int) -> str | None:
        """The cell's text; None (a problem) for a formula without a stored result."""
        if row.unset_formula(index):
            self._problem(row, index, _FORMULA, _FORMULA_FIX)
            return None
        return row.cell(index)

    def _party(self, row: Row, column: int | str | None) -> str | None:
        if column is None or isinstance(column, str):
            return column
        text = self._text(row, column)
        if text is None:
            return None
        party = self.parties.get(text.casefold())
        if party is None:
            fix = "write a party id or name, or map this value under 'parties' in the mapping"
            if text:
                self._problem(
                    row, column, "%(value)s is not a party of the case", fix, value=shown(text)
                )
            else:
                self._problem(row, column, "an empty cell is not a party of the case", fix)
        return party

    def _subject(self, row: Row, rater: Rater | None) -> str | None:
        if self.columns.other_party is None:
            return self._party(row, self.columns.subject)
        return self.columns.other_party.get(rater.party) if rater is not None else None

    def _rater(self, row: Row, party: str | None) -> Rater | None:
        index = self.columns.rater
        assert index is not None
        text = self._text(row, index)
        if text is None:
            return None
        if not text or len(text) > _MAX_NAME:
            self._problem(row, index, "the rater is missing or too long", "write the rater's name")
            return None
        found = self._known(text)
        if found is None:
            if party is None:
                if self.columns.rater_party is None:
                    self._problem(
                        row, index, "%(value)s is not a rater of the case",
                        "add 'rater_party' to the mapping so new raters get a party",
                        value=shown(text),
                    )  # fmt: skip
                return None
            found = Rater(new_rater_id(text, self.taken_ids), text, party)
            self.taken_ids.add(found.id)
            self.new_raters[text.casefold()] = found
        elif party is not None and party != found.party:
            self._problem(
                row, index, "%(value)s belongs to '%(party)s', the row says '%(other)s'",
                "correct the party in this row, or use another name for another person",
                value=shown(text), party=found.party, other=party,
            )  # fmt: skip
            return None
        return found

    def _known(self, text: str) -> Rater | None:
        """A rater of the case (by id, then by a name only one has) or a new one."""
        key = text.casefold()
        return (
            self.raters_by_id.get(text)
            or self.raters_by_name.get(text.strip().casefold())
            or self.new_raters.get(key)
        )

    def _factor(self, row: Row, index: int, *, needed: bool) -> str | None:
        text = self._text(row, index)
        if not text:
            if text == "" and needed:
                self._problem(
                    row, index, "the factor is missing", "write the factor's name in this row"
                )
            return None
        names = self.columns.factor_names
        key = names.key(text)
        if key is None:
            fix = (
                "write a factor's key or name (Dutch or English), "
                "or map this value under 'factors' in the mapping"
            )
            suggestion = names.suggestion(text)
            if suggestion is None:
                self._problem(
                    row, index, "%(value)s is not a factor of the case", fix, value=shown(text)
                )
            else:
                self._problem(
                    row, index,
                    "%(value)s is not a factor of the case; did you mean %(suggestion)s?", fix,
                    value=shown(text), suggestion=suggestion,
                )  # fmt: skip
        return key

    def _score(self, row: Row, index: int) -> float | None:
        text = self._text(row, index)
        if not text:
            return None  # no opinion: nothing to add
        value = self.scores.get(text)
        if value is None:
            value = self._scaled(text)
            if len(text) <= _MAX_CACHED_SCORE:
                self.scores[text] = value
        if isinstance(value, float):
            return value
        args = {"value": shown(text), "low": number_text(self.low), "high": number_text(self.high)}
        fix = "write a number from %(low)s to %(high)s"
        if value == _NOT_A_NUMBER:
            self._problem(row, index, "%(value)s is not a number", fix, **args)
        else:
            self._problem(row, index, "%(value)s is off the scale %(low)s to %(high)s", fix, **args)
        return None

    def _scaled(self, text: str) -> float | str:
        """The score on the case's scale, or what is wrong with it."""
        value = parse_number(text)
        if value is None:
            return _NOT_A_NUMBER
        if not self.low <= value <= self.high:
            return _OFF_SCALE
        span = (self.case_high - self.case_low) / (self.high - self.low)
        return float(self.case_low + (value - self.low) * span)

    def _extras(self, row: Row) -> tuple[str | None, str | None, str | None]:
        confidence = self._choice(row, self.columns.confidence, CONFIDENCES)
        source = self._choice(row, self.columns.source, SOURCES)
        note = self._text(row, self.columns.note) if self.columns.note is not None else ""
        return confidence, source, note or None

    def _choice(self, row: Row, index: int | None, choices: Mapping[str, str]) -> str | None:
        if index is None:
            return None
        text = self._text(row, index)
        if not text:
            return None
        value = choices.get(text.casefold())
        if value is None:
            allowed = ", ".join(sorted(set(choices.values())))
            self._problem(
                row, index, "%(value)s is not known", "write one of %(known)s",
                value=shown(text), known=allowed,
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
