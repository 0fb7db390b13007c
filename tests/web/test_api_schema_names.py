"""Every response and request schema of the API has a name of its own: two
routers with a class of the same name would share one OpenAPI component, and
the second would describe the first's answers wrongly."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import kloof.web.api

API_DIR = Path(kloof.web.api.__file__).parent


def test_no_two_api_modules_define_a_schema_of_the_same_name() -> None:
    names: Counter[str] = Counter()
    for module in sorted(API_DIR.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names.update(node.name for node in tree.body if isinstance(node, ast.ClassDef))
    assert [name for name, count in names.items() if count > 1] == []
