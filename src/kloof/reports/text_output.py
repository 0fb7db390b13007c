"""The analysis for a terminal (``--format table``) and as Markdown.

Both show the same things in the same order: the headline (what blocks first,
toughness second), where each party stands, the differences worst first with
their reasons and register status, blind spots (perception gaps), agreement
within each party and the recommended next steps.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from kloof.domain.model import Severity
from kloof.domain.results import Analysis, BlindSpot, Gap, Position
from kloof.i18n import counted, format_date, format_number, format_score, translator
from kloof.i18n.headline import headline_sentences
from kloof.i18n.reasons import (
    factor_name,
    party_name,
    points_phrase,
    render_reason,
    scale_phrase,
    severity_word,
    status_word,
)
from kloof.i18n.steps import render_step

WIDTH = 100


def analysis_to_table(analysis: Analysis, language: str) -> str:
    return "\n".join(_lines(analysis, language, markdown=False)) + "\n"


def analysis_to_markdown(analysis: Analysis, language: str) -> str:
    return "\n".join(_lines(analysis, language, markdown=True)) + "\n"


def sorted_gaps(analysis: Analysis) -> list[Gap]:
    """Every gap, worst first (see ``Analysis.gaps_worst_first``)."""
    return analysis.gaps_worst_first()


def _lines(analysis: Analysis, language: str, *, markdown: bool) -> list[str]:
    t = translator(language)
    case = analysis.case
    out: list[str] = []
    title = case.title + (f" · {format_date(case.date, language)}" if case.date else "")
    out += [f"# {title}" if markdown else title, ""]
    out.append(_summary_line(analysis, language))
    out.append("")
    out += _headline(analysis, language)
    out += _section(t.gettext("Positions"), markdown)
    out += _positions_table(analysis, language, markdown)
    out += _section(t.gettext("Differences, worst first"), markdown)
    out += _differences(analysis, language, markdown)
    if analysis.blind_spots:
        out += _section(t.gettext("Blind spots (perception gaps)"), markdown)
        for spot in analysis.blind_spots:
            out += _blind_spot(spot, analysis, language, markdown)
    out += _section(t.gettext("Agreement within each party"), markdown)
    out += _agreement(analysis, language, markdown)
    if analysis.next_steps:
        out += _section(t.gettext("Recommended next steps"), markdown)
        for number, step in enumerate(analysis.next_steps, 1):
            text = f"{number}. {render_step(step, case, language)}"
            out += [text] if markdown else textwrap.wrap(text, WIDTH, subsequent_indent="   ")
    return out


def _summary_line(analysis: Analysis, language: str) -> str:
    t = translator(language)
    case = analysis.case
    scored = sum(1 for r in case.ratings if r.score is not None)
    return t.gettext(
        "Framework {framework} · scale {scale} · {parties} · {raters} · {scores}"
    ).format(
        framework=case.framework_ref or case.framework.name,
        scale=scale_phrase(case, language),
        parties=counted(t, len(case.parties), "{count} party", "{count} parties"),
        raters=counted(t, len(case.raters), "{count} rater", "{count} raters"),
        scores=counted(t, scored, "{count} score", "{count} scores"),
    )


def _headline(analysis: Analysis, language: str) -> list[str]:
    """Per pair: what blocks first (position and perception), toughness second."""
    lines = []
    for pair in analysis.pairs:
        names = " ↔ ".join(party_name(analysis.case, p) for p in pair.parties)
        first, *rest = headline_sentences(analysis, pair, language)
        lines += textwrap.wrap(f"{names}: {first}", WIDTH, subsequent_indent="  ")
        lines += textwrap.wrap(" ".join(rest), WIDTH, initial_indent="  ", subsequent_indent="  ")
    return [*lines, ""]


def _blind_spot(spot: BlindSpot, analysis: Analysis, language: str, markdown: bool) -> list[str]:
    t = translator(language)
    case = analysis.case
    head = t.gettext("{factor}: how {viewer} sees {subject}").format(
        factor=factor_name(case, spot.factor, language),
        viewer=party_name(case, spot.viewer),
        subject=party_name(case, spot.subject),
    )
    head += " · " + _decided_words(spot.severity, spot.decided_severity, language)
    if spot.register is not None:
        head += " · " + _status_words(spot.register.status, language)
    sentences = " ".join(render_reason(reason, case, language) for reason in spot.reasons)
    return _bullet(f"{head}. {sentences}", markdown)


def _decided_words(computed: Severity, decided: Severity, language: str) -> str:
    text = severity_word(decided, language)
    if decided is not computed:
        text += " " + translator(language).gettext("(decided; computed: {severity})").format(
            severity=severity_word(computed, language)
        )
    return text


def _status_words(status: str, language: str) -> str:
    return (
        translator(language)
        .gettext("register: {status}")
        .format(status=status_word(status, language))
    )


def _section(title: str, markdown: bool) -> list[str]:
    return ["", f"## {title}", ""] if markdown else ["", title, "-" * len(title)]


def _bullet(text: str, markdown: bool) -> list[str]:
    if markdown:
        return [f"- {text}"]
    return textwrap.wrap(text, WIDTH, initial_indent="- ", subsequent_indent="  ")


def _score(position: Position, language: str) -> str:
    if position.score is None:
        return "?"
    flag = "" if position.n > 1 else "*"
    return format_score(position.score, language) + flag


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return lines + ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def _positions_table(analysis: Analysis, language: str, markdown: bool) -> list[str]:
    t = translator(language)
    case = analysis.case
    header = [t.gettext("Factor"), *(party.name for party in case.parties)]
    rows = [
        [
            result.factor.name.get(language),
            *(_score(result.positions[p.id], language) for p in case.parties),
        ]
        for result in analysis.factors
    ]
    note = t.gettext("Scale {scale}; ? = not rated yet (unknown); * = one rating only.")
    return [*_table(header, rows, markdown), "", note.format(scale=scale_phrase(case, language))]


def _severity_cell(gap: Gap, language: str) -> str:
    t = translator(language)
    text = _decided_words(gap.severity, gap.decided_severity, language)
    if gap.uncertain and gap.severity is not Severity.UNKNOWN:
        text += " · " + t.gettext("uncertain")
    if gap.register is not None:
        text += " · " + _status_words(gap.register.status, language)
    return text


def _differences(analysis: Analysis, language: str, markdown: bool) -> list[str]:
    t = translator(language)
    case = analysis.case
    shown = [g for g in sorted_gaps(analysis) if g.decided_severity is not Severity.ALIGNED]
    if not shown:
        return [t.gettext("No differences: the parties are aligned on every factor.")]
    out: list[str] = []
    for gap in shown:
        names = " ↔ ".join(party_name(case, p) for p in gap.parties)
        size = points_phrase(gap.points, language) if gap.points is not None else "?"
        head = f"{factor_name(case, gap.factor, language)} · {names} · {size} · "
        head += _severity_cell(gap, language)
        out += [f"### {head}"] if markdown else ["", head]
        for reason in gap.reasons:
            out += _bullet(render_reason(reason, case, language), markdown)
        if markdown:
            out.append("")
    aligned = len(analysis.all_gaps()) - len(shown)
    if aligned:
        out += ["", t.gettext("Aligned: {count} more (not listed).").format(count=aligned)]
    return out


def _agreement(analysis: Analysis, language: str, markdown: bool) -> list[str]:
    t = translator(language)
    case = analysis.case
    out: list[str] = []
    for party_id, agreement in analysis.agreement.items():
        name = party_name(case, party_id)
        if agreement.alpha is None:
            why = render_reason(agreement.reasons[0], case, language) if agreement.reasons else ""
            text = t.gettext("{party}: Krippendorff's alpha not available. {why}").format(
                party=name, why=why
            )
        else:
            text = t.gettext("{party}: Krippendorff's alpha {alpha} ({raters}, {units})").format(
                party=name,
                alpha=format_number(agreement.alpha, language, 2),
                raters=counted(t, agreement.raters, "{count} rater", "{count} raters"),
                units=counted(t, agreement.units, "{count} unit", "{count} units"),
            )
        out += _bullet(text.strip(), markdown)
    return out
