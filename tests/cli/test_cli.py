"""The command line through the installed console script, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KLOOF = Path(sys.executable).with_name("kloof")
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
KRIPPENDORFF = ROOT / "tests" / "data" / "krippendorff-2011.yaml"
COMMANDS = (
    "new",
    "validate",
    "analyse",
    "chart",
    "report",
    "guide",
    "agenda",
    "minutes",
    "trend",
    "review",
    "frameworks",
    "schema",
    "export",
    "import",
    "serve",
    "demo",
    "manage",
    "backup",
    "restore",
    "remind",
)

SMALL_CASE = """\
kloof: 1
title: Small case
language: en
parties:
  - {id: us, name: Us, side: own}
  - {id: them, name: Them, side: counterparty}
raters:
  - {id: ann, name: Ann, party: us}
  - {id: ben, name: Ben, party: us}
ratings:
  - {rater: ann, subject: us, factor: intention, score: 6}
  - {rater: ben, subject: us, factor: intention, score: 6}
  - {rater: ann, subject: them, factor: intention, score: 3}
  - {rater: ben, subject: them, factor: intention, score: 4}
  - {rater: ann, subject: us, factor: trust, score: 5}
  - {rater: ann, subject: them, factor: trust, score: 5}
"""


def kloof(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``kloof``; ``env`` adds to (or overrides) this environment."""
    return subprocess.run(
        [str(KLOOF), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
        env={**os.environ, **env} if env else None,
    )


@pytest.fixture
def small_case(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_CASE, encoding="utf-8")
    return path


def test_help_lists_every_command():
    result = kloof("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"    {command}" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = kloof(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: kloof {command}")


def test_no_command_prints_help_and_exits_2():
    result = kloof()
    assert result.returncode == 2
    assert "usage: kloof" in result.stdout


def test_unknown_option_exits_2_without_traceback():
    result = kloof("analyse", DEMO, "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_accepts_demo_case():
    result = kloof("validate", DEMO)
    assert result.returncode == 0
    assert result.stdout.startswith(f"{DEMO}: valid — 2 parties, 9 factors, ")


def test_validate_names_line_and_fix_for_misspelt_factor(small_case: Path):
    small_case.write_text(
        SMALL_CASE.replace("factor: trust, score: 5}", "factor: trsut, score: 5}", 1)
    )
    result = kloof("validate", small_case)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{small_case}:15: rating 5: unknown factor" in result.stderr
    assert "'trsut'" in result.stderr and "did you mean 'trust'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_case_file_exits_2_with_message(tmp_path: Path):
    result = kloof("analyse", tmp_path / "nope.yaml")
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_analyse_json_gives_stable_core(small_case: Path):
    result = kloof("analyse", small_case, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == 2 and data["case"] == "Small case"
    assert data["scale"] == {"min": 1, "max": 7}
    intention = data["factors"][0]
    assert intention["key"] == "intention"
    # us: self view 6, 6 -> 6; them: our view 3, 4 -> 3.5; gap 2.5/6 = 0.416667
    assert intention["positions"]["us"]["value"] == pytest.approx(5 / 6, abs=1e-6)
    assert intention["positions"]["them"]["n"] == 2
    assert intention["positions"]["them"]["views"] == ["outside"]
    gap = intention["gaps"][0]
    assert gap["parties"] == ["us", "them"]
    assert gap["gap"] == 0.416667
    assert (gap["severity"], gap["decided_severity"], gap["uncertain"]) == (
        "blocking",
        "blocking",
        False,
    )
    assert gap["reasons"][0].startswith("Us stands at 6.0 and Them at 3.5")
    assert data["blocking"] == ["intention"]
    # trust: 5 vs 5 -> 0; intention 0.416667: toughness = 100 * mean = 20.833333
    assert data["toughness"] == pytest.approx(20.833333, abs=1e-6)
    assert data["blind_spots"] == []
    assert data["agreement"]["us"]["krippendorff_alpha_interval"] is not None
    assert data["agreement"]["them"]["krippendorff_alpha_interval"] is None
    assert data["next_steps"][0]["kind"] == "stop_and_discuss"


def test_analyse_json_of_krippendorff_example_gives_its_alpha():
    data = json.loads(kloof("analyse", KRIPPENDORFF, "--format", "json").stdout)
    assert round(data["agreement"]["uni"]["krippendorff_alpha_interval"], 3) == 0.849
    assert data["agreement"]["uni"]["units"] == 11  # unit 12 has one value only


def test_analyse_table_and_markdown_in_both_languages(small_case: Path):
    table = kloof("analyse", small_case)
    assert table.returncode == 0
    assert table.stdout.startswith("Small case\n")
    assert "Intention · Us ↔ Them · 2.5 points · blocking" in table.stdout
    markdown = kloof("analyse", small_case, "--format", "markdown", "--lang", "nl")
    assert markdown.returncode == 0
    assert markdown.stdout.startswith("# Small case\n")
    assert "Intentie · Us ↔ Them · 2,5 punten · blokkerend" in markdown.stdout


def test_chart_writes_well_formed_svg(tmp_path: Path):
    for kind in ("profile", "radar"):
        target = tmp_path / f"{kind}.svg"
        result = kloof("chart", DEMO, "-o", target, "--kind", kind)
        assert result.returncode == 0, result.stderr
        root = ET.fromstring(target.read_text(encoding="utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_report_writes_html_in_requested_language(tmp_path: Path):
    target = tmp_path / "report.html"
    result = kloof("report", DEMO, "-o", target, "--lang", "nl")
    assert result.returncode == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.startswith("<!doctype html>")
    assert '<html lang="nl"' in html
    assert "<svg" in html and "<script" not in html


def test_report_to_missing_folder_exits_2_and_writes_nothing(tmp_path: Path):
    result = kloof("report", DEMO, "-o", tmp_path / "missing" / "r.html")
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_new_writes_valid_template_and_refuses_to_overwrite(tmp_path: Path):
    for language in ("nl", "en"):
        target = tmp_path / f"case-{language}.yaml"
        assert kloof("new", "--lang", language, "-o", target).returncode == 0
        assert kloof("validate", target).returncode == 0
        again = kloof("new", "--lang", language, "-o", target)
        assert again.returncode == 2
        assert "already exists" in again.stderr and "--force" in again.stderr
        assert kloof("new", "--lang", language, "-o", target, "--force").returncode == 0


def test_schema_prints_json_schemas():
    for which in ("case", "framework"):
        result = kloof("schema", which)
        assert result.returncode == 0
        assert "$schema" in json.loads(result.stdout)


def test_frameworks_lists_hopmans_9():
    result = kloof("frameworks")
    assert result.returncode == 0
    assert result.stdout.startswith("hopmans-9\t9 factors\t")


def test_guide_for_framework_and_case(small_case: Path):
    framework = kloof("guide", "--framework", "hopmans-9", "--lang", "nl")
    assert framework.returncode == 0, framework.stderr
    assert "Intentie" in framework.stdout and "Emotioneel kader" in framework.stdout
    case = kloof("guide", small_case)
    assert case.returncode == 0, case.stderr
    assert "Intention" in case.stdout


def test_guide_needs_a_case_or_a_framework():
    result = kloof("guide")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_written_file_gets_normal_permissions(tmp_path: Path):
    target = tmp_path / "chart.svg"
    assert kloof("chart", DEMO, "-o", target).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    assert kloof("chart", DEMO, "-o", target).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


IMPORTS = ROOT / "tests" / "formats" / "imports"


def test_export_writes_xlsx_and_csv_without_formulas(tmp_path: Path):
    import csv
    import io

    from openpyxl import load_workbook

    book = tmp_path / "case.xlsx"
    assert kloof("export", DEMO, "-o", book).returncode == 0
    cells = [c for ws in load_workbook(book) for row in ws.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    table = tmp_path / "ratings.csv"
    result = kloof("export", DEMO, "--format", "csv", "--table", "ratings", "-o", table)
    assert result.returncode == 0, result.stderr
    data = table.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents right
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert rows[0][:4] == ["rater_id", "rater_name", "rater_party", "subject_party"]
    # the header, then every rating of the demo case: 66 scores and 6 "no opinion"
    assert len(rows) == 1 + 72
    assert sum(1 for row in rows[1:] if row[6] == "") == 6


def test_import_adds_ratings_and_reports_a_preview(tmp_path: Path):
    target = tmp_path / "out.yaml"
    result = kloof(
        "import",
        IMPORTS / "responses.csv",
        "--into",
        IMPORTS / "case.yaml",
        "--mapping",
        IMPORTS / "mapping.yaml",
        "-o",
        target,
    )
    assert result.returncode == 0, result.stderr
    assert "2 rows read: 4 ratings to add (0 replace)" in result.stderr
    assert kloof("validate", target).stdout.endswith("3 raters, 5 scores, 0 register entries\n")


def test_import_with_a_bad_row_writes_nothing(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    text = (IMPORTS / "responses.csv").read_text(encoding="utf-8").replace(";2;4;", ";twee;4;")
    bad.write_text(text, encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = kloof(
        "import", bad, "--into", IMPORTS / "case.yaml", "--mapping", IMPORTS / "mapping.yaml",
        "-o", target,
    )  # fmt: skip
    assert result.returncode == 2
    assert 'row 2, column "Intentie": "twee" is not a number' in result.stderr
    assert not target.exists()
