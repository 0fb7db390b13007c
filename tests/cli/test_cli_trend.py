"""``kloof trend`` as a user runs it: the format from the file name, refusals in
English and Dutch, nothing written on a refusal (issue 11 §2)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT, kloof
from tests.png import png_size

SERIES = ROOT / "tests" / "data" / "trend"
FILES = [SERIES / f"review-{year}.yaml" for year in (2026, 2024, 2025)]  # any order


def test_svg(tmp_path: Path):
    target = tmp_path / "trend.svg"
    result = kloof("trend", *FILES, "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {target}\n"
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.get("role") == "img"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_png(tmp_path: Path):
    target = tmp_path / "trend.png"
    assert kloof("trend", *FILES, "-o", target, "--lang", "nl").returncode == 0
    assert png_size(target.read_bytes()) == (1920, 724)


def test_html_in_dutch(tmp_path: Path):
    target = tmp_path / "verloop.html"
    assert kloof("trend", *FILES, "-o", target, "--lang", "nl").returncode == 0
    page = target.read_text(encoding="utf-8")
    assert '<html lang="nl">' in page
    assert "<h1>Acme and Globex 2026-03-01</h1>" in page
    assert '<th scope="col">Beeldverschil (punten)</th>' in page
    assert "<td>Hoe Acme Globex ziet</td>" in page
    moved = "Intentie: Acme ging van 4 naar 5, Globex bewoog nauwelijks (5,5 naar 6)."
    assert f"<li>{moved}</li>" in page
    assert '<table class="trend-positions">' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page


def undated(tmp_path: Path) -> Path:
    text = FILES[1].read_text(encoding="utf-8").replace("date: 2024-03-01\n", "")
    path = tmp_path / "undated.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def other_parties(tmp_path: Path) -> Path:
    text = FILES[1].read_text(encoding="utf-8").replace("globex", "initech")
    path = tmp_path / "other.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "english", "dutch"),
    [
        (
            lambda tmp: [FILES[0]],
            "a trend needs at least two case files, got 1 — give two or more case files of "
            "the same parties, e.g. kloof trend 2025.yaml 2026.yaml -o trend.html",
            "voor een verloop zijn minstens twee casusbestanden nodig, je gaf er 1 — geef "
            "twee of meer casusbestanden van dezelfde partijen, bijvoorbeeld kloof trend "
            "2025.yaml 2026.yaml -o verloop.html",
        ),
        (
            lambda tmp: [FILES[0], undated(tmp)],
            "the case file {tmp}/undated.yaml has no date — add a line such as "
            "'date: 2026-03-01' so the reviews can be put in order",
            "het casusbestand {tmp}/undated.yaml heeft geen datum — voeg een regel toe zoals "
            "'date: 2026-03-01', zodat de momenten op volgorde kunnen",
        ),
        (
            lambda tmp: [FILES[0], other_parties(tmp)],
            f"the case file {{tmp}}/other.yaml has other parties (acme, initech) than "
            f"{FILES[0]} (acme, globex) — compare only case files of the same parties, "
            "with the same party ids",
            f"het casusbestand {{tmp}}/other.yaml heeft andere partijen (acme, initech) dan "
            f"{FILES[0]} (acme, globex) — vergelijk alleen casusbestanden van dezelfde "
            "partijen, met dezelfde partij-id's",
        ),
    ],
)
def test_refusals_in_english_and_dutch(tmp_path: Path, make, english: str, dutch: str):
    out = tmp_path / "out"
    out.mkdir()
    files = make(tmp_path)
    for language, label, message in (("en", "error", english), ("nl", "fout", dutch)):
        result = kloof("trend", *files, "-o", out / "trend.svg", env={"KLOOF_LANG": language})
        assert result.returncode == 2
        assert result.stderr == f"kloof: {label}: {message.format(tmp=tmp_path)}\n"
    assert os.listdir(out) == []


def test_an_unknown_extension_is_refused_before_any_work(tmp_path: Path):
    target = tmp_path / "trend.pdf"
    result = kloof("trend", *FILES, "-o", target)
    assert result.returncode == 2
    assert result.stderr == (
        f"kloof: error: cannot tell the trend's format from the file name {target}"
        " — end the name in .svg, .png or .html\n"
    )
    assert not target.exists()


def test_help_describes_every_option():
    result = kloof("trend", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "two or more case files (.yaml, .yml or .json) of the same parties" in text
    assert "-o FILE, --output FILE write the trend (.svg, .png or .html) to FILE" in text
    assert "--lang {nl,en} language of the output (default: the latest case's language)" in text


def test_a_dash_writes_the_svg_to_standard_output():
    result = kloof("trend", *FILES, "-o", "-")
    assert result.returncode == 0
    assert result.stdout.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert result.stdout.endswith("</svg>\n")
