"""Every message of practice has its Dutch text, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kloof.formats import attemptfile, scenariofile
from kloof.i18n import practice as practice_words
from kloof.i18n import translator
from kloof.services import practice as practice_service
from tests.i18n.catalogs import marked_templates, plain_input_errors

MODULES = [Path(m.__file__ or "") for m in (scenariofile, attemptfile, practice_service)]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def gettext_literals(module: Path) -> list[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "gettext"
        and isinstance(node.args[0], ast.Constant)
    ]


def all_texts() -> list[str]:
    words = Path(practice_words.__file__ or "")
    cli = words.parent.parent / "cli_practice.py"
    texts = [t for module in MODULES for t in marked_templates(module)]
    return texts + gettext_literals(words) + gettext_literals(cli)


def test_every_text_has_a_dutch_translation_with_the_same_placeholders() -> None:
    texts = all_texts()
    assert len(texts) >= 50
    dutch = translator("nl")
    missing = [text for text in texts if dutch.gettext(text) == text]
    assert missing == []
    for text in texts:
        assert set(PLACEHOLDER.findall(dutch.gettext(text))) == set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_input_error_is_made_by_hand(module: Path) -> None:
    assert plain_input_errors(module) == []


@pytest.mark.parametrize(
    ("level", "domain", "nl"),
    [("basic", "work", ("basis", "werk")), ("advanced", "news", ("gevorderd", "nieuws"))],
)
def test_levels_and_domains_in_dutch(level: str, domain: str, nl: tuple[str, str]) -> None:
    words = (practice_words.level_word(level, "nl"), practice_words.domain_word(domain, "nl"))
    assert words == nl
    assert practice_words.domain_word("private", "nl") == "privé"


def test_the_formula_reads_in_both_languages() -> None:
    assert practice_words.formula_text("en").startswith(
        "The score adds three parts. Positions, 35 points:"
    )
    assert "Blokkerende verschillen, 50 punten" in practice_words.formula_text("nl")


def test_every_scenario_schema_description_has_dutch() -> None:
    from kloof.formats.scenariofile import scenario_schema
    from kloof.formats.schemacheck import schema_description

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            description = schema_description(node) if "description" in node else None
            if description is not None:
                found.append(description.template)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(scenario_schema())
    assert len(found) > 20
    dutch = translator("nl")
    assert [text for text in found if dutch.gettext(text) == text] == []
