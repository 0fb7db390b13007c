"""Where the start-up time of ``kloof`` goes: ``python -X importtime`` parsed.

``-X importtime`` prints one line per imported module, a module's own imports
before it and indented one level deeper; so the importer of a line is the next
line below it that is one level shallower.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

PREFIX = "import time:"


@dataclass(frozen=True)
class ImportCost:
    module: str
    self_us: int  # microseconds spent in the module itself
    cumulative_us: int  # itself and everything it imported first
    importer: str | None  # the module whose import pulled it in; None: the entry point


def import_costs(args: Sequence[str]) -> list[ImportCost]:
    """The imports of ``kloof ARGS`` run as ``python -X importtime -m kloof ARGS``,
    costliest (cumulative) first."""
    command = [sys.executable, "-X", "importtime", "-m", "kloof", *args]
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return sorted(parse_importtime(done.stderr), key=lambda c: c.cumulative_us, reverse=True)


def parse_importtime(text: str) -> list[ImportCost]:
    """The ``import time:`` lines of ``text`` with their importers."""
    rows: list[tuple[int, str, int, int]] = []
    for line in text.splitlines():
        if not line.startswith(PREFIX):
            continue
        own_text, cumulative_text, name = line[len(PREFIX) :].split("|")
        if not own_text.strip().isdigit():
            continue  # the header line
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((depth, name.strip(), int(own_text), int(cumulative_text)))
    costs = []
    for index, (depth, module, own, cumulative) in enumerate(rows):
        importer = next((later[1] for later in rows[index + 1 :] if later[0] < depth), None)
        costs.append(ImportCost(module, own, cumulative, importer))
    return costs
