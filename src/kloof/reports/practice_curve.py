"""The learning curve of practice: per attempt (oldest left) the score 0-100
and the recall of blocking differences (0-1, drawn as 0-100), as an SVG with
a title and a description; the page shows the same numbers in a table.

Numbers in the SVG with a decimal point (a machine format). The two lines
differ in colour *and* in dash and marker shape, so colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640.0
HEIGHT = 260.0
LEFT = 44.0
RIGHT = 16.0
TOP = 16.0
BOTTOM = 56.0
SCORE_COLOUR = "#0b5cad"
RECALL_COLOUR = "#9c4a00"


@dataclass(frozen=True)
class CurveWords:
    title: str
    desc: str
    score: str
    recall: str
    attempt: str


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - max(0.0, min(100.0, value)) / 100)


def learning_curve(scores: Sequence[float], recalls: Sequence[float], words: CurveWords) -> str:
    """The chart; empty text without attempts. ``recalls`` 0-1."""
    count = len(scores)
    if not count:
        return ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="learning-curve" role="img" '
        f'width="{WIDTH:.0f}" height="{HEIGHT:.0f}" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}">',
        f"<title>{escape(words.title)}</title><desc>{escape(words.desc)}</desc>",
        f'<rect width="{WIDTH:.0f}" height="{HEIGHT:.0f}" fill="#fff"/>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dde2e6"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{tick}</text>'
        )
    for index in range(count):
        parts.append(
            f'<text x="{_x(index, count):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
            f'text-anchor="middle">{index + 1}</text>'
        )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - BOTTOM + 32}" font-size="11" '
        f'text-anchor="middle">{escape(words.attempt)}</text>'
    )
    # Recall first, its squares larger: where both lie on one point, both show.
    parts.append(_line([recall * 100 for recall in recalls], RECALL_COLOUR, "6 4", "square"))
    parts.append(_line(list(scores), SCORE_COLOUR, "", "circle"))
    parts.append(_legend(words))
    parts.append("</svg>")
    return "".join(parts)


def _line(values: list[float], colour: str, dash: str, marker: str) -> str:
    count = len(values)
    points = " ".join(f"{_x(i, count):.1f},{_y(v):.1f}" for i, v in enumerate(values))
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>']
    for index, value in enumerate(values):
        x, y = _x(index, count), _y(value)
        if marker == "circle":
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
        else:
            out.append(
                f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="{colour}"/>'
            )
    return "".join(out)


def _legend(words: CurveWords) -> str:
    y = HEIGHT - 10
    return (
        f'<circle cx="{LEFT + 6}" cy="{y - 4}" r="4" fill="{SCORE_COLOUR}"/>'
        f'<text x="{LEFT + 16}" y="{y}" font-size="12">{escape(words.score)}</text>'
        f'<rect x="{LEFT + 200}" y="{y - 8}" width="8" height="8" fill="{RECALL_COLOUR}"/>'
        f'<text x="{LEFT + 214}" y="{y}" font-size="12">{escape(words.recall)}</text>'
    )
