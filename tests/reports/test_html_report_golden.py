"""The full report for a small two-party case, byte for byte, in Dutch and English.

After an intended change, regenerate and review the diff:

    KLOOF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/reports/test_html_report_golden.py
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.reports.html_report import render_report
from tests.reports.golden_report.cases import small_case

GOLDEN = Path(__file__).parent / "golden_report"
# A stand-in chart: the real one has its own golden tests; this keeps these stable.
CHART = (
    '<svg role="img" aria-labelledby="t d" viewBox="0 0 100 40">'
    '<title id="t">Profile</title><desc id="d">Positions of both parties</desc>'
    '<rect x="0" y="0" width="100" height="40" fill="none" stroke="#57606a"/></svg>'
)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_render_report_matches_the_golden_file(language: str) -> None:
    html = render_report(
        analyse(small_case()),
        language,
        chart_svg=CHART,
        generated=date(2026, 12, 2),
        version="0.0.golden",
    )
    golden = GOLDEN / f"report_{language}.html"
    if os.environ.get("KLOOF_UPDATE_GOLDEN") == "1":
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")
