"""The secret link: exchanged once for a session, refused clearly, throttled,
and never shown again."""

from __future__ import annotations

import logging

import pytest
from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import revoke_link
from kloof.web.secret_throttle import LIMIT
from kloof.web.views.respond_session import SESSION_LINK
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import make_link, open_session

pytestmark = pytest.mark.django_db

NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.fixture
def case():
    return make_demo_case(make_team().workspace)


def assert_respondent_headers(response, referrer="no-referrer"):
    """Never cached; ``no-referrer`` where the URL holds the token, ``same-origin``
    on the questionnaire's pages (their forms must post with an Origin)."""
    assert response["Referrer-Policy"] == referrer
    assert response["Cache-Control"] == NO_STORE


def test_an_open_link_starts_a_session_and_redirects_to_a_url_without_the_token(client, case):
    link, token = make_link(case)
    client.get("/healthz")  # a session cookie of before, if any, must not be kept
    before = client.session.session_key
    response = client.get(f"/r/{token}")
    assert (response.status_code, response["Location"]) == (302, "/respond/")
    assert_respondent_headers(response)
    assert client.session[SESSION_LINK] == link.pk
    assert client.session.session_key != before
    link.refresh_from_db()
    assert link.first_used is not None
    page = client.get("/respond/")
    assert page.status_code == 200
    assert_respondent_headers(page, "same-origin")
    assert token not in page.content.decode()


def test_the_first_use_is_kept_when_the_link_is_opened_again(client, case):
    link, token = make_link(case)
    open_session(client, token)
    link.refresh_from_db()
    first = link.first_used
    open_session(client, token)
    link.refresh_from_db()
    assert link.first_used == first


def test_an_unknown_token_gets_a_neutral_404_and_is_counted(client, case, caplog):
    token = "x" * 32
    with caplog.at_level(logging.WARNING, logger="kloof.security"):
        response = client.get(f"/r/{token}")
    assert response.status_code == 404
    assert_respondent_headers(response)
    assert "This link does not work" in response.content.decode()
    assert SESSION_LINK not in client.session
    assert models.AttemptCount.objects.get(scope="respondent", address="127.0.0.1").count == 1
    assert "refused respondent secret from 127.0.0.1: unknown" in caplog.text
    assert token not in caplog.text


@pytest.mark.parametrize(
    ("state", "wording"),
    [
        ("revoked", "This link has been withdrawn"),
        ("expired", "This link has expired"),
        ("closed", "This questionnaire is closed"),
    ],
)
def test_a_revoked_expired_or_closed_link_gets_403_saying_why(client, case, state, wording, caplog):
    link, token = make_link(case, days=-1 if state == "expired" else 7)
    if state == "revoked":
        revoke_link(case, link.pk)
    if state == "closed":
        models.Case.objects.filter(pk=case.pk).update(round_closed=timezone.now())
    with caplog.at_level(logging.WARNING, logger="kloof.security"):
        response = client.get(f"/r/{token}")
    assert response.status_code == 403
    assert_respondent_headers(response)
    html = response.content.decode()
    assert f"<h1>{wording}</h1>" in html
    assert "<form" not in html.replace('class="language-form"', "")
    assert SESSION_LINK not in client.session
    assert f"refused respondent secret from 127.0.0.1: {state}" in caplog.text
    assert token not in caplog.text


def test_a_refused_link_speaks_the_links_language(client, case):
    link, token = make_link(case, language="nl")
    revoke_link(case, link.pk)
    response = client.get(f"/r/{token}")
    assert '<html lang="nl">' in response.content.decode()


def test_after_too_many_wrong_tokens_a_wrong_one_gets_429_and_a_right_one_opens(client, case):
    link, token = make_link(case)
    for attempt in range(LIMIT):
        assert client.get(f"/r/wrong-{attempt}").status_code == 404
    response = client.get("/r/wrong-again")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert_respondent_headers(response)
    assert "Too many tries" in response.content.decode()
    assert SESSION_LINK not in client.session
    # The 429 itself is not counted: the address is not locked out for longer.
    assert models.AttemptCount.objects.get(scope="respondent").count == LIMIT
    # A respondent behind the same address (an office, a proxy) opens their link.
    open_session(client, token)
    link.refresh_from_db()
    assert link.first_used is not None


def test_a_withdrawn_link_says_so_even_to_a_throttled_address(client, case):
    link, token = make_link(case)
    revoke_link(case, link.pk)
    for attempt in range(LIMIT):
        client.get(f"/r/wrong-{attempt}")
    response = client.get(f"/r/{token}")
    assert response.status_code == 403
    assert "This link has been withdrawn" in response.content.decode()


def test_the_throttle_counts_per_address(client, case):
    for attempt in range(LIMIT):
        client.get(f"/r/wrong-{attempt}", REMOTE_ADDR="203.0.113.9")
    assert client.get("/r/wrong-again", REMOTE_ADDR="203.0.113.9").status_code == 429
    assert client.get("/r/wrong-again", REMOTE_ADDR="203.0.113.10").status_code == 404


def test_a_link_is_exchanged_by_get_only(client, case):
    _link, token = make_link(case)
    response = client.post(f"/r/{token}")
    assert response.status_code == 405
    assert_respondent_headers(response)


def test_a_respondent_page_without_a_session_says_to_open_the_link(client):
    for url in ("/respond/", "/respond/done"):
        response = client.get(url)
        assert response.status_code == 403
        assert_respondent_headers(response, "same-origin")
        assert "Open your personal link" in response.content.decode()


def test_a_respondent_session_is_anonymous_on_team_urls(client, case):
    _link, token = make_link(case)
    open_session(client, token)
    slug = case.workspace.slug
    for url in (f"/w/{slug}/cases/{case.pk}/", f"/w/{slug}/", "/w/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_a_link_revoked_after_the_exchange_ends_the_questionnaire_at_once(client, case):
    link, token = make_link(case)
    open_session(client, token)
    revoke_link(case, link.pk)
    response = client.get("/respond/")
    assert response.status_code == 403
    assert "This link has been withdrawn" in response.content.decode()
    assert 'name="score-' not in response.content.decode()


def test_opening_another_link_replaces_the_session_link(client, case):
    _first, first_token = make_link(case, greeting="Dear Ann,")
    second, second_token = make_link(case, greeting="Dear Bob,")
    open_session(client, first_token)
    open_session(client, second_token)
    assert client.session[SESSION_LINK] == second.pk
    html = client.get("/respond/").content.decode()
    assert "Dear Bob," in html and "Dear Ann," not in html


def test_a_session_of_a_deleted_case_is_no_session(client):
    case = make_demo_case(make_team().workspace)
    _link, token = make_link(case)
    open_session(client, token)
    case.delete()
    assert client.get("/respond/").status_code == 403
