"""The HTML report: order, overrides, escaping, structure and self-containment."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from importlib import metadata

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.results import Analysis
from kloof.reports.html_report import alpha_interpretation, render_report, sorted_gaps
from tests.reports.golden_report.cases import HOSTILE, hostile_case, small_case

CHART = '<svg role="img" viewBox="0 0 10 10"><title>Profile</title><desc>Positions</desc></svg>'
VOID = {"meta", "br", "link", "img", "hr", "input", "col", "wbr", "source", "area", "base"}


def _report(analysis: Analysis | None = None, language: str = "en") -> str:
    return render_report(
        analysis or analyse(small_case()), language, chart_svg=CHART, version="9.9"
    )


class _Structure(HTMLParser):
    """Checks that every opened element is closed in order; collects headings."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.headings: list[int] = []
        self.row_headers: list[str] = []
        self._in_row_header = False
        self._table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table" and ("class", "differences") in attrs:
            self._table = 1
        self._in_row_header = self._table == 1 and tag == "th" and ("scope", "row") in attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table == 1:
            self._table = 2
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_row_header:
            self.row_headers.append(data)
            self._in_row_header = False


def _parse(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("language", ["en", "nl"])
def test_render_report_is_well_formed_with_headings_in_order(language: str) -> None:
    parsed = _parse(_report(language=language))
    assert parsed.errors == []
    assert parsed.stack == []
    assert parsed.headings[0] == 1
    assert parsed.headings.count(1) == 1
    steps = [b - a for a, b in zip(parsed.headings, parsed.headings[1:], strict=False)]
    assert max(steps) == 1  # never skips a level going down


def test_render_report_sets_the_language_and_a4_print_rules() -> None:
    html = _report(language="nl")
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "@page {\n  size: A4;" in html
    assert "break-inside: avoid" in html


def test_render_report_sorts_differences_worst_first() -> None:
    # intention blocking 2.75 points, trust decided blocking 2.25, value creation
    # unknown, dependency aligned.
    assert _parse(_report()).row_headers == ["Intention", "Trust", "Value creation", "Dependency"]


def test_sorted_gaps_puts_the_larger_gap_first_within_a_severity() -> None:
    analysis = analyse(small_case())
    gaps = sorted_gaps(analysis)
    assert [(g.factor, g.decided_severity.value) for g in gaps] == [
        ("intention", "blocking"),
        ("trust", "blocking"),
        ("value_creation", "unknown"),
        ("dependency", "aligned"),
    ]


def test_render_report_marks_an_override_with_the_team_reason() -> None:
    html = _report()
    row = html[html.index('<th scope="row">Trust</th>') :]
    row = row[: row.index("</tr>")]
    assert '<span class="sev sev-significant">significant</span>' in row
    assert (
        '<span class="sev sev-blocking">blocking</span><span class="override">team decision'
        "</span></td>"
    ) in row
    # The team's reason itself is in the appendix, under the factor.
    appendix = html[html.index('id="why-differences"') :]
    assert (
        '<p class="override-reason"><strong>team decision:</strong> The team decided to treat '
        "this difference as ‘blocking’ instead of the computed ‘significant’: “Their last audit "
        "broke our trust”.</p>"
    ) in appendix


def test_render_report_escapes_hostile_text_everywhere() -> None:
    html = _report(analyse(hostile_case()))
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert HOSTILE not in html
    assert "<script" not in html
    assert f'<th scope="row">ACME {escaped}</th>' in html  # party name
    assert f"[to do] Call {escaped}" in html  # action
    assert f"<strong>blocking</strong>: Because {escaped}" in html  # register reason
    assert f'<span class="muted">Note {escaped}</span>' in html  # register note
    assert f"toughness of ACME {escaped} and Globex Sales" in html  # through gettext
    assert _parse(html).errors == []


def test_render_report_escapes_hostile_text_in_the_title() -> None:
    case = replace(small_case(), title=f"Deal {HOSTILE}")
    html = _report(analyse(case))
    assert "<script" not in html
    assert "<h1>Deal &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html


@pytest.mark.parametrize("language", ["en", "nl"])
def test_render_report_loads_nothing_from_outside(language: str) -> None:
    html = _report(language=language).lower()
    for forbidden in ("<script", "http:", "https:", "src=", "<link", "url(", "@import"):
        assert forbidden not in html


def test_render_report_puts_the_chart_in_a_figure_with_a_caption() -> None:
    html = _report()
    assert f"<figure>\n{CHART}\n<figcaption>Where each party stands" in html


def test_render_report_credits_the_method_and_the_version() -> None:
    analysis = analyse(small_case())
    html = render_report(analysis, "en", chart_svg=CHART)
    assert "Method: the difference analysis on nine factors by Hans Hopmans (2024)." in html
    assert f"Generated by kloof {metadata.version('kloof')}." in html


def test_render_report_says_so_when_sections_are_empty() -> None:
    case = replace(small_case(), differences=(), ratings=())
    html = _report(analyse(case))
    assert "The register is still empty" in html
    assert "No blind spots: where both views exist, they lie close together." in html
    assert '<span class="big">—</span> / 100' in html


@pytest.mark.parametrize(
    ("alpha", "expected"),
    [
        (0.95, "good: the raters agree well enough to rely on their scores"),
        (0.800, "good: the raters agree well enough to rely on their scores"),
        (0.799, "tentative: draw only cautious conclusions from these scores"),
        (0.667, "tentative: draw only cautious conclusions from these scores"),
        (0.666, "low: the raters disagree too much to rely on their scores"),
        (-0.2, "low: the raters disagree too much to rely on their scores"),
    ],
)
def test_alpha_interpretation_follows_krippendorffs_conventions(
    alpha: float, expected: str
) -> None:
    assert alpha_interpretation(alpha, "en") == expected


def test_alpha_interpretation_speaks_dutch() -> None:
    assert alpha_interpretation(0.7, "nl") == (
        "voorlopig: trek uit deze scores alleen voorzichtige conclusies"
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_render_report_with_the_real_profile_chart_stays_self_contained(language: str) -> None:
    from kloof.reports.chart_profile import profile_chart

    analysis = analyse(hostile_case())
    html = render_report(analysis, language, chart_svg=profile_chart(analysis, language))
    assert "<script" not in html
    # The only URL is the SVG namespace, which names a format and loads nothing.
    assert re.findall(r"https?://[^\"'\s<>]+", html) == ["http://www.w3.org/2000/svg"]
    assert _parse(html).errors == []
