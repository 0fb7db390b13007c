"""``kloof agenda``: the case file's agenda, or the proposed one, as HTML or PDF,
for the team or the other side."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.cli.test_cli import DEMO, kloof

AGENDA = """
agenda:
  date: 2027-01-15
  items:
    - title: Shared trust item
      factor: trust
      parties: [halvorsen, cartwright]
      ask: "What would make you trust us more?"
      shareable: true
      outcome_note: TEAM-ONLY-NOTE
      actions: [{text: TEAM-ONLY-ACTION, owner: maria}]
    - title: TEAM-ONLY-ITEM
      kind: other
"""


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_without_an_agenda_the_team_pdf_holds_the_proposed_items(tmp_path: Path) -> None:
    target = tmp_path / "agenda.pdf"
    result = kloof("agenda", DEMO, "-o", target)
    assert result.returncode == 0, result.stderr
    text = pdf_text(target)
    for word in ("1. Intention", "2. Dependency", "3. Trust", "What we want to ask"):
        assert word in text
    assert "Packaging contract renewal 2027" in text


def test_the_dutch_team_html(tmp_path: Path) -> None:
    target = tmp_path / "agenda.html"
    assert kloof("agenda", DEMO, "--lang", "nl", "-o", target).returncode == 0
    html = target.read_text(encoding="utf-8")
    assert "Wat we willen vragen" in html and "Intentie" in html
    assert '<html lang="nl">' in html


def test_the_counterparty_version_of_the_files_agenda(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(DEMO.read_text(encoding="utf-8") + AGENDA, encoding="utf-8")
    html_file, pdf_file = tmp_path / "a.html", tmp_path / "a.pdf"
    assert kloof("agenda", case, "--audience", "counterparty", "-o", html_file).returncode == 0
    assert kloof("agenda", case, "--audience", "counterparty", "-o", pdf_file).returncode == 0
    for text in (html_file.read_text(encoding="utf-8"), pdf_text(pdf_file)):
        assert "Shared trust item" in text and "What would make you trust us more?" in text
        assert "TEAM-ONLY" not in text
        assert "Packaging contract renewal 2027" not in text
    team = tmp_path / "team.html"
    assert kloof("agenda", case, "-o", team).returncode == 0
    assert team.read_text(encoding="utf-8").count("TEAM-ONLY") == 3


def test_an_html_name_with_pdf_is_refused(tmp_path: Path) -> None:
    result = kloof("agenda", DEMO, "--pdf", "-o", tmp_path / "a.html")
    assert result.returncode == 2
    assert "but --pdf asks for a PDF" in result.stderr


def test_an_empty_counterparty_version_says_why_and_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "other-side.html"
    result = kloof("agenda", DEMO, "--audience", "counterparty", "-o", target)
    assert result.returncode == 0, result.stderr
    assert "No items on this agenda." in target.read_text(encoding="utf-8")
    assert "no agenda item is marked shareable" in result.stderr
    assert "'shareable: true'" in result.stderr


def test_the_empty_counterparty_warning_in_dutch(tmp_path: Path) -> None:
    target = tmp_path / "other-side.html"
    result = kloof(
        "agenda", DEMO, "--audience", "counterparty", "-o", target, env={"KLOOF_LANG": "nl"}
    )
    assert result.returncode == 0, result.stderr
    assert "geen enkel agendapunt is als deelbaar gemarkeerd" in result.stderr


def test_a_shared_item_gives_no_warning(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(DEMO.read_text(encoding="utf-8") + AGENDA, encoding="utf-8")
    result = kloof("agenda", case, "--audience", "counterparty", "-o", tmp_path / "a.html")
    assert result.returncode == 0, result.stderr
    assert "shareable" not in result.stderr
