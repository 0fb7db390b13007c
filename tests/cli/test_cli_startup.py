"""What ``kloof analyse`` loads: only what analysing and printing need. The start-up
time itself is measured in benchmarks/cli_startup.py, not here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
KITCHEN = ROOT / "examples" / "practice-kitchen-renovation.json"

#: The modules a command that prints an analysis must not import, and why they
#: were expensive: each cost milliseconds of every start-up.
NOT_NEEDED = (
    "jsonschema",  # ~100 ms; asked only to explain a file with a problem
    "referencing",
    "babel",  # ~40 ms with its locale data; numbers and dates are written by kloof.i18n
    "babel.dates",
    "tempfile",  # only for writing a file
    "importlib.resources",
    "zipfile",
    "difflib",  # only for a did-you-mean in a message
    "openpyxl",
    "jinja2",
    "django",
    "weasyprint",  # Pango and HarfBuzz: only for a PDF
)

_CHILD = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
from kloof.cli import main
sys.exit(main(sys.argv[1:]))
"""


def modules_loaded_by(*args: str | Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(loaded)


@pytest.mark.parametrize(
    "args",
    [
        ("analyse", DEMO),
        ("analyse", DEMO, "--format", "json"),
        ("analyse", DEMO, "--lang", "nl"),
        ("analyse", KITCHEN),
        ("validate", DEMO),
    ],
    ids=["table", "json", "table-nl", "json-file", "validate"],
)
def test_printing_an_analysis_loads_nothing_it_does_not_need(args: tuple[str | Path, ...]) -> None:
    loaded = modules_loaded_by(*args)
    assert "kloof.domain.analysis" in loaded or args[0] == "validate"
    assert sorted(loaded.intersection(NOT_NEEDED)) == []


def test_a_file_with_a_problem_still_gets_jsonschemas_explanation(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(DEMO.read_text(encoding="utf-8").replace("kloof: 1\n", "kloof: 1\ntitel: x\n"))
    done = subprocess.run(
        [sys.executable, "-m", "kloof", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown field 'titel' — did you mean 'title'?" in done.stderr
