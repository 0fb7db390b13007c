"""The profile chart's text alternative (its ``<desc>``): the chart in words.

A screen-reader user gets what a sighted reader sees: per factor, the poles,
where each drawn party stands, its self view and outside view when it has both
(the blind spot), and the severity of the headline pair's gap.
"""

from __future__ import annotations

from collections.abc import Sequence

from kloof.domain.model import Party
from kloof.domain.results import OUTSIDE_VIEW, SELF_VIEW, Analysis, Position
from kloof.i18n import translator
from kloof.reports.chart_legend import ChartWords, perception_label, severity_label
from kloof.reports.svg import human_number


def profile_description(
    analysis: Analysis, language: str, parties: Sequence[Party], words: ChartWords
) -> str:
    """Where each of ``parties`` stands on each factor and, when two or more are
    drawn, the decided severity of the gap between the first two, in words."""
    gettext = translator(language).gettext
    scale = analysis.case.scale
    sentences = [
        gettext("Profile chart on a scale from {low} (left pole) to {high} (right pole).").format(
            low=human_number(scale.low, language), high=human_number(scale.high, language)
        )
    ]
    gap_sentence = gettext("Gap between {a} and {b}: {severity}.")
    pair = (parties[0], parties[1]) if len(parties) >= 2 else None
    for result in analysis.factors:
        factor = result.factor
        stands = "; ".join(
            party_words(party, result.positions.get(party.id), language, words) for party in parties
        )
        sentence = (
            f"{factor.name.get(language)} ({factor.left.get(language)} – "
            f"{factor.right.get(language)}): {stands}."
        )
        gap = result.gap(pair[0].id, pair[1].id) if pair else None
        if pair and gap is not None:
            severity = severity_label(words, gap)
            sentence += " " + gap_sentence.format(a=pair[0].name, b=pair[1].name, severity=severity)
            seen = perception_label(words, analysis, factor.key, (pair[0].id, pair[1].id))
            if seen:
                sentence += f" {seen[:1].upper()}{seen[1:]}."
        sentences.append(sentence)
    return " ".join(sentences)


def party_words(party: Party, position: Position | None, language: str, words: ChartWords) -> str:
    """E.g. 'ACME 4.8 (self view 5.5, outside view 4)', or 'ACME unknown'.

    The two views are named only when both exist: with one view the position
    is that view's median, and repeating it would only add noise.
    """
    if position is None or position.score is None:
        return f"{party.name} {words.unknown}"
    text = f"{party.name} {human_number(position.score, language)}"
    own, outside = position.view(SELF_VIEW), position.view(OUTSIDE_VIEW)
    if own is not None and outside is not None:
        text += (
            f" ({words.self_view} {human_number(own.median, language)}, "
            f"{words.outside_view} {human_number(outside.median, language)})"
        )
    return text
