"""Editing a case: its fields, parties and own factors; what is refused; and two
people saving the same version (compare-and-set, 409)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kloof.storage import cases_edit as edit
from kloof.storage.cases import store_case, template_case
from kloof.storage.models import (
    Agenda,
    AgendaItem,
    Case,
    CaseFactor,
    Difference,
    Interview,
    Party,
    Rating,
)
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def edit_url(case: Case) -> str:
    return reverse("case_edit", kwargs={"slug": case.workspace.slug, "case_id": case.pk})


def form_data(case: Case, **changes: Any) -> dict[str, Any]:
    """What the edit page posts when nothing is changed (plus ``changes``)."""
    case.refresh_from_db()
    data: dict[str, Any] = {
        "version": case.version,
        "title": case.title,
        "date": case.date.isoformat() if case.date else "",
        "language": case.language,
        "description": case.description or "",
        "scale_min": case.scale_min,
        "scale_max": case.scale_max,
    }
    parties = list(case.parties.all())
    data.update({"parties-TOTAL_FORMS": len(parties), "parties-INITIAL_FORMS": len(parties)})
    for index, party in enumerate(parties):
        data.update(
            {
                f"parties-{index}-id": party.pk,
                f"parties-{index}-name": party.name,
                f"parties-{index}-role": party.role or "",
                f"parties-{index}-side": party.side or "",
            }
        )
    factors = list(case.own_factors.all())
    data.update({"factors-TOTAL_FORMS": len(factors), "factors-INITIAL_FORMS": len(factors)})
    for index, factor in enumerate(factors):
        data[f"factors-{index}-id"] = factor.pk
        data[f"factors-{index}-key"] = factor.key
        for part in ("name", "left", "right"):
            for language in ("nl", "en"):
                data[f"factors-{index}-{part}_{language}"] = factor.data[part][language]
    data.update(changes)
    return data


@pytest.fixture
def team_and_case(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.editor)
    return team, case


def template_row(team) -> Case:
    """The template case: it has a factor of its own with ratings."""
    return store_case(team.workspace, template_case("en"))


def test_edit_page_shows_the_current_values(client, team_and_case):
    _, case = team_and_case
    response = client.get(edit_url(case))
    assert response.context["form"].initial["title"] == case.title
    assert response.context["form"].initial["version"] == 1
    assert len(response.context["parties"].forms) == 3  # two parties and a blank row


def test_saving_changes_the_fields_and_raises_the_version(client, team_and_case):
    _, case = team_and_case
    data = form_data(case, title="Renewal, second round", language="nl", date="2027-02-01")
    data["description"] = "After the summer."
    response = client.post(edit_url(case), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.language, str(case.date), case.description, case.version) == (
        "Renewal, second round",
        "nl",
        "2027-02-01",
        "After the summer.",
        2,
    )


def test_a_party_can_be_renamed_and_one_added(client, team_and_case):
    _, case = team_and_case
    data = form_data(case, **{"parties-0-name": "Halvorsen Foods Group"})
    data.update(
        {
            "parties-TOTAL_FORMS": 3,
            "parties-2-name": "Consultant B.V.",
            "parties-2-side": "other",
        }
    )
    assert client.post(edit_url(case), data).status_code == 302
    rows = list(case.parties.values_list("key", "name", "side"))
    assert rows == [
        ("halvorsen", "Halvorsen Foods Group", "own"),
        ("cartwright", "Cartwright Packaging", "counterparty"),
        ("consultant-bv", "Consultant B.V.", "other"),
    ]


def test_a_party_nobody_refers_to_can_be_removed(client, team_and_case):
    _, case = team_and_case
    extra = Party.objects.create(case=case, key="third", name="Third", position=5)
    data = form_data(case, **{"parties-2-DELETE": "on"})
    assert data["parties-2-id"] == extra.pk
    assert client.post(edit_url(case), data).status_code == 302
    assert not Party.objects.filter(pk=extra.pk).exists()


def test_removing_a_party_in_use_says_what_refers_to_it(client, team_and_case):
    _, case = team_and_case
    data = form_data(case, **{"parties-1-DELETE": "on"})
    response = client.post(edit_url(case), data)
    assert response.status_code == 400
    ratings = Rating.objects.filter(subject__key="cartwright", case=case).count()
    entries = Difference.objects.filter(case=case).count()
    assert (ratings, entries) == (36, 3)
    assert response.context["form"].non_field_errors() == [
        "The party “Cartwright Packaging” cannot be removed: it is used by 36 ratings and "
        "3 register entries. Remove or move those first."
    ]
    case.refresh_from_db()
    assert (case.parties.count(), case.version) == (2, 1)


def test_a_party_with_an_interview_and_an_agenda_item_is_kept(client, team_and_case):
    # The database would delete both with the party: the edit must refuse instead.
    _, case = team_and_case
    extra = Party.objects.create(case=case, key="third", name="Third", position=5)
    Interview.objects.create(case=case, key="int-1", interviewee="Sam", about=extra)
    agenda = Agenda.objects.create(case=case)
    AgendaItem.objects.create(
        agenda=agenda, title="Third's view", factor="trust", party_a=extra, party_b=extra
    )
    response = client.post(edit_url(case), form_data(case, **{"parties-2-DELETE": "on"}))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The party “Third” cannot be removed: it is used by 1 interview; 1 agenda item. "
        "Remove or move those first."
    ]
    assert Party.objects.filter(pk=extra.pk).exists()
    assert (Interview.objects.filter(case=case).count(), AgendaItem.objects.count()) == (1, 1)


def test_removing_a_party_with_raters_names_them(client, team_and_case):
    _, case = team_and_case
    response = client.post(edit_url(case), form_data(case, **{"parties-0-DELETE": "on"}))
    (error,) = response.context["form"].non_field_errors()
    names = ", ".join(case.raters.filter(party__key="halvorsen").values_list("name", flat=True))
    assert error.startswith(
        f"The party “Halvorsen Foods” cannot be removed: it is used by the raters {names}; "
    )


def test_a_change_of_scale_that_leaves_scores_off_it_is_refused(client, team_and_case):
    _, case = team_and_case
    Rating.objects.filter(pk=Rating.objects.filter(case=case).first().pk).update(score=1.5)
    response = client.post(edit_url(case), form_data(case, scale_min="2", scale_max="7"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Existing scores run from 1.5 to 6: choose a scale that includes them, "
        "or change those ratings first."
    ]
    case.refresh_from_db()
    assert (case.scale_min, case.version) == (1.0, 1)


def test_the_scale_message_is_dutch_with_a_decimal_comma(client, team_and_case):
    _, case = team_and_case
    Rating.objects.filter(pk=Rating.objects.filter(case=case).first().pk).update(score=1.5)
    data = form_data(case, scale_min="2", scale_max="7")
    response = client.post(edit_url(case), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.context["form"].non_field_errors() == [
        "De bestaande scores lopen van 1,5 tot 6: kies een schaal waar ze binnen vallen, "
        "of pas eerst die scores aan."
    ]


def test_a_wider_scale_is_accepted(client, team_and_case):
    _, case = team_and_case
    assert client.post(edit_url(case), form_data(case, scale_max="10")).status_code == 302
    case.refresh_from_db()
    assert case.scale_max == 10.0


def test_a_stale_save_is_refused_with_409_and_shows_the_newer_values(client, team_and_case):
    _, case = team_and_case
    old = form_data(case)
    assert client.post(edit_url(case), form_data(case, title="Saved first")).status_code == 302
    old["title"] = "Saved second"
    response = client.post(edit_url(case), old)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this case first" in page
    assert response.context["form"].initial["title"] == "Saved first"
    assert response.context["form"].initial["version"] == 2
    assert response.context["mine"].title == "Saved second"
    case.refresh_from_db()
    assert (case.title, case.version) == ("Saved first", 2)


def test_of_two_saves_of_one_version_exactly_one_wins():
    team = make_team()
    case = make_demo_case(team.workspace)
    changes = edit.CaseChanges(title="A", language="en", scale=edit.domain.Scale())
    edit.update_case(case, 1, changes)
    with pytest.raises(edit.StaleCaseError):
        edit.update_case(case, 1, edit.CaseChanges(title="B", language="en", scale=changes.scale))
    case.refresh_from_db()
    assert (case.title, case.version) == ("A", 2)


def test_an_own_factor_can_be_added(client, team_and_case):
    _, case = team_and_case
    data = form_data(case)
    data["factors-TOTAL_FORMS"] = 1
    data.update(
        {
            "factors-0-key": "sustainability",
            "factors-0-name_nl": "Duurzaamheid",
            "factors-0-name_en": "Sustainability",
            "factors-0-left_nl": "Een kostenpost",
            "factors-0-left_en": "A cost",
            "factors-0-right_nl": "Een gezamenlijk doel",
            "factors-0-right_en": "A shared goal",
        }
    )
    assert client.post(edit_url(case), data).status_code == 302
    factor = CaseFactor.objects.get(case=case)
    assert factor.data == {
        "key": "sustainability",
        "name": {"nl": "Duurzaamheid", "en": "Sustainability"},
        "left": {"nl": "Een kostenpost", "en": "A cost"},
        "right": {"nl": "Een gezamenlijk doel", "en": "A shared goal"},
    }


def test_an_own_factor_may_not_take_a_key_of_the_framework(client, team_and_case):
    _, case = team_and_case
    data = form_data(case)
    data["factors-TOTAL_FORMS"] = 1
    data.update({f"factors-0-{name}": "x" for name in ("name_nl", "name_en", "left_nl")})
    data.update({f"factors-0-{name}": "x" for name in ("left_en", "right_nl", "right_en")})
    data["factors-0-key"] = "trust"
    response = client.post(edit_url(case), data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The key “trust” belongs to a factor of the framework: rate that factor, "
        "or choose another key."
    ]
    assert not CaseFactor.objects.filter(case=case).exists()


def test_renaming_an_own_factor_carries_its_ratings_along(client):
    team = make_team()
    case = template_row(team)
    client.force_login(team.editor)
    ratings = Rating.objects.filter(case=case, factor="sustainability").count()
    data = form_data(case, **{"factors-0-key": "climate", "factors-0-name_en": "Climate"})
    assert client.post(edit_url(case), data).status_code == 302
    assert Rating.objects.filter(case=case, factor="climate").count() == ratings == 1
    factor = CaseFactor.objects.get(case=case)
    assert (factor.key, factor.data["key"], factor.data["name"]["en"]) == (
        "climate",
        "climate",
        "Climate",
    )


def test_two_own_factors_can_swap_keys(client):
    team = make_team()
    case = template_row(team)
    CaseFactor.objects.create(
        case=case,
        key="speed",
        position=1,
        data={
            "key": "speed",
            "name": {"nl": "Tempo", "en": "Speed"},
            "left": {"nl": "a", "en": "a"},
            "right": {"nl": "b", "en": "b"},
        },
    )
    client.force_login(team.editor)
    data = form_data(case, **{"factors-0-key": "speed", "factors-1-key": "sustainability"})
    assert client.post(edit_url(case), data).status_code == 302
    assert list(case.own_factors.values_list("key", flat=True)) == ["speed", "sustainability"]
    assert Rating.objects.filter(case=case, factor="speed").count() == 1


def test_removing_an_own_factor_in_use_is_refused(client):
    team = make_team()
    case = template_row(team)
    client.force_login(team.editor)
    response = client.post(edit_url(case), form_data(case, **{"factors-0-DELETE": "on"}))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The factor “sustainability” cannot be removed: it is used by 1 rating."
    ]
    assert CaseFactor.objects.filter(case=case).count() == 1


def test_a_form_with_a_party_of_another_case_saves_nothing(client, team_and_case):
    team, case = team_and_case
    other = make_demo_case(team.workspace, title="Other")
    foreign = other.parties.first()
    data = form_data(case, title="Changed", **{"parties-0-id": foreign.pk})
    response = client.post(edit_url(case), data)
    assert response.status_code == 400
    foreign.refresh_from_db()
    case.refresh_from_db()
    assert (foreign.name, case.title) == ("Halvorsen Foods", "Packaging contract renewal 2027")


@pytest.mark.parametrize(
    "field,value",
    [
        ("version", "x"),
        ("scale_min", "nan"),
        ("scale_max", "1e400"),
        ("date", "2027-13-45"),
        ("parties-TOTAL_FORMS", "9999"),
        ("parties-0-id", "-3"),
        ("language", "de"),
    ],
)
def test_malformed_input_answers_400(client, team_and_case, field, value):
    _, case = team_and_case
    response = client.post(edit_url(case), form_data(case, **{field: value}))
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.version == 1


FIELDS = [
    "version",
    "title",
    "date",
    "language",
    "scale_min",
    "scale_max",
    "parties-TOTAL_FORMS",
    "parties-INITIAL_FORMS",
    "parties-0-id",
    "parties-0-name",
    "parties-0-DELETE",
    "parties-2-name",
    "factors-TOTAL_FORMS",
    "factors-INITIAL_FORMS",
    "factors-0-id",
    "factors-0-key",
    "factors-0-DELETE",
]
ANSWERS = {200, 302, 400, 403, 404, 409}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.dictionaries(
        st.sampled_from(FIELDS),
        st.one_of(
            st.text(max_size=30),
            st.integers(-5, 10**12).map(str),
            st.sampled_from(["", "nan", "inf", "1e400", "on", "-1", "0", "trust", "2027-02-30"]),
        ),
        max_size=6,
    )
)
def test_random_edit_posts_never_give_a_server_error(client, team_and_case, changes):
    _, case = team_and_case
    response = client.post(edit_url(case), {**form_data(case), **changes})
    assert response.status_code in ANSWERS


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "start",
                "language",
                "title",
                "scale_min",
                "scale_max",
                "parties-TOTAL_FORMS",
                "parties-INITIAL_FORMS",
                "parties-0-name",
                "parties-1-name",
                "parties-1-side",
            ]
        ),
        st.one_of(st.text(max_size=20), st.sampled_from(["scratch", "template", "2", "nl", "x"])),
    )
)
def test_random_create_posts_never_give_a_server_error(client, team_and_case, data):
    team, _ = team_and_case
    response = client.post(reverse("case_create", kwargs={"slug": team.workspace.slug}), data)
    assert response.status_code in ANSWERS
