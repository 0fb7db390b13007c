"""A workspace's own practice scenarios on the web: upload (every problem with
its line, nothing stored), list, source, replace, delete (refused while a group
session uses it), the key rules, roles, and practising one to its feedback."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kloof.domain.practice import reference_attempt
from kloof.storage import group_sessions as sessions
from kloof.storage import workspace_scenarios as store
from kloof.storage.models_practice import GroupSession, PracticeAttempt, PracticeScenario
from kloof.web.forms.practice import difference_value, position_field
from tests.web.own_scenario_support import KEY, TITLE_EN, TITLE_NL, bad_yaml, good_yaml

pytestmark = pytest.mark.django_db


def url(team, tail: str = "") -> str:
    return f"/w/{team.workspace.slug}/practice/scenarios/{tail}"


def upload(client: Client, target: str, data: bytes, name: str = "mine.yaml"):
    return client.post(target, {"file": SimpleUploadedFile(name, data)})


def test_a_bad_file_shows_every_problem_with_its_line_and_stores_nothing(client, team):
    client.force_login(team.editor)
    response = upload(client, url(team), bad_yaml())
    assert response.status_code == 400
    text = response.content.decode()
    assert "The file has 2 problems; nothing was stored:" in text
    assert "<strong>Line 3:</strong> &#x27;level&#x27; is the text &#x27;expert&#x27;" in text
    assert "Fix: use one of: basic, advanced" in text
    assert "<strong>Line 4:</strong> &#x27;domain&#x27; is the text &#x27;sports&#x27;" in text
    assert PracticeScenario.objects.count() == 0


def test_the_problems_in_dutch(client, team):
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    response = upload(client, url(team), bad_yaml())
    text = response.content.decode()
    assert "Het bestand heeft 2 problemen; er is niets bewaard:" in text
    assert "<strong>Regel 3:</strong>" in text
    assert "Oplossing: gebruik een van: basic, advanced" in text


def test_upload_list_source_replace_and_delete(client, team):
    client.force_login(team.editor)
    response = upload(client, url(team), good_yaml())
    assert response.status_code == 302 and response["Location"] == url(team)
    row = PracticeScenario.objects.get()
    assert (row.workspace, row.key, row.created_by) == (team.workspace, KEY, team.editor)
    page = client.get(url(team)).content.decode()
    assert f"Scenario {KEY} is stored." in page
    assert TITLE_EN in page and f"{url(team)}{KEY}/source.yaml" in page
    source = client.get(url(team, f"{KEY}/source.yaml"))
    assert source.content == good_yaml()
    assert source["Content-Disposition"] == f'attachment; filename="{KEY}.yaml"'
    # Replace: same id, a new title.
    new = good_yaml(title_en="Our canteen contract, second version")
    assert upload(client, url(team, f"{KEY}/replace/"), new).status_code == 302
    assert PracticeScenario.objects.get().source == new.decode()
    # Replace with another id: refused, nothing changed.
    other = upload(client, url(team, f"{KEY}/replace/"), good_yaml(key="other-one"))
    assert other.status_code == 400
    assert "The file&#x27;s id is other-one, not canteen-contract" in other.content.decode()
    assert PracticeScenario.objects.get().source == new.decode()
    # Delete.
    assert client.post(url(team, f"{KEY}/delete/")).status_code == 302
    assert PracticeScenario.objects.count() == 0
    assert client.get(url(team, f"{KEY}/source.yaml")).status_code == 404


def test_keys_must_be_new(client, team):
    client.force_login(team.editor)
    builtin = upload(client, url(team), good_yaml(key="supplier-price-rise"))
    assert builtin.status_code == 400
    assert "The id supplier-price-rise is that of a built-in scenario." in builtin.content.decode()
    assert upload(client, url(team), good_yaml()).status_code == 302
    again = upload(client, url(team), good_yaml())
    assert again.status_code == 400
    assert f"This workspace already has a scenario with the id {KEY}." in again.content.decode()
    assert PracticeScenario.objects.count() == 1
    # Another workspace may use the same key.
    store.add(team.other_workspace, good_yaml(), "x.yaml")
    assert PracticeScenario.objects.count() == 2


def test_size_and_name_are_checked_before_reading(client, team):
    client.force_login(team.editor)
    wrong = upload(client, url(team), good_yaml(), name="mine.txt")
    assert "Choose a file ending in .yaml, .yml or .json." in wrong.content.decode()
    big = upload(client, url(team), b"#" * (store.MAX_UPLOAD_BYTES + 1))
    assert big.status_code == 400
    assert "The file is larger than 10 MB" in big.content.decode()
    assert PracticeScenario.objects.count() == 0


def test_viewers_read_but_do_not_change(client, team):
    row = store.add(team.workspace, good_yaml(), "x.yaml")
    client.force_login(team.viewer)
    page = client.get(url(team)).content.decode()
    assert TITLE_EN in page and "Upload a scenario" not in page
    assert client.get(url(team, f"{KEY}/source.yaml")).status_code == 200
    assert client.get(url(team, "example.yaml")).status_code == 200
    assert upload(client, url(team), good_yaml(key="x-one")).status_code == 403
    assert upload(client, url(team, f"{KEY}/replace/"), good_yaml()).status_code == 403
    assert client.post(url(team, f"{KEY}/delete/")).status_code == 403
    assert PracticeScenario.objects.get() == row
    client.force_login(team.outsider)
    assert client.get(url(team, f"{KEY}/source.yaml")).status_code == 404


def test_the_example_is_a_builtin_file(client, team):
    client.force_login(team.editor)
    example = client.get(url(team, "example.yaml"))
    assert example.content.startswith(b"format: kloof-scenario/1\nid: supplier-price-rise\n")


REASONING = "offers to carry part of the rise"


def test_members_practise_it_and_see_the_reference_only_after(client, team):
    store.add(team.workspace, good_yaml(), "x.yaml")
    client.force_login(team.viewer)
    assert TITLE_EN in client.get("/practice/").content.decode()
    page = client.get(f"/practice/scenarios/{KEY}/?language=en")
    assert page.status_code == 200
    text = page.content.decode()
    assert TITLE_EN in text and REASONING not in text
    scenario = store.parsed(PracticeScenario.objects.get())
    attempt = reference_attempt(scenario)
    data: dict[str, object] = {
        position_field(party, factor): str(value)
        for (party, factor), value in attempt.positions.items()
    }
    data.update(
        blocking=[difference_value(key) for key in attempt.blocking],
        first_move=attempt.first_move,
        action="submit",
    )
    done = client.post(f"/practice/scenarios/{KEY}/?language=en", data)
    assert done.status_code == 302
    row = PracticeAttempt.objects.get()
    assert (row.scenario, row.workspace_scenario.key, row.score) == (KEY, KEY, 100.0)
    feedback = client.get(done["Location"]).content.decode()
    assert "Your score: 100 of 100" in feedback and f"Feedback: {TITLE_EN}" in feedback
    assert REASONING in feedback
    # An outsider does not find it.
    client.force_login(team.outsider)
    assert client.get(f"/practice/scenarios/{KEY}/").status_code == 404
    assert TITLE_NL not in client.get("/practice/").content.decode()


def test_a_group_session_on_it_and_the_refused_delete(client, team):
    store.add(team.workspace, good_yaml(), "x.yaml")
    client.force_login(team.editor)
    form = client.get(f"/w/{team.workspace.slug}/practice/sessions/").content.decode()
    assert "This workspace&#x27;s scenarios" in form and f'value="{KEY}"' in form
    started = client.post(
        f"/w/{team.workspace.slug}/practice/sessions/",
        {"scenario": KEY, "language": "en", "name": "", "hours": "2"},
    )
    assert started.status_code == 201 and TITLE_EN in started.content.decode()
    session = GroupSession.objects.get()
    assert (session.scenario, session.workspace_scenario.key) == (KEY, KEY)
    token = started.content.decode().split("/g/")[1].split('"')[0]
    browser = Client()
    browser.get(f"/g/{token}")
    browser.post("/group/join", {"nickname": "Ann"})
    assert TITLE_EN in browser.get("/group/").content.decode()
    # Deleting it is refused while the session uses it (closed too: its results need it).
    sessions.close(session)
    refused = client.post(url(team, f"{KEY}/delete/"), follow=True)
    assert f"Scenario {KEY} is not deleted: 1 group session uses it" in refused.content.decode()
    assert PracticeScenario.objects.count() == 1
    live = client.get(f"/w/{team.workspace.slug}/practice/sessions/{session.pk}/")
    assert live.status_code == 200 and TITLE_EN in live.content.decode()
