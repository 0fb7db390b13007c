"""What the import pages show: the file's first rows, the preview of what an
import adds, and its problems by row and column, worded in the UI language."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language, npgettext
from django.utils.translation import gettext as _

from kloof.formats.errors import InputError
from kloof.formats.importer import MAX_SHOWN, ImportProblemsError, ImportResult, Problem
from kloof.formats.tabular import Table, column_letter
from kloof.services.messages import localized_message
from kloof.web.access import Access
from kloof.web.views.dashboard import ui_language

SAMPLE_ROWS = 5
_SAMPLE_CHARS = 60


def file_message(error: InputError) -> str:
    """The reader's message, without the file name the user just chose."""
    return _("The file cannot be imported: %(problem)s") % {"problem": error_text(error)}


def error_text(error: InputError, *, located: bool = False) -> str:
    """An input error's problem and fix in the UI language, without its source.
    An error without templates (one the import area does not word, such as a
    schema problem of a tampered mapping) stays English, with its source when
    ``located``."""
    return localized_message(error, get_language(), located=located and not error.template)


def history_text(subject: Mapping[str, Any], summary: str) -> str:
    """The history line of an import in the UI language, from the language-neutral
    ``subject`` it stored ({"file", "ratings"}); the stored English ``summary`` when
    the subject does not hold them."""
    count, filename = subject.get("ratings"), subject.get("file")
    if not isinstance(count, int) or isinstance(count, bool) or not isinstance(filename, str):
        return summary
    return npgettext(
        "history",
        "Imported %(count)d rating from %(file)s",
        "Imported %(count)d ratings from %(file)s",
        count,
    ) % {"count": count, "file": filename}


def sample_rows(table: Table) -> tuple[list[str], list[list[str]]]:
    """The header (letters for empty ones) and the first rows, cut short."""
    header = [text or column_letter(index) for index, text in enumerate(table.header)]
    rows = [
        [_short(row.cell(index)) for index in range(len(header))]
        for row in table.rows[:SAMPLE_ROWS]
    ]
    return [_short(text) for text in header], rows


def _short(text: str) -> str:
    return text if len(text) <= _SAMPLE_CHARS else text[: _SAMPLE_CHARS - 1] + "…"


#: A party value the file writes that no party has: the CLI's fix names the
#: mapping file, the web's the choices on its mapping form.
_UNKNOWN_PARTY = "%(value)s is not a party of the case"
#: The same for a value of the factor column (the long layout).
_UNKNOWN_FACTOR = (
    "%(value)s is not a factor of the case",
    "%(value)s is not a factor of the case; did you mean %(suggestion)s?",
)


def problem_text(problem: Problem) -> tuple[str, str]:
    """The problem and its fix in the UI language (English when untranslated)."""
    if not problem.template:
        return problem.problem, problem.fix
    args = dict(problem.args)
    if problem.template == _UNKNOWN_PARTY:
        fix = _(
            'choose which party it means under "Party names in the file", '
            "or write a party's id or name in the file"
        )
        return _(problem.template) % args, fix
    if problem.template in _UNKNOWN_FACTOR:
        fix = _(
            'choose which factor it means under "Factor names in the file", '
            "or write a factor's key or name in the file"
        )
        return _(problem.template) % args, fix
    return _(problem.template) % args, _(problem.fix_template) % args


def problems_context(error: ImportProblemsError) -> dict[str, Any]:
    rows = []
    for problem in error.problems[:MAX_SHOWN]:
        what, fix = problem_text(problem)
        rows.append({"row": problem.row, "column": problem.column, "problem": what, "fix": fix})
    return {
        "rows": rows,
        "count": len(error.problems),
        "more": max(0, len(error.problems) - MAX_SHOWN),
    }


def preview_context(
    result: ImportResult, document: dict[str, Any], replace: bool, access: Access
) -> dict[str, Any]:
    """What a confirmed import adds, and the document the confirm form posts back."""
    preview = result.preview
    case = result.case
    language = ui_language()
    parties = {party.id: party.name for party in case.parties}
    factors = {factor.key: factor.name.get(language) for factor in case.factors}
    return {
        "rows": preview.rows,
        "new_ratings": preview.added - preview.replaced,
        "replaced": preview.replaced,
        "new_raters": [
            {"name": rater.name, "party": parties.get(rater.party, rater.party)}
            for rater in preview.new_raters
        ],
        "counts": [
            {
                "subject": parties.get(subject, subject),
                "factor": factors.get(factor, factor),
                "count": count,
            }
            for (subject, factor), count in preview.counts.items()
        ],
        "mapping_json": json.dumps(document, ensure_ascii=False, sort_keys=True),
        "replace": replace,
    }
