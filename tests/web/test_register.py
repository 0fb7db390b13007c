"""The difference register: the list, entries, overrides, actions and concurrency."""

from __future__ import annotations

import datetime

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Severity
from kloof.storage import models
from kloof.storage import register as store
from kloof.storage.mapping import case_to_domain
from kloof.storage.versions import StaleVersion
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

REASON_MISSING = "Give a reason: a severity the team decides (or confirms) needs one."


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


def base(team, case) -> str:
    return f"/w/{team.workspace.slug}/cases/{case.pk}/"


def entry_of(case, factor: str) -> models.Difference:
    return case.differences.get(factor=factor)


def gap_of(case, factor: str):
    return analyse(case_to_domain(case)).factor(factor).gap("halvorsen", "cartwright")


def entry_post(entry, **changes) -> dict:
    data = {
        "version": entry.version,
        "status": entry.status,
        "decision": {None: "computed", True: "blocking", False: "not_blocking"}[entry.blocking],
        "reason": entry.reason or "",
        "note": entry.note or "",
    }
    return {**data, **changes}


# --- the list ------------------------------------------------------------------------


def test_register_lists_entries_and_differences_of_nuance_or_worse(team, case):
    rows = [
        (
            row.factor.key,
            row.severity.value,
            row.decided_severity.value,
            row.status,
            row.uncertain,
            (row.actions_done, row.actions_total),
        )
        for row in store.register(case).rows
    ]
    assert rows == [
        ("intention", "blocking", "blocking", "named", False, (1, 2)),
        ("dependency", "significant", "blocking", "open", False, (0, 2)),
        ("trust", "significant", "significant", "named", False, (0, 2)),
        ("relationship", "nuance", "nuance", None, False, (0, 0)),
        ("value_creation", "nuance", "nuance", None, True, (0, 0)),
        ("claiming_sharing", "nuance", "nuance", None, False, (0, 0)),
        ("competences", "nuance", "nuance", None, True, (0, 0)),
    ]


def test_register_page_shows_the_rows_and_links_to_new_entries_for_editors(client, team, case):
    client.force_login(team.editor)
    page = client.get(base(team, case) + "register/").content.decode()
    assert "Dependency" in page
    assert "team decision" in page
    assert "1 of 2" in page
    # The link names the kind of difference since the register holds perception gaps too.
    link = "register/new/?kind=position&amp;factor=relationship&amp;a=halvorsen&amp;b=cartwright"
    assert link in page
    assert "Flexibility" not in page  # aligned, no entry


def test_register_page_offers_viewers_no_new_entry(client, team, case):
    client.force_login(team.viewer)
    page = client.get(base(team, case) + "register/").content.decode()
    assert "register/new/" not in page


def test_register_page_speaks_dutch(client, team, case):
    client.force_login(team.viewer)
    client.cookies["django_language"] = "nl"
    page = client.get(base(team, case) + "register/").content.decode()
    assert "Verschillenregister" in page
    assert "blokkerend" in page
    assert "benoemd" in page


# --- an entry ------------------------------------------------------------------------


def test_entry_status_change_is_saved_and_raises_the_version(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    url = base(team, case) + f"register/{entry.pk}/"
    response = client.post(url, entry_post(entry, status="discussed"))
    assert response.status_code == 302
    assert response["Location"] == url
    entry.refresh_from_db()
    assert (entry.status, entry.version, entry.updated_by) == ("discussed", 2, team.editor)


def test_entry_accepted_by_both_sides_is_a_status_of_its_own(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    url = base(team, case) + f"register/{entry.pk}/"
    assert client.post(url, entry_post(entry, status="accepted_both")).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "accepted_both"
    page = client.get(url).content.decode()
    assert "<dd>door beide kanten geaccepteerd</dd>" in page
    assert '<option value="accepted">aanvaard</option>' in page


def test_entry_override_without_a_reason_is_refused(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + f"register/{entry.pk}/", entry_post(entry, decision="blocking")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [REASON_MISSING]
    assert REASON_MISSING in response.content.decode()
    entry.refresh_from_db()
    assert (entry.blocking, entry.version) == (None, 1)


def test_entry_override_with_only_spaces_as_reason_is_refused(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + f"register/{entry.pk}/",
        entry_post(entry, decision="not_blocking", reason="   "),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [REASON_MISSING]


def test_entry_override_with_a_reason_changes_the_decided_severity(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + f"register/{entry.pk}/",
        entry_post(entry, decision="blocking", reason="  Their CFO distrusts our audits.  "),
    )
    assert response.status_code == 302
    gap = gap_of(case, "trust")
    assert (gap.severity, gap.decided_severity) == (Severity.SIGNIFICANT, Severity.BLOCKING)
    assert gap.register.reason == "Their CFO distrusts our audits."


def test_entry_not_blocking_lowers_a_blocking_difference_to_significant(client, team, case):
    entry = entry_of(case, "intention")
    client.force_login(team.owner)
    client.post(
        base(team, case) + f"register/{entry.pk}/",
        entry_post(entry, decision="not_blocking", reason="Their new director wants a joint plan."),
    )
    gap = gap_of(case, "intention")
    assert (gap.severity, gap.decided_severity) == (Severity.BLOCKING, Severity.SIGNIFICANT)


def test_entry_back_to_computed_drops_the_override(client, team, case):
    entry = entry_of(case, "dependency")
    client.force_login(team.editor)
    client.post(base(team, case) + f"register/{entry.pk}/", entry_post(entry, decision="computed"))
    gap = gap_of(case, "dependency")
    assert gap.decided_severity is Severity.SIGNIFICANT


def test_entry_with_a_stale_version_is_refused_with_409_and_the_newer_values(client, team, case):
    entry = entry_of(case, "trust")
    stale = entry_post(entry, status="accepted", note="Mine")
    client.force_login(team.owner)
    client.post(base(team, case) + f"register/{entry.pk}/", entry_post(entry, status="discussed"))
    client.force_login(team.editor)
    response = client.post(base(team, case) + f"register/{entry.pk}/", stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved: owner@purchasing.example saved this on" in page
    assert "Mine" in page  # the user's own value, to enter again
    assert response.context["conflict"]["fields"] == [
        ("Status", "discussed", "accepted"),
        ("Decided severity", "Keep the computed severity", "Keep the computed severity"),
        ("Reason for the decision", "—", "—"),
        ("Note", "—", "Mine"),
    ]
    assert response.context["form"].initial["version"] == 2
    assert response.context["form"].initial["status"] == "discussed"
    entry.refresh_from_db()
    assert (entry.status, entry.note, entry.version) == ("discussed", None, 2)


def test_update_entry_compares_and_sets_in_one_update(team, case):
    entry = entry_of(case, "trust")
    values = {"status": "discussed", "blocking": None, "reason": None, "note": None}
    store.update_entry(case, entry.pk, 1, values, team.owner)
    with pytest.raises(StaleVersion) as raised:
        store.update_entry(case, entry.pk, 1, {**values, "status": "accepted"}, team.editor)
    assert raised.value.current.status == "discussed"
    assert raised.value.current.version == 2


def test_entry_save_without_changes_keeps_the_version_and_writes_no_history(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    client.post(base(team, case) + f"register/{entry.pk}/", entry_post(entry))
    entry.refresh_from_db()
    assert entry.version == 1
    assert models.ChangeLog.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"version": "abc"},
        {"version": "99999999999999999999999"},
        {"version": "0"},
        {"version": ""},
        {"status": "closed"},
        {"decision": "maybe"},
        {"note": "x" * 5001},
        {"note": "nul\x00byte"},
    ],
)
def test_entry_refuses_malformed_input_with_400(client, team, case, changes):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    response = client.post(base(team, case) + f"register/{entry.pk}/", entry_post(entry, **changes))
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.version == 1


def test_entry_of_another_case_or_a_huge_id_is_not_found(client, team, case):
    other = make_demo_case(team.workspace)
    client.force_login(team.owner)
    foreign = other.differences.first().pk
    assert client.get(base(team, case) + f"register/{foreign}/").status_code == 404
    assert client.get(base(team, case) + "register/99999999999999999999/").status_code == 404


def test_entry_page_shows_reasons_and_read_only_values_to_viewers(client, team, case):
    entry = entry_of(case, "dependency")
    client.force_login(team.viewer)
    response = client.get(base(team, case) + f"register/{entry.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cartwright asks for five years as sole supplier" in page
    assert '<form method="post" action="/w/' not in page.split("</header>")[1].split("</footer>")[0]


# --- opening an entry ----------------------------------------------------------------


def test_register_new_opens_an_entry_for_a_difference_without_one(client, team, case):
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + "register/new/",
        {
            "factor": "relationship",
            "party_a": "cartwright",
            "party_b": "halvorsen",
            "status": "named",
            "decision": "blocking",
            "reason": "They want a partnership we cannot staff.",
            "note": "",
        },
    )
    entry = case.differences.get(factor="relationship")
    assert response.status_code == 302
    assert response["Location"] == base(team, case) + f"register/{entry.pk}/"
    assert (entry.status, entry.blocking, entry.position) == ("named", True, 3)
    gap = gap_of(case, "relationship")
    assert (gap.severity, gap.decided_severity) == (Severity.NUANCE, Severity.BLOCKING)


def test_register_new_without_a_reason_for_an_override_is_refused(client, team, case):
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + "register/new/",
        {
            "factor": "relationship",
            "party_a": "halvorsen",
            "party_b": "cartwright",
            "status": "open",
            "decision": "blocking",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [REASON_MISSING]
    assert not case.differences.filter(factor="relationship").exists()


def test_register_new_refuses_one_party_twice_and_unknown_keys(client, team, case):
    client.force_login(team.editor)
    data = {
        "factor": "relationship",
        "party_a": "halvorsen",
        "party_b": "halvorsen",
        "status": "open",
        "decision": "computed",
    }
    response = client.post(base(team, case) + "register/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["party_b"] == ["Choose two different parties."]
    unknown = {**data, "party_b": "cartwright", "factor": "power"}
    assert client.post(base(team, case) + "register/new/", unknown).status_code == 400
    assert case.differences.count() == 3


def test_register_new_refuses_a_second_entry_for_the_same_difference(client, team, case):
    client.force_login(team.editor)
    data = {
        "factor": "trust",
        "party_a": "cartwright",
        "party_b": "halvorsen",
        "status": "accepted",
        "decision": "computed",
    }
    response = client.post(base(team, case) + "register/new/", data)
    assert response.status_code == 409
    assert case.differences.filter(factor="trust").count() == 1
    assert entry_of(case, "trust").status == "named"


def test_register_new_link_to_an_existing_entry_goes_to_it(client, team, case):
    client.force_login(team.editor)
    response = client.get(base(team, case) + "register/new/?factor=trust&a=cartwright&b=halvorsen")
    assert response.status_code == 302
    assert response["Location"] == base(team, case) + f"register/{entry_of(case, 'trust').pk}/"


def test_register_new_preselects_the_difference_from_the_query(client, team, case):
    client.force_login(team.editor)
    response = client.get(
        base(team, case) + "register/new/?factor=competences&a=halvorsen&b=cartwright"
    )
    form = response.context["form"]
    assert (form["factor"].value(), form["party_a"].value(), form["party_b"].value()) == (
        "competences",
        "halvorsen",
        "cartwright",
    )


# --- actions -------------------------------------------------------------------------


def test_action_add_appends_an_action_with_owner_and_due_date(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + f"register/{entry.pk}/actions/",
        {"text": " Ask for their audit plan ", "owner": "tom", "due": "2026-12-15"},
    )
    assert response.status_code == 302
    action = entry.actions.order_by("position").last()
    assert (action.text, action.owner, action.due, action.done, action.position) == (
        "Ask for their audit plan",
        "tom",
        datetime.date(2026, 12, 15),
        False,
        2,
    )
    domain_entry = case_to_domain(case).differences[2]
    assert domain_entry.actions[-1].text == "Ask for their audit plan"


def test_action_due_dates_show_per_locale_and_owners_by_name(client, team, case):
    entry = entry_of(case, "trust")
    client.force_login(team.viewer)
    english = client.get(base(team, case) + f"register/{entry.pk}/").content.decode()
    client.cookies["django_language"] = "nl"
    dutch = client.get(base(team, case) + f"register/{entry.pk}/").content.decode()
    assert "Nov. 30, 2026" in english
    assert "30 november 2026" in dutch
    assert "Priya Raman" in english


@pytest.mark.parametrize(
    "data",
    [
        {"text": "", "due": "2026-12-01"},
        {"text": "   "},
        {"text": "Call", "due": "2026-13-45"},
        {"text": "Call", "due": "15-12-2026"},
        {"text": "Call", "owner": "x" * 201},
    ],
)
def test_action_add_refuses_malformed_input_with_400(client, team, case, data):
    entry = entry_of(case, "trust")
    client.force_login(team.editor)
    response = client.post(base(team, case) + f"register/{entry.pk}/actions/", data)
    assert response.status_code == 400
    assert entry.actions.count() == 2


def test_action_edit_saves_all_fields(client, team, case):
    action = entry_of(case, "trust").actions.order_by("position").first()
    client.force_login(team.editor)
    url = base(team, case) + f"actions/{action.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "version": 1,
            "text": "Share delivery data",
            "owner": "Anna (legal)",
            "due": "2026-12-01",
            "done": "on",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.text, action.owner, action.due, action.done, action.version) == (
        "Share delivery data",
        "Anna (legal)",
        datetime.date(2026, 12, 1),
        True,
        2,
    )


def test_action_done_can_be_ticked_off_and_on_again(client, team, case):
    action = entry_of(case, "trust").actions.order_by("position").first()
    client.force_login(team.editor)
    url = base(team, case) + f"actions/{action.pk}/"
    client.post(url, {"only": "done", "version": 1, "done": "on"})
    action.refresh_from_db()
    assert (action.done, action.version, action.text) == (True, 2, action.text)
    client.post(url, {"only": "done", "version": 2})
    action.refresh_from_db()
    assert (action.done, action.version) == (False, 3)


def test_action_edit_with_a_stale_version_is_refused_with_409(client, team, case):
    action = entry_of(case, "trust").actions.order_by("position").first()
    client.force_login(team.editor)
    url = base(team, case) + f"actions/{action.pk}/"
    client.post(url, {"only": "done", "version": 1, "done": "on"})
    response = client.post(url, {"version": 1, "text": "Something else", "owner": "", "due": ""})
    assert response.status_code == 409
    assert "Not saved: editor@purchasing.example saved this on" in response.content.decode()
    action.refresh_from_db()
    assert (action.text, action.done, action.version) == (
        "Share our 2026 delivery-performance data with Cartwright before the first round",
        True,
        2,
    )


def test_action_of_another_case_is_not_found(client, team, case):
    other = make_demo_case(team.workspace)
    action = models.Action.objects.filter(difference__case=other).first()
    client.force_login(team.owner)
    assert client.get(base(team, case) + f"actions/{action.pk}/").status_code == 404


# --- viewers read only ---------------------------------------------------------------


def test_viewer_cannot_change_the_register(client, team, case):
    entry = entry_of(case, "trust")
    action = entry.actions.first()
    client.force_login(team.viewer)
    url = base(team, case)
    answers = [
        client.post(url + f"register/{entry.pk}/", entry_post(entry, status="accepted")),
        client.post(url + f"register/{entry.pk}/actions/", {"text": "Sneak"}),
        client.post(url + f"actions/{action.pk}/", {"only": "done", "version": 1, "done": "on"}),
        client.post(
            url + "register/new/",
            {
                "factor": "relationship",
                "party_a": "halvorsen",
                "party_b": "cartwright",
                "status": "open",
                "decision": "computed",
            },
        ),
    ]
    assert [answer.status_code for answer in answers] == [403, 403, 403, 403]
    entry.refresh_from_db()
    action.refresh_from_db()
    assert (entry.status, entry.actions.count(), action.done) == ("named", 2, False)
    assert case.differences.count() == 3
