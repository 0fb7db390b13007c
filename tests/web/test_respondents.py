"""The case owner's respondent pages: making a link (shown once), the list,
revoking, the round, the anonymity promise and the missing perspectives."""

from __future__ import annotations

import datetime as dt
import logging
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import create_link, find_link, token_hash
from kloof.web.views.respondents import respond_path
from tests.storage.test_anonymity import counterparty_answers
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = make_team()
    return team, make_demo_case(team.workspace)


def url(name, case, **extra):
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **extra})


def login(client, team, role="editor"):
    client.force_login(team.user(role))
    return client


def link_data(case, **changes):
    data = {
        "name": "Carla Cartwright",
        "party": case.parties.get(key="cartwright").pk,
        "rates": "both",
        "language": "nl",
        "expires": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }
    return {**data, **changes}


def created_token(response) -> str:
    [match] = re.findall(
        r'value="http://testserver/r/([A-Za-z0-9_-]+)/?"', response.content.decode()
    )
    return match


def test_the_form_suggests_the_counterparty_two_weeks_and_the_case_language(client, world):
    team, case = world
    page = login(client, team).get(url("respondent_create", case))
    form = page.context["form"]
    assert page.status_code == 200
    assert form["party"].value() == case.parties.get(key="cartwright").pk
    assert form["rates"].value() == "both"
    assert form["language"].value() == "en"
    assert form["expires"].value() == timezone.localdate() + timedelta(days=14)


def test_making_a_link_shows_its_token_once_and_stores_only_the_hash(client, world, caplog):
    team, case = world
    caplog.set_level(logging.DEBUG)
    response = login(client, team).post(url("respondent_create", case), link_data(case))
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    token = created_token(response)
    link = models.RespondentLink.objects.get(case=case)
    assert len(token) >= 32
    assert link.token_hash == token_hash(token) and find_link(token) == link
    assert (link.name, link.party.key, link.rates, link.language) == (
        "Carla Cartwright",
        "cartwright",
        "both",
        "nl",
    )
    assert link.expires == timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + timedelta(days=11), dt.time.min)
    )
    assert link.created_by == team.editor
    assert "shown only this once" in response.content.decode()
    # Nowhere afterwards: not the list, not the session, not a message, not a log.
    listing = client.get(url("respondents", case))
    assert token not in listing.content.decode()
    assert token not in repr(dict(client.session))
    assert all(token not in record.getMessage() for record in caplog.records)


def test_the_form_tells_the_internal_name_from_the_greeting_the_respondent_reads(client, world):
    team, case = world
    html = login(client, team).get(url("respondent_create", case)).content.decode()
    assert '<label for="id_name">Name for the team (not shown to the respondent):</label>' in html
    assert '<label for="id_greeting">Greeting (shown to the respondent, optional):</label>' in html
    fields = re.findall(r'<label for="id_([a-z_]+)">', html)
    assert fields == ["name", "party", "language", "greeting", "expires"]


def test_a_greeting_is_kept_line_by_line_and_shown_once_the_link_is_made(client, world):
    team, case = world
    greeting = "  Dear  Carla,\r\n\r\nthank you.   \r\n— Jan "
    response = login(client, team).post(
        url("respondent_create", case), link_data(case, greeting=greeting)
    )
    assert response.status_code == 201
    link = models.RespondentLink.objects.get(case=case)
    assert (link.name, link.greeting) == ("Carla Cartwright", "Dear Carla,\nthank you.\n— Jan")
    assert "Dear Carla,<br>thank you.<br>— Jan" in response.content.decode()


def test_a_greeting_over_500_characters_is_refused(client, world):
    team, case = world
    response = login(client, team).post(
        url("respondent_create", case), link_data(case, greeting="x" * 501)
    )
    assert response.status_code == 400
    assert not models.RespondentLink.objects.exists()


def test_the_token_url_is_the_respond_area_path(world):
    assert respond_path("abc") in ("/r/abc", "/r/abc/")


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "This date has passed"), (91, "more than 90 days away")],
)
def test_an_expiry_in_the_past_or_too_far_is_refused(client, world, days, message):
    team, case = world
    expires = (timezone.localdate() + timedelta(days=days)).isoformat()
    response = login(client, team).post(
        url("respondent_create", case), link_data(case, expires=expires)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not models.RespondentLink.objects.exists()


def test_a_party_of_another_case_is_refused(client, world):
    team, case = world
    other = make_demo_case(team.workspace, title="Other")
    foreign = other.parties.first().pk
    response = login(client, team).post(
        url("respondent_create", case), link_data(case, party=foreign)
    )
    assert response.status_code == 400
    assert not models.RespondentLink.objects.exists()


def test_an_empty_name_makes_an_anonymous_link(client, world):
    team, case = world
    login(client, team).post(url("respondent_create", case), link_data(case, name="  "))
    assert models.RespondentLink.objects.get().name == ""
    assert "anonymous" in client.get(url("respondents", case)).content.decode()


def _make(case, name="Ann", **changes):
    fields = {
        "party": case.parties.get(key="cartwright"),
        "rates": "both",
        "language": "en",
        "expires": timezone.now() + timedelta(days=5),
        "name": name,
    }
    return create_link(case, **{**fields, **changes})[0]


def test_the_list_shows_each_link_state_without_tokens(client, world):
    team, case = world
    _make(case, "Open One")
    used = _make(case, "Used One")
    models.RespondentLink.objects.filter(pk=used.pk).update(first_used=timezone.now())
    revoked = _make(case, "Revoked One")
    models.RespondentLink.objects.filter(pk=revoked.pk).update(revoked=timezone.now())
    expired = _make(case, "Expired One")
    models.RespondentLink.objects.filter(pk=expired.pk).update(
        expires=timezone.now() - timedelta(minutes=1)
    )
    counterparty_answers(case, 1, names=("Submitted One",))
    page = login(client, team).get(url("respondents", case))
    rows = {row.link.name: row.state.value for row in page.context["links"]}
    assert rows == {
        "Open One": "open",
        "Used One": "used",
        "Revoked One": "revoked",
        "Expired One": "expired",
        "Submitted One": "submitted",
    }
    text = page.content.decode()
    assert "opened, not submitted" in text and "not opened yet" in text
    assert all(link.token_hash not in text for link in models.RespondentLink.objects.all())
    closed = client.post(url("respondent_settings", case), {"round": "close"})
    assert closed.status_code == 302
    states = {
        row.link.name: row.state.value
        for row in client.get(url("respondents", case)).context["links"]
    }
    assert states["Open One"] == "closed" and states["Revoked One"] == "revoked"


def test_revoking_stops_a_link_and_a_second_revoke_says_so(client, world):
    team, case = world
    link = _make(case)
    login(client, team)
    first = client.post(url("respondent_revoke", case, link_id=link.pk), follow=True)
    assert "is revoked" in first.content.decode()
    link.refresh_from_db()
    assert link.revoked is not None
    second = client.post(url("respondent_revoke", case, link_id=link.pk), follow=True)
    assert "revoked already" in second.content.decode()


def test_a_link_of_another_case_cannot_be_revoked(client, world):
    team, case = world
    other = make_demo_case(team.workspace, title="Other")
    link = _make(other)
    response = login(client, team).post(url("respondent_revoke", case, link_id=link.pk))
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked is None


def test_closing_and_reopening_the_round(client, world):
    team, case = world
    login(client, team)
    client.post(url("respondent_settings", case), {"round": "close"})
    assert models.Case.objects.get(pk=case.pk).round_closed is not None
    page = client.get(url("respondents", case))
    assert "Reopen the round" in page.content.decode()
    client.post(url("respondent_settings", case), {"round": "reopen"})
    assert models.Case.objects.get(pk=case.pk).round_closed is None


def test_only_an_owner_changes_the_promise(client, world):
    team, case = world
    data = {"anonymous": "on", "min_group": "4"}
    refused = login(client, team, "editor").post(url("respondent_settings", case), data)
    assert refused.status_code == 403
    page = client.get(url("respondents", case))
    assert "Only an owner" in page.content.decode()
    done = login(client, team, "owner").post(url("respondent_settings", case), data)
    assert done.status_code == 302
    fresh = models.Case.objects.get(pk=case.pk)
    assert (fresh.anonymous, fresh.min_group) == (True, 4)


@pytest.mark.parametrize("size", ["1", "21", "x"])
def test_a_group_size_off_the_range_is_refused_with_a_message(client, world, size):
    team, case = world
    response = login(client, team, "owner").post(
        url("respondent_settings", case), {"anonymous": "on", "min_group": size}
    )
    assert response.status_code == 400
    assert models.Case.objects.get(pk=case.pk).anonymous is False


def test_withdrawing_the_promise_after_answers_is_refused_with_a_clear_message(client, world):
    team, case = world
    login(client, team, "owner").post(
        url("respondent_settings", case), {"anonymous": "on", "min_group": "3"}
    )
    counterparty_answers(case, 1)
    response = client.post(url("respondent_settings", case), {"min_group": "3"})
    assert response.status_code == 409
    assert "a promise is a promise" in response.content.decode()
    assert models.Case.objects.get(pk=case.pk).anonymous is True
    lowered = client.post(url("respondent_settings", case), {"anonymous": "on", "min_group": "2"})
    assert lowered.status_code == 409
    assert "can go up, not down" in lowered.content.decode()


def test_the_page_names_the_missing_perspectives_with_a_hint(client, world):
    team, case = world
    page = login(client, team).get(url("respondents", case)).content.decode()
    assert "Their self view" in page and "Their view of us" in page
    assert "Make links for people of Cartwright Packaging who rate both parties." in page
    assert page.count('<strong class="perspective-missing">') == 2


def test_the_nav_shows_respondents_to_editors_only(client, world):
    team, case = world
    dashboard = url("dashboard", case)
    assert url("respondents", case) in login(client, team, "editor").get(dashboard).content.decode()
    assert (
        url("respondents", case)
        not in login(client, team, "viewer").get(dashboard).content.decode()
    )


def test_the_copy_button_is_a_static_script(client, world):
    team, case = world
    response = login(client, team).post(url("respondent_create", case), link_data(case))
    text = response.content.decode()
    assert 'src="/static/kloof/copy-link.js"' in text
    assert "<script>" not in text


def test_the_pages_speak_dutch(client, world):
    team, case = world
    login(client, team)
    page = client.get(url("respondents", case), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Respondenten van Packaging contract renewal 2027" in page
    assert "Hun kijk op ons" in page
    assert "Maak links voor mensen van Cartwright Packaging die beide partijen beoordelen." in page
    form = client.get(url("respondent_create", case), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Hoogstens 90 dagen na vandaag" in form
    created = client.post(
        url("respondent_create", case), link_data(case), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "alleen deze ene keer getoond" in created.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Respondent round reopened",
                "Respondent round closed",
                "Respondents not promised anonymity",
                "Respondents promised anonymity, groups shown from 4 answers",
            ],
        ),
        (
            "nl",
            [
                "Ronde voor respondenten heropend",
                "Ronde voor respondenten gesloten",
                "Respondenten geen anonimiteit beloofd",
                "Respondenten anonimiteit beloofd, groepen zichtbaar vanaf 4 antwoorden",
            ],
        ),
    ],
)
def test_the_promise_and_the_round_are_in_the_case_history(client, world, language, expected):
    """Who promised what to respondents, and when the round closed, stays on
    record: the promise binds the whole team."""
    team, case = world
    login(client, team, "owner")
    settings_url = url("respondent_settings", case)
    client.post(settings_url, {"anonymous": "on", "min_group": "4"})
    client.post(settings_url, {"anonymous": "on", "min_group": "4"})  # no change, no row
    client.post(settings_url, {"min_group": "4"})  # withdrawn before anyone answered
    client.post(settings_url, {"round": "close"})
    client.post(settings_url, {"round": "close"})  # already closed, no row
    client.post(settings_url, {"round": "reopen"})
    client.cookies["django_language"] = language
    rows = client.get(url("history", case)).context["rows"]
    assert [row["what"] for row in rows[:4]] == expected
    assert {row["who"] for row in rows[:4]} == {team.owner.email}
    assert len(rows) == 4
