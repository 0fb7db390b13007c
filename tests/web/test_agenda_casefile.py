"""The agenda of a case file survives upload and download: stored as Agenda,
AgendaItem and Action rows (actions with their item), linked to the register
entry of its difference, and written back as it was read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kloof.formats.casefile import parse_case
from kloof.storage.models import Action, AgendaItem, Case, Difference
from tests.web.factories import DEMO_CASE, make_team

pytestmark = pytest.mark.django_db

AGENDA = """
agenda:
  date: 2027-01-15
  items:
    - title: Trust outside the contract
      factor: trust
      parties: [halvorsen, cartwright]
      see: "We practise trust; they see it as a by-product."
      mitigations: ["Meet every quarter", "Share the forecast"]
      shareable: true
      outcome: mitigation_agreed
      outcome_note: Both want a review
      actions: [{text: Plan the first review, owner: maria, due: 2027-02-01, done: false}]
    - title: How they see our intention
      kind: perception
      factor: intention
      parties: [halvorsen, cartwright]
    - title: Payment terms
      kind: other
      ask: "Can you live with 60 days?"
"""


def _upload(client, slug: str, name: str, content: bytes) -> None:
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    client.post(reverse("case_upload", kwargs={"slug": slug}), {"file": file})


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_upload_download_upload_keeps_the_agenda(client, fmt: str) -> None:
    team = make_team()
    client.force_login(team.editor)
    content = DEMO_CASE.read_bytes() + AGENDA.encode()
    _upload(client, team.workspace.slug, "demo.yaml", content)
    first = Case.objects.get(workspace=team.workspace)
    url = reverse(
        "case_download", kwargs={"slug": team.workspace.slug, "case_id": first.pk, "fmt": fmt}
    )
    downloaded = client.get(url).content
    original = parse_case(content, "demo.yaml")
    assert parse_case(downloaded, f"again.{fmt}") == original
    _upload(client, team.workspace.slug, f"again.{fmt}", downloaded)
    second = Case.objects.exclude(pk=first.pk).get(workspace=team.workspace)
    url = reverse(
        "case_download", kwargs={"slug": team.workspace.slug, "case_id": second.pk, "fmt": fmt}
    )
    assert parse_case(client.get(url).content, f"third.{fmt}") == original


def test_stored_items_link_to_their_register_entries_and_keep_their_actions(client) -> None:
    team = make_team()
    client.force_login(team.editor)
    _upload(client, team.workspace.slug, "demo.yaml", DEMO_CASE.read_bytes() + AGENDA.encode())
    case = Case.objects.get(workspace=team.workspace)
    items = list(AgendaItem.objects.filter(agenda__case=case).order_by("position"))
    trust = Difference.objects.get(case=case, factor="trust", kind="position")
    assert [(item.title, item.difference_id) for item in items] == [
        ("Trust outside the contract", trust.pk),
        ("How they see our intention", None),  # the demo has no perception entry
        ("Payment terms", None),
    ]
    assert items[0].mitigations == "Meet every quarter\nShare the forecast"
    (action,) = Action.objects.filter(agenda_item__agenda__case=case)
    assert (action.text, action.owner, action.difference_id) == (
        "Plan the first review",
        "maria",
        None,
    )
    # The register's actions are untouched by the agenda's.
    assert Action.objects.filter(difference=trust).count() == 2
