"""``kloof minutes``: the minutes from a case file with an agenda, HTML or PDF,
for the team or the other side."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import DEMO, kloof

#: Planted in what the other side must never read; see also tests/web/test_minutes.py.
INTERNAL = "INTERNAL-v9Qm"

AGENDA = f"""
agenda:
  date: 2027-01-15
  items:
    - title: What each side wants
      factor: intention
      parties: [halvorsen, cartwright]
      see: "We aim to win together."
      ask: "What would a good year look like?"
      offer: "Open books on forecasts."
      shareable: true
      outcome: mitigation_agreed
      outcome_note: "Both keen on a quarterly review."
      actions:
        - {{text: "Plan the first quarterly review", owner: maria, due: 2027-02-01}}
    - title: "Our walk-away price {INTERNAL}"
      kind: other
      see: "{INTERNAL} see"
      outcome: open
"""


def case_with_agenda(tmp_path: Path, *, internal: bool = True) -> Path:
    text = DEMO.read_text(encoding="utf-8")
    if internal:
        text = text.replace("name: Maria Lindqvist", f"name: Maria {INTERNAL}")
        text = text.replace(
            'note: "We only call Cartwright when something goes wrong."',
            f'note: "{INTERNAL} rating note"',
        )
    path = tmp_path / "case.yaml"
    path.write_text(text + AGENDA, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_team_minutes_as_pdf_list_every_item_outcome_and_action(tmp_path: Path):
    target = tmp_path / "minutes.pdf"
    result = kloof("minutes", case_with_agenda(tmp_path, internal=False), "-o", target)
    assert result.returncode == 0, result.stderr
    text = pdf_text(target)
    for expected in (
        "Packaging contract renewal 2027",
        "1. What each side wants",
        "mitigation agreed",
        "Both keen on a quarterly review.",
        "Plan the first quarterly review",
        "Maria Lindqvist",
        "1 February 2027",
        "still open",
        "15 January 2027",
    ):
        assert expected in text, expected


def test_dutch_minutes_as_html(tmp_path: Path):
    target = tmp_path / "notulen.html"
    result = kloof("minutes", case_with_agenda(tmp_path), "--lang", "nl", "-o", target)
    assert result.returncode == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert "mitigatie afgesproken" in html
    assert "Punten en uitkomsten" in html


@pytest.mark.parametrize("name", ["minutes.pdf", "minutes.html"])
def test_the_other_sides_minutes_hold_nothing_internal(tmp_path: Path, name: str):
    target = tmp_path / name
    case = case_with_agenda(tmp_path)
    result = kloof("minutes", case, "--audience", "counterparty", "-o", target)
    assert result.returncode == 0, result.stderr
    text = pdf_text(target) if name.endswith(".pdf") else target.read_text(encoding="utf-8")
    assert "What each side wants" in text
    assert "Halvorsen Foods and Cartwright Packaging" in text
    assert INTERNAL not in text
    assert "Packaging contract renewal 2027" not in text  # the team's working title


def test_a_case_file_without_agenda_is_refused_with_the_fix(tmp_path: Path):
    result = kloof("minutes", DEMO, "-o", tmp_path / "minutes.pdf")
    assert result.returncode == 2
    assert "has no agenda section, so there are no minutes to write" in result.stderr
    assert "add an 'agenda:' section" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "minutes.pdf").exists()


def test_a_file_name_that_names_no_format_is_refused(tmp_path: Path):
    result = kloof("minutes", case_with_agenda(tmp_path), "-o", tmp_path / "minutes.txt")
    assert result.returncode == 2
    assert "cannot tell from" in result.stderr
    assert "end the file name in .pdf or .html" in result.stderr
