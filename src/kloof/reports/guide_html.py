"""The printable interview guide: HTML (for screen and print) and A4 PDF.

For an interview about a party (or about every party): the factors in the
guide's order (:func:`kloof.domain.interviews.interview_guide`), each with why it
is there, what we currently believe, the framework's questions, and lined space
for handwritten notes. The same view model serves the web page and ``kloof guide
-o guide.html|.pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from kloof.domain.interviews import GuideFactor, interview_guide
from kloof.domain.model import Interview
from kloof.domain.results import Analysis
from kloof.i18n import format_date, translator
from kloof.i18n.interviews import beliefs, tier_heading
from kloof.i18n.reasons import party_name, render_reasons

#: Ruled lines for notes under each factor.
NOTE_LINES = 8


@dataclass(frozen=True)
class GuideRequest:
    """What the guide is for: a party (None: every party), every factor or only
    those that need it, and the interview it prepares (if planned)."""

    party: str | None = None
    everything: bool = False
    interview: Interview | None = None


def guide_items(analysis: Analysis, request: GuideRequest) -> tuple[GuideFactor, ...]:
    """The guide's factors; a planned interview keeps its own choice, in guide order."""
    if request.interview is None or not request.interview.factors:
        return interview_guide(analysis, request.party, everything=request.everything)
    chosen = set(request.interview.factors)
    every = interview_guide(analysis, request.party, everything=True)
    return tuple(item for item in every if item.factor.key in chosen)


def guide_context(analysis: Analysis, language: str, request: GuideRequest) -> dict[str, Any]:
    """The guide as plain, formatted rows (shared by the web page and the files)."""
    t = translator(language)
    case = analysis.case
    items = guide_items(analysis, request)
    sections: list[dict[str, Any]] = []
    for item in items:
        if not sections or sections[-1]["tier"] != item.tier:
            sections.append(
                {"tier": item.tier, "heading": tier_heading(item.tier, language), "factors": []}
            )
        sections[-1]["factors"].append(_factor_row(analysis, item, language, request))
    if request.party is None:
        about = t.gettext("Interview guide: every party")
    else:
        about = t.gettext("Interview guide about {party}").format(
            party=party_name(case, request.party)
        )
    return {
        "lang": language,
        "title": case.title,
        "about": about,
        "case_date": format_date(case.date, language) if case.date else None,
        "interview": _interview_row(analysis, request.interview, language),
        "sections": sections,
        "scale": t.gettext(
            "Scores run from {low} (the left pole) to {high} (the right pole)."
        ).format(low=_bound(case.scale.low), high=_bound(case.scale.high)),
        "note_lines": range(NOTE_LINES),
    }


def guide_labels(language: str) -> dict[str, Any]:
    """The guide's headings in ``language``, for a page that renders the context
    itself (the web's guide page)."""
    t = translator(language)
    return {
        "labels": {
            "why": t.gettext("Why we ask"),
            "believe": t.gettext("What we believe now"),
            "questions": t.gettext("Questions"),
            "notes": t.gettext("Notes"),
        },
        "empty": t.gettext(
            "No factor needs an interview now. Ask for every factor to prepare a full conversation."
        ),
    }


def _bound(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _factor_row(
    analysis: Analysis, item: GuideFactor, language: str, request: GuideRequest
) -> dict[str, Any]:
    case = analysis.case
    answers = {}
    if request.interview is not None:
        answers = {a.factor: a.text for a in request.interview.answers}
    return {
        "key": item.factor.key,
        "name": item.factor.name.get(language),
        "left": item.factor.left.get(language),
        "right": item.factor.right.get(language),
        "why": list(dict.fromkeys(render_reasons(item.reasons, case, language))),
        "beliefs": beliefs(case, item, language),
        "questions": [q.get(language) for q in item.factor.questions],
        "answer": answers.get(item.factor.key, ""),
    }


def _interview_row(
    analysis: Analysis, interview: Interview | None, language: str
) -> dict[str, str] | None:
    if interview is None:
        return None
    case = analysis.case
    return {
        "interviewee": interview.interviewee,
        "role": interview.role or "",
        "party": party_name(case, interview.party) if interview.party else "",
        "interviewer": _interviewer(analysis, interview.interviewer),
        "date": format_date(interview.date, language) if interview.date else "",
    }


def _interviewer(analysis: Analysis, interviewer: str | None) -> str:
    if not interviewer:
        return ""
    names = {rater.id: rater.name for rater in analysis.case.raters}
    return names.get(interviewer, interviewer)


def render_guide_html(
    analysis: Analysis, language: str, request: GuideRequest = GuideRequest(), *, pdf: bool = False
) -> str:
    """The guide as a self-contained HTML5 document (``pdf``: with the paper rules)."""
    context = guide_context(analysis, language, request)
    return _environment(language).get_template("guide.html.j2").render(**context, pdf=pdf)


def render_guide_pdf(
    analysis: Analysis, language: str, request: GuideRequest = GuideRequest()
) -> bytes:
    """The guide as A4 PDF bytes."""
    from kloof.reports.pdf_report import html_to_pdf

    return html_to_pdf(render_guide_html(analysis, language, request, pdf=True))


def factor_names(items: Sequence[GuideFactor], language: str) -> list[str]:
    return [item.factor.name.get(language) for item in items]


@cache
def _environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("kloof", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translator(language), newstyle=True)  # type: ignore[attr-defined]
    return env
