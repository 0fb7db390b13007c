"""What the cells of an import mean: numbers, choices, parties, raters and factor
names as people write them (see :mod:`kloof.formats.importer`)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from fractions import Fraction

from kloof.domain.model import Case, Rater

__all__ = [
    "CONFIDENCES",
    "SOURCES",
    "FactorNames",
    "fraction",
    "known_rater",
    "normalised",
    "number_text",
    "parse_number",
    "party_names",
]

_MAX_NUMBER_TEXT = 40
CONFIDENCES = {"low": "low", "medium": "medium", "high": "high", "laag": "low"}
CONFIDENCES |= {"middel": "medium", "gemiddeld": "medium", "hoog": "high"}
SOURCES = {name: name for name in ("self", "interview", "observation", "document", "estimate")}
SOURCES |= {"zelf": "self", "observatie": "observation", "schatting": "estimate"}
#: How close a text must be to a factor's name for "did you mean" (difflib's ratio).
_CLOSE_ENOUGH = 0.6


def normalised(text: str) -> str:
    """``text`` as names are compared: trimmed, spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


def party_names(case: Case) -> dict[str, str]:
    """Casefolded text → party id: the texts a file may use for a party of
    ``case`` without the mapping's help (names, then ids)."""
    lookup = {party.name.strip().casefold(): party.id for party in case.parties}
    return lookup | {party.id.casefold(): party.id for party in case.parties}


class FactorNames:
    """The texts a file may write for a factor of a case: its key (also with
    spaces for underscores), its Dutch and English names, and what the mapping
    adds; with the closest name for a text that is none of them."""

    def __init__(self, case: Case, extra: Mapping[str, str] | None = None) -> None:
        self.known = {factor.key for factor in case.factors}
        self._shown: dict[str, tuple[str, str]] = {}  # normalised → (as written, key)
        for factor in case.factors:
            for text in (factor.key, factor.key.replace("_", " "), factor.name.nl, factor.name.en):
                if text:
                    self._shown.setdefault(normalised(text), (text, factor.key))
        self._lookup = {name: key for name, (_text, key) in self._shown.items()}
        self._lookup |= {normalised(text): key for text, key in (extra or {}).items()}

    def key(self, text: str) -> str | None:
        """The factor key ``text`` names, or None."""
        return self._lookup.get(normalised(text))

    def suggestion(self, text: str) -> str | None:
        """The closest factor name as ``"Vertrouwen" (trust)``, or None."""
        close = difflib.get_close_matches(normalised(text), self._shown, n=1, cutoff=_CLOSE_ENOUGH)
        if not close:
            return None
        written, key = self._shown[close[0]]
        return f'"{written}"' if written == key else f'"{written}" ({key})'

    def unknown(self, texts: Iterable[str]) -> list[str]:
        """The distinct ``texts`` that name no factor, in their order (empty ones left out)."""
        found: dict[str, str] = {}
        for text in texts:
            name = normalised(text)
            if name and name not in self._lookup and name not in found:
                found[name] = text.strip()
        return list(found.values())


def known_rater(case: Case, text: str) -> Rater | None:
    """The rater of ``case`` with the id ``text``, or the only one with that name."""
    for rater in case.raters:
        if rater.id == text:
            return rater
    named = [rater for rater in case.raters if rater.name.strip().casefold() == text.casefold()]
    return named[0] if len(named) == 1 else None


def new_rater_id(name: str, taken: set[str]) -> str:
    """An id for a new rater made from ``name``, not in ``taken``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:40] or "rater"
    base = base if base[0].isalpha() else f"r_{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def parse_number(text: str) -> Fraction | None:
    """A score as written: "4", "4.5" or the Dutch "4,5"; None when it is not one."""
    if len(text) > _MAX_NUMBER_TEXT:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    return Fraction(text)


def fraction(value: float) -> Fraction:
    return Fraction(value).limit_denominator(10**9)


def number_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else repr(float(value))
