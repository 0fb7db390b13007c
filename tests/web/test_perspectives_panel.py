"""The dashboard's one perspectives panel: per perspective the team's raters,
the respondents (or "held back" under the anonymity promise), the scores, the
factors rated and what to do about a missing one, for the user's role."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from kloof.storage import models
from kloof.storage.anonymity import set_anonymity
from kloof.storage.respondents import Answer, save_answers, submit
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import OTHER, make_link
from tests.web.test_dashboard import OUR_VIEWS, THREE_PARTIES, TableRows, stored
from tests.web.test_respondents import login, url

pytestmark = pytest.mark.django_db

#: Who answers: two submit, the third only saves a draft (which counts for nothing).
SUBMITTED = ("Carla Cartwright", "Dirk Dekker")
DRAFT_ONLY = "Eva Eriks"
#: The factors each respondent scores about their own party.
FACTORS = {"intention": 6.0, "trust": 5.0, "relationship": 4.5}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _their_self_view(case: models.Case, names: tuple[str, ...]) -> None:
    """People of Cartwright rate their own party only (``rates="own"``): the
    demo's team rated the other two perspectives, so this makes a third."""
    them = case.parties.get(key=OTHER)
    answers = [Answer(them.pk, factor, score) for factor, score in FACTORS.items()]
    for name in names:
        link, _token = make_link(case, rates="own", name=name, party=OTHER)
        submit(link, answers)
    link, _token = make_link(case, rates="own", name=DRAFT_ONLY, party=OTHER)
    save_answers(link, answers)


def _world(*, anonymous: bool = False, names: tuple[str, ...] = SUBMITTED):
    team = make_team()
    case = make_demo_case(team.workspace)
    if anonymous:
        set_anonymity(case, True, 3)
    _their_self_view(case, names)
    return team, models.Case.objects.get(pk=case.pk)


def _page(client, team, case, role: str, language: str = "en") -> str:
    login(client, team, role)
    response = client.get(url("dashboard", case), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _rows(page: str) -> list[list[str]]:
    parser = TableRows("perspectives")
    parser.feed(page)
    return parser.rows


def _panel(page: str) -> str:
    [section] = re.findall(
        r'<section class="panel" aria-labelledby="perspectives-heading">.*?</section>',
        page,
        flags=re.S,
    )
    return section


#: The fourth perspective, missing, as an owner sees it.
THEIR_VIEW_OF_US_MISSING = [
    "Their view of us: Cartwright Packaging about Halvorsen Foods",
    "0",
    "0",
    "missing No one from Cartwright Packaging has rated Halvorsen Foods yet. "
    "Invite respondents from Cartwright Packaging who rate both parties.",
    "0",
    "0 of 9",
]

FULL_EN = [
    *OUR_VIEWS,
    ["Their self view: Cartwright Packaging about itself", "0", "2", "partly rated", "6", "3 of 9"],
]


def test_the_table_has_a_row_per_perspective_with_team_and_respondents_apart(client):
    team, case = _world()
    rows = _rows(_page(client, team, case, "owner"))
    assert rows == [
        *FULL_EN,
        THEIR_VIEW_OF_US_MISSING,
    ]


def test_the_table_speaks_dutch(client):
    team, case = _world()
    rows = _rows(_page(client, team, case, "owner", language="nl"))
    assert rows == [
        ["Ons zelfbeeld: Halvorsen Foods over zichzelf", "4", "0", "compleet", "35", "9 van 9"],
        [
            "Onze kijk op hen: Halvorsen Foods over Cartwright Packaging",
            "4",
            "0",
            "compleet",
            "31",
            "9 van 9",
        ],
        [
            "Hun zelfbeeld: Cartwright Packaging over zichzelf",
            "0",
            "2",
            "deels beoordeeld",
            "6",
            "3 van 9",
        ],
        [
            "Hun kijk op ons: Cartwright Packaging over Halvorsen Foods",
            "0",
            "0",
            "ontbreekt Nog niemand van Cartwright Packaging heeft Halvorsen Foods beoordeeld. "
            "Nodig respondenten van Cartwright Packaging uit die beide partijen beoordelen.",
            "0",
            "0 van 9",
        ],
    ]


def test_the_table_is_labelled_for_screen_readers_and_scrolls_on_its_own(client):
    team, case = _world()
    panel = _panel(_page(client, team, case, "viewer"))
    label = "Raters, respondents and scores per perspective"
    assert f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}">' in panel
    assert f'<caption class="visually-hidden">{label}</caption>' in panel
    headers = re.findall(r'<th scope="col">([^<]*)</th>', panel)
    assert headers == [
        "Perspective",
        "Team raters",
        "Respondents",
        "Status",
        "Scores",
        "Factors rated",
    ]
    assert panel.count('<th scope="row">') == 4


def test_under_the_promise_a_small_group_is_held_back_without_its_count_or_names(client):
    team, case = _world(anonymous=True)
    page = _page(client, team, case, "owner")
    rows = _rows(page)
    assert rows[:2] == FULL_EN[:2]
    assert rows[2:] == [
        [
            "Their self view: Cartwright Packaging about itself",
            "0",
            "held back",
            "missing Respondents' answers held back: 1 more answer needed before they are "
            "shown. Invite respondents from Cartwright Packaging who rate both parties.",
            "0",
            "0 of 9",
        ],
        THEIR_VIEW_OF_US_MISSING,
    ]
    assert not any("2" in cell for cell in rows[2])  # the two who answered: no count
    panel = _panel(page)
    assert "held back until at least 3 of them have answered." in " ".join(panel.split())
    assert not any(name in page for name in (*SUBMITTED, DRAFT_ONLY))
    assert "Anonymous respondent" not in page


def test_under_the_promise_a_full_group_shows_its_count(client):
    team, case = _world(anonymous=True, names=(*SUBMITTED, "Femke Fokker"))
    rows = _rows(_page(client, team, case, "viewer"))
    assert rows[2] == [
        "Their self view: Cartwright Packaging about itself",
        "0",
        "3",
        "partly rated",
        "9",
        "3 of 9",
    ]


def test_a_held_back_group_beside_team_ratings_says_so_in_the_status(client):
    team, case = _world(anonymous=True)
    us = case.parties.get(key="halvorsen")
    # People of Cartwright rate us too: two answers, a group below the minimum of 3.
    for name in SUBMITTED:
        link, _token = make_link(case, rates="other", name=name, party=OTHER)
        submit(link, [Answer(us.pk, "trust", 2.0)])
    rows = _rows(_page(client, team, case, "viewer"))
    assert rows[3] == [
        "Their view of us: Cartwright Packaging about Halvorsen Foods",
        "0",
        "held back",
        "missing Respondents' answers held back: 1 more answer needed before they are "
        "shown. An owner or editor of the workspace can invite respondents from "
        "Cartwright Packaging who rate both parties.",
        "0",
        "0 of 9",
    ]


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owners_and_editors_get_the_invite_link(client, role):
    team, case = _world()
    panel = _panel(_page(client, team, case, role))
    respondents = url("respondents", case)
    assert (
        f'<a href="{respondents}">Invite respondents from Cartwright Packaging</a>'
        " who rate both parties." in panel
    )
    assert f'<p><a href="{respondents}">Respondent links of this case</a></p>' in panel


def test_a_viewer_gets_no_link_but_is_told_who_can_invite(client):
    team, case = _world()
    panel = _panel(_page(client, team, case, "viewer"))
    assert "<a " not in panel
    assert url("respondents", case) not in panel
    assert _rows(panel)[3][3] == (
        "missing No one from Cartwright Packaging has rated Halvorsen Foods yet. "
        "An owner or editor of the workspace can invite respondents from Cartwright "
        "Packaging who rate both parties."
    )


def test_a_missing_view_of_our_own_side_offers_a_rater_or_respondents(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    models.Rating.objects.filter(case=case, subject__key=OTHER).delete()
    owner = _rows(_page(client, team, case, "owner"))
    assert owner[1] == [
        "Our view of them: Halvorsen Foods about Cartwright Packaging",
        "0",
        "0",
        "missing No one from Halvorsen Foods has rated Cartwright Packaging yet. "
        "Add a rater of Halvorsen Foods or invite respondents.",
        "0",
        "0 of 9",
    ]
    panel = _panel(_page(client, team, case, "editor"))
    assert (
        f'<a href="{url("raters", case)}">Add a rater of Halvorsen Foods</a> or '
        f'<a href="{url("respondents", case)}">invite respondents</a>.' in panel
    )
    viewer = _rows(_page(client, team, case, "viewer"))
    assert viewer[1][3] == (
        "missing No one from Halvorsen Foods has rated Cartwright Packaging yet. "
        "An owner or editor of the workspace can add a rater of Halvorsen Foods or "
        "invite respondents."
    )


def test_the_old_both_sides_panel_is_gone(client):
    team, case = _world()
    page = _page(client, team, case, "owner")
    assert "dashboard-both-sides-heading" not in page
    assert page.count('class="perspectives"') == 1


def test_three_parties_give_every_ordered_pair_and_ask_for_every_party(client):
    team = make_team()
    case = stored(team, THREE_PARTIES)
    rows = _rows(_page(client, team, case, "viewer"))

    def missing(viewer: str, subject: str) -> list[str]:
        about = "itself (self view)" if viewer == subject else f"{subject} (outside view)"
        return [
            f"{viewer} about {about}",
            "0",
            "0",
            f"missing No one from {viewer} has rated {subject} yet. An owner or editor of "
            f"the workspace can invite respondents from {viewer} who rate every party.",
            "0",
            "0 of 9",
        ]

    eastport, hollis, verdan = "Eastport Rail Authority", "Hollis Construction", "Verdan Signalling"
    assert rows == [
        [f"{eastport} about itself (self view)", "3", "0", "complete", "27", "9 of 9"],
        [f"{eastport} about {hollis} (outside view)", "3", "0", "complete", "27", "9 of 9"],
        [f"{eastport} about {verdan} (outside view)", "3", "0", "partly rated", "24", "8 of 9"],
        missing(hollis, hollis),
        missing(hollis, eastport),
        missing(hollis, verdan),
        missing(verdan, verdan),
        missing(verdan, eastport),
        missing(verdan, hollis),
    ]
