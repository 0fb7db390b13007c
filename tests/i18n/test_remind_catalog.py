"""Every text of ``kloof remind`` (its mail and its output) has a Dutch translation
with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kloof.i18n import translator
from tests.i18n.catalogs import placeholders

SRC = Path(__file__).resolve().parents[2] / "src" / "kloof"
NUMBERS = re.compile(r"%\((\w+)\)d")
MODULES = (SRC / "cli_remind.py", SRC / "i18n" / "reminders.py")


def translated_calls(module: Path) -> list[tuple[str, ...]]:
    """The literal arguments of every ``t.gettext("…")`` and ``t.ngettext("…", "…", n)``."""
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("gettext", "ngettext")
        ):
            found.append(
                tuple(
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
            )
    return found


#: The same word in Dutch.
SAME_IN_DUTCH = {"%(reviews)d review", "%(reviews)d reviews"}

MESSAGES = [message for module in MODULES for message in translated_calls(module)]


def test_the_modules_have_texts_to_translate():
    assert len(MESSAGES) == 20


@pytest.mark.parametrize("message", MESSAGES, ids=lambda message: message[0][:40])
def test_each_text_is_translated_with_its_placeholders(message):
    dutch = translator("nl")
    if len(message) == 1:
        versions = [(message[0], dutch.gettext(message[0]))]
    else:
        singular, plural = message
        versions = [(singular, dutch.ngettext(singular, plural, 1))]
        versions.append((plural, dutch.ngettext(singular, plural, 2)))
    for english, translated in versions:
        assert translated != english or english in SAME_IN_DUTCH, english
        assert placeholders(translated) == placeholders(english), english
        assert NUMBERS.findall(translated) == NUMBERS.findall(english), english
