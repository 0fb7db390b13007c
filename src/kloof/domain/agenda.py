"""Which differences go on the agenda of the open conversation, and in what order.

The method's order: when intention blocks (a position gap or a perception gap),
that comes first, for every later topic depends on it; then the other blocking
differences and the perception gaps (blind spots); then the significant position
differences. Trust and flexibility get an item of their own whenever they differ
at all (nuance or worse): both are about how the parties will treat each other
when things go wrong, and are worth saying out loud.

The conversation is between our side and the other side: the pairs are an own
party with a counterparty (by ``side``), or the first two parties when the case
does not say. Everything here is language-neutral data; the words come from
:mod:`kloof.i18n.agenda`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kloof.domain.model import PERCEPTION, POSITION, Case, Factor, Severity, Text
from kloof.domain.results import Analysis, BlindSpot, FactorResult, Gap

#: Why an item is on the agenda, in the order the groups come.
INTENTION_BLOCKS = "intention_blocks"
BLOCKING = "blocking"
PERCEPTION_GAP = "perception_gap"
SIGNIFICANT = "significant"
OWN_ITEM = "own_item"
WHY_ORDER = (INTENTION_BLOCKS, BLOCKING, PERCEPTION_GAP, SIGNIFICANT, OWN_ITEM)

#: Factors that get their own item whenever they differ.
ALWAYS_DISCUSSED = ("trust", "flexibility")


@dataclass(frozen=True)
class ProposedItem:
    """One proposed agenda item.

    ``parties`` is the pair (our party first) of a position item, or
    ``(subject, viewer)`` of a perception item. ``values`` are normalised (0-1)
    positions: of ``parties[0]`` and ``parties[1]`` for a position item; for a
    perception item the viewer's view of the subject, then the subject's self
    view. ``advice`` is the framework's advice for the item's severity.
    """

    kind: str
    factor: Factor
    parties: tuple[str, str]
    severity: Severity
    why: str
    values: tuple[float | None, float | None]
    advice: Text | None = None


def conversation_pairs(case: Case) -> list[tuple[str, str]]:
    """The pairs of the conversation, our party first."""
    own = [party.id for party in case.parties if party.side == "own"]
    other = [party.id for party in case.parties if party.side == "counterparty"]
    if own and other:
        return [(a, b) for a in own for b in other]
    if len(case.parties) >= 2:
        return [(case.parties[0].id, case.parties[1].id)]
    return []


def propose_agenda(analysis: Analysis) -> tuple[ProposedItem, ...]:
    """The proposed items in the conversation's order."""
    case = analysis.case
    pairs = conversation_pairs(case)
    found: dict[tuple[str, str, tuple[str, str]], ProposedItem] = {}
    for result in analysis.factors:
        for gap in result.gaps:
            pair = _ordered(gap.parties, pairs)
            if pair is not None:
                values = tuple(_value(result, party) for party in pair)
                item = _position_item(result.factor, gap, pair, (values[0], values[1]))
                if item is not None:
                    found.setdefault((POSITION, gap.factor, pair), item)
        for spot in analysis.blind_spots_of(result.factor.key):
            if _ordered(spot.parties, pairs) is not None:
                item = _perception_item(case, result.factor, spot)
                found.setdefault((PERCEPTION, spot.factor, spot.parties), item)
    order = {factor.key: index for index, factor in enumerate(case.factors)}
    return tuple(
        sorted(
            found.values(),
            key=lambda item: (
                WHY_ORDER.index(item.why),
                order.get(item.factor.key, len(order)),
                item.kind == PERCEPTION,
            ),
        )
    )


def _ordered(parties: tuple[str, str], pairs: list[tuple[str, str]]) -> tuple[str, str] | None:
    """``parties`` in the order of the conversation's pair, None when not one of them."""
    for pair in pairs:
        if set(pair) == set(parties):
            return pair
    return None


def _value(result: FactorResult, party: str) -> float | None:
    position = result.positions.get(party)
    return None if position is None else position.value


def _position_item(
    factor: Factor,
    gap: Gap,
    pair: tuple[str, str],
    values: tuple[float | None, float | None],
) -> ProposedItem | None:
    severity = gap.decided_severity
    if severity is Severity.BLOCKING:
        why = INTENTION_BLOCKS if factor.key == "intention" else BLOCKING
    elif severity is Severity.SIGNIFICANT:
        why = SIGNIFICANT
    elif factor.key in ALWAYS_DISCUSSED and severity is Severity.NUANCE:
        why = OWN_ITEM
    else:
        return None
    return ProposedItem(
        kind=POSITION,
        factor=factor,
        parties=pair,
        severity=severity,
        why=why,
        values=values,
        advice=advice_for(factor, severity),
    )


def _perception_item(case: Case, factor: Factor, spot: BlindSpot) -> ProposedItem:
    severity = spot.decided_severity
    blocking = severity is Severity.BLOCKING
    if blocking:
        why = INTENTION_BLOCKS if factor.key == "intention" else BLOCKING
    else:
        why = PERCEPTION_GAP
    values = tuple(
        None if score is None else case.scale.normalise(score)
        for score in (spot.viewer_score, spot.self_score)
    )
    return ProposedItem(
        kind=PERCEPTION,
        factor=factor,
        parties=spot.parties,
        severity=severity,
        why=why,
        values=(values[0], values[1]),
        advice=advice_for(factor, severity),
    )


def advice_for(factor: Factor, severity: Severity) -> Text | None:
    """The factor's advice for ``severity``; for a severity without its own, the
    nearest milder one that has advice."""
    ladder = (Severity.BLOCKING, Severity.SIGNIFICANT, Severity.NUANCE)
    start = ladder.index(severity) if severity in ladder else len(ladder)
    for step in ladder[start:]:
        if step in factor.advice:
            return factor.advice[step]
    return None
