"""The PDF report: its text read back with pypdf, its pages counted, the command line."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from kloof.cli import main
from kloof.reports.pdf_report import paper_chart
from kloof.services.casework import analyse_file, render_pdf_report

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"

#: The demo's factors worst first, with the decided severity, as the table shows them.
EXPECTED = {
    "en": [("Intention", "blocking"), ("Dependency", "blocking"), ("Trust", "significant")],
    "nl": [
        ("Intentie", "blokkerend"),
        ("Afhankelijkheid", "blokkerend"),
        ("Vertrouwen", "significant"),
    ],
}
#: The pages a typical two-party case's PDF may take: issue 10 asks for at most 4.
MAX_PAGES = 4


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def demo_pdfs() -> dict[str, bytes]:
    analysis = analyse_file(DEMO)
    return {language: render_pdf_report(analysis, language) for language in ("en", "nl")}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_holds_the_factors_and_severities_in_its_language(demo_pdfs, language):
    pages, text = _pdf_text(demo_pdfs[language])
    assert demo_pdfs[language].startswith(b"%PDF-")
    assert pages <= MAX_PAGES
    for factor, severity in EXPECTED[language]:
        assert factor in text
        assert severity in text
    assert "Packaging contract renewal 2027" in text
    other = "Appendix: details and reasons" if language == "nl" else "Bijlage: details en redenen"
    assert other not in text


def test_the_pdf_has_a_running_header_and_page_numbers(demo_pdfs):
    reader = PdfReader(io.BytesIO(demo_pdfs["en"]))
    pages = len(reader.pages)
    second = reader.pages[1].extract_text()
    assert "Packaging contract renewal 2027" in second
    assert "16 November 2026" in second
    assert f"2 / {pages}" in second


def test_kloof_report_writes_a_pdf_from_the_file_name(tmp_path):
    target = tmp_path / "report.pdf"
    assert main(["report", str(DEMO), "--lang", "nl", "-o", str(target)]) == 0
    _, text = _pdf_text(target.read_bytes())
    assert "Intentie" in text


def test_kloof_report_pdf_flag_writes_a_pdf(tmp_path):
    target = tmp_path / "report.out"
    assert main(["report", str(DEMO), "--pdf", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF-")


def test_kloof_report_refuses_pdf_into_an_html_name(tmp_path, capsys):
    target = tmp_path / "report.html"
    assert main(["report", str(DEMO), "--pdf", "-o", str(target)]) == 2
    assert not target.exists()
    assert (
        "the file name '" + str(target) + "' ends in .html, but --pdf asks for a PDF"
        in capsys.readouterr().err
    )


def test_the_paper_chart_keeps_its_shapes_as_svg_and_its_words_as_text():
    chart = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
        '<title>Profile</title><rect x="10" y="10" width="50" height="20" fill="#bd0026">'
        "<title>tip</title></rect>"
        '<text x="5" y="5" font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, '
        'Helvetica, Arial, sans-serif">?</text>'
        '<g font-size="10" fill="#57606a" text-anchor="middle">'
        '<text x="100" y="50">1 &amp; 2</text></g>'
        '<text x="300" y="80" text-anchor="end" font-size="12" font-weight="bold">'
        '<tspan x="300">Each for</tspan><tspan x="300" dy="14.5">themselves</tspan></text></svg>'
    )
    html = paper_chart(chart, width_mm=100)
    assert html.startswith('<div class="paper-chart" style="width:100.00mm;height:50.00mm">')
    shapes = base64.b64decode(html.split("base64,")[1].split('"')[0]).decode()
    assert "<rect" in shapes
    assert "<title>" not in shapes
    # A label of a letter or two stays SVG text, in the paper's type family.
    assert shapes.count("<text") == 1
    assert (
        '<text x="5" y="5" font-family="\'Liberation Sans\', \'DejaVu Sans\', sans-serif">?</text>'
        in shapes
    )
    # Centred, in the inherited size and colour: 10 px of 400 at 100 mm is 2.5 mm.
    assert (
        '<span style="left:-25.00mm;width:100.00mm;text-align:center;top:10.38mm;'
        'font-size:2.50mm;color:#57606a">1 &amp; 2</span>' in html
    )
    # A right-aligned, bold label of two lines 14.5 px apart: one span, its first
    # baseline 80 px down (half-leading and ascent of Liberation Sans above it).
    assert (
        '<span style="left:0;width:75.00mm;text-align:right;top:17.15mm;font-size:3.00mm;'
        'color:#000;font-weight:700;line-height:1.208">Each for<br>themselves</span></div>'
    ) in html


def test_the_pdf_chart_words_are_text_in_the_pdf(demo_pdfs):
    reader = PdfReader(io.BytesIO(demo_pdfs["en"]))
    first = reader.pages[0].extract_text()
    assert "Win together, let the other" in first
    assert "Packaging contract renewal 2027: profile chart" in first


#: Words from the appendix: a reason, a step's advice and an interview question.
APPENDIX = {
    "en": ["Why each difference is rated so", "Stop negotiating the content", "good outcome"],
    "nl": ["Waarom elk verschil zo zwaar weegt", "Stop de inhoudelijke", "goede uitkomst"],
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_appendix_keeps_the_reasons_advice_and_questions(demo_pdfs, language):
    _, text = _pdf_text(demo_pdfs[language])
    flat = " ".join(text.split())
    for words in APPENDIX[language]:
        assert words in flat
