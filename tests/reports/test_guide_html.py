"""The printable interview guide: HTML and PDF, from the command line too."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kloof.cli import main
from kloof.domain.analysis import analyse
from kloof.domain.model import Interview, InterviewAnswer
from kloof.reports.guide_html import GuideRequest, render_guide_html
from kloof.services.casework import analyse_file

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"

#: The demo's guide about Cartwright: the two blocking factors first (intention,
#: dependency), then the uncertain ones in factor order.
ORDER = {
    "en": ["Intention", "Dependency", "Relationship", "Value creation", "Trust"],
    "nl": ["Intentie", "Afhankelijkheid", "Relatie", "Waardecreatie", "Vertrouwen"],
}
TIERS = {
    "en": "First: open blocking differences and perception gaps",
    "nl": "Eerst: open blokkerende verschillen en beeldverschillen",
}


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_cli_writes_the_pdf_guide_in_its_language(tmp_path, language, capsys):
    target = tmp_path / "guide.pdf"
    args = ["guide", str(DEMO), "--for", "cartwright", "--lang", language, "-o", str(target)]
    assert main(args) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    pages, text = _pdf_text(target)
    assert pages == 9  # every factor needs evidence in the demo; one factor a page
    positions = [text.index(name + "\n") for name in ORDER[language]]
    assert positions == sorted(positions)
    assert TIERS[language] in text
    other = "en" if language == "nl" else "nl"
    assert TIERS[other] not in text
    assert "Packaging contract renewal 2027" in text


def test_cli_writes_html_by_the_extension_and_markdown_otherwise(tmp_path, capsys):
    html = tmp_path / "guide.html"
    assert main(["guide", str(DEMO), "--for", "halvorsen", "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Packaging contract renewal 2027</h1>" in page
    assert "Interview guide about Halvorsen Foods" in page
    assert page.count('<div class="lines" aria-hidden="true">') == 9
    assert main(["guide", str(DEMO)]) == 0
    assert capsys.readouterr().out.startswith("# Interview guide: Packaging contract renewal 2027")


def test_unknown_party_is_refused_with_the_fix(tmp_path, capsys):
    assert main(["guide", str(DEMO), "--for", "cartwrigt", "-o", str(tmp_path / "g.pdf")]) == 2
    error = capsys.readouterr().err
    assert (
        "the case has no party 'cartwrigt' — use one of its party ids: halvorsen, cartwright"
        in error
    )
    assert not (tmp_path / "g.pdf").exists()


def test_beliefs_say_what_we_think_and_whether_it_is_confirmed():
    analysis = analyse_file(DEMO)
    page = render_guide_html(analysis, "en", GuideRequest(party="cartwright"))
    assert (
        "Cartwright Packaging: 3.0, leans to ‘Each for themselves: what&#39;s in it for me?’ "
        "(4 ratings, confirmed by evidence)."
    ) in page
    assert (
        "Halvorsen Foods: 5.5, leans to ‘Win together, let the other gain too’ "
        "(4 ratings, not confirmed yet)." in page
    )


def test_a_planned_interview_keeps_its_factors_in_guide_order_with_its_answers():
    analysis = analyse_file(DEMO)
    interview = Interview(
        id="int-1",
        interviewee="Anna <b>de Vries</b>",
        about="cartwright",
        party="cartwright",
        interviewer="maria",
        factors=("trust", "intention"),
        answers=(InterviewAnswer("trust", "They check twice."),),
    )
    case = analysis.case
    from dataclasses import replace

    analysis = analyse(replace(case, interviews=(interview,)))
    page = render_guide_html(analysis, "nl", GuideRequest(party="cartwright", interview=interview))
    headings = re.findall(r'<h3 id="factor-(\w+)">', page)
    assert headings == ["intention", "trust"]
    assert "Anna &lt;b&gt;de Vries&lt;/b&gt;" in page
    assert "<dd>Maria Lindqvist</dd>" in page  # the rater's name for the rater id
    assert '<p class="answer">They check twice.</p>' in page


def test_the_pdf_guide_has_the_running_header_and_page_numbers(tmp_path, capsys):
    target = tmp_path / "gids.pdf"
    assert main(["guide", str(DEMO), "--for", "cartwright", "--lang", "nl", "-o", str(target)]) == 0
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    second = reader.pages[1].extract_text()
    assert "Packaging contract renewal 2027 16 november 2026" in second
    assert f"2 / {len(reader.pages)}" in second
