"""The questionnaire: its questions and fields, saving as one goes, validation
with the input kept, submitting once, and a thank-you page with only one's own
answers."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import drafts_of
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import OTHER, OWN, full_answers, make_link, open_session

pytestmark = pytest.mark.django_db

FACTORS = [
    "intention",
    "relationship",
    "value_creation",
    "trust",
    "dependency",
    "flexibility",
    "claiming_sharing",
    "competences",
    "emotional_frame",
]


@pytest.fixture
def case():
    return make_demo_case(make_team().workspace)


@pytest.fixture
def link(client, case):
    link, token = make_link(case)
    open_session(client, token)
    return link


def field_names(html: str) -> list[str]:
    return re.findall(r'name="([a-z]+-[a-z0-9_]+-[a-z0-9_]+)"', html)


def drafts(link) -> dict[tuple[str, str], tuple]:
    return {
        (row.subject.key, factor): (row.score, row.no_opinion, row.confidence, row.note)
        for (_subject, factor), row in drafts_of(link).items()
    }


def test_the_form_asks_every_factor_about_every_subject_with_the_contract_names(client, link):
    html = client.get("/respond/").content.decode()
    expected = [
        f"{field}-{party}-{factor}"
        for party in (OWN, OTHER)
        for factor in FACTORS
        for field in ("score", "noop", "confidence", "note")
    ]
    assert field_names(html) == expected
    assert 'type="range"' in html and 'name="action" value="submit"' in html
    assert "You have answered 0 of 18 questions." in html


def test_a_link_for_the_own_party_only_asks_about_it(client, case):
    _link, token = make_link(case, rates="own")
    open_session(client, token)
    names = field_names(client.get("/respond/").content.decode())
    assert {name.split("-")[1] for name in names} == {OWN}


def test_the_form_speaks_the_links_language_and_shows_the_poles(client, case):
    _link, token = make_link(case, language="nl")
    open_session(client, token)
    html = client.get("/respond/").content.decode()
    assert '<html lang="nl">' in html
    assert "Waar is Halvorsen Foods op uit aan de onderhandeltafel" in html
    assert "Ieder voor zich: wat levert het mij op?" in html
    assert "Samen winnen en de ander iets gunnen" in html
    assert "<h1>Uw kijk</h1>" in html
    assert "U hebt 0 van 18 vragen beantwoord." in html
    assert 'value="submit" class="primary">Mijn antwoorden versturen</button>' in html


def test_switching_the_language_keeps_the_session_and_the_answers(client, case):
    _link, token = make_link(case, language="nl")
    open_session(client, token)
    client.post("/respond/", {"action": "save", f"score-{OWN}-trust": "6"})
    response = client.post("/respond/language", {"language": "en"})
    assert (response.status_code, response["Location"]) == (303, "/respond/")
    html = client.get("/respond/").content.decode()
    assert '<html lang="en">' in html
    assert "What is Halvorsen Foods after at the negotiating table" in html
    assert f'name="score-{OWN}-trust" class="respond-number"' in html
    assert 'value="6"' in html


def test_saving_stores_the_answers_and_the_form_shows_them_again(client, link):
    data = {
        "action": "save",
        f"score-{OWN}-trust": "5.5",
        f"confidence-{OWN}-trust": "high",
        f"note-{OWN}-trust": "They share forecasts  ",
        f"noop-{OTHER}-trust": "on",
        f"score-{OTHER}-trust": "3",  # "no opinion" wins over a score
        f"score-{OTHER}-intention": "",  # posted, not answered
    }
    response = client.post("/respond/", data)
    assert (response.status_code, response["Location"]) == (303, "/respond/")
    assert drafts(link) == {
        (OWN, "trust"): (5.5, False, "high", "They share forecasts"),
        (OTHER, "trust"): (None, True, None, None),
        (OTHER, "intention"): (None, False, None, None),
    }
    html = client.get("/respond/").content.decode()
    assert "Your answers are saved." in html
    assert "You have answered 2 of 18 questions." in html
    assert f'name="score-{OWN}-trust" class="respond-number" inputmode="decimal"' in html
    assert re.search(rf'id="score-{OWN}-trust"[^>]*value="5.5"', html)
    assert f'name="noop-{OTHER}-trust" id="noop-{OTHER}-trust" value="on" checked' in html
    assert '<option value="high" selected>' in html
    assert ">They share forecasts</textarea>" in html
    assert not models.Submission.objects.exists()


def test_a_question_left_out_of_a_post_keeps_its_saved_answer(client, link):
    client.post("/respond/", {"action": "save", f"score-{OWN}-trust": "2"})
    client.post("/respond/", {"action": "save", f"score-{OWN}-intention": "3"})
    assert drafts(link) == {
        (OWN, "trust"): (2.0, False, None, None),
        (OWN, "intention"): (3.0, False, None, None),
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", "9", "Give a score from 1 to 7, or tick “No opinion”."),
        ("score", "0.5", "Give a score from 1 to 7, or tick “No opinion”."),
        ("score", "lots", "Give a score from 1 to 7, or tick “No opinion”."),
        ("score", "nan", "Give a score from 1 to 7, or tick “No opinion”."),
        ("confidence", "certain", "Choose low, medium or high confidence, or leave it empty."),
        ("note", "x" * 2001, "The note has 2,001 characters; shorten it to 2,000 at most."),
    ],
)
def test_bad_input_is_refused_per_question_with_the_input_kept(client, link, field, value, message):
    data = {"action": "save", f"score-{OWN}-intention": "4", f"{field}-{OTHER}-trust": value}
    response = client.post("/respond/", data)
    assert response.status_code == 400
    html = response.content.decode()
    block = html[html.index(f'id="q-{OTHER}-trust"') :]
    block = block[: block.index("</fieldset>")]
    assert f'<p class="error">{message}</p>' in block
    assert "Nothing has been saved: 1 answer needs a change." in html
    assert f'href="#q-{OTHER}-trust">Cartwright Packaging: Trust</a>' in html
    assert re.search(rf'id="score-{OWN}-intention"[^>]*value="4"', html)
    if field == "note":
        assert f">{value}</textarea>" in block
    assert drafts(link) == {}


def test_answers_to_a_party_the_link_does_not_rate_are_refused(client, case):
    link, token = make_link(case, rates="own")
    open_session(client, token)
    response = client.post(
        "/respond/", {"action": "save", f"score-{OWN}-trust": "4", f"score-{OTHER}-trust": "2"}
    )
    assert response.status_code == 400
    assert "answers to questions that are not in your questionnaire" in response.content.decode()
    assert f"score-{OTHER}-trust" in response.content.decode()
    assert drafts(link) == {}


def test_a_post_without_a_known_action_is_refused(client, link):
    response = client.post("/respond/", {"action": "delete", f"score-{OWN}-trust": "4"})
    assert response.status_code == 400
    assert "Choose “Save” or “Send my answers”." in response.content.decode()
    assert drafts(link) == {}


def test_sending_nothing_at_all_is_refused(client, link):
    response = client.post("/respond/", {"action": "submit"})
    assert response.status_code == 400
    assert "Answer at least one question" in response.content.decode()
    assert not models.Submission.objects.exists()


def test_submitting_makes_one_submission_and_one_rating_per_answer(client, link):
    response = client.post("/respond/", full_answers(link))
    assert (response.status_code, response["Location"]) == (303, "/respond/done")
    link.refresh_from_db()
    ratings = models.Rating.objects.filter(rater=link.rater)
    assert ratings.count() == 18
    assert {r.source for r in ratings if r.subject.key == OWN} == {"self"}
    assert {r.source for r in ratings if r.subject.key == OTHER} == {"estimate"}
    assert models.Submission.objects.get(link=link).revision == 1


def test_a_double_click_a_refresh_and_a_retry_leave_one_submission(client, link):
    data = full_answers(link)
    for _attempt in range(3):
        assert client.post("/respond/", data).status_code == 303
    link.refresh_from_db()
    assert models.Submission.objects.filter(link=link).count() == 1
    assert models.Submission.objects.get(link=link).revision == 3
    assert models.Rating.objects.filter(rater=link.rater).count() == 18
    assert models.Rater.objects.filter(case=link.case, key=f"respondent_{link.pk}").count() == 1


def test_the_thank_you_page_shows_only_the_respondents_own_answers(client, case):
    _other, other_token = make_link(case, name="Bob")
    open_session(client, other_token)
    bob = {"action": "submit", f"noop-{OWN}-trust": "on", f"note-{OWN}-trust": "Bob secret view"}
    client.post("/respond/", {**bob, "confirm-unanswered": "17"})
    _link, token = make_link(case, name="Ann")
    open_session(client, token)
    data = {
        "action": "submit",
        f"score-{OWN}-trust": "5.5",
        f"confidence-{OWN}-trust": "low",
        f"note-{OWN}-trust": "Ann own view",
        f"noop-{OTHER}-intention": "on",
        "confirm-unanswered": "16",  # sent although 16 of 18 are open
    }
    client.post("/respond/", data)
    html = client.get("/respond/done").content.decode()
    assert "Thank you: your answers have been sent" in html
    assert "5.5 on the scale from 1 to 7" in html
    assert "How sure: Low" in html
    assert "Ann own view" in html
    assert "No opinion" in html
    assert "Bob secret view" not in html
    # Nor anything of the team's ratings (the demo case's notes) or the analysis.
    demo_note = models.Rating.objects.filter(case=case, note__isnull=False).exclude(
        rater__key__startswith="respondent_"
    )
    assert demo_note.exists()
    assert all(rating.note not in html for rating in demo_note)
    assert case.title not in html
    assert "Change my answers" in html


def test_the_thank_you_page_before_sending_goes_to_the_form(client, link):
    response = client.get("/respond/done")
    assert (response.status_code, response["Location"]) == (302, "/respond/")


def test_the_thank_you_page_in_dutch_writes_the_decimal_comma(client, case):
    _link, token = make_link(case, language="nl")
    open_session(client, token)
    data = {"action": "submit", f"score-{OWN}-trust": "5,5", "confirm-unanswered": "17"}
    client.post("/respond/", data)
    assert "5,5 op de schaal van 1 tot 7" in client.get("/respond/done").content.decode()


def test_the_form_says_when_the_answers_were_sent_and_that_they_can_change(client, link):
    client.post("/respond/", full_answers(link))
    html = client.get("/respond/").content.decode()
    assert "You sent your answers on" in html
    assert "You have answered 18 of 18 questions." in html


def test_after_the_round_closes_there_is_no_form_and_nothing_is_saved(client, case, link):
    models.Case.objects.filter(pk=case.pk).update(round_closed=timezone.now())
    for response in (
        client.get("/respond/"),
        client.post("/respond/", full_answers(link)),
        client.get("/respond/done"),
    ):
        assert response.status_code == 403
        assert "This questionnaire is closed" in response.content.decode()
        assert 'name="score-' not in response.content.decode()
    assert drafts(link) == {} and not models.Submission.objects.exists()


def test_an_autosave_answers_204_and_a_bad_one_a_json_message(client, link):
    headers = {"X-Kloof-Autosave": "1"}
    response = client.post(
        "/respond/", {"action": "save", f"score-{OWN}-trust": "3"}, headers=headers
    )
    assert response.status_code == 204
    assert drafts(link) == {(OWN, "trust"): (3.0, False, None, None)}
    response = client.post(
        "/respond/", {"action": "save", f"score-{OWN}-trust": "8"}, headers=headers
    )
    assert response.status_code == 400
    assert json.loads(response.content) == {
        "message": "Not saved: some answers need a change. Press “Save” to see which."
    }
    assert drafts(link) == {(OWN, "trust"): (3.0, False, None, None)}


def test_an_anonymous_case_tells_the_respondent_so(client, case, link):
    models.Case.objects.filter(pk=case.pk).update(anonymous=True, min_group=4)
    html = client.get("/respond/").content.decode()
    assert (
        "Only the team. They have promised that your answers are never shown with your "
        "name, and only counted once at least 4 people of Halvorsen Foods have answered."
    ) in html


def test_the_case_title_is_not_shown_to_a_respondent(client, case, link):
    assert case.title not in client.get("/respond/").content.decode()


def test_a_posted_form_needs_the_csrf_token(case):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    _link, token = make_link(case)
    open_session(client, token)
    response = client.post("/respond/", {"action": "save", f"score-{OWN}-trust": "3"})
    assert response.status_code == 403
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
