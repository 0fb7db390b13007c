"""Evidence notes: adding, linking to ratings, confirmed or estimated positions."""

from __future__ import annotations

import datetime

import pytest

from kloof.storage import evidence as store
from kloof.storage import models
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


def url(team, case, note=None) -> str:
    tail = f"{note.pk}/" if note is not None else ""
    return f"/w/{team.workspace.slug}/cases/{case.pk}/evidence/{tail}"


def rating(case, rater: str, subject: str, factor: str) -> models.Rating:
    return case.ratings.get(rater__key=rater, subject__key=subject, factor=factor)


def make_note(
    case, subject="cartwright", factor="trust", source="interview"
) -> models.EvidenceNote:
    party = case.parties.get(key=subject)
    values = {"source": source, "date": datetime.date(2026, 11, 20), "text": "Heard it."}
    return store.add_note(case, party, factor, values, None)


#: The demo's positions with a rating whose own note comes from an interview,
#: an observation or a document: evidence before any evidence note.
DEMO_CONFIRMED = {
    ("cartwright", factor)
    for factor in (
        "intention",
        "relationship",
        "value_creation",
        "trust",
        "dependency",
        "flexibility",
        "claiming_sharing",
    )
}


def test_positions_are_estimated_until_a_note_supports_a_rating(team, case):
    states = store.position_evidence(case)
    assert len(states) == 2 * 9
    assert {key for key, state in states.items() if state == "confirmed"} == DEMO_CONFIRMED
    assert states[("halvorsen", "trust")] == "estimated"
    note = make_note(case, subject="halvorsen")
    note.supports.set([rating(case, "maria", "halvorsen", "trust")])
    states = store.position_evidence(case)
    assert states[("halvorsen", "trust")] == "confirmed"
    assert states[("halvorsen", "relationship")] == "estimated"
    assert list(states.values()).count("confirmed") == len(DEMO_CONFIRMED) + 1


def test_a_position_nobody_scored_is_unrated_and_a_no_opinion_link_confirms_nothing(team, case):
    case.ratings.filter(subject__key="cartwright", factor="value_creation").update(score=None)
    note = make_note(case, factor="value_creation")
    note.supports.set([rating(case, "maria", "cartwright", "value_creation")])
    assert store.position_evidence(case)[("cartwright", "value_creation")] == "unrated"


def test_adding_a_note_leads_to_linking_it(client, team, case):
    client.force_login(team.editor)
    response = client.post(
        url(team, case),
        {
            "party": "cartwright",
            "factor": "trust",
            "source": "observation",
            "date": "2026-11-20",
            "text": " Their buyer checked every pallet. ",
        },
    )
    note = models.EvidenceNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(team, case, note)
    assert (note.party.key, note.factor, note.source, note.date, note.text, note.author) == (
        "cartwright",
        "trust",
        "observation",
        datetime.date(2026, 11, 20),
        "Their buyer checked every pallet.",
        team.editor,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Maria Lindqvist" in page  # a rating the note can support


def test_linking_a_note_to_ratings_confirms_the_position_and_writes_history(client, team, case):
    note = make_note(case)
    tom = rating(case, "tom", "cartwright", "trust")
    client.force_login(team.editor)
    response = client.post(
        url(team, case, note),
        {
            "version": 1,
            "source": "interview",
            "date": "2026-11-20",
            "text": "Heard it.",
            "supports": [tom.pk],
        },
    )
    assert response.status_code == 302
    assert list(note.supports.all()) == [tom]
    assert list(tom.evidence.all()) == [note]
    assert store.position_evidence(case)[("cartwright", "trust")] == "confirmed"
    change = models.ChangeLog.objects.filter(kind="update").get()
    assert (change.model, change.user, change.changes) == (
        "evidence",
        team.editor,
        {"supports": [[], [tom.pk]]},
    )
    page = client.get(url(team, case)).content.decode()
    assert "confirmed" in page
    assert "Supports the ratings of Tom Fletcher" in page


def test_a_note_cannot_support_a_rating_of_another_party_or_factor(client, team, case):
    note = make_note(case)
    other = rating(case, "tom", "halvorsen", "trust")
    client.force_login(team.editor)
    response = client.post(
        url(team, case, note),
        {
            "version": 1,
            "source": "interview",
            "date": "2026-11-20",
            "text": "Heard it.",
            "supports": [other.pk],
        },
    )
    assert response.status_code == 400
    assert "supports" in response.context["form"].errors
    assert note.supports.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"source": "rumour"},
        {"date": "20-11-2026"},
        {"date": ""},
        {"text": "   "},
        {"version": "x"},
        {"supports": ["abc"]},
        {"supports": ["99999999999999999999"]},
    ],
)
def test_note_edit_refuses_malformed_input_with_400(client, team, case, changes):
    note = make_note(case)
    client.force_login(team.editor)
    data = {"version": 1, "source": "interview", "date": "2026-11-20", "text": "Heard it."}
    response = client.post(url(team, case, note), {**data, **changes})
    assert response.status_code == 400
    note.refresh_from_db()
    assert note.version == 1


def test_note_add_refuses_an_unknown_party_or_factor(client, team, case):
    client.force_login(team.editor)
    data = {
        "party": "globex",
        "factor": "trust",
        "source": "interview",
        "date": "2026-11-20",
        "text": "x",
    }
    assert client.post(url(team, case), data).status_code == 400
    assert (
        client.post(url(team, case), {**data, "party": "cartwright", "factor": "power"}).status_code
        == 400
    )
    assert models.EvidenceNote.objects.count() == 0


def test_a_stale_note_edit_is_refused_with_409(client, team, case):
    note = make_note(case)
    client.force_login(team.owner)
    data = {"version": 1, "source": "interview", "date": "2026-11-20"}
    assert client.post(url(team, case, note), {**data, "text": "Owner's"}).status_code == 302
    client.force_login(team.editor)
    response = client.post(url(team, case, note), {**data, "text": "Editor's"})
    assert response.status_code == 409
    assert "Not saved: owner@purchasing.example saved this on" in response.content.decode()
    note.refresh_from_db()
    assert (note.text, note.version) == ("Owner's", 2)


def test_a_note_is_deleted_only_from_its_current_version(client, team, case):
    note = make_note(case)
    client.force_login(team.editor)
    data = {"version": 1, "source": "document", "date": "2026-11-20", "text": "Heard it."}
    client.post(url(team, case, note), data)
    stale = client.post(url(team, case, note), {"version": 1, "delete": "1"})
    assert stale.status_code == 409
    assert models.EvidenceNote.objects.count() == 1
    done = client.post(url(team, case, note), {"version": 2, "delete": "1"})
    assert done.status_code == 302
    assert models.EvidenceNote.objects.count() == 0
    assert models.ChangeLog.objects.filter(model="evidence", kind="delete").count() == 1


def test_evidence_page_speaks_dutch(client, team, case):
    make_note(case, source="observation")
    client.force_login(team.viewer)
    client.cookies["django_language"] = "nl"
    page = client.get(url(team, case)).content.decode()
    assert "geschat" in page
    assert 'waarneming, <time datetime="2026-11-20">20 november 2026</time>' in page


def test_viewer_reads_evidence_but_cannot_change_it(client, team, case):
    note = make_note(case)
    client.force_login(team.viewer)
    assert client.get(url(team, case)).status_code == 200
    data = {
        "party": "cartwright",
        "factor": "trust",
        "source": "interview",
        "date": "2026-11-20",
        "text": "x",
    }
    assert client.post(url(team, case), data).status_code == 403
    edit = {"version": 1, "source": "interview", "date": "2026-11-20", "text": "Changed"}
    assert client.post(url(team, case, note), edit).status_code == 403
    assert client.post(url(team, case, note), {"version": 1, "delete": "1"}).status_code == 403
    note.refresh_from_db()
    assert (note.text, models.EvidenceNote.objects.count()) == ("Heard it.", 1)


def test_a_note_of_another_case_is_not_found(client, team, case):
    other = make_demo_case(team.workspace)
    note = make_note(other)
    client.force_login(team.owner)
    assert client.get(url(team, case, note)).status_code == 404
