"""The interview guide: per factor its poles, description, questions and signals.

Markdown, so it prints, pastes into a mail or a wiki, and reads fine as plain
text. Two uses: for a case (``kloof guide CASE``), where scope ``needed`` keeps
the factors that need evidence or a conversation and says why, and for a bare
framework (``kloof guide --framework NAME``), which lists every factor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kloof.domain import reasons as codes
from kloof.domain.evidence import EvidenceNeed, evidence_needs
from kloof.domain.model import Case, Factor, Framework, Severity
from kloof.domain.results import Analysis, FactorResult
from kloof.i18n import format_date, format_number, translator
from kloof.i18n.reasons import join_names, party_name, points_phrase, render_reasons, severity_word

#: ``needed``: unknown, uncertain, significant or blocking factors; ``all``: every factor.
GUIDE_SCOPES: tuple[str, ...] = ("needed", "all")

# Characters that would turn user text into Markdown markup or raw HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def render_guide(source: Analysis | Framework, language: str, *, scope: str = "needed") -> str:
    """The guide for an analysed case, or for every factor of a framework."""
    if scope not in GUIDE_SCOPES:
        raise ValueError(f"unknown guide scope {scope!r}; use one of {', '.join(GUIDE_SCOPES)}")
    if isinstance(source, Framework):
        return _framework_guide(source, language)
    return _case_guide(source, language, scope)


def markdown_escape(text: str) -> str:
    """User text safe inside Markdown: no markup, no raw HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _framework_guide(framework: Framework, language: str) -> str:
    t = translator(language)
    title = markdown_escape(framework.title.get(language))
    lines = [f"# {t.gettext('Interview guide: {title}').format(title=title)}", ""]
    if framework.description.get(language):
        lines += [markdown_escape(framework.description.get(language)), ""]
    for factor in framework.factors:
        poles = [
            t.gettext("**Left pole:** {text}").format(
                text=markdown_escape(factor.left.get(language))
            ),
            t.gettext("**Right pole:** {text}").format(
                text=markdown_escape(factor.right.get(language))
            ),
        ]
        lines += _factor_section(factor, language, poles, why=())
    return _finish(lines)


def _case_guide(analysis: Analysis, language: str, scope: str) -> str:
    t = translator(language)
    case = analysis.case
    lines = [f"# {t.gettext('Interview guide: {title}').format(title=markdown_escape(case.title))}"]
    lines.append("")
    if case.date:
        lines += [format_date(case.date, language), ""]
    lines += [t.gettext("Parties to interview:"), ""]
    lines += [f"- {_party_line(case, party.id, language)}" for party in case.parties]
    lines.append("")
    scale = t.gettext("Scores run from {low} (the left pole) to {high} (the right pole).")
    low, high = _bound(case.scale.low, language), _bound(case.scale.high, language)
    lines += [scale.format(low=low, high=high), ""]
    needs = {need.factor: need for need in evidence_needs(analysis)}
    chosen = [(result, _why(analysis, result, needs, language)) for result in analysis.factors]
    if scope == "needed":
        chosen = [(result, why) for result, why in chosen if why]
        lines += [_needed_intro(len(chosen), len(analysis.factors), language), ""]
    for result, why in chosen:
        lines += _factor_section(
            result.factor, language, _scale_poles(case, result.factor, language), why
        )
    return _finish(lines)


def _party_line(case: Case, party_id: str, language: str) -> str:
    t = translator(language)
    party = case.party(party_id)
    sides = {
        "own": t.pgettext("side", "own side"),
        "counterparty": t.pgettext("side", "counterparty"),
        "other": t.pgettext("side", "other party"),
    }
    details = [markdown_escape(party.role)] if party.role else []
    if party.side:
        details.append(sides.get(party.side, markdown_escape(party.side)))
    name = markdown_escape(party.name)
    return f"{name} ({', '.join(details)})" if details else name


def _needed_intro(chosen: int, total: int, language: str) -> str:
    t = translator(language)
    if chosen == 0:
        return t.gettext(
            "No factor needs an interview now: every position is known, rests on both views "
            "and on more than estimates, no perception gap is open, and no difference is "
            "significant or worse."
        )
    text = t.ngettext(
        "This guide covers the {count} factor out of {total} that needs evidence or a "
        "conversation, with the reason why.",
        "This guide covers the {count} factors out of {total} that need evidence or a "
        "conversation, with the reasons why.",
        chosen,
    )
    return text.format(count=chosen, total=total)


def _scale_poles(case: Case, factor: Factor, language: str) -> list[str]:
    low = _bound(case.scale.low, language)
    high = _bound(case.scale.high, language)
    return [
        f"**{low}:** {markdown_escape(factor.left.get(language))}",
        f"**{high}:** {markdown_escape(factor.right.get(language))}",
    ]


def _bound(value: float, language: str) -> str:
    return format_number(value, language, 0 if float(value).is_integer() else 1)


def _why(
    analysis: Analysis, result: FactorResult, needs: dict[str, EvidenceNeed], language: str
) -> list[str]:
    """Why a factor needs attention: what needs evidence (doubts, thin views, open
    perception gaps, with a question for each of those) and its serious differences."""
    case = analysis.case
    need = needs.get(result.factor.key)
    why = render_reasons(need.reasons, case, language) if need else []
    why += _perception_prompts(need, case, language)
    t = translator(language)
    for gap in result.gaps:
        if not gap.decided_severity.at_least(Severity.SIGNIFICANT):
            continue
        parties = join_names([party_name(case, p) for p in gap.parties], language)
        severity = severity_word(gap.decided_severity, language)
        if gap.overridden or gap.points is None:
            text = t.gettext(
                "The team treats the difference between {parties} as ‘{severity}’ "
                "(computed: ‘{computed}’)."
            )
            computed = severity_word(gap.severity, language)
            why.append(text.format(parties=parties, severity=severity, computed=computed))
        else:
            text = t.gettext("The difference between {parties} is ‘{severity}’ ({points}).")
            points = points_phrase(gap.points, language)
            why.append(text.format(parties=parties, severity=severity, points=points))
    # One party's doubt shows up in each of its pairs: say it once.
    return [markdown_escape(line) for line in dict.fromkeys(why)]


def _perception_prompts(need: EvidenceNeed | None, case: Case, language: str) -> list[str]:
    """For each open perception gap: what to ask the party whose view differs."""
    if need is None:
        return []
    t = translator(language)
    prompts = []
    for reason in need.reasons:
        if reason.code != codes.BLIND_SPOT:
            continue
        viewer = party_name(case, str(reason.params["viewer"]))
        subject = party_name(case, str(reason.params["subject"]))
        text = t.gettext(
            "Ask {viewer} what makes them see {subject} this way, and tell them how "
            "{subject} sees itself."
        )
        prompts.append(text.format(viewer=viewer, subject=subject))
    return prompts


def _factor_section(
    factor: Factor, language: str, poles: Sequence[str], why: Iterable[str]
) -> list[str]:
    t = translator(language)
    lines = [f"## {markdown_escape(factor.name.get(language))}", ""]
    lines += [f"- {pole}" for pole in poles]
    lines.append("")
    if factor.description.get(language):
        lines += [markdown_escape(factor.description.get(language)), ""]
    lines += _bullets(t.gettext("Why this factor:"), list(why), "-")
    questions = [markdown_escape(q.get(language)) for q in factor.questions]
    lines += _bullets(t.gettext("Questions:"), questions, "1.")
    signals = [markdown_escape(s.get(language)) for s in factor.signals]
    lines += _bullets(t.gettext("Signals to watch for:"), signals, "-")
    return lines


def _bullets(heading: str, items: Sequence[str], marker: str) -> list[str]:
    if not items:
        return []
    if marker == "1.":
        body = [f"{number}. {item}" for number, item in enumerate(items, start=1)]
    else:
        body = [f"- {item}" for item in items]
    return [f"**{heading}**", "", *body, ""]


def _finish(lines: list[str]) -> str:
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
