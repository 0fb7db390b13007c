"""Importing ratings collected elsewhere (a form tool's CSV or XLSX) into a case.

All or nothing: :func:`import_ratings` either returns the new case with a preview
of what it adds, or raises one :class:`ImportProblemsError` (an :class:`InputError`)
listing every problem by row and column, and the case stays as it was. An existing
rating for the same rater, subject and factor is a conflict unless ``replace``.
The mapping file format is documented in ``docs/import.md``; the pass over the
rows is :mod:`kloof.formats.importrun`.
"""

from __future__ import annotations

from pathlib import Path

from kloof.domain.model import Case
from kloof.formats.casecheck import LIST_LIMITS
from kloof.formats.casefile import load_case
from kloof.formats.errors import N_, InputError
from kloof.formats.importmap import ImportMapping, load_mapping
from kloof.formats.importproblems import MAX_SHOWN, ImportProblemsError, Problem, said
from kloof.formats.importrun import Columns, ImportResult, Preview, Run
from kloof.formats.importvalues import party_names
from kloof.formats.tabular import MAX_BYTES, Table, read_table

__all__ = [
    "MAX_SHOWN",
    "ImportProblemsError",
    "ImportResult",
    "Preview",
    "Problem",
    "import_file",
    "import_ratings",
    "party_names",
]


def import_file(
    file: Path, into: Path, mapping: Path, *, replace: bool = False
) -> tuple[Case, Preview]:
    """Read the spreadsheet ``file``, the case ``into`` and the ``mapping`` file, and
    import; raises :class:`InputError` (nothing written anywhere) on any problem."""
    case = load_case(into)
    import_mapping = load_mapping(mapping)
    table = read_table(read_bytes(Path(file)), str(file))
    result = import_ratings(case, table, import_mapping, replace=replace)
    return result.case, result.preview


def import_ratings(
    case: Case, table: Table, mapping: ImportMapping, *, replace: bool = False
) -> ImportResult:
    """The case with the table's ratings added, or :class:`ImportProblemsError`."""
    columns = Columns(case, table, mapping)
    if columns.problems:
        raise ImportProblemsError(columns.problems, table.source)
    run = Run(case, table, mapping, columns, replace)
    for row in table.rows:
        run.add_row(row)
        if run.stopped:
            break
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
                said(None, None, templates[what], fix, count=f"{count:,}", limit=f"{limit:,}")
            )
    return problems


def read_bytes(path: Path) -> bytes:
    """A spreadsheet's bytes, at most one byte over the limit (so that the
    reader can name the size)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
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
