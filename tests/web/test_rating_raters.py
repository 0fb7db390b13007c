"""The raters of a case: adding, linking a member, renaming and removing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kloof.storage import rating as store
from kloof.storage.models import Case, Rater, Rating
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

INVALID = "Select a valid choice."
NOT_ONE = "is not one of the available choices."


@pytest.fixture
def world():
    team = make_team()
    case = make_demo_case(team.workspace)
    return team, case


def raters_url(case: Case) -> str:
    return reverse("raters", kwargs={"slug": case.workspace.slug, "case_id": case.pk})


def rater_url(name: str, rater: Rater) -> str:
    kwargs = {"slug": rater.case.workspace.slug, "case_id": rater.case_id, "rater_id": rater.pk}
    return reverse(name, kwargs=kwargs)


def test_adding_a_rater_gives_a_file_id_from_the_name(client, world):
    team, case = world
    client.force_login(team.editor)
    halvorsen = case.parties.get(key="halvorsen")
    for name in ("  Jos  van Dijk ", "Jos van Dijk"):
        response = client.post(raters_url(case), {"name": name, "party": halvorsen.pk})
        assert response.status_code == 302
    added = list(case.raters.order_by("position").values_list("key", "name", "position"))[-2:]
    assert added == [("jos_van_dijk", "Jos van Dijk", 4), ("jos_van_dijk_2", "Jos van Dijk", 5)]


def test_adding_a_rater_linked_to_a_member_takes_their_address_as_name(client, world):
    team, case = world
    client.force_login(team.owner)
    cartwright = case.parties.get(key="cartwright")
    client.post(raters_url(case), {"name": "", "party": cartwright.pk, "member": team.viewer.pk})
    rater = case.raters.get(user=team.viewer)
    assert (rater.key, rater.name, rater.party) == (
        "viewer_purchasing_example",
        "viewer@purchasing.example",
        cartwright,
    )
    page = client.get(raters_url(case)).content.decode()
    assert "<td>viewer@purchasing.example</td>" in page


def test_a_member_is_a_rater_of_a_case_once(client, world):
    team, case = world
    client.force_login(team.editor)
    halvorsen = case.parties.get(key="halvorsen")
    data = {"name": "Eddie", "party": halvorsen.pk, "member": team.editor.pk}
    assert client.post(raters_url(case), data).status_code == 302
    again = client.post(raters_url(case), data)
    assert again.status_code == 400
    assert again.context["form"].errors["member"] == [
        "This member is a rater of this case already."
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the rater a name, or choose a member."),
        ({"name": "Ann", "party": "x"}, "party", f"{INVALID} x {NOT_ONE}"),
        ({"name": "Ann", "member": "999999"}, "member", f"{INVALID} 999999 {NOT_ONE}"),
    ],
)
def test_adding_a_rater_refuses_bad_input_with_400(client, world, data, field, message):
    team, case = world
    client.force_login(team.editor)
    data = {"party": case.parties.first().pk, **data}
    response = client.post(raters_url(case), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert case.raters.count() == 4


def test_a_party_of_another_case_is_refused(client, world):
    team, case = world
    other = make_demo_case(team.workspace, title="Second")
    client.force_login(team.editor)
    response = client.post(raters_url(case), {"name": "Ann", "party": other.parties.first().pk})
    assert response.status_code == 400
    assert case.raters.count() == 4


def test_a_member_of_another_workspace_cannot_be_linked(client, world):
    team, case = world
    client.force_login(team.editor)
    data = {"name": "Ann", "party": case.parties.first().pk, "member": team.outsider.pk}
    assert client.post(raters_url(case), data).status_code == 400


def test_a_viewer_sees_the_raters_but_cannot_add_one(client, world):
    team, case = world
    client.force_login(team.viewer)
    page = client.get(raters_url(case)).content.decode()
    assert "Maria Lindqvist" in page and "Add a rater" not in page
    response = client.post(raters_url(case), {"name": "Ann", "party": case.parties.first().pk})
    assert response.status_code == 403
    assert case.raters.count() == 4


def test_renaming_keeps_the_file_id(client, world):
    team, case = world
    client.force_login(team.editor)
    maria = case.raters.get(key="maria")
    response = client.post(rater_url("rater_edit", maria), {"name": " Maria  Lind "})
    maria.refresh_from_db()
    assert (response.status_code, maria.key, maria.name) == (302, "maria", "Maria Lind")


def test_renaming_to_nothing_is_refused(client, world):
    team, case = world
    client.force_login(team.editor)
    maria = case.raters.get(key="maria")
    response = client.post(rater_url("rater_edit", maria), {"name": "   "})
    assert response.status_code == 400
    assert case.raters.get(key="maria").name == "Maria Lindqvist"


def test_a_rater_without_ratings_is_removed_at_once(client, world):
    team, case = world
    nina = store.add_rater(case, "Nina", case.parties.first())
    client.force_login(team.editor)
    response = client.post(rater_url("rater_remove", nina), follow=True)
    assert "Rater “Nina” removed." in response.content.decode()
    assert not Rater.objects.filter(pk=nina.pk).exists()


def test_a_rater_with_ratings_is_removed_only_after_confirming(client, world):
    team, case = world
    client.force_login(team.editor)
    maria = case.raters.get(key="maria")
    count = maria.ratings.count()
    page = client.get(rater_url("rater_remove", maria)).content.decode()
    assert f"Maria Lindqvist has {count} ratings." in page
    refused = client.post(rater_url("rater_remove", maria), {})
    assert refused.status_code == 400
    assert Rating.objects.filter(rater=maria).count() == count
    done = client.post(rater_url("rater_remove", maria), {"confirm": "on"}, follow=True)
    assert f"Rater “Maria Lindqvist” and {count} ratings removed." in done.content.decode()
    assert Rating.objects.filter(case=case, rater__key="maria").count() == 0
    assert not case.raters.filter(key="maria").exists()


def test_a_rater_of_another_case_is_not_found(client, world):
    team, case = world
    other = make_demo_case(team.workspace, title="Second")
    client.force_login(team.editor)
    foreign = other.raters.get(key="maria")
    url = reverse(
        "rater_edit",
        kwargs={"slug": case.workspace.slug, "case_id": case.pk, "rater_id": foreign.pk},
    )
    assert client.post(url, {"name": "X"}).status_code == 404
    assert other.raters.get(key="maria").name == "Maria Lindqvist"


def test_a_file_id_is_made_from_the_name_alone(world):
    _team, case = world
    assert store.free_key(case, "Member 7") == "member_7"
    assert store.free_key(case, "José Müller") == "jose_muller"


def test_a_member_rater_opens_the_rate_page_as_themselves(client, world):
    team, case = world
    own = store.add_rater(case, "Eddie", case.parties.get(key="halvorsen"), team.editor)
    client.force_login(team.editor)
    response = client.get(reverse("rate", kwargs={"slug": case.workspace.slug, "case_id": case.pk}))
    assert response.context["rater"] == own


def test_a_downloaded_case_file_holds_no_user_id(client, world):
    team, case = world
    store.add_rater(case, "Eddie", case.parties.get(key="halvorsen"), team.editor)
    client.force_login(team.editor)
    kwargs = {"slug": case.workspace.slug, "case_id": case.pk, "fmt": "yaml"}
    text = client.get(reverse("case_download", kwargs=kwargs)).content.decode()
    assert "id: eddie" in text
    assert "member-" not in text
    assert f"user: {team.editor.pk}" not in text
