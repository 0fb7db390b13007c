"""The dashboard's cache: a second view reads the analysis from the cache, and
every kind of change to the case shows on the very next view."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kloof.domain.model import Scale
from kloof.storage import models
from kloof.storage.cases_edit import CaseChanges, PartyChange, update_case
from kloof.storage.evidence import add_note, update_note
from kloof.storage.rating import RatingValues, remove_rater, save_ratings
from kloof.storage.register import add_action, update_entry
from tests.web.factories import Team, make_demo_case, make_team
from tests.web.test_dashboard import column, table, url


@pytest.fixture
def team() -> Team:
    return make_team()


@pytest.fixture
def demo(team: Team) -> models.Case:
    return make_demo_case(team.workspace)


@pytest.fixture
def editor(client: Client, team: Team) -> Client:
    client.force_login(team.editor)
    return client


def view(client: Client, case: models.Case, query: str = "") -> tuple[object, int]:
    """The dashboard's answer and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("dashboard", case, query))
    assert response.status_code == 200
    return response, len(queries)


def positions(response: object, factor: str) -> str:
    return next(row[1] for row in table(response, "differences") if row[0] == factor)


def agreement(response: object) -> list[list[str]]:
    return [row[:1] + row[3:] for row in table(response, "agreement")]


def rater(case: models.Case, key: str) -> models.Rater:
    return models.Rater.objects.select_related("case", "party").get(case=case, key=key)


def party(case: models.Case, key: str) -> models.Party:
    return models.Party.objects.get(case=case, key=key)


def entry(case: models.Case, factor: str) -> models.Difference:
    return models.Difference.objects.get(case=case, factor=factor)


@pytest.mark.django_db
def test_the_second_view_reads_the_analysis_from_the_cache(editor, demo):
    first, missed = view(editor, demo)
    second, hit = view(editor, demo)
    # The hit skips the six tables of the case, the evidence and the analysis: it
    # reads the session, the user, the access (every membership of the user with
    # its workspace, for the workspace menu too, joined to the case) and the
    # fingerprint.
    assert (missed, hit) == (11, 4)
    # The page around it is made anew (its CSRF token differs), the analysis is not.
    assert second.context["content"] == first.context["content"]


@pytest.mark.django_db
def test_the_page_around_the_cached_part_is_each_users_own(client, team, demo):
    client.force_login(team.editor)
    view(client, demo)
    other = Client()
    other.force_login(team.owner)
    response, _ = view(other, demo)
    assert "csrfmiddlewaretoken" not in response.context["content"]
    assert team.owner.email in response.content.decode()
    assert team.editor.email not in response.content.decode()


@pytest.mark.django_db
def test_a_viewer_and_an_editor_get_their_own_links(client, team, demo):
    client.force_login(team.editor)
    assert "Rate the parties" in view(client, demo)[0].content.decode()
    client.force_login(team.viewer)
    assert "Rate the parties" not in view(client, demo)[0].content.decode()


@pytest.mark.django_db
def test_each_chart_choice_is_cached_apart(editor, demo):
    view(editor, demo)
    radar, _ = view(editor, demo, "kind=radar")
    assert radar.context["content"].count('class="chart chart-radar"') == 1
    # A choice it cannot show answers 400 with the message, from the cache too.
    for _ in range(2):
        wrong = editor.get(url("dashboard", demo, "parties=nobody"))
        assert wrong.status_code == 400
        assert "The case has no party “nobody”." in wrong.content.decode()


@pytest.mark.django_db
def test_a_saved_rating_shows_at_once(editor, demo):
    assert positions(view(editor, demo)[0], "Trust") == (
        "Halvorsen Foods: 5.0 | Cartwright Packaging: 3.0"
    )
    cartwright = party(demo, "cartwright")
    for key in ("maria", "tom", "priya", "lucas"):
        save_ratings(demo, rater(demo, key), cartwright, [("trust", RatingValues(score=1.0))])
    assert positions(view(editor, demo)[0], "Trust") == (
        "Halvorsen Foods: 5.0 | Cartwright Packaging: 1.0"
    )


@pytest.mark.django_db
def test_a_removed_rater_shows_at_once(editor, demo):
    assert agreement(view(editor, demo)[0])[0] == ["Halvorsen Foods", "4", "17"]
    remove_rater(rater(demo, "lucas"))
    assert agreement(view(editor, demo)[0])[0][:2] == ["Halvorsen Foods", "3"]


@pytest.mark.django_db
def test_a_register_override_shows_at_once(editor, demo):
    assert column(view(editor, demo)[0], "differences", 3)[1] == (
        "blocking decided by the team; computed: significant"
    )
    dependency = entry(demo, "dependency")
    values = {"status": dependency.status, "blocking": None, "reason": None, "note": None}
    update_entry(demo, dependency.pk, dependency.version, values, None)
    assert column(view(editor, demo)[0], "differences", 3)[1] == "significant"


@pytest.mark.django_db
def test_an_added_action_is_not_served_from_the_cache(editor, demo):
    view(editor, demo)
    _, hit = view(editor, demo)
    add_action(demo, entry(demo, "dependency"), {"text": "Qualify a second source"}, None)
    _, after = view(editor, demo)
    _, hit_again = view(editor, demo)
    assert after > hit == hit_again


@pytest.mark.django_db
def test_a_linked_evidence_note_shows_at_once(editor, demo):
    # Competences: neither party's position has evidence in the demo yet.
    def competences(client: Client) -> list[str]:
        rows = table(view(client, demo)[0], "evidence-table")
        return next(row[1:] for row in rows if row[0] == "Competences")

    halvorsen = party(demo, "halvorsen")
    values = {"source": "interview", "text": "Said so at the kick-off.", "date": None}
    note = add_note(demo, halvorsen, "competences", values, None)
    assert competences(editor) == ["estimated", "estimated"]
    supported = models.Rating.objects.filter(case=demo, subject=halvorsen, factor="competences")
    update_note(demo, note.pk, note.version, values, supported[:1], None)
    assert competences(editor) == ["confirmed", "estimated"]


def changes(case: models.Case, **replaced: object) -> CaseChanges:
    parties = tuple(
        PartyChange(pk=row.pk, name=row.name, role=row.role, side=row.side)
        for row in models.Party.objects.filter(case=case)
    )
    fields = {
        "title": case.title,
        "language": case.language,
        "scale": Scale(low=case.scale_min, high=case.scale_max),
        "case_date": case.date,
        "description": case.description,
        "parties": parties,
    }
    return CaseChanges(**{**fields, **replaced})  # type: ignore[arg-type]


@pytest.mark.django_db
def test_a_new_title_shows_at_once(editor, demo):
    view(editor, demo)
    update_case(demo, demo.version, changes(demo, title="Renewal, second round"))
    response, _ = view(editor, demo)
    assert "<h1>Renewal, second round</h1>" in response.content.decode()


@pytest.mark.django_db
def test_a_renamed_party_shows_at_once(editor, demo):
    view(editor, demo)
    renamed = tuple(
        PartyChange(pk=row.pk, name="Halvorsen Group" if row.key == "halvorsen" else row.name)
        for row in models.Party.objects.filter(case=demo)
    )
    update_case(demo, demo.version, changes(demo, parties=renamed))
    assert positions(view(editor, demo)[0], "Trust") == (
        "Halvorsen Group: 5.0 | Cartwright Packaging: 3.0"
    )
