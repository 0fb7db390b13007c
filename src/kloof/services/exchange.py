"""Data in and out of kloof: spreadsheet exports and imports for the CLI (and,
later, the web). Formats stay free of i18n; the wording is supplied here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kloof.domain.analysis import analyse
from kloof.domain.model import Case
from kloof.formats.importer import Preview

if TYPE_CHECKING:
    from kloof.formats.export import Wording

EXPORT_FORMATS = ("csv", "xlsx")
CSV_TABLES = ("analysis", "ratings")


def export_format(requested: str | None, destination: Path) -> str:
    """The export's format: ``requested`` (``--format``), else the extension of
    ``destination``. A name whose extension says otherwise is refused: a file
    called ``x.csv`` holding a workbook would open as nonsense."""
    from kloof.formats.errors import N_, InputError

    suffix = destination.suffix.lower().lstrip(".")
    if str(destination) == "-":
        if requested is None:
            raise InputError.worded(
                N_("writing to standard output needs --format"),
                N_("add --format xlsx or --format csv"),
            )
        return requested
    if requested is None:
        if suffix not in EXPORT_FORMATS:
            raise InputError.worded(
                N_("cannot tell the format from the file name '%(file)s'"),
                N_("end it in .xlsx or .csv, or add --format xlsx or --format csv"),
                file=str(destination),
            )
        return suffix
    if suffix in EXPORT_FORMATS and suffix != requested:
        raise InputError.worded(
            N_("the file name '%(file)s' ends in .%(suffix)s, but --format is %(format)s"),
            N_("leave out --format to write %(suffix)s, or end the file name in .%(format)s"),
            file=str(destination),
            suffix=suffix,
            format=requested,
        )
    return requested


def export_case(path: Path, fmt: str, *, table: str, language: str | None) -> bytes:
    """The case at ``path`` as XLSX (ratings and analysis) or one CSV table."""
    from kloof.formats.casefile import load_case
    from kloof.formats.export import analysis_csv, case_xlsx, ratings_csv

    case = load_case(path)
    lang = language or case.language
    if fmt == "csv" and table == "ratings":
        return ratings_csv(case, lang)
    analysis = analyse(case)
    wording = export_wording(case, lang)
    if fmt == "xlsx":
        return case_xlsx(case, analysis, lang, wording)
    return analysis_csv(analysis, lang, wording)


def export_wording(case: Case, language: str) -> Wording:
    """How exports of ``case`` word things for people in ``language``: the export
    catalog's labels, severity words and reason sentences (shared with the web)."""
    from kloof.formats.export import Wording
    from kloof.i18n import translator
    from kloof.i18n.reasons import render_reason, severity_word

    t = translator(language)
    return Wording(
        label=lambda text: t.pgettext("export", text),
        severity=lambda value: severity_word(value, language),
        reason=lambda reason: render_reason(reason, case, language),
    )


def import_into(
    file: Path, *, into: Path, mapping: Path, replace: bool
) -> tuple[str, Preview, bool]:
    """Import ``file`` into the case ``into`` with ``mapping``: the new case file's
    YAML, the preview, and whether the case file's comments could not be kept
    (True only when it has some). All or nothing: any problem raises ``InputError``."""
    from kloof.formats.casefile import dump_case_yaml, load_case
    from kloof.formats.casekeep import with_imported
    from kloof.formats.importer import import_ratings, read_bytes
    from kloof.formats.importmap import load_mapping
    from kloof.formats.tabular import read_table

    case = load_case(into)
    import_mapping = load_mapping(mapping)
    table = read_table(read_bytes(Path(file)), str(file))
    result = import_ratings(case, table, import_mapping, replace=replace)
    original = Path(into).read_bytes().decode("utf-8-sig", errors="replace")
    kept = with_imported(original, Path(into), result.case, result.added)
    if kept is not None:
        return kept, result.preview, False
    return dump_case_yaml(result.case), result.preview, _has_comments(original, Path(into))


def _has_comments(text: str, path: Path) -> bool:
    """Whether a YAML case file holds a comment (a ``#`` at a line's start or
    after a space, outside quotes as far as a line can tell)."""
    if path.suffix.lower() == ".json":
        return False
    return any(
        line.lstrip().startswith("#") or " #" in line.split('"')[0].split("'")[0]
        for line in text.splitlines()
    )
