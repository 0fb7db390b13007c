"""The next review of a case: the same people and factors, a new date, no scores.

The method asks to review trust and the other factors with a partner at least once
a year, outside the stress of a contract negotiation. The next review starts from
the last case: same parties, raters, framework, own factors, language and scale,
but nothing that belongs to the last conversation (ratings, register, agenda,
interviews), and it names the case it follows up.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from kloof.domain.model import Case

__all__ = ["next_review"]


def next_review(case: Case, on: date, previous_ref: str) -> Case:
    """A fresh case for the review of ``on`` that follows up ``case``.

    ``previous_ref`` names ``case`` (a path relative to the new case file, or any
    identifier); the title and the description are kept, the date is ``on``.
    """
    return dataclasses.replace(
        case,
        ratings=(),
        differences=(),
        interviews=(),
        agenda=None,
        date=on,
        previous=previous_ref,
    )
