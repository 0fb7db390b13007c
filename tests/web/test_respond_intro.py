"""What the questionnaire says before its questions (who asks, why, who sees the
answers, how long it takes), that the team's own name for a link never reaches
the respondent while its greeting does, and that sending with questions left
open asks first and says how many."""

from __future__ import annotations

import re

import pytest

from kloof.storage import models
from kloof.storage.respondents import drafts_of
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import OTHER, OWN, full_answers, make_link, open_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return make_demo_case(make_team().workspace)


def page(client, case, **link) -> str:
    _link, token = make_link(case, **link)
    open_session(client, token)
    return client.get("/respond/").content.decode()


def intro(html: str) -> list[tuple[str, str]]:
    """(term, description) of the introduction, as text."""
    pairs = re.findall(r"<div><dt>(.*?)</dt>\s*<dd>(.*?)</dd></div>", html, re.S)
    return [(term, " ".join(text.split())) for term, text in pairs]


def test_the_link_name_is_never_shown_to_the_respondent(client, case):
    """The link form promises it: the name is the team's own label."""
    _link, token = make_link(case, name="Ann (the difficult one)")
    open_session(client, token)
    form = client.get("/respond/").content.decode()
    client.post("/respond/", full_answers(_link))
    done = client.get("/respond/done").content.decode()
    for html in (form, done):
        assert "Ann" not in html and "difficult" not in html


def test_the_greeting_is_shown_above_the_questions_line_by_line(client, case):
    html = page(client, case, name="Ann", greeting="Dear Ann,\nthank you. <b>Jan</b>")
    assert '<p class="respond-greeting">Dear Ann,<br>thank you. &lt;b&gt;Jan&lt;/b&gt;</p>' in html
    assert html.index("respond-greeting") < html.index('id="respond-form"')


def test_without_a_greeting_there_is_none(client, case):
    assert "respond-greeting" not in page(client, case, name="Ann")


def test_the_introduction_says_who_asks_why_who_sees_and_how_long(client, case):
    assert intro(page(client, case)) == [
        (
            "Who asks",
            "The team of Halvorsen Foods that is preparing a negotiation with "
            "Cartwright Packaging.",
        ),
        (
            "Why",
            "Each side sees the negotiation in its own way. Your answers show where views "
            "differ — on intentions, trust, the relationship and more — so that the "
            "differences can be talked about before they get in the way.",
        ),
        (
            "Who sees your answers",
            "Only the team. They know whom they sent this link, so they see your answers as yours.",
        ),
        (
            "How long it takes",
            "18 questions, about 9 minutes. You can save and come back to them later.",
        ),
    ]


def test_the_introduction_in_dutch_with_the_promise_of_anonymity(client, case):
    models.Case.objects.filter(pk=case.pk).update(anonymous=True, min_group=3)
    assert intro(page(client, case, language="nl", rates="own")) == [
        (
            "Wie het vraagt",
            "Het team van Halvorsen Foods dat een onderhandeling met Cartwright Packaging "
            "voorbereidt.",
        ),
        (
            "Waarom",
            "Elke kant ziet de onderhandeling op zijn eigen manier. Uw antwoorden laten zien "
            "waar de beelden verschillen — over intenties, vertrouwen, de relatie en meer — "
            "zodat die verschillen besproken kunnen worden voordat ze in de weg zitten.",
        ),
        (
            "Wie uw antwoorden ziet",
            "Alleen het team. Het heeft beloofd dat uw antwoorden nooit met uw naam worden "
            "getoond, en pas meetellen als ten minste 3 mensen van Halvorsen Foods hebben "
            "geantwoord.",
        ),
        (
            "Hoe lang het duurt",
            "9 vragen, ongeveer 5 minuten. U kunt tussendoor opslaan en later verdergaan.",
        ),
    ]


def test_without_a_party_of_our_own_the_introduction_names_every_party(client, case):
    models.Party.objects.filter(case=case).update(side=None)
    (who, says), *_rest = intro(page(client, case))
    assert (who, says) == (
        "Who asks",
        "The team that is preparing a negotiation between Halvorsen Foods and "
        "Cartwright Packaging.",
    )


# Sending with questions left open.


def partial(**extra: str) -> dict[str, str]:
    return {
        "action": "submit",
        f"score-{OWN}-trust": "5",
        f"noop-{OTHER}-trust": "on",
        **extra,
    }


def test_sending_with_open_questions_asks_first_and_says_how_many(client, case):
    link, token = make_link(case)
    open_session(client, token)
    response = client.post("/respond/", partial())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="confirm-heading">Send with 16 questions unanswered?</h2>' in html
    assert "You have not answered 16 of the 18 questions." in html
    assert '<input type="hidden" name="confirm-unanswered" value="16" form="respond-form">' in html
    assert f'<a class="button" href="#q-{OWN}-intention">' in html
    # Saved, so nothing is lost; not sent.
    assert len(drafts_of(link)) == 2
    assert not models.Submission.objects.filter(link=link).exists()


def test_sending_anyway_sends_the_answers(client, case):
    link, token = make_link(case)
    open_session(client, token)
    response = client.post("/respond/", partial(**{"confirm-unanswered": "16"}))
    assert (response.status_code, response["Location"]) == (303, "/respond/done")
    assert models.Submission.objects.filter(link=link).count() == 1


def test_more_open_questions_than_agreed_to_ask_again(client, case):
    link, token = make_link(case)
    open_session(client, token)
    data = partial(**{"confirm-unanswered": "15"})  # agreed to 15, 16 are open
    response = client.post("/respond/", data)
    assert response.status_code == 200
    assert "Send with 16 questions unanswered?" in response.content.decode()
    assert not models.Submission.objects.filter(link=link).exists()


@pytest.mark.parametrize("agreed", ["²", "-3", "1e9", "99999999", ""])
def test_an_odd_agreement_is_no_agreement(client, case, agreed):
    link, token = make_link(case)
    open_session(client, token)
    response = client.post("/respond/", partial(**{"confirm-unanswered": agreed}))
    assert response.status_code == 200
    assert "Send with 16 questions unanswered?" in response.content.decode()
    assert not models.Submission.objects.filter(link=link).exists()


def test_every_question_answered_sends_at_once(client, case):
    link, token = make_link(case)
    open_session(client, token)
    response = client.post("/respond/", full_answers(link))
    assert (response.status_code, response["Location"]) == (303, "/respond/done")


def test_the_question_in_dutch_with_one_open(client, case):
    link, token = make_link(case, language="nl", rates="own")
    open_session(client, token)
    data = full_answers(link)
    data[f"score-{OWN}-trust"] = ""
    html = client.post("/respond/", data).content.decode()
    assert "Versturen met 1 onbeantwoorde vraag?" in html
    assert "U hebt 1 van de 9 vragen niet beantwoord." in html
