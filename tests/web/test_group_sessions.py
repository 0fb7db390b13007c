"""Group sessions through the test client: a trainer starts one, participants
join with nicknames and send answers, the live screen counts them, revealing
shows the reasoning, closing stops the link; the export; bad tokens throttled."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kloof.domain.practice import reference_attempt
from kloof.services.practice import builtin_scenario
from kloof.storage import group_sessions as store
from kloof.storage.models_practice import GroupParticipant
from kloof.web.forms.group import difference_value, score_field

pytestmark = pytest.mark.django_db
SCENARIO = "supplier-price-rise"


def start(client: Client, team, language: str = "en") -> str:
    client.force_login(team.editor)
    response = client.post(
        f"/w/{team.workspace.slug}/practice/sessions/",
        {"scenario": SCENARIO, "language": language, "name": "Tuesday", "hours": "2"},
    )
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "<svg" in text
    url = text.split('id="group-link" class="link-box" type="text" readonly value="')[1].split('"')[
        0
    ]
    return url.split("/g/")[1]


def perfect_answers() -> dict[str, object]:
    scenario = builtin_scenario(SCENARIO)
    attempt = reference_attempt(scenario)
    data: dict[str, object] = {
        score_field(party, factor): f"{value:g}".replace(".", ",")
        for (party, factor), value in attempt.positions.items()
    }
    data["blocking"] = [difference_value(key) for key in attempt.blocking]
    data["first_move"] = attempt.first_move
    return data


def participant(token: str, nickname: str) -> Client:
    browser = Client()
    response = browser.get(f"/g/{token}")
    assert response.status_code == 302 and response["Location"] == "/group/"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    page = browser.get("/group/")
    assert page.status_code == 200 and "nickname" in page.content.decode()
    assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    joined = browser.post("/group/join", {"nickname": nickname})
    assert joined.status_code == 303
    return browser


def test_a_session_from_start_to_reveal_and_close(client, team):
    token = start(client, team)
    session = store.find_session(token)
    assert session.token_hash != token and len(session.token_hash) == 64
    ann = participant(token, "Ann")
    bob = participant(token, "Bob")
    # The same nickname again (other case): a clear message, nothing made.
    third = Client()
    third.get(f"/g/{token}")
    taken = third.post("/group/join", {"nickname": "ann"})
    assert taken.status_code == 400
    assert "already called" in taken.content.decode()
    assert GroupParticipant.objects.filter(session=session).count() == 2
    # Ann answers as the reference: 100.
    sent = ann.post("/group/answer", perfect_answers())
    assert sent.status_code == 303
    feedback = ann.get("/group/").content.decode()
    assert "Your score: 100 of 100" in feedback
    assert "The reference&#x27;s reasoning" not in feedback
    # Bob types a wrong score: nothing sent, the field named.
    scenario = builtin_scenario(SCENARIO)
    field = score_field(scenario.parties[0].id, scenario.factors[0])
    wrong = bob.post("/group/answer", {**perfect_answers(), field: "9"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "Nothing has been sent: 1 score needs a change." in text
    assert f'id="error-{field}"' in text
    assert GroupParticipant.objects.get(nickname="Bob").submitted is None
    # The live screen counts them.
    live = client.get(f"/w/{team.workspace.slug}/practice/sessions/{session.pk}/live")
    assert "2 joined, 1 submitted" in live.content.decode()
    # Bob changes his mind before the reveal: allowed.
    assert bob.post("/group/answer", perfect_answers()).status_code == 303
    assert bob.post("/group/answer", {}).status_code == 303
    assert GroupParticipant.objects.get(nickname="Bob").score < 100
    # Reveal: the reasoning shows, answers stand.
    slug = team.workspace.slug
    assert client.post(f"/w/{slug}/practice/sessions/{session.pk}/reveal/").status_code == 302
    assert 'id="group-reasoning"' in ann.get("/group/").content.decode()
    late = bob.post("/group/answer", perfect_answers())
    assert late.status_code == 409
    assert GroupParticipant.objects.get(nickname="Bob").score < 100
    # Export: nicknames, scores, formula-safe.
    export = client.get(f"/w/{slug}/practice/sessions/{session.pk}/results.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["nickname", "score", "recall", "precision", "first_move"]
    assert [row[0] for row in rows[1:]] == ["Ann", "Bob"]
    assert rows[1][1] == "100"
    xlsx = client.get(f"/w/{slug}/practice/sessions/{session.pk}/results.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # Close: the link and the pages stop, with a clear page.
    assert client.post(f"/w/{slug}/practice/sessions/{session.pk}/close/").status_code == 302
    assert Client().get(f"/g/{token}").status_code == 410
    over = ann.get("/group/")
    assert over.status_code == 410 and "session is over" in over.content.decode()


def test_a_formula_nickname_is_exported_as_text(client, team):
    token = start(client, team)
    browser = participant(token, "=HYPERLINK(1)")
    browser.post("/group/answer", perfect_answers())
    session = store.find_session(token)
    export = client.get(f"/w/{team.workspace.slug}/practice/sessions/{session.pk}/results.csv")
    assert "'=HYPERLINK(1)" in export.content.decode("utf-8-sig")


def test_viewers_watch_but_do_not_start_or_reveal(client, team):
    token = start(client, team)
    session = store.find_session(token)
    client.force_login(team.viewer)
    slug = team.workspace.slug
    assert client.get(f"/w/{slug}/practice/sessions/{session.pk}/").status_code == 200
    assert client.post(f"/w/{slug}/practice/sessions/{session.pk}/reveal/").status_code == 403
    assert client.post(f"/w/{slug}/practice/sessions/", {"scenario": SCENARIO}).status_code == 403


def test_an_expired_link_and_unknown_tokens(client, team):
    token = start(client, team)
    session = store.find_session(token)
    session.expires = timezone.now() - timedelta(seconds=1)
    session.save()
    assert Client().get(f"/g/{token}").status_code == 410
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    answers = [guesser.get(f"/g/wrong{n}").status_code for n in range(7)]
    assert answers[:4] == [404] * 4 and answers[-1] == 429
    assert Client().get("/group/").status_code == 403


def test_submissions_of_many_participants_are_all_kept(team):
    session, _token = store.create_session(
        team.workspace,
        scenario=SCENARIO,
        language="nl",
        expires=timezone.now() + timedelta(hours=1),
    )
    scenario = builtin_scenario(SCENARIO)
    attempt = reference_attempt(scenario)
    answers = store.Answers(dict(attempt.positions), attempt.blocking, attempt.first_move)
    for number in range(10):
        row, _secret = store.join(session, f"P{number}")
        store.submit(row, answers)
    assert GroupParticipant.objects.filter(session=session, score=100).count() == 10


def test_dutch_pages_read_in_dutch_with_a_decimal_comma(client, team):
    token = start(client, team, language="nl")
    ann = participant(token, "Ann")
    page = ann.get("/group/").content.decode()
    assert "Mijn antwoorden versturen" in page and 'lang="nl"' in page
    ann.post("/group/answer", perfect_answers())
    assert "Je score: 100 van 100" in ann.get("/group/").content.decode()
    session = store.find_session(token)
    client.cookies["django_language"] = "nl"
    live = client.get(
        f"/w/{team.workspace.slug}/practice/sessions/{session.pk}/", HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "1 meegedaan, 1 verstuurd" in live


def test_who_joined_but_sent_nothing_sees_the_reasoning_after_the_reveal(client, team):
    token = start(client, team)
    cas = participant(token, "Cas")
    session = store.find_session(token)
    store.reveal(session)
    page = cas.get("/group/").content.decode()
    assert "You sent no answers." in page and 'id="group-reasoning"' in page
    assert cas.post("/group/answer", perfect_answers()).status_code == 409
    assert GroupParticipant.objects.get(nickname="Cas").submitted is None


def test_a_session_of_another_workspace_is_not_found(client, team):
    other, _token = store.create_session(
        team.other_workspace,
        scenario=SCENARIO,
        language="en",
        expires=timezone.now() + timedelta(hours=1),
    )
    client.force_login(team.owner)
    slug = team.workspace.slug
    assert client.get(f"/w/{slug}/practice/sessions/{other.pk}/").status_code == 404
    assert client.post(f"/w/{slug}/practice/sessions/{other.pk}/close/").status_code == 404
    other.refresh_from_db()
    assert other.closed is None


def test_the_session_token_is_redacted_in_logs_and_its_pages_are_not():
    from kloof.web.logfilters import redact

    line = '127.0.0.1 "GET /g/AbC-123_xyz HTTP/1.1" 302 "https://x.example/g/AbC-123_xyz"'
    assert (
        redact(line)
        == '127.0.0.1 "GET /g/[redacted] HTTP/1.1" 302 "https://x.example/g/[redacted]"'
    )
    assert redact("GET /group/answer") == "GET /group/answer"
    assert redact("/login?next=%2Fg%2FAbC") == "/login?next=%2Fg%2F[redacted]"


def test_a_wrong_token_is_logged_without_the_token(client, caplog):
    with caplog.at_level("WARNING"):
        client.get("/g/not-a-real-token-123")
    text = caplog.text
    assert "refused group secret" in text and "not-a-real-token-123" not in text
