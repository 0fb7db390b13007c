"""The rate page, saving ratings and the overview of who rated what."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kloof.storage import rating as store
from kloof.storage.models import Case, Rating
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

FACTORS = (
    "intention",
    "relationship",
    "value_creation",
    "trust",
    "dependency",
    "flexibility",
    "claiming_sharing",
    "competences",
    "emotional_frame",
)

#: Tom's score of Cartwright on trust in the demo case.
TOMS_TRUST = 2.0


@pytest.fixture
def world():
    team = make_team()
    case = make_demo_case(team.workspace)
    return team, case


def urls(case: Case) -> dict[str, str]:
    kwargs = {"slug": case.workspace.slug, "case_id": case.pk}
    return {
        name: reverse(name, kwargs=kwargs) for name in ("rate", "rating_save", "rating_overview")
    }


def rater(case: Case, key: str):
    return case.raters.get(key=key)


def party(case: Case, key: str):
    return case.parties.get(key=key)


def one(case: Case, rater_key: str, subject_key: str, factor: str, **fields: str) -> dict:
    """The post of the page's script for one factor."""
    data = {
        "rater": rater(case, rater_key).pk,
        "subject": party(case, subject_key).pk,
        "factor": factor,
    }
    data.update({f"{factor}-{name}": value for name, value in fields.items()})
    return data


def whole_page(client, case: Case, rater_key: str, subject_key: str) -> dict:
    """What the browser posts for the page as shown: every factor's fields,
    the score as its field shows it ("4,25" in Dutch, empty when not rated)."""
    query = {"rater": rater(case, rater_key).pk, "subject": party(case, subject_key).pk}
    page = client.get(urls(case)["rate"], query)
    data = {"rater": query["rater"], "subject": query["subject"]}
    for row in page.context["rows"]:
        factor = row.factor.key
        for name, value in row.form.initial.items():
            if name == "no_opinion":
                if value:
                    data[f"{factor}-no_opinion"] = "on"
            elif name == "score":
                data[f"{factor}-score"] = row.score_text
            else:
                data[f"{factor}-{name}"] = str(value)
    return data


def stored(case: Case, rater_key: str, subject_key: str, factor: str) -> Rating | None:
    return Rating.objects.filter(
        case=case, rater__key=rater_key, subject__key=subject_key, factor=factor
    ).first()


# The page.


def test_rate_page_shows_every_factor_as_a_typed_score_with_a_slider_between_its_poles(
    client, world
):
    team, case = world
    client.force_login(team.editor)
    maria, cartwright = rater(case, "maria"), party(case, "cartwright")
    page = client.get(urls(case)["rate"], {"rater": maria.pk, "subject": cartwright.pk})
    html = page.content.decode()
    assert page.status_code == 200
    # The score is a text field (a decimal comma must reach the server as typed).
    assert re.findall(r'class="rating-number" name="([a-z_]+)-score"', html) == [*FACTORS]
    assert 'type="number"' not in html
    assert (
        '<input type="text" inputmode="decimal" autocomplete="off" class="rating-number" '
        'name="intention-score" id="id_intention-score" value="3"\n'
        '        aria-describedby="intention-left intention-right intention-set">'
    ) in html
    # The slider has no name (the field carries the score): hidden until the
    # script shows it, and unset until the person sets it.
    assert (
        '<input type="range" class="rating-range score-range is-unset" id="intention-slider" '
        'hidden\n      min="1" max="7" step="0.5" value="4"\n'
        '      aria-describedby="intention-left intention-right">'
    ) in html
    assert '<label class="visually-hidden" for="intention-slider">Slider: Intention</label>' in html
    assert (
        '<span class="pole pole-left" id="intention-left"><span class="visually-hidden">1: </span>'
        "Each for themselves: what&#x27;s in it for me?</span>"
    ) in html
    assert "Maria Lindqvist rates Cartwright Packaging" in html
    assert 'src="/static/kloof/score.js"' in html and 'src="/static/kloof/rating.js"' in html
    assert "<script>" not in html and 'style="' not in html


def test_a_factor_not_rated_yet_shows_an_empty_score_that_says_so(client, world):
    team, case = world
    newcomer = store.add_rater(case, "Nina", party(case, "halvorsen"))
    client.force_login(team.editor)
    query = {"rater": newcomer.pk, "subject": party(case, "cartwright").pk}
    html = client.get(urls(case)["rate"], query).content.decode()
    assert 'name="trust-score" id="id_trust-score" value=""' in html
    assert html.count('<span class="score-unset">Not rated yet</span>') == 9


@pytest.mark.parametrize(
    ("language", "visible", "name"),
    [
        ("en", "Evidence", "Evidence: Cartwright Packaging, Trust"),
        ("nl", "Bewijs", "Bewijs: Cartwright Packaging, Vertrouwen"),
    ],
)
def test_each_evidence_link_names_its_party_and_factor_for_screen_readers(
    client, world, language, visible, name
):
    """The visible word alone would be ambiguous nine times over; the accessible
    name says which rating, and begins with the visible word (label in name)."""
    team, case = world
    client.force_login(team.editor)
    client.cookies["django_language"] = language
    query = {"rater": rater(case, "maria").pk, "subject": party(case, "cartwright").pk}
    html = client.get(urls(case)["rate"], query).content.decode()
    links = re.findall(r'<a href="[^"]*factor=trust#[^"]*" aria-label="([^"]*)">([^<]*)</a>', html)
    assert links == [(name, visible)]


def test_rate_page_shows_factor_texts_and_numbers_in_dutch(client, world):
    team, case = world
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    store.save_ratings(
        case, rater(case, "tom"), party(case, "cartwright"),
        [("trust", store.RatingValues(score=4.5))],
    )  # fmt: skip
    query = {"rater": rater(case, "tom").pk, "subject": party(case, "cartwright").pk}
    html = client.get(urls(case)["rate"], query).content.decode()
    assert "<legend>Vertrouwen</legend>" in html
    assert "<h2>Tom Fletcher beoordeelt Cartwright Packaging</h2>" in html
    assert 'name="trust-score" id="id_trust-score" value="4,5"' in html


def test_rate_page_without_a_choice_opens_with_the_users_own_rater(client, world):
    team, case = world
    mine = store.add_rater(case, "Eddie", party(case, "halvorsen"), team.editor)
    client.force_login(team.editor)
    page = client.get(urls(case)["rate"])
    assert (page.context["rater"], page.context["subject"]) == (mine, party(case, "halvorsen"))


def test_rate_page_refuses_a_rater_of_another_case_with_400(client, world):
    team, case = world
    other = make_demo_case(team.workspace, title="Second")
    client.force_login(team.editor)
    query = {"rater": rater(other, "maria").pk, "subject": party(case, "halvorsen").pk}
    page = client.get(urls(case)["rate"], query)
    assert page.status_code == 400
    assert "Choose a rater and a party of this case." in page.content.decode()


def test_rate_page_is_read_only_for_a_viewer(client, world):
    team, case = world
    client.force_login(team.viewer)
    html = client.get(urls(case)["rate"]).content.decode()
    assert html.count("disabled>") == 9 * 4  # slider, no opinion, confidence, source
    assert html.count(" readonly>") == 9 * 2  # the score and the note
    assert "hx-post" not in html and "factor-save" not in html and "Save all" not in html


# Saving one factor (the page's script).


def test_saving_one_factor_stores_it_and_answers_its_status(client, world):
    team, case = world
    client.force_login(team.editor)
    before = Case.objects.get(pk=case.pk).updated
    data = one(
        case,
        "tom",
        "cartwright",
        "trust",
        score="5.5",
        confidence="high",
        source="document",
        note=" Audit 2026 ",
    )
    response = client.post(urls(case)["rating_save"], data, HTTP_HX_REQUEST="true")
    assert (response.status_code, response.content.decode().strip()) == (200, "Saved: 5.5.")
    row = stored(case, "tom", "cartwright", "trust")
    assert (row.score, row.confidence, row.source, row.note) == (
        5.5,
        "high",
        "document",
        "Audit 2026",
    )
    assert Case.objects.get(pk=case.pk).updated > before


def test_saving_again_updates_the_one_rating(client, world):
    team, case = world
    client.force_login(team.editor)
    for score in ("2", "6.5"):
        client.post(urls(case)["rating_save"], one(case, "tom", "cartwright", "trust", score=score))
    rows = Rating.objects.filter(
        case=case, rater__key="tom", subject__key="cartwright", factor="trust"
    )
    assert [row.score for row in rows] == [6.5]


def test_no_opinion_stores_no_score(client, world):
    team, case = world
    client.force_login(team.editor)
    data = one(
        case, "maria", "cartwright", "intention", score="3", no_opinion="on", confidence="low"
    )
    response = client.post(urls(case)["rating_save"], data)
    assert response.content.decode().strip() == "Saved: no opinion."
    row = stored(case, "maria", "cartwright", "intention")
    assert (row.score, row.confidence) == (None, "low")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"score": "7.5"}, "The score must lie from 1 to 7."),
        ({"score": "0"}, "The score must lie from 1 to 7."),
        ({"score": "lots"}, "Type a number, such as 4 or 4.5 (a decimal comma works too)."),
        ({"score": "nan"}, "Type a number, such as 4 or 4.5 (a decimal comma works too)."),
        ({"score": "1e999"}, "Type a number, such as 4 or 4.5 (a decimal comma works too)."),
        ({"score": "3,5,1"}, "Type a number, such as 4 or 4.5 (a decimal comma works too)."),
        ({"score": "35"}, "The score must lie from 1 to 7."),
        ({}, "Give a score, or tick “No opinion”."),
        ({"score": "4", "confidence": "total"}, "Select a valid choice."),
    ],
)
def test_saving_refuses_bad_input_with_400_and_a_message(client, world, fields, message):
    team, case = world
    client.force_login(team.editor)
    response = client.post(
        urls(case)["rating_save"], one(case, "tom", "cartwright", "trust", **fields)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored(case, "tom", "cartwright", "trust").score == TOMS_TRUST


def test_saving_refuses_an_unknown_factor_rater_or_party_with_400(client, world):
    team, case = world
    other = make_demo_case(team.workspace, title="Second")
    client.force_login(team.editor)
    save = urls(case)["rating_save"]
    unknown_factor = one(case, "tom", "cartwright", "charm", score="4")
    foreign_rater = {
        **one(case, "tom", "cartwright", "trust", score="4"),
        "rater": rater(other, "tom").pk,
    }
    foreign_party = {
        **one(case, "tom", "cartwright", "trust", score="4"),
        "subject": party(other, "cartwright").pk,
    }
    no_number = {**one(case, "tom", "cartwright", "trust", score="4"), "rater": "tom"}
    answers = [
        client.post(save, data)
        for data in (unknown_factor, foreign_rater, foreign_party, no_number)
    ]
    assert [answer.status_code for answer in answers] == [400, 400, 400, 400]
    assert "This case has no such factor." in answers[0].content.decode()
    assert "Choose a rater and a party of this case." in answers[1].content.decode()
    scores = Rating.objects.filter(
        case__in=[case, other], rater__key="tom", subject__key="cartwright", factor="trust"
    ).values_list("score", flat=True)
    assert list(scores) == [TOMS_TRUST, TOMS_TRUST]


def test_a_viewer_cannot_save(client, world):
    team, case = world
    client.force_login(team.viewer)
    response = client.post(
        urls(case)["rating_save"], one(case, "tom", "cartwright", "trust", score="4")
    )
    assert response.status_code == 403
    assert stored(case, "tom", "cartwright", "trust").score == TOMS_TRUST


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(("typed", "score"), [("3,5", 3.5), ("3.5", 3.5), (" 6,25 ", 6.25)])
def test_a_score_takes_a_decimal_comma_or_point_in_either_language(
    client, world, language, typed, score
):
    team, case = world
    client.force_login(team.editor)
    client.cookies["django_language"] = language
    response = client.post(
        urls(case)["rating_save"], one(case, "tom", "cartwright", "trust", score=typed)
    )
    assert response.status_code == 200
    assert stored(case, "tom", "cartwright", "trust").score == score


def test_a_score_with_two_decimals_survives_a_save_of_its_note(client, world):
    team, case = world
    client.force_login(team.editor)
    store.save_ratings(
        case,
        rater(case, "tom"),
        party(case, "cartwright"),
        [("trust", store.RatingValues(score=4.25))],
    )
    client.cookies["django_language"] = "nl"
    data = whole_page(client, case, "tom", "cartwright")
    assert data["trust-score"] == "4,25"  # the field shows it exactly, the Dutch way
    data["trust-note"] = "Checked"
    client.post(urls(case)["rating_save"], data)
    row = stored(case, "tom", "cartwright", "trust")
    assert (row.score, row.note) == (4.25, "Checked")


# Saving the whole page (no script).


def test_whole_page_saves_only_the_changed_factors_and_redirects_back(client, world):
    team, case = world
    client.force_login(team.editor)
    data = whole_page(client, case, "maria", "cartwright")
    data["trust-score"] = "6"
    data["emotional_frame-note"] = "Calm in the last meeting"
    before = {
        row.factor: row.updated
        for row in Rating.objects.filter(case=case, rater__key="maria", subject__key="cartwright")
    }
    response = client.post(urls(case)["rating_save"], data, follow=True)
    query = f"rater={rater(case, 'maria').pk}&subject={party(case, 'cartwright').pk}"
    assert response.redirect_chain[0][0] == f"{urls(case)['rate']}?{query}"
    assert "2 ratings saved." in response.content.decode()
    after = {
        row.factor: row.updated
        for row in Rating.objects.filter(case=case, rater__key="maria", subject__key="cartwright")
    }
    assert sorted(factor for factor in after if after[factor] != before[factor]) == [
        "emotional_frame",
        "trust",
    ]
    assert stored(case, "maria", "cartwright", "trust").score == 6


def test_whole_page_leaves_an_untouched_unrated_factor_unrated(client, world):
    team, case = world
    newcomer = store.add_rater(case, "Nina", party(case, "halvorsen"))
    client.force_login(team.editor)
    data = whole_page(client, case, newcomer.key, "cartwright")
    response = client.post(urls(case)["rating_save"], data, follow=True)
    assert "Nothing changed, so nothing was saved." in response.content.decode()
    assert Rating.objects.filter(rater=newcomer).count() == 0


def test_whole_page_stores_the_middle_set_on_an_unrated_factor(client, world):
    """4 on a 1–7 scale is a score like any other: set on a factor not rated
    yet, it is saved (the page showed no score, not a 4)."""
    team, case = world
    newcomer = store.add_rater(case, "Nina", party(case, "halvorsen"))
    client.force_login(team.editor)
    data = {**whole_page(client, case, newcomer.key, "cartwright"), "dependency-score": "4"}
    response = client.post(urls(case)["rating_save"], data, follow=True)
    assert "1 rating saved." in response.content.decode()
    assert [(row.factor, row.score) for row in Rating.objects.filter(rater=newcomer)] == [
        ("dependency", 4.0)
    ]


def test_whole_page_saves_every_factor_the_script_marks_touched(client, world):
    """Set to the value it had (touched, not changed), a factor is saved again
    with "Save all changes" all the same."""
    team, case = world
    client.force_login(team.editor)
    data = whole_page(client, case, "maria", "cartwright")
    before = stored(case, "maria", "cartwright", "trust").updated
    response = client.post(urls(case)["rating_save"], {**data, "touched": "trust"}, follow=True)
    assert "1 rating saved." in response.content.decode()
    assert stored(case, "maria", "cartwright", "trust").updated > before


def test_whole_page_save_button_of_an_empty_factor_asks_for_a_score(client, world):
    team, case = world
    newcomer = store.add_rater(case, "Nina", party(case, "halvorsen"))
    client.force_login(team.editor)
    data = {**whole_page(client, case, newcomer.key, "cartwright"), "save": "dependency"}
    response = client.post(urls(case)["rating_save"], data)
    assert response.status_code == 400
    assert "Give a score, or tick “No opinion”." in response.content.decode()
    assert len(response.context["rows"]) == 9  # every factor, to go on with
    assert Rating.objects.filter(rater=newcomer).count() == 0


def test_whole_page_with_one_bad_factor_saves_nothing_and_shows_the_page_again(client, world):
    team, case = world
    client.force_login(team.editor)
    data = whole_page(client, case, "maria", "cartwright")
    data["trust-score"] = "6"
    data["intention-score"] = "99"
    response = client.post(urls(case)["rating_save"], data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved: some factors need another look." in html
    assert '<p class="error" id="intention-error">The score must lie from 1 to 7.</p>' in html
    assert stored(case, "maria", "cartwright", "trust").score == 3


# Who rated what.


def test_overview_counts_scores_and_no_opinion_per_rater_and_party(client, world):
    team, case = world
    client.force_login(team.viewer)
    page = client.get(urls(case)["rating_overview"])
    matrix = {
        (row_rater.key, cell["party"].key): (cell["scored"], cell["no_opinion"], cell["open"])
        for row_rater, cells in page.context["matrix"]
        for cell in cells
    }
    expected = {}
    for (rater_id, subject_id), counts in store.rating_counts(case).items():
        key = (case.raters.get(pk=rater_id).key, case.parties.get(pk=subject_id).key)
        expected[key] = (*counts, 9 - sum(counts))
    assert matrix["maria", "cartwright"] == expected["maria", "cartwright"] == (8, 1, 0)
    assert matrix["lucas", "halvorsen"] == expected["lucas", "halvorsen"]
    html = page.content.decode()
    assert "8 of 9 scored" in html and "1 no opinion" in html
    assert f"?rater={rater(case, 'maria').pk}&amp;subject={party(case, 'cartwright').pk}" in html


def test_overview_shows_a_new_rater_with_nothing_rated(client, world):
    team, case = world
    store.add_rater(case, "Nina", party(case, "cartwright"))
    client.force_login(team.editor)
    page = client.get(urls(case)["rating_overview"])
    nina = next(cells for row_rater, cells in page.context["matrix"] if row_rater.name == "Nina")
    assert [
        (cell["scored"], cell["no_opinion"], cell["open"], cell["self_view"]) for cell in nina
    ] == [
        (0, 0, 9, False),
        (0, 0, 9, True),
    ]


# Random input never breaks the save.

FIELD = st.sampled_from(
    ["rater", "subject", "factor", "save", "intention-score"]
    + [f"trust-{name}" for name in ("score", "no_opinion", "confidence", "source", "note")]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(FIELD, st.text(max_size=12) | st.sampled_from(["1", "4.5", "trust", "on"]))
)
def test_random_posts_answer_only_client_statuses(client, world, data):
    team, case = world
    client.force_login(team.editor)
    response = client.post(urls(case)["rating_save"], data)
    assert response.status_code in {200, 302, 400}


def test_save_bumps_the_case_but_not_its_version(world):
    _team, case = world
    Case.objects.filter(pk=case.pk).update(updated=timezone.now() - timedelta(days=1))
    store.save_ratings(
        case,
        rater(case, "tom"),
        party(case, "cartwright"),
        [("trust", store.RatingValues(score=2))],
    )
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.version, fresh.updated > timezone.now() - timedelta(minutes=1)) == (1, True)
