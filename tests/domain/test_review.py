"""The next review of a case: same people and factors, new date, nothing rated."""

from __future__ import annotations

from datetime import date

from kloof.domain.review import next_review
from kloof.formats.casefile import load_case
from tests.cli.test_cli import DEMO


def test_next_review_keeps_the_set_up_and_drops_what_was_said() -> None:
    case = load_case(DEMO)
    assert case.ratings and case.differences  # the demo has both: the test means something

    review = next_review(case, date(2027, 3, 1), "demo-contract-renewal.yaml")

    assert review.parties == case.parties
    assert review.raters == case.raters
    assert review.factors == case.factors
    assert review.framework == case.framework
    assert review.framework_ref == case.framework_ref
    assert (review.title, review.language, review.scale) == (
        case.title,
        case.language,
        case.scale,
    )
    assert review.ratings == ()
    assert review.differences == ()
    assert review.interviews == ()
    assert review.agenda is None
    assert review.date == date(2027, 3, 1)
    assert review.previous == "demo-contract-renewal.yaml"
    assert case.previous is None  # the old case is untouched
