"""Numbers as people type them, and as people read them.

A typed number takes a decimal point or a decimal comma, whatever the page's
language: "3,5" and "3.5" are both three and a half, never 35. That is why no
form of kloof uses ``<input type=number>``: Chromium drops the comma from
"3,5" there and posts 35. A number field is a text field with
``inputmode=decimal`` (a phone shows its number keys) that this module reads.
Thousands separators are not accepted: a score or a scale bound never needs
them, and "1,250" would be ambiguous.
"""

from __future__ import annotations

import math
import re
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

#: Digits with at most one decimal separator, point or comma; a sign allowed.
TYPED_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
#: Longer text is not a number anybody means to type.
MAX_TYPED = 40
#: A number is shown with at most this many decimals.
SHOWN_DECIMALS = 2


def typed_number(text: str) -> float | None:
    """The number ``text`` says (``"3,5"`` is 3.5); None when it says none."""
    text = text.strip()
    if len(text) > MAX_TYPED or not TYPED_NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", "."))


def number_text(value: float | str | None) -> str:
    """A number for people: up to two decimals, none when whole, in the page's
    language ("4,5" in Dutch); empty for no number."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(number):
        return ""
    return formats.number_format(f"{number:.{SHOWN_DECIMALS}f}".rstrip("0").rstrip("."))


def decimal_input(**attrs: str) -> forms.TextInput:
    """A text field for a number with a fraction: a phone shows number keys."""
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", **attrs})


def whole_input(**attrs: str) -> forms.TextInput:
    """A text field for a whole number."""
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", **attrs})


class TypedNumberField(forms.FloatField):
    """A float field that reads a decimal comma as well as a point, and shows
    its value the page's way ("4,5" in Dutch)."""

    widget = decimal_input()
    default_error_messages = {  # noqa: RUF012 -- Django merges these class dicts
        "invalid": _("Type a number, such as 4 or 4.5 (a decimal comma works too)."),
    }

    def to_python(self, value: Any) -> float | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int | float):
            return float(value)
        number = typed_number(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value: Any) -> Any:
        return number_text(value) if isinstance(value, int | float) else value

    def has_changed(self, initial: Any, data: Any) -> bool:
        # The field showed ``initial`` with at most two decimals: posting that
        # text back is no change (a stored 4.333 shows, and comes back, as 4.33).
        try:
            number = self.to_python(data)
        except forms.ValidationError:
            return True
        if number is None or initial is None:
            return (number is None) != (initial is None)
        return not math.isclose(round(float(initial), SHOWN_DECIMALS), number)


class WholeNumberField(forms.IntegerField):
    """An integer field typed as text: no browser turns "3,5" into 35 on the way."""

    widget = whole_input()
