"""Small helpers shared by the hand-written SVG charts.

Escaping, machine numbers (always a decimal point), an estimate of text width
for wrapping, the colour-blind safe palette, marker shapes and the document
wrapper. Everything returns strings; the charts join them once at the end, which
keeps a chart well under a millisecond (an XML library would be 20-50x slower).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kloof.domain.model import Severity

#: Generic fonts only: the SVG must not load anything from outside.
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

TEXT_COLOUR = "#1f2328"
MUTED_COLOUR = "#57606a"
GRID_COLOUR = "#d0d7de"

# -- escaping ------------------------------------------------------------------

# Characters XML 1.0 forbids even when escaped: user text containing them (a
# pasted name with a control code) would make the whole SVG unreadable.
_FORBIDDEN: dict[int, str | None] = {c: None for c in range(32) if c not in (9, 10, 13)}
_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPES: dict[int, str | None] = {
    **{ord(char): entity for char, entity in _MARKUP.items()},
    **_FORBIDDEN,
}


@lru_cache(maxsize=4096)
def escape(text: str) -> str:
    """``text`` safe inside an element and inside a double-quoted attribute."""
    return text.translate(_ESCAPES)


# -- numbers -------------------------------------------------------------------


def num(value: float, digits: int = 1) -> str:
    """A machine number with a decimal point, whatever the language: ``12.5``.

    Rounded to ``digits`` (1 or more) and without trailing zeros, so coordinates
    stay short and the same input always gives the same bytes. This is the hot
    spot of every chart: ``%`` formatting is three times faster than ``round``.
    """
    text = ("%.*f" % (digits, value)).rstrip("0").rstrip(".")  # noqa: UP031
    return "0" if text == "-0" else text


def human_number(value: float, language: str, digits: int = 1) -> str:
    """A number for people inside the SVG's text alternative (``2,5`` in Dutch).

    Same output as ``kloof.i18n.format_number`` for the two product languages
    (checked by a test), but without Babel's cost, which alone would be several
    times the whole chart's time budget.
    """
    text = num(value, digits)
    return text.replace(".", ",") if language == "nl" else text


# -- text width and wrapping ---------------------------------------------------

# Advance widths in em, close to DejaVu Sans (the widest common fallback font) so
# an estimate errs towards too wide: a wrapped label then never overflows.
_NARROW = dict.fromkeys("iljI.,:;'!|`", 0.32)
_SEMI = dict.fromkeys('ftr()[]{} -/"', 0.40)
_WIDE = dict.fromkeys("mwMW@%", 0.98)
_CHAR_EM: dict[str, float] = {**_NARROW, **_SEMI, **_WIDE}
_UPPER_EM = 0.72
_LOWER_EM = 0.62
_OTHER_EM = 0.66
BOLD_FACTOR = 1.1


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width in px of ``text`` at font size ``size``."""
    total = 0.0
    for char in text:
        em = _CHAR_EM.get(char)
        if em is None:
            em = _UPPER_EM if char.isupper() else _LOWER_EM if char.islower() else _OTHER_EM
        total += em
    return total * size * (BOLD_FACTOR if bold else 1.0)


@lru_cache(maxsize=2048)
def wrap(
    text: str, width: float, size: float, *, max_lines: int = 3, bold: bool = False
) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` px, at most ``max_lines``.

    Breaks at spaces; a word longer than a line is cut. When the text needs more
    lines the last one ends in an ellipsis: a label is never drawn outside its box.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size, bold=bold) > width:
            cut = _fitting_prefix(current, width, size, bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1], width, size, bold)
    return tuple(lines)


def _fitting_prefix(word: str, width: float, size: float, bold: bool) -> int:
    cut = len(word)
    while cut > 1 and text_width(word[:cut], size, bold=bold) > width:
        cut -= 1
    return cut


def _with_ellipsis(line: str, width: float, size: float, bold: bool) -> str:
    while line and text_width(line + "…", size, bold=bold) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def text_lines(
    lines: Iterable[str],
    x: float,
    y: float,
    *,
    line_height: float,
    anchor: str = "start",
    attrs: str = "",
) -> str:
    """One ``<text>`` with a ``<tspan>`` per line; ``y`` is the first baseline."""
    x_text = num(x)
    spans = []
    for index, line in enumerate(lines):
        dy = "" if index == 0 else f' dy="{num(line_height)}"'
        spans.append(f'<tspan x="{x_text}"{dy}>{escape(line)}</tspan>')
    return f'<text x="{x_text}" y="{num(y)}" text-anchor="{anchor}"{attrs}>{"".join(spans)}</text>'


# -- palette, dashes and marker shapes -----------------------------------------

#: Okabe & Ito (2008), safe for the common colour-vision deficiencies. Yellow is
#: left out: it cannot be read on white.
PARTY_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Line patterns so parties also differ in greyscale and for full colour blindness.
PARTY_DASHES = ("", "7 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 2 2 2 2 2")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "hexagon")


@dataclass(frozen=True, slots=True)
class PartyStyle:
    """How one party is drawn: a colour, a marker shape and a dash pattern."""

    colour: str
    shape: str
    dash: str

    def dash_attr(self) -> str:
        return f' stroke-dasharray="{self.dash}"' if self.dash else ""


def party_style(index: int) -> PartyStyle:
    """The style of the ``index``-th drawn party. Colours and shapes cycle with
    different periods, so the first 42 parties all differ."""
    return PartyStyle(
        colour=PARTY_COLOURS[index % len(PARTY_COLOURS)],
        shape=SHAPES[index % len(SHAPES)],
        dash=PARTY_DASHES[index % len(PARTY_DASHES)],
    )


#: A sequential scale (ColorBrewer YlOrRd): darker is worse, also in greyscale.
SEVERITY_FILL = {
    Severity.ALIGNED: "#ffffcc",
    Severity.NUANCE: "#fecc5c",
    Severity.SIGNIFICANT: "#fd8d3c",
    Severity.BLOCKING: "#bd0026",
}
SEVERITY_STROKE = {
    Severity.ALIGNED: "#b8b87a",
    Severity.NUANCE: "#c99a2e",
    Severity.SIGNIFICANT: "#c8581a",
    Severity.BLOCKING: "#7a0018",
}
KNOWN_SEVERITIES = (Severity.ALIGNED, Severity.NUANCE, Severity.SIGNIFICANT, Severity.BLOCKING)


def marker(
    style: PartyStyle, x: float, y: float, size: float, *, filled: bool, cls: str, tip: str = ""
) -> str:
    """A party marker centred on (x, y); ``size`` is about its width in px.

    Filled markers get a white outline so they stand out on a severity band;
    hollow ones are a coloured outline only.
    """
    if filled:
        paint = f'fill="{style.colour}" stroke="#fff" stroke-width="1"'
    else:
        # No fill: on a filled marker at the same spot a hollow one shows as a ring.
        paint = f'fill="none" stroke="{style.colour}" stroke-width="1.6"'
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return f'<{_shape(style.shape, x, y, size)} class="{cls}" {paint}>{title}</{_tag(style.shape)}>'


VIEW_TICK_WIDTH = 4.0


def view_tick(colour: str, x: float, y: float, height: float, *, cls: str, tip: str = "") -> str:
    """A short thick upright bar centred on (x, y): a self view's median.

    A bar, not a party shape, so it cannot be mistaken for the filled position
    or the hollow outside view drawn in the same lane; its white outline keeps
    it visible on a severity band.
    """
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect class="{cls}" x="{num(x - VIEW_TICK_WIDTH / 2)}" y="{num(y - height / 2)}" '
        f'width="{num(VIEW_TICK_WIDTH)}" height="{num(height)}" fill="{colour}" '
        f'stroke="#fff" stroke-width="0.8">{title}</rect>'
    )


def _tag(shape: str) -> str:
    return {"circle": "circle", "square": "rect"}.get(shape, "polygon")


def _shape(shape: str, x: float, y: float, size: float) -> str:
    half = size / 2
    if shape == "circle":
        return f'circle cx="{num(x)}" cy="{num(y)}" r="{num(half * 0.95)}"'
    if shape == "square":
        side = size * 0.85
        return (
            f'rect x="{num(x - side / 2)}" y="{num(y - side / 2)}" '
            f'width="{num(side)}" height="{num(side)}"'
        )
    return f'polygon points="{_polygon_points(shape, x, y, half)}"'


def _polygon_points(shape: str, x: float, y: float, half: float) -> str:
    h = half * 1.1
    points: tuple[tuple[float, float], ...]
    if shape == "triangle":
        points = ((x, y - h), (x + h, y + h * 0.8), (x - h, y + h * 0.8))
    elif shape == "triangle-down":
        points = ((x, y + h), (x + h, y - h * 0.8), (x - h, y - h * 0.8))
    elif shape == "diamond":
        points = ((x, y - h), (x + h, y), (x, y + h), (x - h, y))
    else:  # hexagon
        w = h * 0.87
        points = (
            (x - w, y - h / 2),
            (x, y - h),
            (x + w, y - h / 2),
            (x + w, y + h / 2),
            (x, y + h),
            (x - w, y + h / 2),
        )
    return " ".join(f"{num(px)},{num(py)}" for px, py in points)


# -- the document ----------------------------------------------------------------


def document(
    width: float, height: float, *, title: str, desc: str, language: str, body: list[str]
) -> str:
    """A self-contained SVG 1.1 image with an accessible name and description.

    No ``<style>`` element: inline in an HTML page its rules would leak into the
    page. Classes are hooks for tests and for a page's own CSS.
    """
    w, h = num(width), num(height)
    return "".join(
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" role="img" xml:lang="{escape(language)}" '
            f'font-family="{FONT_FAMILY}" fill="{TEXT_COLOUR}">',
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
            f'<rect class="background" width="{w}" height="{h}" fill="#fff"/>',
            *body,
            "</svg>\n",
        )
    )


# -- scale ticks -----------------------------------------------------------------

_NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def scale_ticks(low: float, high: float, *, most: int = 11) -> tuple[float, ...]:
    """Tick values for a scale: every point of a small integer scale (1..7),
    otherwise round steps with at most ``most`` ticks, always including both ends."""
    span = high - low
    if span <= 0:
        return (low,)
    step = _nice_step(span / (most - 1))
    if float(low).is_integer() and float(span).is_integer() and 2 <= span <= most - 1:
        step = 1.0
    first = -(-low // step) * step  # ceil to a multiple of step
    ticks = [low] if first - low > step * 1e-9 else []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 9) + 0.0)  # + 0.0 turns -0.0 into 0.0
        value += step
    if high - ticks[-1] > step * 1e-9:
        ticks.append(high)
    return tuple(ticks)


def _nice_step(raw: float) -> float:
    magnitude = 1.0
    while magnitude * 10 <= raw:
        magnitude *= 10
    while magnitude > raw:
        magnitude /= 10
    for nice in _NICE_STEPS:
        if nice * magnitude >= raw:
            return nice * magnitude
    return 10 * magnitude
