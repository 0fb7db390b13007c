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


def import_into(file: Path, *, into: Path, mapping: Path, replace: bool) -> tuple[str, Preview]:
    """Import ``file`` into the case ``into`` with ``mapping``: the new case file's
    YAML and the preview. All or nothing: any problem raises ``InputError``."""
    from kloof.formats.casefile import dump_case_yaml
    from kloof.formats.importer import import_file

    case, preview = import_file(file, into=into, mapping=mapping, replace=replace)
    return dump_case_yaml(case), preview
