"""What the catalog tests share: the ``N_("...")`` templates marked in a module
and the placeholders of a message."""

from __future__ import annotations

import ast
import re
from pathlib import Path


def marked_templates(module: Path) -> list[str]:
    """Every ``N_("...")`` literal in ``module``, in the order of the source."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "N_"
        and isinstance(node.args[0], ast.Constant)
    ]


def placeholders(text: str) -> set[str]:
    """The ``%(name)s`` placeholders of a message."""
    return set(re.findall(r"%\((\w+)\)s", text))


def plain_input_errors(module: Path) -> list[int]:
    """The lines of ``module`` that make an ``InputError(...)`` by hand, with a
    finished English sentence instead of a template (``InputError.worded``)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "InputError"
    ]
