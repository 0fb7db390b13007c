"""The path converter of every id in kloof's URLs: ``<id:case_id>``.

Django's ``<int:…>`` takes any number of digits; an id beyond the database's
integer range (``/w/x/cases/99999999999999999999/``) then reached the lookup
and SQLite raised ``OverflowError``: a 500, even for somebody who is not a
member. ``id`` matches only the ids a row can have (1 to 2**63 - 1, the range of
the id columns on SQLite and PostgreSQL), so any other number is a URL that does
not exist: 404, before a view or a query runs.
"""

from __future__ import annotations

from django.urls import register_converter

#: The largest id the database's (big) integer id columns can hold.
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError("not an id a row can have")  # Django: no match, 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


def register() -> None:
    """Make ``<id:…>`` known to ``path()``; the route modules call it first."""
    register_converter(IdConverter, "id")
