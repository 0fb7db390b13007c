"""Evidence states under the anonymity promise, on the dashboard's "confirmed or
estimated" panel and on the evidence page: a position only a held-back group has
scored shows as unrated, so neither tells that a small group has answered."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from kloof.storage import models
from kloof.storage.anonymity import set_anonymity
from kloof.storage.respondents import Answer, submit
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import OTHER, make_link
from tests.web.test_respondents import login, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def trust_of_them(client, *, anonymous: bool, respondents: int) -> tuple[str, str]:
    """The evidence state of the counterparty's trust after ``respondents`` of
    them rated it, and nobody of the team did: on the dashboard, on the evidence page."""
    team = make_team()
    case = make_demo_case(team.workspace)
    them = case.parties.get(key=OTHER)
    models.Rating.objects.filter(case=case, subject=them, factor="trust").delete()
    if anonymous:
        set_anonymity(case, True, 3)
    for number in range(respondents):
        link, _token = make_link(case, rates="own", name=f"R{number}", party=OTHER)
        submit(link, [Answer(them.pk, "trust", 6.0)])
    login(client, team, "owner")
    response = client.get(url("dashboard", case))
    [row] = [row for row in response.context["evidence"] if row["key"] == "trust"]
    [cell] = [cell for cell in row["cells"] if cell["party"] == OTHER]
    page = client.get(url("evidence", case))
    [section] = [section for section in page.context["sections"] if section["party"].key == OTHER]
    [position] = [row for row in section["factors"] if row["key"] == "trust"]
    return cell["state"], position["state"]


@pytest.mark.parametrize(
    ("anonymous", "respondents", "state"),
    [
        (True, 2, "unrated"),  # held back: 1 more answer needed
        (True, 3, "estimated"),  # the group is shown
        (False, 1, "estimated"),  # no promise: every answer counts
    ],
)
def test_a_held_back_group_does_not_make_a_position_estimated(
    client, anonymous, respondents, state
):
    assert trust_of_them(client, anonymous=anonymous, respondents=respondents) == (state, state)
