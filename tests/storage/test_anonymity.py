"""The anonymity promise to respondents: neutral names, groups below the minimum
left out, the promise kept once anyone answered, and the dashboard's cache key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kloof.domain import model as domain
from kloof.domain.analysis import analyse
from kloof.storage import models
from kloof.storage.anonymity import (
    NEUTRAL_NAME,
    BrokenPromiseError,
    anonymise,
    groups_of,
    set_anonymity,
)
from kloof.storage.dashboard import dashboard_fingerprint, load_case, load_case_view
from kloof.storage.respondents import Answer, create_link, respondent_label, save_answers, submit
from tests.web.factories import demo_domain_case, make_demo_case, make_team

pytestmark = pytest.mark.django_db

NAMES = ("Carla Cartwright", "Dirk Dekker", "Eva Eriks", "Femke Fokker")


def _case():
    return make_demo_case(make_team().workspace)


def counterparty_answers(case, count, *, trust_of_us=2.0, own_trust=6.0, names=NAMES):
    """``count`` people of the counterparty answer, each rating both parties on trust."""
    us, them = case.parties.get(key="halvorsen"), case.parties.get(key="cartwright")
    links = []
    for name in names[:count]:
        link, _token = create_link(
            case,
            party=them,
            rates="both",
            language="en",
            expires=timezone.now() + timedelta(days=7),
            name=name,
        )
        submit(link, [Answer(us.pk, "trust", trust_of_us), Answer(them.pk, "trust", own_trust)])
        links.append(link)
    return links


def _fresh(case):
    return models.Case.objects.get(pk=case.pk)


# The pure part: a domain case in, the team's view out.


def _tiny(respondent_scores):
    parties = (
        domain.Party(id="us", name="Us", side="own"),
        domain.Party(id="them", name="Them", side="counterparty"),
    )
    raters = [domain.Rater(id="anonymous_1", name="Team member", party="us")]
    ratings = [domain.Rating(rater="anonymous_1", subject="them", factor="trust", score=3.0)]
    for index, score in enumerate(respondent_scores):
        raters.append(domain.Rater(id=f"respondent_{index}", name=f"Person {index}", party="them"))
        ratings.append(
            domain.Rating(rater=f"respondent_{index}", subject="them", factor="trust", score=score)
        )
    base = demo_domain_case()
    return domain.Case(
        title="t",
        framework=base.framework,
        parties=parties,
        factors=base.factors,
        raters=tuple(raters),
        ratings=tuple(ratings),
    ), {rater.id for rater in raters[1:]}


def test_a_group_below_the_minimum_is_left_out_with_its_raters():
    case, respondents = _tiny([6.0, 7.0])
    shown = anonymise(case, respondents, min_group=3, salt="s")
    assert [rater.id for rater in shown.case.raters] == ["anonymous_1"]
    assert [(r.rater, r.score) for r in shown.case.ratings] == [("anonymous_1", 3.0)]
    assert shown.groups == (groups_of(case, respondents, 3)[0],)
    [group] = shown.groups
    assert (group.party, group.subject, group.answers, group.needed) == ("them", "them", 2, 1)


def test_a_full_group_is_shown_under_neutral_names_that_skip_a_team_key():
    case, respondents = _tiny([6.0, 7.0, 5.0])
    shown = anonymise(case, respondents, min_group=3, salt="s")
    team, *others = shown.case.raters
    assert team == case.raters[0]  # the team's rater untouched
    assert sorted(rater.id for rater in others) == ["anonymous_2", "anonymous_3", "anonymous_4"]
    assert [rater.name for rater in others] == [
        "Anonymous respondent 1",
        "Anonymous respondent 2",
        "Anonymous respondent 3",
    ]
    assert sorted(r.score for r in shown.case.ratings if r.rater != "anonymous_1") == [5, 6, 7]
    assert not any("Person" in rater.name for rater in shown.case.raters)


def test_no_opinion_does_not_count_towards_a_group():
    case, respondents = _tiny([6.0, 7.0, None])
    assert groups_of(case, respondents, 3)[0].needed == 1


# Stored cases.


def test_an_anonymous_case_loads_without_names_and_without_a_small_group():
    case = _case()
    counterparty_answers(case, 2)
    set_anonymity(case, True, 3)
    loaded = load_case(_fresh(case))
    assert [rater.id for rater in loaded.raters] == ["maria", "tom", "priya", "lucas"]
    assert {rating.rater for rating in loaded.ratings} == {"maria", "tom", "priya", "lucas"}
    assert not any(name in repr(loaded) for name in NAMES)


def test_the_group_appears_at_the_minimum_and_feeds_the_blind_spots():
    case = _case()
    set_anonymity(case, True, 3)
    counterparty_answers(case, 3)
    view = load_case_view(_fresh(case))
    respondents = [rater for rater in view.case.raters if rater.id in view.respondents]
    assert sorted(rater.name for rater in respondents) == [
        "Anonymous respondent 1",
        "Anonymous respondent 2",
        "Anonymous respondent 3",
    ]
    assert not any(name in repr(view.case) for name in NAMES)
    spots = {(s.factor, s.subject, s.viewer) for s in analyse(view.case).blind_spots}
    assert ("trust", "halvorsen", "cartwright") in spots  # their view of us: 2 against our 5
    assert ("trust", "cartwright", "halvorsen") in spots  # our view of them: 3 against their 6


def test_without_the_promise_respondents_keep_their_names_and_count_from_one():
    case = _case()
    counterparty_answers(case, 1)
    loaded = load_case(_fresh(case))
    assert [rater.name for rater in loaded.raters][-1] == NAMES[0]
    assert len({r.rater for r in loaded.ratings}) == 5


def test_switching_the_promise_on_renames_existing_respondent_raters():
    case = _case()
    links = counterparty_answers(case, 2)
    assert set_anonymity(case, True, 3) is True
    names = set(
        models.Rater.objects.filter(respondent_link__in=links).values_list("name", flat=True)
    )
    assert names == {NEUTRAL_NAME}
    assert models.Rater.objects.get(key="maria", case=case).name == "Maria Lindqvist"


def test_a_respondent_answering_under_the_promise_gets_the_neutral_name():
    case = _case()
    set_anonymity(case, True, 3)
    [link] = counterparty_answers(case, 1)
    link.refresh_from_db()
    assert link.rater.name == NEUTRAL_NAME
    assert respondent_label(link) == NEUTRAL_NAME
    assert link.name == NAMES[0]  # the owner's list still knows whom they asked


def test_the_promise_cannot_be_withdrawn_once_someone_answered():
    case = _case()
    set_anonymity(case, True, 3)
    counterparty_answers(case, 1)
    with pytest.raises(BrokenPromiseError) as refused:
        set_anonymity(case, False, 3)
    assert refused.value.lowered is False
    assert _fresh(case).anonymous is True


def test_a_draft_answer_binds_the_promise_too():
    case = _case()
    set_anonymity(case, True, 3)
    them = case.parties.get(key="cartwright")
    link, _ = create_link(
        case, party=them, rates="own", language="nl", expires=timezone.now() + timedelta(days=1)
    )
    save_answers(link, [Answer(them.pk, "trust", 4.0)])
    with pytest.raises(BrokenPromiseError):
        set_anonymity(case, False, 3)


def test_the_group_size_can_go_up_but_not_down_after_answers():
    case = _case()
    set_anonymity(case, True, 4)
    counterparty_answers(case, 1)
    assert set_anonymity(case, True, 6) is True
    with pytest.raises(BrokenPromiseError) as refused:
        set_anonymity(case, True, 5)
    assert refused.value.lowered is True
    assert _fresh(case).min_group == 6


def test_the_promise_may_be_withdrawn_while_nobody_answered():
    case = _case()
    set_anonymity(case, True, 3)
    assert set_anonymity(case, False, 3) is True
    assert _fresh(case).anonymous is False


@pytest.mark.parametrize("size", [1, 21])
def test_a_group_size_off_the_range_is_refused(size):
    with pytest.raises(ValueError, match="2–20"):
        set_anonymity(_case(), True, size)


def test_the_dashboard_fingerprint_changes_with_the_promise_and_with_submissions():
    case = _case()
    before = dashboard_fingerprint(_fresh(case))
    set_anonymity(case, True, 3)
    promised = dashboard_fingerprint(_fresh(case))
    counterparty_answers(case, 1)
    answered = dashboard_fingerprint(_fresh(case))
    set_anonymity(case, True, 4)
    raised = dashboard_fingerprint(_fresh(case))
    assert len({before, promised, answered, raised}) == 4


@pytest.mark.parametrize("anonymous", [False, True])
def test_evidence_offers_respondents_single_answers_only_without_the_promise(anonymous):
    from kloof.storage.evidence import supportable_ratings

    case = _case()
    links = counterparty_answers(case, 3)
    models.Case.objects.filter(pk=case.pk).update(anonymous=anonymous)
    us = case.parties.get(key="halvorsen")
    offered = {rating.rater_id for rating in supportable_ratings(_fresh(case), us, "trust")}
    respondents = {models.RespondentLink.objects.get(pk=link.pk).rater_id for link in links}
    assert respondents & offered == (set() if anonymous else respondents)
    assert offered - respondents  # the team's own ratings stay on offer
