"""Perception gaps in the register: listed beside position differences, opened,
decided (a confirmation worded as one), given actions and history, through the
pages and through a case file's upload and download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kloof.domain.analysis import analyse
from kloof.domain.model import Severity
from kloof.formats.casefile import parse_case
from kloof.storage import models
from kloof.storage import register as store
from kloof.storage.mapping import case_to_domain
from tests.web.factories import make_team
from tests.web.perception_support import (
    PERCEPTION_CASE,
    perception_entry,
    store_perception_case,
)

pytestmark = pytest.mark.django_db

CONFIRM = "They told us they expect us to squeeze them."


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return store_perception_case(team.workspace)


def base(team, case) -> str:
    return f"/w/{team.workspace.slug}/cases/{case.pk}/"


def spot_of(case, factor: str, subject: str, viewer: str):
    (spot,) = [
        spot
        for spot in analyse(case_to_domain(case)).blind_spots_of(factor)
        if spot.parties == (subject, viewer)
    ]
    return spot


def new_perception(**changes) -> dict:
    data = {
        "kind": "perception",
        "factor": "intention",
        "subject": "acme",
        "viewer": "globex",
        "status": "named",
        "decision": "computed",
        "reason": "",
        "note": "",
    }
    return {**data, **changes}


def entry_post(entry, **changes) -> dict:
    decision = {None: "computed", True: "blocking", False: "not_blocking"}[entry.blocking]
    data = {
        "version": entry.version,
        "status": entry.status,
        "decision": decision,
        "reason": entry.reason or "",
        "note": entry.note or "",
    }
    return {**data, **changes}


# --- the rows ---------------------------------------------------------------------


def test_register_lists_the_blocking_perception_gap_although_the_positions_are_aligned(case):
    found = store.register(case)
    rows = [
        (
            row.kind,
            row.factor.key,
            tuple(party.id for party in row.parties),
            row.severity.value,
            row.decided_severity.value,
            row.gap.points,
            (row.gap.viewer_score, row.gap.self_score),
            row.status,
            (row.actions_done, row.actions_total),
        )
        for row in found.rows
    ]
    assert rows == [
        ("perception", "intention", ("acme", "globex"), "blocking", "blocking", 2.75, (2.5, 5.25),
         None, (0, 0)),
        ("perception", "trust", ("acme", "globex"), "significant", "significant", 2.0, (3.0, 5.0),
         None, (0, 0)),
        # An entry below the blind-spot threshold stays, with its numbers.
        ("perception", "relationship", ("globex", "acme"), "aligned", "aligned", 0.5, (4.5, 5.0),
         "named", (0, 1)),
    ]  # fmt: skip
    assert found.analysis.factor("intention").gap("acme", "globex").severity is Severity.ALIGNED
    first = found.rows[0]
    assert (first.subject.name, first.viewer.name, first.uncertain) == (
        "ACME Purchasing",
        "Globex Sales",
        False,
    )


def test_a_perception_gap_resting_on_one_rating_is_uncertain(case):
    models.Rating.objects.filter(case=case, rater__key="bob", subject__key="acme").delete()
    (row,) = [r for r in store.register(case).rows if r.factor.key == "intention"]
    assert (row.gap.viewer_n, row.gap.self_n, row.gap.viewer_score, row.uncertain) == (
        1,
        2,
        2.0,
        True,
    )


def test_register_page_names_the_perception_gap_and_both_views(client, team, case):
    client.force_login(team.editor)
    page = client.get(base(team, case) + "register/").content.decode()
    assert "perception gap" in page
    assert "how Globex Sales sees ACME Purchasing" in page
    assert "Globex Sales sees ACME Purchasing at 2.5, ACME Purchasing sees itself at 5.25" in page
    assert "ACME Purchasing sees Globex Sales at 4.5, Globex Sales sees itself at 5.0" in page
    assert (
        "register/new/?kind=perception&amp;factor=intention&amp;subject=acme&amp;viewer=globex"
        in page
    )


def test_register_page_speaks_dutch_about_perception_gaps(client, team, case):
    client.force_login(team.viewer)
    client.cookies["django_language"] = "nl"
    page = client.get(base(team, case) + "register/").content.decode()
    assert "beeldverschil" in page
    assert "hoe Globex Sales ACME Purchasing ziet" in page
    assert "Globex Sales ziet ACME Purchasing op 2,5, ACME Purchasing ziet zichzelf op 5,25" in page
    assert "een beeldverschil, vanaf significant" in page  # the intro, translated whole


# --- opening an entry -------------------------------------------------------------


def test_opening_a_perception_entry_stores_subject_and_viewer(client, team, case):
    client.force_login(team.editor)
    response = client.post(base(team, case) + "register/new/", new_perception())
    entry = perception_entry(case, "intention", "acme", "globex")
    assert response.status_code == 302
    assert response["Location"] == base(team, case) + f"register/{entry.pk}/"
    assert (entry.kind, entry.status, entry.blocking, entry.updated_by) == (
        "perception",
        "named",
        None,
        team.editor,
    )
    spot = spot_of(case, "intention", "acme", "globex")
    assert (spot.register.status, spot.register.kind) == ("named", "perception")
    # A position entry of the same factor and pair is another entry.
    assert store.entry_for(case, "intention", "acme", "globex") is None


def test_confirming_a_blocking_perception_gap_reads_as_a_confirmation(client, team, case):
    client.force_login(team.editor)
    client.post(
        base(team, case) + "register/new/",
        new_perception(decision="blocking", reason=CONFIRM),
    )
    entry = perception_entry(case, "intention", "acme", "globex")
    response = client.get(base(team, case) + f"register/{entry.pk}/")
    page = response.content.decode()
    assert "Intention: how Globex Sales sees ACME Purchasing" in page
    assert "blocking</span> (the team confirmed that it blocks)" in page
    assert f"The team confirmed that this difference is ‘blocking’: “{CONFIRM[:-1]}”." in page
    assert "instead of the computed" not in page
    labels = dict(response.context["form"].fields["decision"].choices)
    assert labels["blocking"] == "Blocking: the team confirms that it blocks"
    listing = client.get(base(team, case) + "register/").content.decode()
    assert "the team confirmed that it blocks" in listing
    assert "team decision" not in listing


def test_new_entry_form_preselects_a_perception_gap_from_the_query(client, team, case):
    client.force_login(team.editor)
    response = client.get(
        base(team, case) + "register/new/?kind=perception&factor=trust&subject=acme&viewer=globex"
    )
    form = response.context["form"]
    values = [form[name].value() for name in ("kind", "factor", "subject", "viewer")]
    assert values == ["perception", "trust", "acme", "globex"]
    page = response.content.decode()
    assert "Perception gap: who sees whom" in page
    assert 'src="/static/kloof/register-new.js"' in page


def test_new_entry_link_to_an_existing_perception_entry_goes_to_it(client, team, case):
    entry = perception_entry(case, "relationship", "globex", "acme")
    client.force_login(team.editor)
    url = base(team, case) + "register/new/?kind=perception&factor=relationship"
    response = client.get(url + "&subject=globex&viewer=acme")
    assert response.status_code == 302
    assert response["Location"] == base(team, case) + f"register/{entry.pk}/"
    # The other direction is another perception gap: no entry yet.
    assert client.get(url + "&subject=acme&viewer=globex").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"viewer": "acme"}, "viewer", "Choose a viewer other than the party being seen."),
        ({"subject": ""}, "subject", "Choose a party."),
        ({"viewer": "initech"}, "viewer", None),
        ({"kind": "rumour"}, "kind", None),
    ],
)
def test_new_perception_entry_refuses_wrong_parties_with_400(
    client, team, case, changes, field, message
):
    client.force_login(team.editor)
    response = client.post(base(team, case) + "register/new/", new_perception(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message is not None:
        assert errors == [message]
        assert message in response.content.decode()
    assert case.differences.count() == 1


def test_opening_the_same_perception_entry_twice_is_refused_with_409(client, team, case):
    client.force_login(team.editor)
    url = base(team, case) + "register/new/"
    assert client.post(url, new_perception()).status_code == 302
    response = client.post(url, new_perception(status="accepted"))
    assert response.status_code == 409
    assert "This difference has a register entry already" in response.content.decode()
    entries = case.differences.filter(kind="perception", factor="intention")
    assert [(e.party_a.key, e.party_b.key, e.status) for e in entries] == [
        ("acme", "globex", "named")
    ]


def test_open_entry_keys_a_perception_gap_by_direction_and_a_position_by_pair(team, case):
    values = {"status": "open"}
    store.open_entry(case, "trust", "acme", "globex", values, team.owner, kind="perception")
    store.open_entry(case, "trust", "globex", "acme", values, team.owner, kind="perception")
    store.open_entry(case, "trust", "globex", "acme", values, team.owner)
    with pytest.raises(store.EntryExists):
        store.open_entry(case, "trust", "acme", "globex", values, team.owner, kind="perception")
    with pytest.raises(store.EntryExists):
        store.open_entry(case, "trust", "acme", "globex", values, team.owner)
    kinds = case.differences.filter(factor="trust").values_list(
        "kind", "party_a__key", "party_b__key"
    )
    assert sorted(kinds) == [
        ("perception", "acme", "globex"),
        ("perception", "globex", "acme"),
        ("position", "globex", "acme"),
    ]
    rows = [(r.kind, [p.id for p in r.parties]) for r in store.register(case).rows]
    assert ("perception", ["globex", "acme"]) in rows  # aligned, but it has an entry
    assert ("position", ["acme", "globex"]) in rows  # aligned, but it has an entry


# --- deciding, actions, history ---------------------------------------------------


def test_not_blocking_lowers_the_perception_gap_and_the_history_says_how_b_sees_a(
    client, team, case
):
    entry = store.open_entry(
        case, "intention", "acme", "globex", {"status": "open"}, team.editor, kind="perception"
    )
    client.force_login(team.owner)
    response = client.post(
        base(team, case) + f"register/{entry.pk}/",
        entry_post(entry, decision="not_blocking", reason="A misreading we cleared up."),
    )
    assert response.status_code == 302
    spot = spot_of(case, "intention", "acme", "globex")
    assert (spot.severity, spot.decided_severity) == (Severity.BLOCKING, Severity.SIGNIFICANT)
    opened, changed = models.ChangeLog.objects.filter(model="difference").order_by("id")
    subject = {"factor": "intention", "kind": "perception", "subject": "acme", "viewer": "globex"}
    assert (opened.subject, changed.subject) == (subject, subject)
    assert changed.summary == "register entry intention: how globex sees acme"
    assert changed.changes == {
        "blocking": [None, False],
        "reason": [None, "A misreading we cleared up."],
    }
    rows = client.get(base(team, case) + "history/").context["rows"]
    assert [(row["what"], row["about"]) for row in rows] == [
        ("Register entry changed", "Intention · how Globex Sales sees ACME Purchasing"),
        ("Register entry opened", "Intention · how Globex Sales sees ACME Purchasing"),
    ]
    client.cookies["django_language"] = "nl"
    page = client.get(base(team, case) + "history/").content.decode()
    assert "Intentie · hoe Globex Sales ACME Purchasing ziet" in page
    assert "Besloten zwaarte: De berekende zwaarte houden → Niet blokkerend" in page


def test_a_perception_entry_takes_actions_with_history(client, team, case):
    entry = perception_entry(case, "relationship", "globex", "acme")
    client.force_login(team.editor)
    response = client.post(
        base(team, case) + f"register/{entry.pk}/actions/",
        {"text": "Invite their account lead", "owner": "ann", "due": "2026-12-15"},
    )
    assert response.status_code == 302
    assert [a.text for a in entry.actions.order_by("position")] == [
        "Ask Globex how they see the account team",
        "Invite their account lead",
    ]
    log = models.ChangeLog.objects.get(model="action")
    assert log.summary == "action of relationship: how acme sees globex"
    assert log.subject["viewer"] == "acme"
    rows = client.get(base(team, case) + "history/").context["rows"]
    assert rows[0]["about"] == (
        "Relationship · how ACME Purchasing sees Globex Sales · “Invite their account lead”"
    )


def test_entry_page_of_an_unrated_perception_gap_says_what_is_missing(client, team, case):
    entry = store.open_entry(
        case, "dependency", "globex", "acme", {"status": "open"}, team.editor, kind="perception"
    )
    client.force_login(team.viewer)
    page = client.get(base(team, case) + f"register/{entry.pk}/").content.decode()
    assert (
        "Not rated yet: how ACME Purchasing sees Globex Sales, and how Globex Sales sees itself"
        in page
    )
    assert "severity-unknown" in page
    client.cookies["django_language"] = "nl"
    page = client.get(base(team, case) + f"register/{entry.pk}/").content.decode()
    assert "Nog niet beoordeeld: hoe ACME Purchasing Globex Sales ziet" in page
    assert "Soort" in page and "beeldverschil" in page


def test_a_decided_blocking_perception_gap_without_ratings_blocks(team, case):
    values = {"status": "open", "blocking": True, "reason": "Their CEO said so."}
    store.open_entry(case, "dependency", "globex", "acme", values, team.editor, kind="perception")
    (row,) = [r for r in store.register(case).rows if r.factor.key == "dependency"]
    assert (row.kind, row.severity, row.decided_severity, row.gap.gap, row.uncertain) == (
        "perception",
        Severity.UNKNOWN,
        Severity.BLOCKING,
        None,
        True,
    )
    assert store.register(case).rows[0] is not row  # intention's computed block sorts first


# --- a case file through upload and download --------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_perception_entry_survives_upload_and_download(client, team, fmt):
    client.force_login(team.editor)
    upload_url = reverse("case_upload", kwargs={"slug": team.workspace.slug})
    file = SimpleUploadedFile("globex.yaml", PERCEPTION_CASE.encode())
    assert client.post(upload_url, {"file": file}).status_code == 302
    first = models.Case.objects.get(workspace=team.workspace)
    download = reverse(
        "case_download", kwargs={"slug": team.workspace.slug, "case_id": first.pk, "fmt": fmt}
    )
    content = client.get(download).content
    again = parse_case(content, f"again.{fmt}")
    original = parse_case(PERCEPTION_CASE.encode(), "globex.yaml")
    assert again.differences == original.differences
    (entry,) = again.differences
    assert (entry.kind, entry.subject, entry.viewer, entry.status) == (
        "perception",
        "globex",
        "acme",
        "named",
    )
    file = SimpleUploadedFile(f"again.{fmt}", content)
    assert client.post(upload_url, {"file": file}).status_code == 302
    second = models.Case.objects.exclude(pk=first.pk).get(workspace=team.workspace)
    stored = perception_entry(second, "relationship", "globex", "acme")
    assert (stored.status, stored.actions.count()) == ("named", 1)


# --- who may do what --------------------------------------------------------------


def perception_requests(team, case) -> dict[str, tuple[str, str, dict]]:
    entry = perception_entry(case, "relationship", "globex", "acme")
    url = base(team, case)
    query = "register/new/?kind=perception&factor=trust&subject=acme&viewer=globex"
    return {
        "list": ("GET", url + "register/", {}),
        "entry": ("GET", url + f"register/{entry.pk}/", {}),
        "entry_save": ("POST", url + f"register/{entry.pk}/", entry_post(entry, note="Seen")),
        "new": ("GET", url + query, {}),
        "new_save": ("POST", url + "register/new/", new_perception()),
        "action_add": ("POST", url + f"register/{entry.pk}/actions/", {"text": "Call them"}),
        "history": ("GET", url + "history/", {}),
    }


#: Per kind of user, the answers to the requests above, in their order.
PERCEPTION_ACCESS = {
    "anonymous": [302, 302, 302, 302, 302, 302, 302],
    "outsider": [404, 404, 404, 404, 404, 404, 404],
    "viewer": [200, 200, 403, 403, 403, 403, 200],
    "editor": [200, 200, 302, 200, 302, 302, 200],
    "owner": [200, 200, 302, 200, 302, 302, 200],
}


@pytest.mark.parametrize("kind", sorted(PERCEPTION_ACCESS))
def test_perception_entries_answer_each_role_as_position_entries_do(client, team, case, kind):
    if kind != "anonymous":
        client.force_login(team.user(kind))
    answers = []
    for method, url, data in perception_requests(team, case).values():
        response = client.post(url, data) if method == "POST" else client.get(url)
        answers.append(response.status_code)
    assert answers == PERCEPTION_ACCESS[kind]
    entry = perception_entry(case, "relationship", "globex", "acme")
    changed = kind in ("editor", "owner")
    assert (entry.note == "Seen", entry.actions.count()) == (changed, 2 if changed else 1)
    opened = case.differences.filter(kind="perception", factor="intention").exists()
    assert opened is changed
