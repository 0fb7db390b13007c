"""A chart SVG made fit for paper: its shapes stay SVG, its words become HTML text.

WeasyPrint lays out SVG text one letter at a time (a Pango layout per letter):
the profile chart's thousand-odd letters took about 200 ms of a 1.1 s report.
HTML text is laid out a line at a time. So on paper the chart's shapes stay one
vector SVG, and each ``<text>`` (or ``<tspan>`` line) becomes a span placed
absolutely over it, at the same spot, size, weight and colour, in the paper's one
type family. Everything stays vector; the words become real, searchable text.

The charts are kloof's own hand-written SVG (see :mod:`kloof.reports.svg`): no
transforms, text placed by ``x``/``y``/``dy`` and ``text-anchor``, presentation
attributes inherited from ``<g>``. That is all this reads.
"""

from __future__ import annotations

import re
from base64 import b64encode
from html import escape, unescape
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring

from kloof.reports.svg import FONT_FAMILY

#: The paper's one type family (as in ``templates/report-pdf.css``), for the
#: chart's short labels that stay SVG text.
PAPER_FONT_FAMILY = "'Liberation Sans', 'DejaVu Sans', sans-serif"

_SVG = "{http://www.w3.org/2000/svg}"
#: Inherited presentation attributes that the spans carry over.
_INHERITED = ("font-size", "font-weight", "font-style", "fill", "text-anchor")
#: Liberation Sans, the paper's type family: ascent and descent in em.
_ASCENT, _DESCENT = 0.905, 0.212
#: The chart's width on paper: 68% of A4's text width (210 mm less 2 x 15 mm).
PAPER_WIDTH_MM = 122.4
_WORDS = re.compile(r"<text\b.*?</text>|<title>.*?</title>|<desc>.*?</desc>", re.S)
_TAG = re.compile(r"<[^>]+>")
#: Labels this short (axis digits, a "?") stay SVG text: a letter or two cost
#: less there than an absolutely placed box does.
SHORT = 2


def paper_chart(chart_svg: str, width_mm: float = PAPER_WIDTH_MM) -> str:
    """The chart as HTML for paper: a vector SVG of its shapes, its words over it."""
    root = fromstring(chart_svg)
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    scale = width_mm / width
    height_mm = height * scale
    labels: list[str] = []
    top = {"font-size": "16", "fill": "#000", "text-anchor": "start", "width": str(width)}
    _collect(root, top, scale, labels)
    shapes = _WORDS.sub(_keep_short, chart_svg).replace(
        f'font-family="{FONT_FAMILY}"', f'font-family="{PAPER_FONT_FAMILY}"'
    )
    # As an image, the shapes stay out of the HTML cascade: WeasyPrint styles
    # every element of an inline SVG with the whole stylesheet.
    source = "data:image/svg+xml;base64," + b64encode(shapes.encode("utf-8")).decode("ascii")
    return (
        f'<div class="paper-chart" style="width:{width_mm:.2f}mm;height:{height_mm:.2f}mm">'
        f'<img src="{source}" alt="">{"".join(labels)}</div>'
    )


def _keep_short(match: re.Match[str]) -> str:
    """A short ``<text>`` element as it is; anything else of ``_WORDS`` removed."""
    element = match.group(0)
    if element.startswith("<text") and len(unescape(_TAG.sub("", element))) <= SHORT:
        return element
    return ""


def _collect(node: ElementTree.Element, inherited: dict[str, str], scale: float, out: list[str]):
    attrs = {**inherited, **{k: v for k, v in node.attrib.items() if k in _INHERITED}}
    if node.tag == f"{_SVG}text":
        if len("".join(node.itertext())) > SHORT:
            _text_labels(node, attrs, scale, out)
        return
    for child in node:
        _collect(child, attrs, scale, out)


def _text_labels(node: ElementTree.Element, attrs: dict[str, str], scale: float, out: list[str]):
    """The text element's words: one span, of several lines when its ``<tspan>``
    lines share their ``x`` and step down evenly; else a span per piece."""
    x, y = float(node.get("x", "0")), float(node.get("y", "0"))
    tspans = list(node.iter(f"{_SVG}tspan"))
    steps = {tspan.get("dy") for tspan in tspans[1:]}
    if (
        len(tspans) > 1
        and not (node.text or "").strip()
        and len({tspan.get("x") for tspan in tspans}) == 1
        and tspans[0].get("dy") is None
        and len(steps) == 1
        and all(set(tspan.attrib) <= {"x", "dy"} for tspan in tspans)
    ):
        x = float(tspans[0].get("x", x))
        lines = [tspan.text or "" for tspan in tspans]
        out.append(_span(lines, x, y, attrs, scale, step=float(steps.pop() or "0")))
        return
    if node.text and node.text.strip():
        out.append(_span([node.text], x, y, attrs, scale))
    for tspan in tspans:
        x = float(tspan.get("x", x))
        y = float(tspan.get("y", y)) + float(tspan.get("dy", "0"))
        if tspan.text:
            span_attrs = {**attrs, **{k: v for k, v in tspan.attrib.items() if k in _INHERITED}}
            out.append(_span([tspan.text], x, y, span_attrs, scale))


def _span(
    lines: list[str], x: float, y: float, attrs: dict[str, str], scale: float, step: float = 0
) -> str:
    """An absolutely placed span whose first baseline lies where the SVG put it."""
    width = float(attrs["width"])
    size = float(attrs["font-size"])
    leading = step / size if step else 1.0
    top = (y - _baseline(leading) * size) * scale
    # A set width spares WeasyPrint the shrink-to-fit of each absolute box.
    anchor = attrs["text-anchor"]
    if anchor == "end":
        place = f"left:0;width:{x * scale:.2f}mm;text-align:right"
    elif anchor == "middle":
        place = f"left:{(x - 200) * scale:.2f}mm;width:{400 * scale:.2f}mm;text-align:center"
    else:
        place = f"left:{x * scale:.2f}mm;width:{(width - x) * scale:.2f}mm"
    style = f"{place};top:{top:.2f}mm;font-size:{size * scale:.2f}mm;color:{attrs['fill']}"
    if attrs.get("font-weight") in ("bold", "700"):
        style += ";font-weight:700"
    if attrs.get("font-style") == "italic":
        style += ";font-style:italic"
    if step:
        style += f";line-height:{leading:.3f}"
    text = "<br>".join(escape(line, quote=False) for line in lines)
    return f'<span style="{style}">{text}</span>'


def _baseline(leading: float) -> float:
    """Where the first baseline lies below the top of a span, in em, for a line
    height of ``leading`` em: the half-leading plus the font's ascent."""
    return (leading - _ASCENT - _DESCENT) / 2 + _ASCENT
