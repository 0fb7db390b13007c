"""Practising on the web: the scenario list, an attempt (draft and submit), its
feedback, and the progress page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from kloof.domain.practice import reference_attempt
from kloof.services.practice import builtin_ids, builtin_scenario, builtin_scenarios
from kloof.storage.models_practice import PracticeAttempt
from kloof.web.forms.practice import difference_value, position_field

SCENARIO = "supplier-price-rise"


def reference_post(**extra: str) -> dict[str, object]:
    """The reference's answers as the form posts them."""
    scenario = builtin_scenario(SCENARIO)
    attempt = reference_attempt(scenario)
    data: dict[str, object] = {
        position_field(party, factor): str(value).replace(".", ",")
        for (party, factor), value in attempt.positions.items()
    }
    data["blocking"] = [difference_value(key) for key in attempt.blocking]
    data["first_move"] = attempt.first_move
    data.update(extra)
    return data


def url() -> str:
    return reverse("practice_scenario", kwargs={"scenario_id": SCENARIO})


@pytest.mark.django_db
def test_the_list_shows_the_scenario_and_filters_by_level(client, team):
    client.force_login(team.viewer)
    page = client.get(reverse("practice_home")).content.decode()
    assert "A fourteen per cent price rise" in page
    advanced = client.get(reverse("practice_home"), {"level": "advanced"})
    assert "A fourteen per cent price rise" not in advanced.content.decode()
    assert client.get(reverse("practice_home"), {"level": "expert"}).status_code == 400


@pytest.mark.django_db
def test_the_scenario_page_shows_the_text_sliders_and_moves_in_dutch(client, team):
    client.force_login(team.viewer)
    page = client.get(url(), {"language": "nl"}).content.decode()
    assert "Een prijsstijging van veertien procent" in page
    assert 'type="range"' in page
    assert 'name="first_move"' in page
    assert 'name="blocking"' in page


@pytest.mark.django_db
def test_submitting_the_reference_scores_100_and_shows_the_feedback(client, team):
    client.force_login(team.viewer)
    response = client.post(url(), reference_post(action="submit"))
    row = PracticeAttempt.objects.get()
    assert response["Location"] == reverse("practice_attempt", kwargs={"attempt_id": row.pk})
    assert (row.score, row.recall, row.precision) == (100.0, 1.0, 1.0)
    assert row.finished is not None
    assert row.feedback["score"] == 100
    page = client.get(response["Location"]).content.decode()
    assert "Your score: 100 of 100" in page
    assert "harmonic mean" in page
    assert page.count('role="img"') == 2  # one chart per party
    assert "Reference" in page


@pytest.mark.django_db
def test_a_draft_is_kept_and_resumed_then_becomes_the_attempt(client, team):
    client.force_login(team.viewer)
    data = {position_field("korrel", "trust"): "5,5", "action": "draft"}
    response = client.post(url(), data)
    assert response.status_code == 302
    row = PracticeAttempt.objects.get()
    assert (row.finished, row.answers["positions"]) == (None, {"korrel": {"trust": 5.5}})
    page = client.get(url()).content.decode()
    assert 'value="5.5"' in page or 'value="5,5"' in page
    client.post(url(), reference_post(action="submit"))
    assert PracticeAttempt.objects.count() == 1
    assert PracticeAttempt.objects.get().finished is not None


@pytest.mark.django_db
def test_bad_answers_are_named_and_nothing_is_stored(client, team):
    client.force_login(team.viewer)
    data = reference_post(action="submit", first_move="")
    data[position_field("korrel", "trust")] = "9"
    response = client.post(url(), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give a score from 1 to 7, or leave it empty." in page
    assert "Choose the first move you would make." in page
    assert not PracticeAttempt.objects.exists()


@pytest.mark.django_db
def test_flagging_everything_scores_badly(client, team):
    from kloof.web.forms.practice import offered_differences

    client.force_login(team.viewer)
    everything = [difference_value(k) for k in offered_differences(builtin_scenario(SCENARIO))]
    client.post(url(), reference_post(action="submit", blocking=everything))
    row = PracticeAttempt.objects.get()
    # One of the nine differences blocks: F1 of precision 1/9 and recall 1 is 0.2.
    assert (row.recall, row.precision) == (1.0, pytest.approx(1 / 9, abs=1e-4))
    assert row.feedback["parts"]["blocking"] == 10.0
    assert row.score == 60.0


@pytest.mark.django_db
def test_an_unknown_scenario_and_another_users_attempt_are_404(client, team):
    client.force_login(team.viewer)
    bad = reverse("practice_scenario", kwargs={"scenario_id": "no-such-scenario"})
    assert client.get(bad).status_code == 404
    client.post(url(), reference_post(action="submit"))
    row = PracticeAttempt.objects.get()
    client.force_login(team.owner)
    assert client.get(reverse("practice_attempt", kwargs={"attempt_id": row.pk})).status_code == 404


@pytest.mark.django_db
def test_progress_shows_the_curve_the_errors_and_a_suggestion(client, team):
    client.force_login(team.viewer)
    empty = client.get(reverse("practice_progress")).content.decode()
    assert "No finished attempts yet" in empty
    # Before any attempt: the first basic scenario (by id) with one blocking difference.
    first = min(
        (s for s in builtin_scenarios() if s.level == "basic" and len(s.reference.blocking) == 1),
        key=lambda s: s.id,
    )
    assert escape(first.title.get("en")) in empty  # the suggestion
    data = reference_post(action="submit")
    data[position_field("korrel", "trust")] = "1"
    client.post(url(), data)
    response = client.get(reverse("practice_progress"))
    page = response.content.decode()
    assert "Learning curve" in page
    assert "<polyline" in page
    assert response.context["errors"][0]["name"] == "Trust"
    assert response.context["suggestion"]["factor"] == "Trust"


@pytest.mark.django_db
def test_the_feedback_page_speaks_dutch_with_decimal_commas(client, team):
    client.force_login(team.viewer)
    data = reference_post(action="submit")
    data[position_field("korrel", "trust")] = "1,5"
    client.post(url(), data)
    row = PracticeAttempt.objects.get()
    attempt_url = reverse("practice_attempt", kwargs={"attempt_id": row.pk})
    page = client.get(attempt_url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "harmonisch gemiddelde" in page
    assert "Je posities naast de referentie" in page
    # One cell of 18 off by 2.5 points: 35 x (17 + 1/6) / 18 = 33.4.
    assert "Posities: 33,4 van 35" in page
    assert "Je score: 98 van 100" in page


@pytest.mark.django_db
@pytest.mark.parametrize("scenario_id", builtin_ids())
def test_every_built_in_scenario_scores_its_reference_100_through_the_page(
    client, team, scenario_id
):
    scenario = builtin_scenario(scenario_id)
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
    client.force_login(team.viewer)
    page_url = reverse("practice_scenario", kwargs={"scenario_id": scenario_id})
    page = client.get(page_url).content.decode()
    for key in attempt.blocking:  # every reference difference can be ticked
        assert f'value="{difference_value(key)}"' in page
    client.post(page_url, data)
    row = PracticeAttempt.objects.get()
    assert (row.score, row.recall, row.precision) == (100.0, 1.0, 1.0)
    feedback = client.get(reverse("practice_attempt", kwargs={"attempt_id": row.pk}))
    assert feedback.status_code == 200
    assert "Your score: 100 of 100" in feedback.content.decode()


@pytest.mark.django_db
def test_a_workspace_scenario_is_practised_by_its_members_only(client, team):
    from kloof.services.practice import SCENARIO_DIR
    from kloof.storage.models_practice import PracticeScenario

    source = (SCENARIO_DIR / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    source = source.replace(f"id: {SCENARIO}", "id: our-own-case").replace(
        "A fourteen per cent price rise", "Our own price rise"
    )
    PracticeScenario.objects.create(workspace=team.workspace, key="our-own-case", source=source)
    client.force_login(team.viewer)
    listed = client.get(reverse("practice_home")).content.decode()
    assert "Our own price rise" in listed
    assert "From Purchasing" in listed
    own_url = reverse("practice_scenario", kwargs={"scenario_id": "our-own-case"})
    data = reference_post(action="submit")
    client.post(own_url, data)
    row = PracticeAttempt.objects.get()
    assert (row.scenario, row.workspace_scenario.key, row.score) == (
        "our-own-case",
        "our-own-case",
        100.0,
    )
    feedback = client.get(reverse("practice_attempt", kwargs={"attempt_id": row.pk}))
    assert "Feedback: Our own price rise" in feedback.content.decode()
    progress = client.get(reverse("practice_progress")).content.decode()
    assert "Our own price rise" in progress
    client.force_login(team.outsider)
    assert "Our own price rise" not in client.get(reverse("practice_home")).content.decode()
    assert client.get(own_url).status_code == 404
