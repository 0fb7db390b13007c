"""``/api/cases/{case}/analysis``: the core's analysis of a stored case, the same
JSON as ``kloof analyse CASE --format json`` (format 1, see docs/case-format.md).

The case is read with :func:`kloof.storage.dashboard.load_case`, which keeps a
case's anonymity promise (no respondent names, no group that is too small).
"""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from kloof.domain.analysis import analyse
from kloof.reports.json_output import analysis_to_data
from kloof.storage.dashboard import load_case
from kloof.web.api.common import case_of, id_path
from kloof.web.api.errors import answers

router = Router(tags=["analysis"])


class AnalysisQuery(Schema):
    language: Literal["nl", "en"] | None = Field(
        None, description="Language of names and reasons; default: the case's language."
    )


@router.get(
    "/cases/{case}/analysis",
    response=answers({200: dict[str, Any]}, 409),
    url_name="api_analysis",
    summary="The analysis of a case, as 'kloof analyse --format json' prints it",
)
def get_analysis(
    request: HttpRequest, query: Query[AnalysisQuery], case: int = id_path("case")
) -> dict[str, Any]:
    row = case_of(request, case)
    domain_case = load_case(row)
    language = query.language or (row.language if row.language in ("nl", "en") else "en")
    return analysis_to_data(analyse(domain_case), language)
