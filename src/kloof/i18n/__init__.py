"""Translations and locale-aware formatting for nl and en.

UI text is marked in the source as ``t.gettext("English text")`` where ``t`` is
the translator for the wanted language. Catalogs live in
``kloof/locale/nl/LC_MESSAGES/<area>.po``, one per area (chart, report, reasons,
cli, ...), compiled to ``.mo`` by ``python scripts/i18n.py compile``. English is
the source language and needs no catalog.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SUPPORTED = ("nl", "en")


@cache
def translator(language: str) -> gettext.NullTranslations:
    """All catalogs of ``language`` chained into one; English passes through."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    if language != "nl":
        return chain
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    for mo_file in sorted(directory.glob("*.mo")):
        with mo_file.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        catalog.add_fallback(chain)
        chain = catalog
    return chain


def format_number(value: float, language: str, digits: int = 1) -> str:
    """A number for people: ``2,5`` in Dutch, ``2.5`` in English.

    Machine formats (SVG coordinates, JSON, CSV) never go through here.
    """
    from babel.numbers import format_decimal  # lazy: keeps CLI start-up fast

    pattern = "0." + "0" * digits if digits > 0 else "0"
    return str(format_decimal(value, format=pattern, locale=_babel_locale(language)))


def format_score(value: float, language: str) -> str:
    """A score or a number of points: one decimal, two where a median needs them.

    Medians of an even count and means of views land on quarters (4.75): one
    decimal would print 4.8 and make "4.8 and 4.5: 0.2 points apart" not add up.
    """
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="0.0#", locale=_babel_locale(language)))


def format_date(value: object, language: str) -> str:
    """A date for people, in the long form of the language (``1 december 2026``)."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, format="long", locale=_babel_locale(language)))  # type: ignore[arg-type]


def babel_locale(language: str) -> str:
    """The Babel locale kloof writes ``language`` in."""
    return _babel_locale(language)


def _babel_locale(language: str) -> str:
    return "nl_NL" if language == "nl" else "en_GB"
