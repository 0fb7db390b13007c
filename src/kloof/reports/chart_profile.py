"""The profile chart: one row per factor, the left pole's text on the left, the
right pole's text on the right, and every party's position on the scale between.

Each drawn party gets a lane of its own inside a row, so markers and whiskers of
different parties never hide each other. The gap between the first two drawn
parties (the headline pair) is a band across their two lanes, coloured by the
decided severity and named in words at the row's right end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kloof.domain.model import Party, Scale, Severity
from kloof.domain.results import (
    OUTSIDE_VIEW,
    SELF_VIEW,
    Analysis,
    FactorResult,
    Gap,
    Position,
    ViewStat,
)
from kloof.i18n import translator
from kloof.reports.chart_desc import profile_description
from kloof.reports.chart_legend import (
    ChartWords,
    LegendItem,
    band_paint,
    chart_words,
    drawn_parties,
    legend_flow,
    party_key,
    perception_label,
    point_key,
    self_view_key,
    severity_label,
    swatch_key,
    unknown_key,
    whisker_key,
)
from kloof.reports.svg import (
    GRID_COLOUR,
    KNOWN_SEVERITIES,
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
    text_width,
    view_tick,
    wrap,
)

WIDTH = 920.0
PAD = 20.0
LABEL_W = 190.0  # each pole-label column
AXIS_X0 = PAD + LABEL_W + 14
AXIS_X1 = WIDTH - PAD - LABEL_W - 30  # the right gutter holds the "?" of unknowns
AXIS_W = AXIS_X1 - AXIS_X0
UNKNOWN_X = AXIS_X1 + 11
RIGHT_LABEL_X = AXIS_X1 + 30
LANE_H = 18.0  # one lane per drawn party
HEADER_H = 24.0  # the factor-name line above the lanes
POLE_SIZE = 12.0
POLE_LINE = 14.5
NAME_SIZE = 13.0
SEVERITY_SIZE = 11.0
MARKER = 11.0
HOLLOW = 14.0  # larger than the filled marker, so a coinciding one shows as a ring
SELF_TICK = 15.0  # the self view's bar: a little taller than the hollow marker, within the lane
ROW_PAD = 9.0


@dataclass(frozen=True)
class _Chart:
    """Everything a row needs to draw itself."""

    analysis: Analysis
    language: str
    words: ChartWords
    parties: tuple[Party, ...]
    styles: tuple[PartyStyle, ...]
    views: bool
    tick_xs: tuple[str, ...]  # the x of every scale tick, formatted once

    @property
    def scale(self) -> Scale:
        return self.analysis.case.scale

    @property
    def pair(self) -> tuple[str, str] | None:
        if len(self.parties) < 2:
            return None
        return self.parties[0].id, self.parties[1].id


def profile_chart(
    analysis: Analysis,
    language: str,
    *,
    parties: Sequence[str] | None = None,
    views: bool = True,
) -> str:
    """The profile chart of ``analysis`` as a self-contained SVG document.

    ``parties`` picks the parties to draw (default: all, in case order); the first
    two drawn are the headline pair whose gap is drawn. ``views=False`` leaves out
    the self-view bars, the outside-view markers and the spread whiskers.
    """
    chart = _chart(analysis, language, parties, views)
    title = translator(language).gettext("{title}: profile chart").format(title=analysis.case.title)
    body: list[str] = []
    y = _heading(body, title, PAD)
    y = _legend(body, chart, y + 6)
    y = _tick_labels(body, chart, y + 14, column_heads=True)
    for index, result in enumerate(analysis.factors):
        y = _row(body, chart, result, index, y)
    y = _tick_labels(body, chart, y + 4, column_heads=False)
    return document(
        WIDTH,
        y + PAD - 6,
        title=title,
        desc=profile_description(analysis, language, chart.parties, chart.words),
        language=language,
        body=body,
    )


def factor_row_chart(
    analysis: Analysis,
    language: str,
    factor: str,
    *,
    parties: Sequence[str] | None = None,
    views: bool = False,
) -> str:
    """One factor's row of the profile chart, with its legend and scale, as a
    self-contained SVG document (for the meeting view and the minutes).

    The row is drawn exactly as in :func:`profile_chart`; ``views=True`` adds the
    self-view bars and outside-view markers that show a perception gap. Raises
    KeyError for a factor the analysis does not know.
    """
    result = analysis.factor(factor)
    chart = _chart(analysis, language, parties, views)
    title = (
        translator(language)
        .gettext("{title}: profile chart")
        .format(title=result.factor.name.get(language))
    )
    body: list[str] = []
    y = _legend(body, chart, PAD)
    y = _tick_labels(body, chart, y + 14, column_heads=True)
    y = _row(body, chart, result, 1, y)  # odd: no stripe behind a row on its own
    y = _tick_labels(body, chart, y + 4, column_heads=False)
    single = replace(analysis, factors=(result,))
    return document(
        WIDTH,
        y + PAD - 6,
        title=title,
        desc=profile_description(single, language, chart.parties, chart.words),
        language=language,
        body=body,
    )


def _chart(analysis: Analysis, language: str, parties: Sequence[str] | None, views: bool) -> _Chart:
    drawn = drawn_parties(analysis.case, parties)
    scale = analysis.case.scale
    return _Chart(
        analysis=analysis,
        language=language,
        words=chart_words(language),
        parties=drawn,
        styles=tuple(party_style(index) for index in range(len(drawn))),
        views=views,
        tick_xs=tuple(
            num(_x(scale.normalise(tick))) for tick in scale_ticks(scale.low, scale.high)
        ),
    )


def _x(value: float) -> float:
    """The x of a normalised 0-1 position."""
    return AXIS_X0 + value * AXIS_W


# -- heading, legend and scale -------------------------------------------------------


def _heading(body: list[str], title: str, y: float) -> float:
    lines = wrap(title, WIDTH - 2 * PAD, 17.0, max_lines=2, bold=True)
    body.append(
        text_lines(
            lines,
            PAD,
            y + 15,
            line_height=21,
            attrs=' class="chart-title" font-size="17" font-weight="bold"',
        )
    )
    return y + 21 * len(lines)


def _legend(body: list[str], chart: _Chart, y: float) -> float:
    words = chart.words
    width = WIDTH - 2 * PAD
    party_items = [
        LegendItem(party_key(style), 30, party.name)
        for party, style in zip(chart.parties, chart.styles, strict=True)
    ]
    parts, y = legend_flow(party_items, PAD, y, width)
    body.extend(parts)
    grey = PartyStyle(MUTED_COLOUR, "circle", "")
    keys = [LegendItem(point_key(grey, filled=True), 14, words.position_key)]
    if chart.views:
        keys.append(LegendItem(self_view_key, 14, words.self_key))
        keys.append(LegendItem(point_key(grey, filled=False), 14, words.outside_key))
        keys.append(LegendItem(whisker_key, 30, words.spread_key))
    keys.append(LegendItem(unknown_key, 10, words.unknown_key))
    parts, y = legend_flow(keys, PAD, y, width)
    body.extend(parts)
    if chart.pair is None:
        return y
    names = chart.parties[0].name, chart.parties[1].name
    lead = translator(chart.language).gettext("Gap between {a} and {b}:")
    severities = [
        LegendItem(swatch_key(severity), 20, words.severity[severity])
        for severity in KNOWN_SEVERITIES
    ]
    if _any_uncertain(chart):
        severities.append(LegendItem(swatch_key(None), 20, words.uncertain))
    parts, y = legend_flow(severities, PAD, y, width, lead=lead.format(a=names[0], b=names[1]))
    body.extend(parts)
    return y


def _any_uncertain(chart: _Chart) -> bool:
    """Whether the headline pair has an uncertain gap: only then does the
    legend explain the dashed band."""
    a, b = chart.parties[0].id, chart.parties[1].id
    for result in chart.analysis.factors:
        gap = result.gap(a, b)
        if gap is not None and gap.uncertain:
            return True
    return False


def _tick_labels(body: list[str], chart: _Chart, y: float, *, column_heads: bool) -> float:
    """The scale's values above (and below) the rows; above also the column heads."""
    scale = chart.scale
    baseline = num(y + 4)
    parts = ['<g class="scale-labels" font-size="11" text-anchor="middle" fill="#57606a">']
    for tick in scale_ticks(scale.low, scale.high):
        x = num(_x(scale.normalise(tick)))
        parts.append(f'<text x="{x}" y="{baseline}">{num(tick, 2)}</text>')
    parts.append("</g>")
    if column_heads:
        words = chart.words
        parts.append(
            f'<text x="{num(AXIS_X0 - 14)}" y="{baseline}" text-anchor="end" font-size="11" '
            f'font-style="italic" fill="{MUTED_COLOUR}">{escape(words.left_pole)}</text>'
            f'<text x="{num(RIGHT_LABEL_X)}" y="{baseline}" font-size="11" '
            f'font-style="italic" fill="{MUTED_COLOUR}">{escape(words.right_pole)}</text>'
        )
    body.extend(parts)
    return y + 10


# -- one factor row ----------------------------------------------------------------


def _row(body: list[str], chart: _Chart, result: FactorResult, index: int, top: float) -> float:
    factor = result.factor
    language = chart.language
    left = wrap(factor.left.get(language), LABEL_W, POLE_SIZE)
    right = wrap(factor.right.get(language), LABEL_W, POLE_SIZE)
    lanes_h = len(chart.parties) * LANE_H
    label_h = max(len(left), len(right)) * POLE_LINE
    lanes_top = top + max(HEADER_H, ROW_PAD + label_h / 2 - lanes_h / 2)
    centre = lanes_top + lanes_h / 2
    bottom = max(lanes_top + lanes_h, centre + label_h / 2) + ROW_PAD
    body.append(f'<g class="row" data-factor="{escape(factor.key)}">')
    if index % 2 == 0:
        body.append(
            f'<rect class="row-background" x="{num(PAD / 2)}" y="{num(top)}" '
            f'width="{num(WIDTH - PAD)}" height="{num(bottom - top)}" rx="4" fill="#f3f5f8"/>'
        )
    gap = result.gap(*chart.pair) if chart.pair else None
    _row_header(body, chart, result, gap, lanes_top - 8)
    first_baseline = centre - (max(len(left), 1) - 1) * POLE_LINE / 2 + POLE_SIZE * 0.35
    body.append(
        text_lines(
            left,
            AXIS_X0 - 14,
            first_baseline,
            line_height=POLE_LINE,
            anchor="end",
            attrs=' class="pole left" font-size="12"',
        )
    )
    first_baseline = centre - (max(len(right), 1) - 1) * POLE_LINE / 2 + POLE_SIZE * 0.35
    body.append(
        text_lines(
            right,
            RIGHT_LABEL_X,
            first_baseline,
            line_height=POLE_LINE,
            attrs=' class="pole right" font-size="12"',
        )
    )
    _track(body, chart, lanes_top, lanes_h)
    if gap is not None:
        _gap_band(body, chart, result, gap, lanes_top)
    for lane, (party, style) in enumerate(zip(chart.parties, chart.styles, strict=True)):
        position = result.positions.get(party.id)
        _party_lane(body, chart, party, style, position, lanes_top + LANE_H * (lane + 0.5))
    body.append("</g>")
    return bottom


def _row_header(
    body: list[str], chart: _Chart, result: FactorResult, gap: Gap | None, baseline: float
) -> None:
    """The factor's name at the axis start, the headline gap's severity at its end,
    and left of the axis a perception gap between the pair, which the averaged
    positions hide (that corner of the row is free: the left pole sits lower)."""
    label = severity_label(chart.words, gap) if gap is not None else ""
    seen = perception_label(chart.words, chart.analysis, result.factor.key, chart.pair)
    if seen:
        bold = (
            ' font-weight="bold"' if seen.endswith(chart.words.severity[Severity.BLOCKING]) else ""
        )
        body.append(
            f'<text class="perception-label" x="{num(AXIS_X0 - 14)}" y="{num(baseline)}" '
            f'text-anchor="end" font-size="11"{bold}>{escape(seen)}</text>'
        )
    label_w = text_width(label, SEVERITY_SIZE, bold=True) if label else 0.0
    room = AXIS_W - label_w - (30 if label else 0)
    name = wrap(result.factor.name.get(chart.language), room, NAME_SIZE, max_lines=1, bold=True)
    body.append(
        f'<text class="factor-name" x="{num(AXIS_X0)}" y="{num(baseline)}" font-size="13" '
        f'font-weight="bold">{escape(name[0] if name else "")}</text>'
    )
    if gap is None or not label:
        return
    severity = gap.decided_severity
    weight = ' font-weight="bold"' if severity is Severity.BLOCKING else ""
    body.append(
        f'<text class="severity-label {severity.value}" x="{num(AXIS_X1)}" y="{num(baseline)}" '
        f'text-anchor="end" font-size="11"{weight}>{escape(label)}</text>'
    )
    if severity is not Severity.UNKNOWN:
        x = AXIS_X1 - label_w - 16
        body.append(
            f'<rect x="{num(x)}" y="{num(baseline - 9)}" width="12" height="10" '
            f"{band_paint(severity, uncertain=gap.uncertain)}/>"
        )


def _track(body: list[str], chart: _Chart, top: float, height: float) -> None:
    """The white scale track with a light grid line at every tick."""
    top_text, bottom_text = num(top), num(top + height)
    grid = "".join(f"M{x} {top_text}V{bottom_text}" for x in chart.tick_xs)
    body.append(
        f'<rect class="track" x="{num(AXIS_X0)}" y="{num(top)}" width="{num(AXIS_W)}" '
        f'height="{num(height)}" fill="#fff" stroke="{GRID_COLOUR}"/>'
        f'<path class="grid" d="{grid}" stroke="#e6e9ed" stroke-width="1"/>'
    )


def _gap_band(
    body: list[str], chart: _Chart, result: FactorResult, gap: Gap, lanes_top: float
) -> None:
    """The band between the headline pair's positions, across their two lanes."""
    first, second = (result.positions.get(party.id) for party in chart.parties[:2])
    if first is None or second is None or first.value is None or second.value is None:
        return
    x_a, x_b = _x(first.value), _x(second.value)
    left, width = min(x_a, x_b), max(abs(x_a - x_b), 2.0)
    severity = gap.decided_severity
    classes = f"gap {severity.value}" + (" uncertain" if gap.uncertain else "")
    tip = f"{chart.parties[0].name} – {chart.parties[1].name}: {severity_label(chart.words, gap)}"
    paint = band_paint(severity, uncertain=gap.uncertain)
    body.append(
        f'<rect class="{classes}" x="{num(left)}" y="{num(lanes_top + LANE_H / 2)}" '
        f'width="{num(width)}" height="{num(LANE_H)}" {paint}>'
        f"<title>{escape(tip)}</title></rect>"
    )


def _party_lane(
    body: list[str],
    chart: _Chart,
    party: Party,
    style: PartyStyle,
    position: Position | None,
    cy: float,
) -> None:
    if position is None or position.value is None:
        tip = f"{party.name}: {chart.words.unknown}"
        body.append(
            f'<text class="marker unknown" x="{num(UNKNOWN_X)}" y="{num(cy + 4.5)}" '
            f'text-anchor="middle" font-size="13" font-weight="bold" fill="{style.colour}">?'
            f"<title>{escape(tip)}</title></text>"
        )
        return
    own, outside = position.view(SELF_VIEW), position.view(OUTSIDE_VIEW)
    if chart.views:
        offsets = (-3.5, 3.5) if len(position.views) == 2 else (0.0,)
        for view, offset in zip(position.views, offsets, strict=False):
            _whisker(body, chart.scale, view, style, cy + offset)
        if own is not None and outside is not None:
            _self_tick(body, chart, party, style, own, cy)
    score = human_number(chart.scale.to_score(position.value), chart.language)
    tip = f"{party.name}: {score} (n={position.n})"
    body.append(
        marker(style, _x(position.value), cy, MARKER, filled=True, cls="marker position", tip=tip)
    )
    if chart.views and outside is not None:
        tip = f"{party.name}, {chart.words.outside_view}: " + human_number(
            outside.median, chart.language
        )
        x = _x(chart.scale.normalise(outside.median))
        body.append(marker(style, x, cy, HOLLOW, filled=False, cls="marker outside", tip=tip))


def _self_tick(
    body: list[str], chart: _Chart, party: Party, style: PartyStyle, own: ViewStat, cy: float
) -> None:
    """The bar at the self view's median, drawn only beside an outside view.

    With one view the position is that view's median, so the position marker
    already says it all; with both, bar and hollow marker show the blind spot.
    Drawn before the position marker: where all views agree it stays on top.
    """
    tip = f"{party.name}, {chart.words.self_view}: {human_number(own.median, chart.language)}"
    x = _x(chart.scale.normalise(own.median))
    body.append(view_tick(style.colour, x, cy, SELF_TICK, cls="marker self", tip=tip))


def _whisker(body: list[str], scale: Scale, view: ViewStat, style: PartyStyle, y: float) -> None:
    """The spread of one view: median ± IQR/2, clipped to the axis.

    The analysis gives the IQR's width, not the quartiles themselves, so the
    whisker is centred on the median; for skewed ratings the true quartiles may
    sit off-centre, but the width (how much the raters disagree) is exact.
    """
    median = scale.normalise(view.median)
    low = max(0.0, median - view.iqr / 2)
    high = min(1.0, median + view.iqr / 2)
    if (high - low) * AXIS_W < 1:
        return
    x0, x1 = num(_x(low)), num(_x(high))
    body.append(
        f'<path class="whisker {escape(view.view)}" d="M{x0} {num(y)}H{x1}" '
        f'stroke="{style.colour}" stroke-width="1.5"{style.dash_attr()}/>'
        f'<path d="M{x0} {num(y - 3)}v6M{x1} {num(y - 3)}v6" stroke="{style.colour}" '
        'stroke-width="1.5"/>'
    )
