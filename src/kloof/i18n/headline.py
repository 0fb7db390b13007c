"""The headline of an analysis in words: what blocks first, toughness second.

Every interface (terminal, report, dashboard, case list) leads with the same
sentence, so a blocking perception gap can never hide behind "0 blocking".
Messages live in the ``reasons`` catalog.
"""

from __future__ import annotations

from kloof.domain.model import PERCEPTION
from kloof.domain.results import Analysis, BlockingDifference, PairSummary
from kloof.i18n import format_number, translator
from kloof.i18n.reasons import factor_name, join_names, party_name


def blocking_of_pair(analysis: Analysis, pair: PairSummary) -> list[BlockingDifference]:
    """The blocking differences between the two parties of ``pair``, in factor order."""
    wanted = set(pair.parties)
    return [entry for entry in analysis.blocking_detail if set(entry.parties) == wanted]


def factor_labels(
    analysis: Analysis, entries: list[BlockingDifference], language: str
) -> list[str]:
    """One label per factor: ``Trust``; ``Intention (how ACME sees Globex)``; and
    ``Intention (positions; how ACME sees Globex)`` when both kinds block."""
    t = translator(language)
    case = analysis.case
    by_factor: dict[str, list[BlockingDifference]] = {}
    for entry in entries:
        by_factor.setdefault(entry.factor, []).append(entry)
    labels = []
    for key, group in by_factor.items():
        perceptions = [e for e in group if e.kind == PERCEPTION]
        factor = factor_name(case, key, language)
        if not perceptions:
            labels.append(factor)
            continue
        parts = [t.gettext("positions")] if len(perceptions) < len(group) else []
        for entry in perceptions:
            subject, viewer = (party_name(case, pid) for pid in entry.parties)
            text = t.gettext("how {viewer} sees {subject}")
            parts.append(text.format(viewer=viewer, subject=subject))
        labels.append(f"{factor} ({'; '.join(parts)})")
    return labels


def blocking_sentence(analysis: Analysis, entries: list[BlockingDifference], language: str) -> str:
    """``2 blocking differences: Intention (how ACME sees Globex) and Dependency.``"""
    t = translator(language)
    if not entries:
        return t.gettext("No blocking differences.")
    labels = factor_labels(analysis, entries, language)
    text = t.ngettext(
        "{count} blocking difference: {names}.",
        "{count} blocking differences: {names}.",
        len(entries),
    )
    return text.format(count=len(entries), names=join_names(labels, language))


def toughness_sentence(pair: PairSummary, language: str) -> str:
    """Toughness with its scale explained, or why it is unknown."""
    t = translator(language)
    if pair.toughness is None:
        return t.gettext("Toughness unknown: no factor has both positions known yet.")
    text = t.gettext(
        "Toughness {value} of 100 (0 = the same on every factor, 100 = opposite poles on "
        "every factor)."
    )
    return text.format(value=format_number(pair.toughness, language, 0))


def headline_sentences(analysis: Analysis, pair: PairSummary, language: str) -> list[str]:
    """What blocks, then toughness, then what is uncertain or unknown."""
    sentences = [
        blocking_sentence(analysis, blocking_of_pair(analysis, pair), language),
        toughness_sentence(pair, language),
    ]
    counts = _doubt_sentence(pair, language)
    if counts:
        sentences.append(counts)
    return sentences


def _doubt_sentence(pair: PairSummary, language: str) -> str:
    t = translator(language)
    parts = []
    if pair.uncertain:
        parts.append(
            t.ngettext("{count} uncertain gap", "{count} uncertain gaps", pair.uncertain).format(
                count=pair.uncertain
            )
        )
    if pair.unknown:
        parts.append(
            t.ngettext(
                "{count} factor not yet known", "{count} factors not yet known", pair.unknown
            ).format(count=pair.unknown)
        )
    if not parts:
        return ""
    text = join_names(parts, language)
    return text[:1].upper() + text[1:] + "."
