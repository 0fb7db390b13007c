"""The respondent core: one submission and one rating per question per link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import (
    Answer,
    LinkState,
    create_link,
    find_link,
    link_state,
    revoke_link,
    subjects_of,
    submit,
)
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def _link(rates: str = "both", name: str = "Ann"):
    team = make_team()
    case = make_demo_case(team.workspace)
    party = case.parties.first()
    expires = timezone.now() + timedelta(days=7)
    return create_link(case, party=party, rates=rates, language="nl", expires=expires, name=name)


def test_token_is_stored_only_as_its_hash_and_finds_the_link():
    link, token = _link()
    assert len(token) >= 32  # 24 bytes, url-safe base64
    assert token not in link.token_hash
    assert find_link(token) == link
    assert find_link(token + "x") is None


def test_revoked_link_is_refused():
    link, token = _link()
    assert link_state(link) is LinkState.OPEN
    assert revoke_link(link.case, link.pk) is True
    assert link_state(find_link(token)) is LinkState.REVOKED


def test_submitting_twice_keeps_one_submission_and_one_rating_per_question():
    link, _ = _link(rates="own")
    [own] = subjects_of(link)
    answers = [Answer(own.pk, "trust", 5.0), Answer(own.pk, "intention", None, no_opinion=True)]
    first = submit(link, answers)
    second = submit(link, [Answer(own.pk, "trust", 6.0)])
    assert (first.revision, second.revision) == (1, 2)
    assert models.Submission.objects.filter(link=link).count() == 1
    ratings = models.Rating.objects.filter(rater=link.rater).order_by("factor")
    assert [(r.factor, r.score, r.source) for r in ratings] == [
        ("intention", None, "self"),
        ("trust", 6.0, "self"),
    ]
    assert link.rater.name == "Ann" and link.rater.party_id == link.party_id
