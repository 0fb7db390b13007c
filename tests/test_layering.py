"""The layering of DESIGN.md, enforced: the domain is pure, the outer layers only
import inward."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kloof"

#: Standard-library modules that do I/O or touch the process: not in the domain.
IO_MODULES = {
    "os", "io", "pathlib", "socket", "ssl", "urllib", "http", "subprocess", "shutil",
    "sqlite3", "tempfile", "glob", "fileinput", "asyncio", "select", "signal", "ftplib",
    "smtplib", "logging", "threading", "multiprocessing", "pickle", "shelve", "dbm",
    "gettext", "locale", "importlib", "sys", "builtins", "webbrowser", "ctypes",
}  # fmt: skip
IO_BUILTINS = {"open", "print", "input", "exec", "eval", "__import__", "compile"}
#: Which top-level kloof packages each layer may import.
ALLOWED_KLOOF = {
    "domain": {"domain"},
    "formats": {"domain", "formats"},
    "reports": {"domain", "reports", "i18n"},
    "i18n": {"domain", "i18n"},
    "services": {"domain", "formats", "reports", "i18n", "services"},
}


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def called_builtins(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    } & IO_BUILTINS


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_domain_module_imports_only_pure_standard_library(path):
    for name in imported_names(path):
        top = name.split(".")[0]
        if top == "kloof":
            assert name.startswith("kloof.domain"), f"{path.name} imports {name}"
        else:
            assert top in sys.stdlib_module_names, f"{path.name} imports {name}"
            assert top not in IO_MODULES, f"{path.name} imports {name} (I/O)"
    assert called_builtins(path) == set(), f"{path.name} calls I/O builtins"


@pytest.mark.parametrize("layer", sorted(ALLOWED_KLOOF))
def test_layer_imports_only_inner_layers(layer):
    for path in modules(layer):
        for name in imported_names(path):
            parts = name.split(".")
            if parts[0] != "kloof" or len(parts) < 2:
                continue
            assert parts[1] in ALLOWED_KLOOF[layer], f"{path} imports {name}"
            assert "django" not in name


def test_no_layer_but_web_and_storage_imports_django():
    for path in PACKAGE.rglob("*.py"):
        if {"web", "storage"} & set(path.relative_to(PACKAGE).parts):
            continue
        assert not {n for n in imported_names(path) if n.split(".")[0] == "django"}, path
