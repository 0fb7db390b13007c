"""What the practice tests share: the built-in scenario files and small edits of them."""

from __future__ import annotations

from pathlib import Path

from kloof.services.practice import SCENARIO_DIR

SUPPLIER = SCENARIO_DIR / "supplier-price-rise.yaml"
STRIKE = SCENARIO_DIR / "regional-bus-strike.yaml"
BUILTIN_FILES = sorted(SCENARIO_DIR.glob("*.yaml"))


def edited(tmp_path: Path, source: Path, old: str, new: str, count: int = 1) -> Path:
    """A copy of ``source`` with ``old`` replaced by ``new`` (exactly ``count`` times
    in the original: the edit must hit what the test means)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)
