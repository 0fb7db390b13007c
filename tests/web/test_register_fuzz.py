"""Random form data posted to every form of the register and evidence: never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kloof.storage import models
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

ALLOWED = {200, 302, 400, 403, 404, 409}
FIELDS = [
    "version",
    "status",
    "decision",
    "reason",
    "note",
    "factor",
    "party_a",
    "party_b",
    "kind",
    "subject",
    "viewer",
    "text",
    "owner",
    "due",
    "done",
    "only",
    "party",
    "source",
    "date",
    "supports",
    "delete",
]
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "1",
            "2",
            "0",
            "-1",
            "99999999999999999999",
            "on",
            "done",
            "trust",
            "halvorsen",
            "cartwright",
            "blocking",
            "perception",
            "position",
            "interview",
            "2026-12-01",
            "2026-02-30",
            "\x00",
        ]
    ),
)
FORMS = st.dictionaries(st.sampled_from(FIELDS), st.one_of(VALUES, st.lists(VALUES, max_size=3)))


@pytest.fixture
def world():
    team = make_team()
    case = make_demo_case(team.workspace)
    party = case.parties.get(key="cartwright")
    note = models.EvidenceNote.objects.create(
        case=case, party=party, factor="trust", source="interview", text="Heard it."
    )
    entry = case.differences.get(factor="trust")
    base = f"/w/{team.workspace.slug}/cases/{case.pk}/"
    urls = [
        f"{base}register/new/",
        f"{base}register/{entry.pk}/",
        f"{base}register/{entry.pk}/actions/",
        f"{base}actions/{entry.actions.first().pk}/",
        f"{base}evidence/",
        f"{base}evidence/{note.pk}/",
    ]
    return team, urls


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(index=st.integers(min_value=0, max_value=5), data=FORMS)
def test_random_form_data_never_breaks_a_form(client, world, index, data):
    team, urls = world
    client.force_login(team.editor)
    response = client.post(urls[index], data)
    assert response.status_code in ALLOWED, (urls[index], data, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "factor=%00&a=%00&b=x",
        "factor=trust&a=halvorsen&b=%00",
        "kind=perception&factor=trust&subject=%00&viewer=halvorsen",
        "kind=perception&factor=trust&subject=halvorsen&viewer=halvorsen",
        "kind=%00&factor=trust&subject=cartwright&viewer=halvorsen",
    ],
)
def test_register_new_ignores_a_query_it_cannot_use(client, world, query):
    team, urls = world
    client.force_login(team.editor)
    assert client.get(f"{urls[0]}?{query}").status_code == 200
