"""The HTML report: one self-contained, printable HTML5 file per analysis.

The module turns an ``Analysis`` into plain rows of already formatted text (the
view model) and hands them to ``templates/report.html.j2``. Jinja2 escapes every
value; only the profile chart goes in unescaped, because it is our own SVG whose
user texts the chart module has escaped already. No JavaScript, no external
resources: the file must open the same offline, in a mail client and on paper.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import metadata
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kloof.domain import reasons as codes
from kloof.domain.evidence import evidence_needs
from kloof.domain.model import Action, Case, Difference, Severity
from kloof.domain.results import Agreement, Analysis, BlindSpot, Gap, NextStep
from kloof.i18n import format_date, format_number, format_score, translator
from kloof.i18n.headline import blocking_of_pair, blocking_sentence, factor_labels
from kloof.i18n.reasons import (
    factor_name,
    join_names,
    party_name,
    points_phrase,
    render_reason,
    render_reasons,
    severity_word,
    status_word,
)
from kloof.i18n.steps import render_rule_title, render_step

#: Krippendorff's (2004) conventions for alpha: rely on data from 0.800 up, draw
#: only tentative conclusions from 0.667 up, and not rely on anything below.
ALPHA_GOOD = 0.800
ALPHA_TENTATIVE = 0.667

#: How many next steps the report's first page names; the rest is in the appendix.
FIRST_STEPS = 3

Row = dict[str, Any]


def render_report(
    analysis: Analysis,
    language: str,
    *,
    chart_svg: str,
    generated: date | None = None,
    version: str | None = None,
    pdf: bool = False,
    trend: Row | None = None,
) -> str:
    """The full report as an HTML5 document.

    ``chart_svg`` is the profile chart (``kloof.reports.chart_profile``), inserted
    as is. ``generated`` adds a generation date to the footer; ``version``
    overrides the installed kloof version (for reproducible golden files).
    ``pdf`` adds the paper rules (running header, page numbers, one type family)
    that WeasyPrint reads; see :mod:`kloof.reports.pdf_report`. ``trend`` is
    the rows of the "Trend" section (:func:`kloof.reports.report_trend.trend_section`),
    for a review with earlier reviews of its relationship; None leaves it out.
    """
    template = _environment(language).get_template("report.html.j2")
    case = analysis.case
    return template.render(
        lang=language,
        title=case.title,
        case_date=format_date(case.date, language) if case.date else None,
        description=case.description,
        parties=[_party_row(case, party.id, language) for party in case.parties],
        headline=_headline(analysis, language),
        chart_svg=Markup(chart_svg),  # noqa: S704 - our own SVG, escaped by the chart module
        differences=[_difference_row(analysis, gap, language) for gap in sorted_gaps(analysis)],
        blind_spots=_blind_spot_rows(analysis, language),
        agreement=[agreement_row(analysis.case, a, language) for a in analysis.agreement.values()],
        register=[_register_row(case, entry, language) for entry in case.differences],
        findings=_finding_rows(analysis, language),
        steps=[_step_row(case, step, language) for step in analysis.next_steps],
        questions=_question_rows(analysis, language),
        generated=format_date(generated, language) if generated else None,
        version=version if version is not None else installed_version(),
        first_steps=FIRST_STEPS,
        pdf=pdf,
        trend=trend,
    )


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


def installed_version() -> str:
    """The installed kloof version; empty when kloof runs from an uninstalled tree."""
    try:
        return metadata.version("kloof")
    except metadata.PackageNotFoundError:
        return ""


def sorted_gaps(analysis: Analysis) -> list[Gap]:
    """Every gap, worst first (see ``Analysis.gaps_worst_first``)."""
    return analysis.gaps_worst_first()


def blind_spots_worst_first(analysis: Analysis) -> list[BlindSpot]:
    """Perception gaps by decided severity, then the largest gap (unknown last)."""
    return sorted(
        analysis.blind_spots,
        key=lambda s: (s.decided_severity.rank, -(s.gap if s.gap is not None else -1.0)),
    )


def _party_row(case: Case, party_id: str, language: str) -> Row:
    party = case.party(party_id)
    t = translator(language)
    sides = {
        "own": t.pgettext("side", "own side"),
        "counterparty": t.pgettext("side", "counterparty"),
        "other": t.pgettext("side", "other party"),
    }
    side = sides.get(party.side, party.side) if party.side else None
    return {"name": party.name, "role": party.role, "side": side}


def _headline(analysis: Analysis, language: str) -> Row | None:
    """What blocks first (position and perception gaps, by name), toughness second."""
    pair = analysis.headline
    if pair is None:
        return None
    toughness = pair.toughness
    entries = blocking_of_pair(analysis, pair)
    return {
        "parties": join_names([party_name(analysis.case, p) for p in pair.parties], language),
        "blocking_sentence": blocking_sentence(analysis, entries, language),
        "blocking_names": factor_labels(analysis, entries, language),
        "toughness": format_number(toughness, language, 0) if toughness is not None else None,
        "blocking": pair.blocking,
        "uncertain": pair.uncertain,
        "unknown": pair.unknown,
        "known": pair.known,
    }


def _score(case: Case, gap: Gap, party_id: str, analysis: Analysis, language: str) -> Row:
    position = analysis.factor(gap.factor).positions[party_id]
    score = position.score
    return {
        "party": party_name(case, party_id),
        "score": format_score(score, language) if score is not None else None,
    }


def _difference_row(analysis: Analysis, gap: Gap, language: str) -> Row:
    case = analysis.case
    decided = next((r for r in gap.reasons if r.code == codes.DECIDED), None)
    reasons = [r for r in gap.reasons if r.code != codes.DECIDED]
    return {
        "factor": factor_name(case, gap.factor, language),
        "positions": [_score(case, gap, p, analysis, language) for p in gap.parties],
        "points": points_phrase(gap.points, language) if gap.points is not None else None,
        "severity": _severity(gap.severity, language),
        "decided": _severity(gap.decided_severity, language),
        "overridden": gap.overridden or decided is not None,
        "override_reason": render_reason(decided, case, language) if decided else None,
        "uncertain": gap.uncertain,
        "status": status_word(gap.register.status, language) if gap.register else None,
        "reasons": render_reasons(reasons, case, language),
    }


def _severity(severity: Severity, language: str) -> Row:
    return {"key": severity.value, "word": severity_word(severity, language)}


def _blind_spot_rows(analysis: Analysis, language: str) -> list[Row]:
    case = analysis.case
    return [
        {
            "factor": factor_name(case, spot.factor, language),
            "subject": party_name(case, spot.subject),
            "viewer": party_name(case, spot.viewer),
            "points": points_phrase(spot.points, language) if spot.points is not None else None,
            "severity": _severity(spot.severity, language),
            "decided": _severity(spot.decided_severity, language),
            "overridden": spot.overridden,
            "status": status_word(spot.register.status, language) if spot.register else None,
            "reasons": render_reasons(spot.reasons, case, language),
        }
        for spot in blind_spots_worst_first(analysis)
    ]


def alpha_interpretation(alpha: float, language: str) -> str:
    """Krippendorff's reading of an alpha value, in plain words."""
    t = translator(language)
    if alpha >= ALPHA_GOOD:
        return t.gettext("good: the raters agree well enough to rely on their scores")
    if alpha >= ALPHA_TENTATIVE:
        return t.gettext("tentative: draw only cautious conclusions from these scores")
    return t.gettext("low: the raters disagree too much to rely on their scores")


def agreement_row(case: Case, agreement: Agreement, language: str) -> Row:
    alpha = agreement.alpha
    return {
        "party": party_name(case, agreement.party),
        "alpha": format_number(alpha, language, 2) if alpha is not None else None,
        "meaning": alpha_interpretation(alpha, language) if alpha is not None else None,
        "raters": agreement.raters,
        "units": agreement.units,
        "reasons": render_reasons(agreement.reasons, case, language),
    }


def _register_row(case: Case, entry: Difference, language: str) -> Row:
    t = translator(language)
    overrides = {
        True: t.pgettext("override", "blocking"),
        False: t.pgettext("override", "not blocking"),
    }
    return {
        "factor": factor_name(case, entry.factor, language),
        "parties": register_parties(case, entry, language),
        "status": status_word(entry.status, language),
        "decision": overrides[entry.blocking] if entry.blocking is not None else None,
        "reason": entry.reason,
        "note": entry.note,
        "actions": [_action_row(case, action, language) for action in entry.actions],
    }


def register_parties(case: Case, entry: Difference, language: str) -> str:
    """``ACME and Globex``, or for a perception gap ``how Globex sees ACME``."""
    if entry.is_perception:
        text = translator(language).gettext("how {viewer} sees {subject}")
        return text.format(
            viewer=party_name(case, str(entry.viewer)), subject=party_name(case, str(entry.subject))
        )
    return join_names([party_name(case, p) for p in entry.parties], language)


def _action_row(case: Case, action: Action, language: str) -> Row:
    return {
        "text": action.text,
        "owner": _person(case, action.owner) if action.owner else None,
        "due": format_date(action.due, language) if action.due else None,
        "done": action.done,
    }


def _person(case: Case, owner: str) -> str:
    """An action owner is usually a rater id; anything else is shown as written."""
    try:
        return case.rater(owner).name
    except KeyError:
        return owner


def _finding_rows(analysis: Analysis, language: str) -> list[Row]:
    case = analysis.case
    return [
        {
            "title": render_rule_title(finding.rule, language),
            "factors": [factor_name(case, key, language) for key in finding.factors],
            "parties": join_names([party_name(case, p) for p in finding.parties], language),
            "reasons": render_reasons(finding.reasons, case, language),
        }
        for finding in analysis.findings
    ]


def _step_row(case: Case, step: NextStep, language: str) -> Row:
    return {
        "kind": step.kind,
        "heading": render_step(step, case, language),
        "reasons": render_reasons(step.reasons, case, language),
        "advice": step.advice.get(language) if step.advice else None,
    }


def _question_rows(analysis: Analysis, language: str) -> list[Row]:
    """The interview questions of every factor that needs evidence (see
    :mod:`kloof.domain.evidence`): doubts, thin views, open perception gaps."""
    rows = []
    for need in evidence_needs(analysis):
        factor = analysis.case.factor(need.factor)
        rows.append(
            {
                "factor": factor.name.get(language),
                # The same doubt shows up in every pair the party is in: say it once.
                "why": list(dict.fromkeys(render_reasons(need.reasons, analysis.case, language))),
                "questions": [q.get(language) for q in factor.questions],
            }
        )
    return rows
