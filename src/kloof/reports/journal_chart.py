"""A small SVG of the spotting journal: one bar per month, its blocking part
darker. Decorative beside the table of counts, which is its text alternative;
the SVG still names itself and each bar (``<title>``) for a screen reader.
Numbers in the SVG with a decimal point (a machine format)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from kloof.domain.journal import MonthCounts

BAR = 22
GAP = 6
HEIGHT = 120
TOP = 10
LABEL = 34


def journal_svg(
    months: Sequence[MonthCounts], title: str, bar_title: Callable[[MonthCounts], str]
) -> str:
    """The chart, or an empty text without months."""
    if not months:
        return ""
    peak = max(max(month.total for month in months), 1)
    width = len(months) * (BAR + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="journal-chart" role="img" '
        f'viewBox="0 0 {width} {HEIGHT + TOP + LABEL}" width="{width}" '
        f'height="{HEIGHT + TOP + LABEL}" aria-labelledby="journal-chart-title">',
        f'<title id="journal-chart-title">{escape(title)}</title>',
    ]
    for index, month in enumerate(months):
        x = GAP + index * (BAR + GAP)
        total = HEIGHT * month.total / peak
        blocking = HEIGHT * month.blocking / peak
        base = TOP + HEIGHT
        parts.append(f"<g><title>{escape(bar_title(month))}</title>")
        parts.append(
            f'<rect x="{x}" y="{base - total:.1f}" width="{BAR}" height="{total:.1f}" '
            'fill="#8fb3d9"/>'
        )
        parts.append(
            f'<rect x="{x}" y="{base - blocking:.1f}" width="{BAR}" height="{blocking:.1f}" '
            'fill="#9c2f2f"/>'
        )
        parts.append(
            f'<text x="{x + BAR / 2:.1f}" y="{base + 14}" font-size="10" '
            f'text-anchor="middle">{escape(month.month[5:])}</text>'
        )
        if index == 0 or month.month.endswith("-01"):
            parts.append(
                f'<text x="{x + BAR / 2:.1f}" y="{base + 28}" font-size="10" '
                f'text-anchor="middle">{escape(month.month[:4])}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
