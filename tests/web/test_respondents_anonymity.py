"""The promise to respondents in every page of the team and every file it can
download; and both sides end to end: counterparty respondents make their self
view and their view of us, and the dashboard shows the blind spots."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.cache import cache

from kloof.storage import models
from kloof.storage.anonymity import set_anonymity
from tests.storage.test_anonymity import NAMES, counterparty_answers
from tests.web.factories import make_demo_case, make_team
from tests.web.test_dashboard import TableRows
from tests.web.test_respondents import login, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _world(answers, *, anonymous, min_group=3):
    team = make_team()
    case = make_demo_case(team.workspace)
    if anonymous:
        set_anonymity(case, True, min_group)
    links = counterparty_answers(case, answers)
    return team, models.Case.objects.get(pk=case.pk), links


def _rater_ids(links):
    return [models.RespondentLink.objects.get(pk=link.pk).rater_id for link in links]


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _downloads(client, case) -> dict[str, str]:
    return {
        "ratings.csv": client.get(
            url("case_export", case, what="ratings", fmt="csv")
        ).content.decode("utf-8-sig"),
        "analysis.csv": client.get(
            url("case_export", case, what="analysis", fmt="csv")
        ).content.decode("utf-8-sig"),
        "case.xlsx": _xlsx_text(
            client.get(url("case_export", case, what="case", fmt="xlsx")).content
        ),
        "case.json": client.get(url("case_download", case, fmt="json")).content.decode(),
        "case.yaml": client.get(url("case_download", case, fmt="yaml")).content.decode(),
        "report.html": client.get(url("case_report", case)).content.decode(),
    }


# Rating pages.


def test_under_the_promise_the_rate_page_offers_no_respondent(client):
    team, case, links = _world(3, anonymous=True)
    login(client, team, "owner")
    page = client.get(url("rate", case))
    offered = {value for value, _label in page.context["choose"].fields["rater"].choices}
    assert offered == set(
        case.raters.exclude(pk__in=_rater_ids(links)).values_list("pk", flat=True)
    )
    subject = case.parties.first().pk
    asked = client.get(url("rate", case), {"rater": _rater_ids(links)[0], "subject": subject})
    assert asked.status_code == 400
    assert not any(name in asked.content.decode() for name in NAMES)


def test_under_the_promise_a_respondent_rating_cannot_be_saved(client):
    team, case, links = _world(3, anonymous=True)
    rater = _rater_ids(links)[0]
    data = {
        "rater": rater,
        "subject": case.parties.first().pk,
        "factor": "trust",
        "trust-score": "4",
    }
    response = login(client, team).post(url("rating_save", case), data)
    assert response.status_code == 400
    assert (
        models.Rating.objects.get(rater_id=rater, factor="trust", subject=data["subject"]).score
        == 2
    )


def test_without_the_promise_a_respondent_is_read_only_to_the_team(client):
    team, case, links = _world(1, anonymous=False)
    rater, subject = _rater_ids(links)[0], case.parties.first().pk
    login(client, team, "owner")
    page = client.get(url("rate", case), {"rater": rater, "subject": subject})
    text = page.content.decode()
    assert page.context["read_only"] is True
    assert "a respondent's own answers" in text
    assert "Save all changes" not in text
    data = {"rater": rater, "subject": subject, "factor": "trust", "trust-score": "4"}
    assert client.post(url("rating_save", case), data).status_code == 403
    assert models.Rating.objects.get(rater_id=rater, factor="trust", subject=subject).score == 2


def test_under_the_promise_the_overview_and_raters_page_count_groups_without_names(client):
    team, case, links = _world(2, anonymous=True)
    login(client, team, "viewer")
    for name in ("rating_overview", "raters"):
        text = client.get(url(name, case)).content.decode()
        assert not any(person in text for person in NAMES), name
        assert "Anonymous respondent" not in text, name
        assert "Cartwright Packaging about itself: 1 more answer needed" in " ".join(text.split())
    login(client, team, "editor")
    rater = _rater_ids(links)[0]
    assert client.get(url("rater_edit", case, rater_id=rater)).status_code == 404
    assert client.get(url("rater_remove", case, rater_id=rater)).status_code == 404


def test_without_the_promise_respondents_are_listed_by_name_but_not_renamed(client):
    team, case, links = _world(1, anonymous=False)
    login(client, team)
    text = client.get(url("raters", case)).content.decode()
    assert NAMES[0] in text and "respondent" in text
    rater = _rater_ids(links)[0]
    assert client.get(url("rater_edit", case, rater_id=rater)).status_code == 403


# Downloads and the analysis.


def test_no_download_names_a_respondent_or_holds_a_small_group(client):
    team, case, _links = _world(2, anonymous=True)
    files = _downloads(login(client, team, "viewer"), case)
    for name, text in files.items():
        assert not any(person in text for person in NAMES), name
        assert "respondent_" not in text and "anonymous_" not in text, name
    ratings = files["ratings.csv"].splitlines()
    # 4 team raters: only their ratings, as before anyone answered.
    assert (
        len(ratings) - 1
        == models.Rating.objects.filter(case=case, rater__respondent_link__isnull=True).count()
    )
    assert json.loads(files["case.json"])["raters"] == [
        {"id": key, "name": name, "party": "halvorsen"}
        for key, name in case.raters.filter(respondent_link__isnull=True).values_list("key", "name")
    ]


def test_a_full_group_is_in_every_download_under_neutral_names(client):
    team, case, _links = _world(3, anonymous=True)
    files = _downloads(login(client, team, "viewer"), case)
    for name, text in files.items():
        assert not any(person in text for person in NAMES), name
    ratings = files["ratings.csv"]
    assert ratings.count("anonymous_") == 6  # 3 respondents × 2 parties rated on trust
    assert "Anonymous respondent 3" in files["case.xlsx"]
    raters = json.loads(files["case.json"])["raters"]
    assert [r["id"] for r in raters][-3:] == ["anonymous_1", "anonymous_2", "anonymous_3"]


def test_without_the_promise_exports_name_respondents(client):
    team, case, _links = _world(1, anonymous=False)
    files = _downloads(login(client, team, "viewer"), case)
    assert NAMES[0] in files["ratings.csv"] and NAMES[0] in files["case.xlsx"]


# Both sides on the dashboard.


def _blind_spot_views(page: str) -> set[tuple[str, str]]:
    table = TableRows("blind-spots")
    table.feed(page)
    return {(row[0], row[1]) for row in table.rows}


def test_counterparty_respondents_make_their_blind_spots_appear_on_the_dashboard(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    login(client, team, "viewer")
    before = client.get(url("dashboard", case)).content.decode()
    assert ("Trust", "Cartwright Packaging about Halvorsen Foods") not in _blind_spot_views(before)
    counterparty_answers(case, 2)
    after = client.get(url("dashboard", case)).content.decode()
    views = _blind_spot_views(after)
    assert ("Trust", "Cartwright Packaging about Halvorsen Foods") in views  # their view of us
    assert ("Trust", "Halvorsen Foods about Cartwright Packaging") in views  # our view of them
    perspectives = TableRows("perspectives")
    perspectives.feed(after)
    assert perspectives.rows[3] == [
        "Their view of us: Cartwright Packaging about Halvorsen Foods",
        "0",
        "2",
        "partly rated",
        "2",
        "1 of 9",
    ]


def test_the_dashboard_hints_at_missing_perspectives_and_waiting_groups(client):
    team, case, _links = _world(1, anonymous=True)
    login(client, team, "editor")
    page = " ".join(client.get(url("dashboard", case)).content.decode().split())
    assert "Respondents' answers held back: 2 more answers needed before they are shown." in page
    assert url("respondents", case) in page
    assert not any(name in page for name in NAMES)
    assert ("Trust", "Cartwright Packaging about Halvorsen Foods") not in _blind_spot_views(page)
    fresh = make_demo_case(team.workspace, title="Fresh")
    fresh_page = " ".join(client.get(url("dashboard", fresh)).content.decode().split())
    assert (
        f'<a href="{url("respondents", fresh)}">Invite respondents from Cartwright Packaging</a>'
        " who rate both parties." in fresh_page
    )


def test_the_dashboard_cache_does_not_outlive_a_new_answer_or_the_promise(client):
    team, case, _links = _world(2, anonymous=True)
    login(client, team, "viewer")
    first = client.get(url("dashboard", case)).content.decode()
    assert "1 more answer needed" in " ".join(first.split())
    counterparty_answers(case, 1, names=NAMES[2:3])
    second = " ".join(client.get(url("dashboard", case)).content.decode().split())
    assert "more answer needed" not in second
    assert ("Trust", "Cartwright Packaging about Halvorsen Foods") in _blind_spot_views(second)
