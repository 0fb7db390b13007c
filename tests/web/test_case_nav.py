"""The one case navigation: on every page of a case, by role, the open page marked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kloof.storage import evidence, rating
from kloof.storage.models import Case
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

#: URL name of each case page in the navigation, and its label.
PAGES = {
    "dashboard": "Analysis",
    "rate": "Rate",
    "rating_overview": "Who rated what",
    "raters": "Raters",
    "register": "Register",
    "agenda": "Agenda",
    "evidence": "Evidence",
    "interviews": "Interviews",
    "meeting": "Meeting",
    "history": "History",
    "case_edit": "Edit",
}


@pytest.fixture
def world():
    team = make_team()
    return team, make_demo_case(team.workspace)


def case_url(name: str, case: Case, **extra: int) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **extra})


def nav_of(html: str) -> str:
    start = html.index('<nav class="subnav case-nav"')
    return html[start : html.index("</nav>", start)]


#: Pages in the navigation that show none themselves: the meeting view is for a
#: projector, with only a way out.
BARE = {"meeting"}


@pytest.mark.parametrize("name", [name for name in PAGES if name not in BARE])
def test_every_case_page_marks_itself_in_the_one_navigation(client, world, name):
    team, case = world
    client.force_login(team.owner)
    nav = nav_of(client.get(case_url(name, case)).content.decode())
    for other, label in PAGES.items():
        mark = ' aria-current="page"' if other == name else ""
        assert f'<a href="{case_url(other, case)}"{mark}>{label}</a>' in nav, other
    assert nav.count("aria-current") == 1


def test_a_page_below_an_item_marks_that_item_as_its_section(client, world):
    team, case = world
    client.force_login(team.editor)
    rater = case.raters.first()
    html = client.get(case_url("rater_edit", case, rater_id=rater.pk)).content.decode()
    assert f'<a href="{case_url("raters", case)}" aria-current="true">Raters</a>' in nav_of(html)


def test_the_meeting_view_shows_no_navigation_but_a_way_out(client, world):
    team, case = world
    client.force_login(team.viewer)
    html = client.get(case_url("meeting", case)).content.decode()
    assert 'class="subnav' not in html
    assert 'class="site-header' not in html
    assert f'<a class="meeting-exit" href="{case_url("dashboard", case)}">' in html


def test_a_viewer_gets_no_edit_link(client, world):
    team, case = world
    client.force_login(team.viewer)
    nav = nav_of(client.get(case_url("dashboard", case)).content.decode())
    assert case_url("case_edit", case) not in nav
    assert nav.count("<li>") == len(PAGES) - 1


def test_the_navigation_speaks_dutch(client, world):
    team, case = world
    client.force_login(team.owner)
    response = client.get(case_url("history", case), HTTP_ACCEPT_LANGUAGE="nl")
    nav = nav_of(response.content.decode())
    assert f'aria-label="Casus: {case.title}"' in nav
    for label in ("Analyse", "Beoordelen", "Beoordelaars", "Bewijs", "Geschiedenis", "Bewerken"):
        assert f">{label}</a>" in nav, label


def test_pages_outside_a_case_have_no_case_navigation(client, world):
    team, _case = world
    client.force_login(team.owner)
    html = client.get(reverse("case_list", kwargs={"slug": team.workspace.slug})).content.decode()
    assert "case-nav" not in html


# -- evidence on the dashboard and the rate page ----------------------------------------


def note_on(case: Case, party_key: str, factor: str, text: str, rater_key: str | None):
    party = case.parties.get(key=party_key)
    supports = case.ratings.filter(rater__key=rater_key, subject=party, factor=factor)
    values = {"source": "interview", "date": None, "text": text}
    return evidence.add_note(case, party, factor, values, None, supports=supports)


def test_the_dashboard_shows_each_position_as_confirmed_estimated_or_unrated(client, world):
    team, case = world
    rated = case.ratings.filter(score__isnull=False).select_related("rater", "subject").first()
    note_on(case, rated.subject.key, rated.factor, "Said so on the phone", rated.rater.key)
    client.force_login(team.viewer)
    response = client.get(case_url("dashboard", case))
    rows = {
        (cell["party"], row["key"]): cell["state"]
        for row in response.context["evidence"]
        for cell in row["cells"]
    }
    assert rows == evidence.position_evidence(case)
    assert rows[(rated.subject.key, rated.factor)] == "confirmed"
    html = response.content.decode()
    assert '<span class="badge evidence-state evidence-confirmed">confirmed</span>' in html
    assert f'href="{case_url("evidence", case)}"' in html


def test_the_rate_page_shows_the_notes_that_support_each_rating(client, world):
    team, case = world
    rated = case.ratings.filter(score__isnull=False).select_related("rater", "subject").first()
    note_on(case, rated.subject.key, rated.factor, "Their CFO confirmed it", rated.rater.key)
    note_on(case, rated.subject.key, rated.factor, "Supports nobody", None)
    client.force_login(team.editor)
    query = f"?rater={rated.rater.pk}&subject={rated.subject.pk}"
    response = client.get(case_url("rate", case) + query, HTTP_ACCEPT_LANGUAGE="nl")
    rows = {row.factor.key: row for row in response.context["rows"]}
    assert [(note.text, source) for note, source in rows[rated.factor].notes] == [
        ("Their CFO confirmed it", "interview")
    ]
    html = response.content.decode()
    assert "Onderbouwd door 1 notitie:" in html
    link = (
        f"{case_url('evidence', case)}?party={rated.subject.key}&amp;factor={rated.factor}"
        f"#evidence-{rated.subject.pk}-{rated.factor}"
    )
    assert f'href="{link}"' in html
    assert html.count("Nog geen notitie onderbouwt deze beoordeling.") == len(rows) - 1


def test_supporting_notes_are_those_of_the_rater_and_subject_only(world):
    _team, case = world
    rated = case.ratings.filter(score__isnull=False).select_related("rater", "subject").first()
    note = note_on(case, rated.subject.key, rated.factor, "Heard it", rated.rater.key)
    assert evidence.supporting_notes(case, rated.rater, rated.subject) == {rated.factor: [note]}
    other = rating.add_rater(case, "Someone else", rated.subject)
    assert evidence.supporting_notes(case, other, rated.subject) == {}
