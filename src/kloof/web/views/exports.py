"""A case's ratings and analysis downloaded as CSV (for machines) or XLSX (for people).

The bytes come from the core's pure export functions, worded in the user's
interface language with the same wording as the CLI's exports. Every text cell
is neutralised against formulas there; this view only picks the table, names
the file and sends it as an attachment.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from kloof.domain.analysis import analyse
from kloof.domain.model import Case
from kloof.formats.export import analysis_csv, case_xlsx, ratings_csv
from kloof.services.exchange import export_wording
from kloof.storage.dashboard import load_case
from kloof.web.access import VIEWER, Access, case_view
from kloof.web.views.dashboard import ui_language

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The downloads on offer: (what, format) to content type.
EXPORTS = {
    ("ratings", "csv"): CSV_TYPE,
    ("analysis", "csv"): CSV_TYPE,
    ("case", "xlsx"): XLSX_TYPE,
}


def export_bytes(case: Case, what: str, language: str) -> bytes:
    """The file for one of :data:`EXPORTS` (``what`` chooses the table)."""
    if what == "ratings":
        return ratings_csv(case, language)
    analysis = analyse(case)
    wording = export_wording(case, language)
    if what == "analysis":
        return analysis_csv(analysis, language, wording)
    return case_xlsx(case, analysis, language, wording)


def export_filename(title: str, what: str, fmt: str) -> str:
    """ASCII, no path, not too long: every browser and file system takes it."""
    return f"{slugify(title)[:80].strip('-') or 'case'}-{what}.{fmt}"


@require_GET
@case_view(VIEWER)
def case_export(request: HttpRequest, access: Access, what: str, fmt: str) -> HttpResponse:
    """``ratings.csv``, ``analysis.csv`` or ``case.xlsx`` of the case, as an attachment."""
    content_type = EXPORTS.get((what, fmt))
    if content_type is None:
        raise Http404("No such export.")
    assert access.case is not None  # case_view always sets it
    case = load_case(access.case)
    response = HttpResponse(export_bytes(case, what, ui_language()), content_type=content_type)
    filename = export_filename(case.title, what, fmt)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # A CSV must never be sniffed into something a browser would run.
    response["X-Content-Type-Options"] = "nosniff"
    return response
