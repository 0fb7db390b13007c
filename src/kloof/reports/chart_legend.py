"""Pieces both charts share: the flowing legend, the party key and the UI words."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kloof.domain.model import Case, Party, Severity
from kloof.domain.results import Analysis, Gap
from kloof.i18n import translator
from kloof.reports.svg import (
    MUTED_COLOUR,
    SEVERITY_FILL,
    SEVERITY_STROKE,
    PartyStyle,
    escape,
    marker,
    num,
    text_width,
    view_tick,
    wrap,
)

# -- legends ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One key of a legend: a symbol ``symbol_width`` wide, then its label.

    ``symbol(x, cy)`` draws the symbol from ``x`` with its middle at height ``cy``.
    """

    symbol: Callable[[float, float], str]
    symbol_width: float
    label: str


LEGEND_SIZE = 12.0


def legend_flow(
    items: Iterable[LegendItem],
    x: float,
    y: float,
    width: float,
    *,
    lead: str = "",
    line_height: float = 20.0,
) -> tuple[list[str], float]:
    """Legend keys laid out left to right, wrapping onto new lines within ``width``.

    ``y`` is the top of the first line; returns the SVG parts and the y below the
    last line. ``lead`` is an optional bold caption before the first key.
    """
    parts = ['<g class="legend">']
    cursor = x
    cy = y + line_height / 2
    baseline_shift = LEGEND_SIZE * 0.35
    if lead:
        lead_line = wrap(lead, width, LEGEND_SIZE, max_lines=1, bold=True)[0]
        parts.append(
            f'<text x="{num(cursor)}" y="{num(cy + baseline_shift)}" font-size="12" '
            f'font-weight="bold">{escape(lead_line)}</text>'
        )
        cursor += text_width(lead_line, LEGEND_SIZE, bold=True) + 10
    for item in items:
        room = width - item.symbol_width - 6
        label = wrap(item.label, room, LEGEND_SIZE, max_lines=1)[0] if item.label else ""
        needed = item.symbol_width + 6 + text_width(label, LEGEND_SIZE)
        if cursor > x and cursor + needed > x + width:
            cursor = x
            cy += line_height
        parts.append(item.symbol(cursor, cy))
        parts.append(
            f'<text x="{num(cursor + item.symbol_width + 6)}" y="{num(cy + baseline_shift)}" '
            f'font-size="12">{escape(label)}</text>'
        )
        cursor += needed + 18
    parts.append("</g>")
    return parts, cy + line_height / 2


def party_key(style: PartyStyle) -> Callable[[float, float], str]:
    """The legend symbol of a party: a line sample in its pattern with its marker."""

    def draw(x: float, cy: float) -> str:
        return (
            f'<line x1="{num(x)}" y1="{num(cy)}" x2="{num(x + 30)}" y2="{num(cy)}" '
            f'stroke="{style.colour}" stroke-width="2"{style.dash_attr()}/>'
            + marker(style, x + 15, cy, 10, filled=True, cls="key")
        )

    return draw


# -- legend symbols --------------------------------------------------------------


def point_key(style: PartyStyle, *, filled: bool) -> Callable[[float, float], str]:
    """A filled (position) or hollow (outside view) marker as a legend key."""
    size = 11.0 if filled else 12.0

    def draw(x: float, cy: float) -> str:
        return marker(style, x + 7, cy, size, filled=filled, cls="key")

    return draw


def self_view_key(x: float, cy: float) -> str:
    """The upright bar that marks a self view's median."""
    return view_tick(MUTED_COLOUR, x + 7, cy, 13, cls="key")


def whisker_key(x: float, cy: float) -> str:
    """A neutral whisker: the spread of a view."""
    return (
        f'<path d="M{num(x + 2)} {num(cy)}H{num(x + 28)}M{num(x + 2)} {num(cy - 4)}v8'
        f'M{num(x + 28)} {num(cy - 4)}v8" stroke="{MUTED_COLOUR}" stroke-width="1.5" '
        'fill="none"/>'
    )


def unknown_key(x: float, cy: float) -> str:
    """The "?" that stands for an unknown position."""
    return (
        f'<text x="{num(x + 5)}" y="{num(cy + 4.5)}" text-anchor="middle" font-size="13" '
        f'font-weight="bold" fill="{MUTED_COLOUR}">?</text>'
    )


def swatch_key(severity: Severity | None) -> Callable[[float, float], str]:
    """A small gap band of ``severity``; ``None`` is the 'uncertain' key."""

    def draw(x: float, cy: float) -> str:
        return (
            f'<rect x="{num(x)}" y="{num(cy - 6)}" width="20" height="12" {band_paint(severity)}/>'
        )

    return draw


def band_paint(severity: Severity | None, *, uncertain: bool = False) -> str:
    """Fill and outline of a gap band; ``None`` is the neutral 'uncertain' key."""
    if severity is None:
        return 'fill="#fff" stroke="#333" stroke-width="1.2" stroke-dasharray="3 2"'
    fill = SEVERITY_FILL[severity]
    if uncertain:
        return (
            f'fill="{fill}" fill-opacity="0.55" stroke="#333" stroke-width="1.2" '
            'stroke-dasharray="3 2"'
        )
    return f'fill="{fill}" stroke="{SEVERITY_STROKE[severity]}" stroke-width="1"'


# -- user-interface words ----------------------------------------------------------


@dataclass(frozen=True)
class ChartWords:
    """The UI words of the charts in one language (translated once, then cached)."""

    position_key: str
    outside_key: str
    self_key: str
    spread_key: str
    unknown_key: str
    self_view: str
    outside_view: str
    unknown: str
    uncertain: str
    decided: str
    perception: str
    left_pole: str
    right_pole: str
    severity: Mapping[Severity, str]


@lru_cache(maxsize=8)
def chart_words(language: str) -> ChartWords:
    """The words, under the context "chart" (severities under "severity", shared
    with the reasons catalog), so a short word cannot clash with another area's."""
    translate = translator(language)

    def _(message: str) -> str:
        return translate.pgettext("chart", message)

    def severity(message: str) -> str:
        return translate.pgettext("severity", message)

    return ChartWords(
        position_key=_("position (filled marker)"),
        outside_key=_("outside view (hollow marker)"),
        self_key=_("self view (upright bar)"),
        spread_key=_("spread of a view (interquartile range)"),
        unknown_key=_("position unknown"),
        self_view=_("self view"),
        outside_view=_("outside view"),
        unknown=_("unknown"),
        uncertain=_("uncertain"),
        decided=_("decided"),
        perception=_("perception gap"),
        left_pole=_("left pole"),
        right_pole=_("right pole"),
        severity={
            Severity.ALIGNED: severity("aligned"),
            Severity.NUANCE: severity("nuance"),
            Severity.SIGNIFICANT: severity("significant"),
            Severity.BLOCKING: severity("blocking"),
            Severity.UNKNOWN: severity("unknown"),
        },
    )


def severity_label(words: ChartWords, gap: Gap) -> str:
    """The decided severity in words, e.g. 'blocking, uncertain (decided)'."""
    label = words.severity[gap.decided_severity]
    if gap.uncertain and gap.decided_severity is not Severity.UNKNOWN:
        label = f"{label}, {words.uncertain}"
    if gap.overridden:
        label = f"{label} ({words.decided})"
    return label


def perception_label(
    words: ChartWords, analysis: Analysis, factor: str, pair: tuple[str, str] | None
) -> str:
    """'perception gap: blocking' for the worst significant-or-worse perception gap
    on ``factor`` between the pair (either way); empty when there is none."""
    if pair is None:
        return ""
    found = [
        spot.decided_severity
        for spot in analysis.blind_spots_of(factor)
        if spot.between(pair) and spot.decided_severity.at_least(Severity.SIGNIFICANT)
    ]
    if not found:
        return ""
    worst = min(found, key=lambda severity: severity.rank)
    return f"{words.perception}: {words.severity[worst]}"


# -- which parties --------------------------------------------------------------------


def drawn_parties(case: Case, chosen: Sequence[str] | None) -> tuple[Party, ...]:
    """The parties to draw: ``chosen`` ids in their order (duplicates dropped), or
    all parties in case order. Raises ValueError naming an id the case lacks."""
    if chosen is None:
        return case.parties
    by_id = {party.id: party for party in case.parties}
    drawn: list[Party] = []
    for party_id in chosen:
        party = by_id.get(party_id)
        if party is None:
            raise ValueError(f"the case has no party {party_id!r}; choose from: {', '.join(by_id)}")
        if party not in drawn:
            drawn.append(party)
    if not drawn:
        raise ValueError(f"no party to draw; choose at least one of: {', '.join(by_id)}")
    return tuple(drawn)
