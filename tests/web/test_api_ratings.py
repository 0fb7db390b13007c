"""Parties, raters and ratings: read by every member, ratings written by
editors and owners with the rate page's rules; respondents stay anonymous when
the case promised it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kloof.storage.models import Case, Rating
from kloof.storage.respondents import Answer, create_link, submit
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def put(client, world, role, body):
    return client.put(
        f"/api/cases/{world.case.pk}/ratings",
        body,
        content_type="application/json",
        **world.headers(role),
    )


def test_parties_and_raters_in_the_cases_order(client):
    world = build_api_world()
    parties = client.get(f"/api/cases/{world.case.pk}/parties", **world.headers("viewer")).json()
    assert [p["key"] for p in parties["items"]] == ["halvorsen", "cartwright"]
    raters = client.get(f"/api/cases/{world.case.pk}/raters", **world.headers("viewer")).json()
    assert raters["count"] == 4
    assert raters["items"][0] == {
        "id": world.case.raters.first().pk,
        "key": "maria",
        "name": "Maria Lindqvist",
        "party": "halvorsen",
        "party_id": parties["items"][0]["id"],
        "respondent": False,
        "member": False,
    }


def test_ratings_are_listed_and_filtered(client):
    world = build_api_world()
    rater = world.case.raters.first()
    url = f"/api/cases/{world.case.pk}/ratings"
    everything = client.get(url + "?limit=100", **world.headers("viewer")).json()
    assert everything["count"] == Rating.objects.filter(case=world.case).count()
    mine = client.get(f"{url}?rater={rater.pk}&factor=trust", **world.headers("viewer")).json()
    stored = Rating.objects.filter(case=world.case, rater=rater, factor="trust")
    assert [item["id"] for item in mine["items"]] == [row.pk for row in stored]
    assert {item["rater"] for item in mine["items"]} == {"maria"}


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 200), ("owner", 200)])
def test_editors_write_ratings_as_an_upsert(client, role, status):
    world = build_api_world()
    rater, subject = world.case.raters.first(), world.case.parties.last()
    body = {
        "rater": rater.pk,
        "subject": subject.pk,
        "ratings": [
            {"factor": "trust", "score": 2.257, "confidence": "high", "note": " heard so "},
            {"factor": "intention", "score": None},
        ],
    }
    response = put(client, world, role, body)
    assert response.status_code == status
    if status != 200:
        return
    assert response.json()["saved"] == 2
    trust = Rating.objects.get(case=world.case, rater=rater, subject=subject, factor="trust")
    intention = Rating.objects.get(
        case=world.case, rater=rater, subject=subject, factor="intention"
    )
    assert (trust.score, trust.confidence, trust.note) == (2.26, "high", "heard so")
    assert intention.score is None  # no opinion
    assert put(client, world, role, body).status_code == 200  # again: still one per question
    assert (
        Rating.objects.filter(case=world.case, rater=rater, subject=subject, factor="trust").count()
        == 1
    )


@pytest.mark.parametrize(
    ("rating", "field", "words"),
    [
        ({"factor": "trust", "score": 9}, "ratings.0.score", "from 1 to 7"),
        ({"factor": "weather", "score": 3}, "ratings.0.factor", "has no factor 'weather'"),
        (
            {"factor": "trust", "score": 3, "source": "rumour"},
            "ratings.0.source",
            "Input should be",
        ),
        ({"factor": "trust", "score": "3"}, "ratings.0.score", "valid number"),
    ],
)
def test_a_bad_rating_is_refused_whole_naming_the_field(client, rating, field, words):
    world = build_api_world()
    rater, subject = world.case.raters.first(), world.case.parties.last()
    before = list(Rating.objects.order_by("id").values_list("score", flat=True))
    body = {"rater": rater.pk, "subject": subject.pk, "ratings": [rating]}
    response = put(client, world, "editor", body)
    assert response.status_code == 422
    problem = response.json()["errors"][0]
    assert problem["field"] == field
    assert words in problem["problem"] + problem["fix"]
    assert list(Rating.objects.order_by("id").values_list("score", flat=True)) == before


def test_a_rater_of_another_case_is_refused(client):
    world = build_api_world()
    foreign = world.other_case.raters.first()
    body = {
        "rater": foreign.pk,
        "subject": world.case.parties.first().pk,
        "ratings": [{"factor": "trust", "score": 3}],
    }
    response = put(client, world, "editor", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "rater"
    assert not Rating.objects.filter(rater=foreign, subject__case=world.case).exists()


def _respondent(world, name="Ann Secret"):
    link, _token = create_link(
        world.case,
        party=world.case.parties.first(),
        rates="both",
        language="en",
        expires=timezone.now() + timedelta(days=7),
        name=name,
    )
    subject = world.case.parties.last()
    submit(link, [Answer(subject_id=subject.pk, factor="trust", score=2)])
    link.refresh_from_db()
    return link


def test_respondents_are_named_when_no_anonymity_was_promised(client):
    world = build_api_world()
    link = _respondent(world)
    raters = client.get(f"/api/cases/{world.case.pk}/raters", **world.headers("viewer")).json()
    mine = [item for item in raters["items"] if item["respondent"]]
    assert [(item["name"], item["key"]) for item in mine] == [
        ("Ann Secret", f"respondent_{link.pk}")
    ]
    ratings = client.get(
        f"/api/cases/{world.case.pk}/ratings?rater={link.rater_id}", **world.headers("viewer")
    ).json()
    assert ratings["count"] == 1


def test_an_anonymous_case_hides_respondents_names_and_single_answers(client):
    world = build_api_world()
    link = _respondent(world)
    Case.objects.filter(pk=world.case.pk).update(anonymous=True)
    raters = client.get(f"/api/cases/{world.case.pk}/raters", **world.headers("owner"))
    assert "Ann Secret" not in raters.content.decode()
    mine = [item for item in raters.json()["items"] if item["respondent"]]
    assert [(item["name"], item["key"]) for item in mine] == [(None, None)]
    ratings = client.get(f"/api/cases/{world.case.pk}/ratings?limit=100", **world.headers("owner"))
    assert link.rater_id not in {item["rater_id"] for item in ratings.json()["items"]}
    assert "Ann Secret" not in ratings.content.decode()


@pytest.mark.parametrize(("anonymous", "problem"), [(False, "is a respondent"), (True, "no rater")])
def test_a_respondents_answers_cannot_be_rewritten_through_the_api(client, anonymous, problem):
    world = build_api_world()
    link = _respondent(world)
    Case.objects.filter(pk=world.case.pk).update(anonymous=anonymous)
    body = {
        "rater": link.rater_id,
        "subject": world.case.parties.last().pk,
        "ratings": [{"factor": "trust", "score": 7}],
    }
    response = put(client, world, "owner", body)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "rater" and problem in error["problem"]
    assert Rating.objects.get(rater_id=link.rater_id, factor="trust").score == 2
