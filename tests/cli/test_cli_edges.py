"""The command line at the edges: numbers too long to read, a reader that stops
early, an output file whose extension names the format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KLOOF = Path(sys.executable).with_name("kloof")
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
HUGE = "7" * 4301

HUGE_YAML = f"""\
kloof: 1
title: Huge
parties:
  - {{id: us, name: Us}}
  - {{id: them, name: Them}}
scale: {{min: 1, max: {HUGE}}}
"""
HUGE_JSON = (
    '{"kloof": 1,\n "title": "Huge",\n'
    ' "parties": [{"id": "us", "name": "Us"}, {"id": "them", "name": "Them"}],\n'
    f' "scale": {{"min": 1, "max": {HUGE}}}}}\n'
)
HUGE_EN = (
    "a number of 4,301 digits is too long to read (at most 4,300)"
    " — write a number such as a score on the case's scale; if it is text, put it in quotes"
)
HUGE_NL = (
    "een getal van 4.301 cijfers is te lang om te lezen (hooguit 4.300)"
    " — schrijf een getal zoals een score op de schaal van de casus; is het tekst, zet het"
    " dan tussen aanhalingstekens"
)


def kloof(*args: str | Path, language: str = "en") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KLOOF_LANG": language}
    return subprocess.run(
        [str(KLOOF), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=environment,
    )


# --- a number of more than 4,300 digits -------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [("huge.yaml", HUGE_YAML, 6), ("huge.json", HUGE_JSON, 4)],
)
@pytest.mark.parametrize(("language", "expected"), [("en", HUGE_EN), ("nl", HUGE_NL)])
def test_validate_names_a_number_too_long_to_read_with_its_line(
    tmp_path: Path, name: str, text: str, line: int, language: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = kloof("validate", path, language=language)
    label = "fout" if language == "nl" else "error"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"kloof: {label}: {path}:{line}: {expected}\n"


def test_a_long_number_in_quotes_is_text_and_a_long_decimal_is_a_number(tmp_path: Path) -> None:
    """Only whole numbers have the limit: the same digits as text, or with a
    decimal point, are read (and then judged by the schema as any value is)."""
    path = tmp_path / "quoted.yaml"
    path.write_text(HUGE_YAML.replace(HUGE, f"'{HUGE}'"), encoding="utf-8")
    result = kloof("validate", path)
    assert result.returncode == 2
    assert "scale: 'max' must be a number, not the text '77777" in result.stderr
    path.write_text(HUGE_YAML.replace(HUGE, f"{HUGE}.5"), encoding="utf-8")
    assert "digits" not in kloof("validate", path).stderr


# --- a reader that stops early ----------------------------------------------------


def run_into_closed_pipe(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """``kloof ARGS`` writing to a pipe whose reader has already gone, as after
    ``| head -1`` once head has its line: every write fails."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [str(KLOOF), *map(str, args)],
            stdout=writing,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writing)


@pytest.mark.parametrize(
    "args",
    [
        ("schema", "case"),
        ("schema", "framework"),
        ("analyse", DEMO),
        ("analyse", DEMO, "--format", "json"),
        ("analyse", DEMO, "--format", "markdown"),
        ("chart", DEMO, "-o", "-"),
        ("report", DEMO, "-o", "-"),
        ("guide", DEMO),
        ("export", DEMO, "-o", "-", "--format", "csv"),
        ("new",),
        ("validate", DEMO),
        ("frameworks",),
        ("--version",),
    ],
    ids=lambda args: " ".join(str(arg).replace(str(DEMO), "demo") for arg in args),
)
def test_a_closed_pipe_ends_the_command_quietly(args: tuple[str | Path, ...]) -> None:
    result = run_into_closed_pipe(*args)
    assert result.stderr.decode() == ""
    assert result.returncode == 141


@pytest.mark.parametrize("args", [("--help",), ("analyse", "--help")])
def test_help_into_a_closed_pipe_ends_quietly(args: tuple[str, ...]) -> None:
    """argparse drops help it cannot write and exits 0 as usual."""
    result = run_into_closed_pipe(*args)
    assert (result.returncode, result.stderr.decode()) == (0, "")


def test_version_goes_to_standard_output() -> None:
    result = kloof("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, "kloof 0.1.0\n", "")


# --- the export's format from the file name ------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [("ratings.csv", b"\xef\xbb\xbffactor_key,"), ("ratings.xlsx", b"PK"), ("R.XLSX", b"PK")],
)
def test_export_takes_the_format_from_the_file_name(
    tmp_path: Path, name: str, starts: bytes
) -> None:
    target = tmp_path / name
    result = kloof("export", DEMO, "-o", target)
    assert (result.returncode, result.stderr) == (0, f"wrote {target}\n")
    assert target.read_bytes().startswith(starts)


@pytest.mark.parametrize(
    ("args", "language", "message"),
    [
        (
            ("-o", "{dir}/x.csv", "--format", "xlsx"),
            "en",
            "kloof: error: the file name '{dir}/x.csv' ends in .csv, but --format is xlsx"
            " — leave out --format to write csv, or end the file name in .xlsx",
        ),
        (
            ("-o", "{dir}/x.txt"),
            "en",
            "kloof: error: cannot tell the format from the file name '{dir}/x.txt'"
            " — end it in .xlsx or .csv, or add --format xlsx or --format csv",
        ),
        (
            ("-o", "-"),
            "en",
            "kloof: error: writing to standard output needs --format"
            " — add --format xlsx or --format csv",
        ),
        (
            ("-o", "{dir}/x.xlsx", "--format", "csv"),
            "nl",
            "kloof: fout: de bestandsnaam '{dir}/x.xlsx' eindigt op .xlsx, maar --format is csv"
            " — laat --format weg om xlsx te schrijven, of laat de bestandsnaam eindigen op .csv",
        ),
    ],
)
def test_export_refuses_a_format_the_file_name_contradicts_or_cannot_tell(
    tmp_path: Path, args: tuple[str, ...], language: str, message: str
) -> None:
    result = kloof("export", DEMO, *(arg.format(dir=tmp_path) for arg in args), language=language)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == message.format(dir=tmp_path) + "\n"
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_export_with_a_format_writes_any_file_name_and_standard_output(tmp_path: Path) -> None:
    target = tmp_path / "export.dat"
    assert kloof("export", DEMO, "-o", target, "--format", "csv").returncode == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbffactor_key,")
    done = subprocess.run(
        [str(KLOOF), "export", str(DEMO), "-o", "-", "--format", "xlsx"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout[:2]) == (0, b"PK")
