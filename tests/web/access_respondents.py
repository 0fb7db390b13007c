"""Who may manage a case's respondent links: editors and owners; viewers get 403
(the list names the people asked). The anonymity promise is the owner's, which
``test_respondents_settings`` checks with the form's own data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kloof.storage.respondents import create_link
from tests.web.access_table import World, case_kwargs, in_workspace


def link_kwargs(world: World) -> dict[str, Any]:
    party = world.case.parties.last()
    expires = timezone.now() + timedelta(days=7)
    link, _token = create_link(
        world.case, party=party, rates="both", language="en", expires=expires
    )
    return {**case_kwargs(world), "link_id": link.pk}


ACCESS_ENTRIES = {
    "respondents": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "respondent_create": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "respondent_revoke": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=link_kwargs
    ),
    "respondent_settings": in_workspace(
        "POST",
        viewer=403,
        editor=302,
        owner=302,
        kwargs=case_kwargs,
        data=lambda world: {"round": "close"},
    ),
}
