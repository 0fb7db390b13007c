"""Access table entries of the rating area (collected by ``access_table``)."""

from __future__ import annotations

from typing import Any

from tests.web.access_table import World, case_kwargs, in_workspace


def rater_kwargs(world: World) -> dict[str, Any]:
    return {**case_kwargs(world), "rater_id": world.case.raters.first().pk}


def save_data(world: World) -> dict[str, Any]:
    """One factor's rating posted as the whole page would (no ``factor`` field)."""
    rater = world.case.raters.first()
    subject = world.case.parties.last()
    return {
        "rater": rater.pk,
        "subject": subject.pk,
        "save": "intention",
        "intention-score": "4.5",
        "intention-confidence": "high",
    }


ACCESS_ENTRIES = {
    "raters": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "rater_edit": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=rater_kwargs),
    "rater_remove": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=rater_kwargs),
    "rate": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "rating_overview": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "rating_save": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=case_kwargs, data=save_data
    ),
}
