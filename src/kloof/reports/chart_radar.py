"""The radar chart: one spoke per factor, each party a closed line around them.

The left pole lies near the centre, the right pole on the outer ring. An unknown
position leaves the party's line broken at that spoke (never drawn as the left
pole) and shows a "?" in the party's colour just outside the spoke's end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kloof.domain.model import Party, Scale
from kloof.domain.results import Analysis
from kloof.i18n import translator
from kloof.reports.chart_legend import (
    LegendItem,
    chart_words,
    drawn_parties,
    legend_flow,
    party_key,
    unknown_key,
)
from kloof.reports.svg import (
    GRID_COLOUR,
    MUTED_COLOUR,
    PartyStyle,
    document,
    escape,
    human_number,
    marker,
    num,
    party_style,
    scale_ticks,
    text_lines,
    wrap,
)

WIDTH = 760.0
PAD = 20.0
RADIUS = 200.0
INNER = 0.08 * RADIUS  # the left pole: a small circle, so low scores stay visible
LABEL_GAP = 30.0  # between the outer ring and a spoke's label; the "?" sit inside it
LABEL_W = 130.0
LABEL_SIZE = 12.5
LABEL_LINE = 15.0
MARKER = 10.0


@dataclass(frozen=True, slots=True)
class _Spokes:
    """The geometry: centre and the unit direction of every spoke."""

    cx: float
    cy: float
    directions: tuple[tuple[float, float], ...]

    def point(self, spoke: int, radius: float) -> tuple[float, float]:
        dx, dy = self.directions[spoke]
        return self.cx + dx * radius, self.cy + dy * radius


def _radius(value: float) -> float:
    return INNER + value * (RADIUS - INNER)


def radar_chart(analysis: Analysis, language: str, *, parties: Sequence[str] | None = None) -> str:
    """The radar chart of ``analysis`` as a self-contained SVG document."""
    drawn = drawn_parties(analysis.case, parties)
    styles = tuple(party_style(index) for index in range(len(drawn)))
    title = translator(language).gettext("{title}: radar chart").format(title=analysis.case.title)
    body: list[str] = []
    lines = wrap(title, WIDTH - 2 * PAD, 17.0, max_lines=2, bold=True)
    body.append(
        text_lines(
            lines,
            PAD,
            PAD + 15,
            line_height=21,
            attrs=' class="chart-title" font-size="17" font-weight="bold"',
        )
    )
    y = _legend(body, language, drawn, styles, PAD + 21 * len(lines) + 6)
    count = len(analysis.factors)
    top_label = _label_lines(analysis, language, 0) if count else ()
    cy = y + 14 + len(top_label) * LABEL_LINE + LABEL_GAP + RADIUS
    spokes = _Spokes(
        WIDTH / 2,
        cy,
        tuple(
            (math.sin(2 * math.pi * i / count), -math.cos(2 * math.pi * i / count))
            for i in range(count)
        ),
    )
    _grid(body, spokes, analysis.case.scale)
    bottom = _labels(body, analysis, language, spokes)
    for party, style in zip(drawn, styles, strict=True):
        lane = drawn.index(party) - (len(drawn) - 1) / 2
        _series(body, analysis, language, party, style, spokes, lane)
    return document(
        WIDTH,
        max(bottom, cy + RADIUS + LABEL_GAP) + PAD,
        title=title,
        desc=_description(analysis, language, drawn),
        language=language,
        body=body,
    )


def _legend(
    body: list[str],
    language: str,
    drawn: tuple[Party, ...],
    styles: tuple[PartyStyle, ...],
    y: float,
) -> float:
    items = [
        LegendItem(party_key(style), 30, party.name)
        for party, style in zip(drawn, styles, strict=True)
    ]
    items.append(LegendItem(unknown_key, 10, chart_words(language).unknown_key))
    parts, y = legend_flow(items, PAD, y, WIDTH - 2 * PAD)
    body.extend(parts)
    return y


def _grid(body: list[str], spokes: _Spokes, scale: Scale) -> None:
    """Rings at the scale's ticks (labelled along the first spoke) and the spokes."""
    count = len(spokes.directions)
    parts = [f'<g class="grid" fill="none" stroke="{GRID_COLOUR}" stroke-width="1">']
    labels = [f'<g class="scale-labels" font-size="10.5" fill="{MUTED_COLOUR}">']
    for tick in scale_ticks(scale.low, scale.high):
        radius = _radius(scale.normalise(tick))
        if count >= 3:
            ring = " ".join(
                f"{num(x)},{num(y)}" for x, y in (spokes.point(i, radius) for i in range(count))
            )
            parts.append(f'<polygon class="ring" points="{ring}"/>')
        else:
            parts.append(
                f'<circle class="ring" cx="{num(spokes.cx)}" cy="{num(spokes.cy)}" '
                f'r="{num(radius)}"/>'
            )
        labels.append(
            f'<text x="{num(spokes.cx + 4)}" y="{num(spokes.cy - radius - 3)}">'
            f"{num(tick, 2)}</text>"
        )
    spoke_path = "".join(
        f"M{num(spokes.cx)} {num(spokes.cy)}L{num(x)} {num(y)}"
        for x, y in (spokes.point(i, RADIUS) for i in range(count))
    )
    parts.append(f'<path class="spoke" d="{spoke_path}" stroke="#b9c1ca"/>')
    parts.append("</g>")
    labels.append("</g>")
    body.extend(parts)
    body.extend(labels)


def _label_lines(analysis: Analysis, language: str, spoke: int) -> tuple[str, ...]:
    name = analysis.factors[spoke].factor.name.get(language)
    return wrap(name, LABEL_W, LABEL_SIZE, max_lines=3, bold=True)


def _labels(body: list[str], analysis: Analysis, language: str, spokes: _Spokes) -> float:
    """Factor names around the rings; returns the lowest y any label reaches."""
    lowest = 0.0
    body.append('<g class="spoke-labels" font-size="12.5" font-weight="bold">')
    for spoke, (dx, dy) in enumerate(spokes.directions):
        lines = _label_lines(analysis, language, spoke)
        x, y = spokes.point(spoke, RADIUS + LABEL_GAP)
        anchor = "middle" if abs(dx) < 0.2 else "start" if dx > 0 else "end"
        height = len(lines) * LABEL_LINE
        if dy < -0.2:  # above the centre: the block ends at the point
            top = y - height
        elif dy > 0.2:  # below: the block starts there
            top = y
        else:
            top = y - height / 2
        body.append(
            text_lines(lines, x, top + LABEL_LINE * 0.75, line_height=LABEL_LINE, anchor=anchor)
        )
        lowest = max(lowest, top + height)
    body.append("</g>")
    return lowest


def _series(
    body: list[str],
    analysis: Analysis,
    language: str,
    party: Party,
    style: PartyStyle,
    spokes: _Spokes,
    lane: float,
) -> None:
    """One party: its closed line, or the unbroken runs of it, markers and "?"."""
    values = [result.positions.get(party.id) for result in analysis.factors]
    known = [p.value if p is not None else None for p in values]
    points = [
        spokes.point(spoke, _radius(value)) if value is not None else None
        for spoke, value in enumerate(known)
    ]
    stroke = f'stroke="{style.colour}" stroke-width="2"{style.dash_attr()}'
    body.append(f'<g class="series" data-party="{escape(party.id)}">')
    if not points:
        pass
    elif all(point is not None for point in points):
        coords = " ".join(f"{num(p[0])},{num(p[1])}" for p in points if p is not None)
        body.append(
            f'<polygon class="line closed" points="{coords}" fill="{style.colour}" '
            f'fill-opacity="0.08" {stroke}/>'
        )
    else:
        for run in _runs(points):
            coords = " ".join(f"{num(p[0])},{num(p[1])}" for p in run)
            body.append(f'<polyline class="line broken" points="{coords}" fill="none" {stroke}/>')
    words = chart_words(language)
    scale = analysis.case.scale
    for spoke, point in enumerate(points):
        name = analysis.factors[spoke].factor.name.get(language)
        value = known[spoke]
        if point is None or value is None:
            _unknown_mark(
                body, spokes, spoke, style, lane, f"{party.name}, {name}: {words.unknown}"
            )
            continue
        tip = f"{party.name}, {name}: {human_number(scale.to_score(value), language)}"
        body.append(
            marker(style, point[0], point[1], MARKER, filled=True, cls="marker position", tip=tip)
        )
    body.append("</g>")


def _runs(
    points: list[tuple[float, float] | None],
) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of a line with gaps, wrapping round the last spoke.

    Starts just after an unknown spoke, so a stretch across the first spoke stays
    one piece.
    """
    count = len(points)
    start = next(i for i, point in enumerate(points) if point is None)
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for step in range(1, count + 1):
        point = points[(start + step) % count]
        if point is None:
            if len(current) >= 2:
                runs.append(current)
            current = []
        else:
            current.append(point)
    return runs


def _unknown_mark(
    body: list[str], spokes: _Spokes, spoke: int, style: PartyStyle, lane: float, tip: str
) -> None:
    """A "?" beyond the spoke's end; parties side by side across the spoke."""
    x, y = spokes.point(spoke, RADIUS + 12)
    dx, dy = spokes.directions[spoke]
    shift = lane * 11  # across the spoke, so two parties' marks do not overlap
    x, y = x - dy * shift, y + dx * shift
    body.append(
        f'<text class="marker unknown" x="{num(x)}" y="{num(y + 4.5)}" text-anchor="middle" '
        f'font-size="13" font-weight="bold" fill="{style.colour}">?'
        f"<title>{escape(tip)}</title></text>"
    )


def _description(analysis: Analysis, language: str, drawn: tuple[Party, ...]) -> str:
    gettext = translator(language).gettext
    scale = analysis.case.scale
    words = chart_words(language)
    sentences = [
        gettext(
            "Radar chart: one spoke per factor, from {low} (left pole) at the centre to "
            "{high} (right pole) on the outer ring."
        ).format(low=human_number(scale.low, language), high=human_number(scale.high, language))
    ]
    for party in drawn:
        stands = []
        for result in analysis.factors:
            position = result.positions.get(party.id)
            score = position.score if position is not None else None
            value = words.unknown if score is None else human_number(score, language)
            stands.append(f"{result.factor.name.get(language)} {value}")
        sentences.append(f"{party.name}: {'; '.join(stands)}.")
    return " ".join(sentences)
