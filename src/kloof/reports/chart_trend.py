"""The trend chart: small multiples, one panel per factor, across the reviews.

Each panel keeps the profile chart's bipolar orientation: the factor's left
pole on the left, its right pole on the right, the scale in between. The
reviews run top to bottom (earliest first); each party is a line through its
markers, in the party's colour, shape and dash of the profile chart. A last
panel shows toughness (0-100, the marker) and the blocking count (the number)
per review. Coordinates use a decimal point whatever the language; the
``<title>`` and ``<desc>`` say in words what moved since the previous review.
"""

from __future__ import annotations

from kloof.domain.trend import Trend
from kloof.i18n import format_date, translator
from kloof.i18n.trend import factor_label, step_heading, step_sentences
from kloof.reports.svg import (
    GRID_COLOUR,
    MUTED_COLOUR,
    document,
    escape,
    human_number,
    marker,
    num,
    party_style,
    wrap,
)

WIDTH = 960.0
PAD = 20.0
COLUMNS = 2
GUTTER = 24.0
PANEL_W = (WIDTH - 2 * PAD - (COLUMNS - 1) * GUTTER) / COLUMNS
DATE_W = 104.0  # the review-date column inside a panel
ROW_H = 24.0
HEAD_H = 26.0
POLE_H = 34.0
LEGEND_H = 34.0
MARK = 11.0
#: The toughness marker borrows the seventh style (black), unused by a two-party case.
TOUGHNESS_STYLE = 6


def render_trend_chart(trend: Trend, names: dict[str, str], language: str) -> str:
    """The trend chart as SVG text; ``names`` maps party ids to their names."""
    t = translator(language)
    body: list[str] = []
    y = PAD
    body.append(_legend(trend, names, y))
    y += LEGEND_H
    panel_h = HEAD_H + ROW_H * len(trend.reviews) + POLE_H
    panels = [*trend.factors, None]
    for index, item in enumerate(panels):
        column, row = index % COLUMNS, index // COLUMNS
        x0 = PAD + column * (PANEL_W + GUTTER)
        y0 = y + row * (panel_h + GUTTER)
        if item is None:
            body.append(_summary_panel(trend, x0, y0, language))
        else:
            body.append(_factor_panel(trend, item.factor.key, x0, y0, language, names))
    rows = (len(panels) + COLUMNS - 1) // COLUMNS
    height = y + rows * (panel_h + GUTTER) - GUTTER + PAD
    first = format_date(trend.reviews[0].date, language)
    last = format_date(trend.reviews[-1].date, language)
    title = t.gettext("How the positions moved, %(first)s to %(last)s") % {
        "first": first,
        "last": last,
    }
    return document(
        WIDTH,
        height,
        title=title,
        desc=trend_description(trend, names, language),
        language=language,
        body=body,
    )


def trend_description(trend: Trend, names: dict[str, str], language: str) -> str:
    """The chart's text alternative: the parties, then what moved at each review."""
    t = translator(language)
    parts = [
        t.gettext("One panel per factor, the reviews from top to bottom; parties: %(names)s.")
        % {"names": ", ".join(names.get(p, p) for p in trend.parties)}
    ]
    for step in range(1, len(trend.reviews)):
        parts.append(step_heading(trend, step, language) + ": ")
        parts[-1] += " ".join(step_sentences(trend, step, names, language))
    return " ".join(parts)


def _legend(trend: Trend, names: dict[str, str], y: float) -> str:
    out = ['<g class="legend">']
    x = PAD
    for index, party in enumerate(trend.parties):
        style = party_style(index)
        name = names.get(party, party)
        out.append(marker(style, x + 6, y + 10, MARK, filled=True, cls="legend-marker"))
        out.append(
            f'<text x="{num(x + 18)}" y="{num(y + 14)}" font-size="13">{escape(name)}</text>'
        )
        x += 40 + 7.5 * len(name)
    out.append("</g>")
    return "".join(out)


def _frame(
    x0: float, y0: float, heading: str, trend: Trend, language: str, end: float | None = None
) -> list[str]:
    out = [
        f'<text class="panel-title" x="{num(x0)}" y="{num(y0 + 16)}" font-size="14" '
        f'font-weight="bold">{escape(heading)}</text>'
    ]
    for index, review in enumerate(trend.reviews):
        cy = y0 + HEAD_H + ROW_H * index + ROW_H / 2
        out.append(
            f'<text class="review-date" x="{num(x0)}" y="{num(cy + 4)}" font-size="11" '
            f'fill="{MUTED_COLOUR}">{escape(format_date(review.date, language))}</text>'
        )
        out.append(
            f'<line x1="{num(x0 + DATE_W)}" y1="{num(cy)}" x2="{num(end or x0 + PANEL_W)}" '
            f'y2="{num(cy)}" stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    return out


def _factor_panel(
    trend: Trend, key: str, x0: float, y0: float, language: str, names: dict[str, str]
) -> str:
    item = next(f for f in trend.factors if f.factor.key == key)
    scale = trend.scale
    ax0, ax1 = x0 + DATE_W + MARK, x0 + PANEL_W - MARK

    def x_of(score: float) -> float:
        return ax0 + (score - scale.low) / scale.span * (ax1 - ax0)

    out = [f'<g class="factor-panel" data-factor="{escape(key)}">']
    out += _frame(x0, y0, factor_label(trend, key, language), trend, language)
    bottom = y0 + HEAD_H + ROW_H * len(trend.reviews)
    for end, anchor, pole in ((ax0, "start", item.factor.left), (ax1, "end", item.factor.right)):
        lines = wrap(pole.get(language), PANEL_W / 2 - DATE_W / 2 - 8, 11, max_lines=2)
        for number, line in enumerate(lines):
            out.append(
                f'<text class="pole" x="{num(end - (MARK if anchor == "start" else -MARK))}" '
                f'y="{num(bottom + 14 + 13 * number)}" font-size="11" font-style="italic" '
                f'text-anchor="{anchor}" fill="{MUTED_COLOUR}">{escape(line)}</text>'
            )
    for index, party in enumerate(trend.parties):
        style = party_style(index)
        points = [
            (x_of(score), y0 + HEAD_H + ROW_H * step + ROW_H / 2, score)
            for step, score in enumerate(item.scores[party])
            if score is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{num(px)},{num(py)}" for px, py, _ in points)
            out.append(
                f'<polyline class="party-line" points="{path}" fill="none" '
                f'stroke="{style.colour}" stroke-width="2"{style.dash_attr()}/>'
            )
        for px, py, score in points:
            tip = f"{names.get(party, party)}: {human_number(score, language, 2)}"
            out.append(marker(style, px, py, MARK, filled=True, cls="party-marker", tip=tip))
    out.append("</g>")
    return "".join(out)


def _summary_panel(trend: Trend, x0: float, y0: float, language: str) -> str:
    t = translator(language)
    heading = t.gettext("Toughness (0-100) and blocking differences")
    ax0, ax1 = x0 + DATE_W + MARK, x0 + PANEL_W - 110
    out = ['<g class="summary-panel">']
    out += _frame(x0, y0, heading, trend, language, end=ax1 + MARK / 2)
    points = []
    for step, review in enumerate(trend.reviews):
        cy = y0 + HEAD_H + ROW_H * step + ROW_H / 2
        label = t.ngettext("%(num)d blocking", "%(num)d blocking", review.blocking) % {
            "num": review.blocking
        }
        out.append(
            f'<text class="blocking-count" x="{num(x0 + PANEL_W)}" y="{num(cy + 4)}" '
            f'font-size="11" text-anchor="end">{escape(label)}</text>'
        )
        if review.toughness is not None:
            points.append((ax0 + review.toughness / 100 * (ax1 - ax0), cy, review.toughness))
    if len(points) > 1:
        path = " ".join(f"{num(px)},{num(py)}" for px, py, _ in points)
        out.append(
            f'<polyline class="toughness-line" points="{path}" fill="none" '
            f'stroke="{MUTED_COLOUR}" stroke-width="2"/>'
        )
    style = party_style(TOUGHNESS_STYLE)
    for px, py, value in points:
        tip = t.gettext("toughness %(value)s") % {"value": human_number(value, language)}
        out.append(marker(style, px, py, MARK, filled=True, cls="toughness-marker", tip=tip))
    bottom = y0 + HEAD_H + ROW_H * len(trend.reviews)
    for end, anchor, text in ((ax0, "middle", "0"), (ax1, "middle", "100")):
        out.append(
            f'<text class="pole" x="{num(end)}" y="{num(bottom + 14)}" font-size="11" '
            f'text-anchor="{anchor}" fill="{MUTED_COLOUR}">{text}</text>'
        )
    out.append("</g>")
    return "".join(out)
