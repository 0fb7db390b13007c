"""A rating's own note from an interview, an observation or a document is
evidence for its position, the same as an evidence note that supports it: one
concept, on the dashboard, the evidence page and the rate page."""

from __future__ import annotations

import pytest

from kloof.storage import evidence as store
from kloof.storage import rating as ratings
from kloof.storage.models import Case
from tests.web.factories import make_demo_case, make_team
from tests.web.test_dashboard import table

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


def rate(case: Case, rater: str, factor: str, **values) -> None:
    """Maria's (or another rater's) rating of Halvorsen on ``factor``, saved anew."""
    row = case.ratings.get(rater__key=rater, subject__key="halvorsen", factor=factor)
    fields = {"score": row.score, "confidence": row.confidence, "source": None, "note": None}
    ratings.save_ratings(
        case,
        case.raters.get(key=rater),
        case.parties.get(key="halvorsen"),
        [(factor, ratings.RatingValues(**{**fields, **values}))],
    )


def state(case: Case, factor: str) -> str:
    return store.position_evidence(case)[("halvorsen", factor)]


@pytest.mark.parametrize("source", ["interview", "observation", "document"])
def test_a_rating_from_an_evidence_source_with_a_note_confirms_its_position(case, source):
    assert state(case, "trust") == "estimated"
    rate(case, "maria", "trust", source=source, note="Said so at the kick-off.")
    assert state(case, "trust") == "confirmed"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"source": "interview", "note": None}, "estimated"),  # a source without a note
        ({"source": "self", "note": "We think so."}, "estimated"),  # not evidence
        ({"source": "estimate", "note": "A guess."}, "estimated"),
        ({"source": "document", "note": "   "}, "estimated"),  # no text
    ],
)
def test_anything_less_leaves_it_estimated(case, values, expected):
    rate(case, "maria", "trust", **values)
    assert state(case, "trust") == expected


def test_a_no_opinion_with_a_note_places_nobody(case):
    for rater in ("maria", "tom", "priya", "lucas"):
        rate(case, rater, "trust", score=None, source="interview", note="Could not say.")
    assert state(case, "trust") == "unrated"


def test_the_dashboard_counts_it_as_confirmed(client, team, case):
    client.force_login(team.viewer)
    dashboard = f"/w/{team.workspace.slug}/cases/{case.pk}/"
    before = {row[0]: row[1] for row in table(client.get(dashboard), "evidence-table")}
    rate(case, "maria", "trust", source="observation", note="Shared the forecast unasked.")
    after = {row[0]: row[1] for row in table(client.get(dashboard), "evidence-table")}
    assert (before["Trust"], after["Trust"]) == ("estimated", "confirmed")


def test_the_evidence_page_lists_it_under_its_position(client, team, case):
    rate(case, "maria", "trust", source="interview", note="Said so at the kick-off.")
    client.force_login(team.editor)
    html = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/evidence/").content.decode()
    section = html[html.index('id="evidence-') :]
    trust = section[section.index(f'id="evidence-{case.parties.get(key="halvorsen").pk}-trust"') :]
    trust = trust[: trust.index("</div>")]
    assert "evidence-confirmed" in trust
    assert "interview — the note of Maria Lindqvist's rating" in trust
    assert "Said so at the kick-off." in trust
    rater = case.raters.get(key="maria").pk
    halvorsen = case.parties.get(key="halvorsen").pk
    assert f"rate/?rater={rater}&amp;subject={halvorsen}#factor-trust" in trust
    assert "Change it with the rating" in trust


def test_a_viewer_reads_it_without_a_link_to_change_it(client, team, case):
    rate(case, "maria", "trust", source="interview", note="Said so at the kick-off.")
    client.force_login(team.viewer)
    html = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/evidence/").content.decode()
    assert "Said so at the kick-off." in html
    assert "Change it with the rating" not in html


def test_the_rate_page_says_the_ratings_own_note_is_evidence(client, team, case):
    rate(case, "maria", "trust", source="document", note="The audit report, p. 4.")
    client.force_login(team.editor)
    query = {
        "rater": case.raters.get(key="maria").pk,
        "subject": case.parties.get(key="halvorsen").pk,
    }
    html = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/rate/", query).content.decode()
    trust = html[html.index('id="factor-trust"') :]
    trust = trust[: trust.index("</fieldset>")]
    assert "Its own note is evidence" in trust
    assert "No note supports this rating yet." not in trust
    assert (
        '<p class="help" id="trust-source-help">An interview, an observation or a document, '
        "with a note, is evidence for this position.</p>"
    ) in trust
