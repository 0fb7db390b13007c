"""Translations and locale-aware formatting for nl and en.

UI text is marked in the source as ``t.gettext("English text")`` where ``t`` is
the translator for the wanted language. Catalogs live in
``kloof/locale/nl/LC_MESSAGES/<area>.po``, one per area (chart, report, reasons,
cli, ...), compiled to ``.mo`` by ``python scripts/i18n.py compile``. English is
the source language and needs no catalog.
"""

from __future__ import annotations

import datetime as dt
import gettext
from decimal import Decimal
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
    return _decimal_text(value, language, digits, digits)


def format_score(value: float, language: str) -> str:
    """A score or a number of points: one decimal, two where a median needs them.

    Medians of an even count and means of views land on quarters (4.75): one
    decimal would print 4.8 and make "4.8 and 4.5: 0.2 points apart" not add up.
    """
    return _decimal_text(value, language, 1, 2)


def format_date(value: object, language: str) -> str:
    """A date for people, in the long form of the language (``1 december 2026``):
    CLDR's long date of nl_NL and en_GB, ``d MMMM y``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise TypeError(f"not a date: {value!r}")
    months = _MONTHS_NL if language == "nl" else _MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


# Numbers and dates are written here as Babel writes them with the patterns
# ``0``, ``0.0``, ``0.00`` and ``0.0#`` (a test compares the two on thousands of
# values): loading Babel's locale data cost the command line some 40 ms of its
# start-up, for two decimal signs and twelve month names. Babel still writes
# what these patterns do not cover (infinity, not-a-number) and the web's
# grouped numbers.

_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _decimal_text(value: float, language: str, least: int, most: int) -> str:
    """``value`` with ``least`` to ``most`` decimals, rounded half to even on its
    decimal digits (Babel's ``Decimal(str(value))``: 0.15 is 0,2), no grouping."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        return _babel_decimal(value, language, least, most)
    negative = number.is_signed()
    whole, _, fraction = f"{abs(number).normalize().quantize(Decimal(10) ** -most):f}".partition(
        "."
    )
    fraction = (fraction or "0").ljust(least, "0")
    if most == 0 or (least == 0 and int(fraction) == 0):
        fraction = ""
    else:
        fraction = fraction[:least] + fraction[least:].rstrip("0")
    text = whole + ((("," if language == "nl" else ".") + fraction) if fraction else "")
    return "-" + text if negative else text


def _babel_decimal(value: float, language: str, least: int, most: int) -> str:
    from babel.numbers import format_decimal

    pattern = "0" + ("." + "0" * least + "#" * (most - least) if most else "")
    return str(format_decimal(value, format=pattern, locale=_babel_locale(language)))


def counted(t: gettext.NullTranslations, count: int, singular: str, plural: str) -> str:
    """``count`` with its noun in the plural form the language wants for it
    (``1 rater``, ``2 raters``; ``0 raters``): ``t.ngettext`` filled in. Both forms
    name the count ``{count}``."""
    return t.ngettext(singular, plural, count).format(count=count)


def babel_locale(language: str) -> str:
    """The Babel locale kloof writes ``language`` in."""
    return _babel_locale(language)


def _babel_locale(language: str) -> str:
    return "nl_NL" if language == "nl" else "en_GB"
