"""The agenda pages: generate, edit, share, reorder, add, remove, regenerate,
stale saves, and the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kloof.storage import agenda as store
from kloof.storage.models import AgendaItem, ChangeLog, Difference

pytestmark = pytest.mark.django_db


def url(case, name: str = "agenda", **kwargs) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **kwargs})


def titles(case) -> list[str]:
    return [item.title for item in store.items_of(store.find_agenda(case))]


def test_generating_makes_items_in_the_cases_language_linked_to_the_register(editor, case):
    response = editor.post(url(case, "agenda_generate"))
    assert response.status_code == 302
    items = store.items_of(store.find_agenda(case))
    assert [(i.kind, i.factor, i.title) for i in items] == [
        ("position", "intention", "Intention"),
        ("position", "dependency", "Dependency"),
        ("position", "trust", "Trust"),
    ]
    assert [i.difference_id for i in items] == [
        Difference.objects.get(case=case, factor=factor).pk
        for factor in ("intention", "dependency", "trust")
    ]
    assert not any(item.shareable for item in items)
    page = editor.get(url(case)).content.decode()
    assert "Halvorsen Foods stands close to “Win together, let the other gain too”" in page
    assert ChangeLog.objects.filter(case=case, model="agenda").count() == 1


def test_a_dutch_case_gets_dutch_items(editor, case):
    case.language = "nl"
    case.save(update_fields=["language"])
    editor.post(url(case, "agenda_generate"))
    assert titles(case) == ["Intentie", "Afhankelijkheid", "Vertrouwen"]


def test_generating_again_asks_first_and_replaces_only_when_confirmed(editor, case):
    editor.post(url(case, "agenda_generate"))
    item = store.items_of(store.find_agenda(case))[0]
    AgendaItem.objects.filter(pk=item.pk).update(title="Our own words")
    page = editor.get(url(case, "agenda_generate")).content.decode()
    assert "replaces the agenda&#x27;s 3 items" in page or "replaces the agenda's 3 items" in page
    assert editor.post(url(case, "agenda_generate")).status_code == 409
    assert titles(case)[0] == "Our own words"
    assert editor.post(url(case, "agenda_generate"), {"replace": "yes"}).status_code == 302
    assert titles(case) == ["Intention", "Dependency", "Trust"]


def test_an_item_is_reworded_and_shared_and_a_stale_save_is_refused(editor, case):
    editor.post(url(case, "agenda_generate"))
    item = store.items_of(store.find_agenda(case))[0]
    data = {
        "version": item.version,
        "title": "What a good deal is",
        "see": "We differ.",
        "ask": "What is a good outcome?",
        "offer": "Openness.",
        "mitigations": "Talk first\n\n  Then decide  ",
        "shareable": "on",
    }
    assert editor.post(url(case, "agenda_item", item_id=item.pk), data).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.mitigations, item.shareable, item.version) == (
        "What a good deal is",
        "Talk first\nThen decide",
        True,
        2,
    )
    stale = editor.post(url(case, "agenda_item", item_id=item.pk), {**data, "title": "Mine"})
    assert stale.status_code == 409
    assert "Yours, not saved" in stale.content.decode()
    item.refresh_from_db()
    assert item.title == "What a good deal is"


def test_a_blank_title_is_refused_with_a_message(editor, case):
    editor.post(url(case, "agenda_generate"))
    item = store.items_of(store.find_agenda(case))[0]
    response = editor.post(
        url(case, "agenda_item", item_id=item.pk), {"version": item.version, "title": "  "}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_share_button_toggles_an_item(editor, case):
    editor.post(url(case, "agenda_generate"))
    item = store.items_of(store.find_agenda(case))[1]
    editor.post(url(case, "agenda_item_share", item_id=item.pk), {"version": 1, "shareable": "on"})
    item.refresh_from_db()
    assert item.shareable is True
    editor.post(url(case, "agenda_item_share", item_id=item.pk), {"version": 2})
    item.refresh_from_db()
    assert item.shareable is False


def test_items_move_up_and_down_and_a_stale_list_is_refused(editor, case):
    editor.post(url(case, "agenda_generate"))
    agenda = store.find_agenda(case)
    trust = store.items_of(agenda)[2]
    move = url(case, "agenda_item_move", item_id=trust.pk)
    assert editor.post(move, {"agenda_version": 1, "direction": "up"}).status_code == 302
    assert titles(case) == ["Intention", "Trust", "Dependency"]
    assert editor.post(move, {"agenda_version": 1, "direction": "up"}).status_code == 409
    editor.post(move, {"agenda_version": 2, "direction": "up"})
    assert titles(case) == ["Trust", "Intention", "Dependency"]
    editor.post(move, {"agenda_version": 3, "direction": "up"})  # at the top: stays
    assert titles(case) == ["Trust", "Intention", "Dependency"]
    page = editor.get(url(case)).content.decode()
    assert page.count('value="up"') == 2 and page.count('value="down"') == 2


def test_an_item_outside_the_factors_is_added_last_and_removed(editor, case):
    editor.post(url(case, "agenda_generate"))
    add = url(case, "agenda_item_add")
    response = editor.post(
        add, {"agenda_version": 1, "title": "Payment terms", "ask": "Can you live with 60 days?"}
    )
    assert response.status_code == 302
    added = store.items_of(store.find_agenda(case))[-1]
    assert (added.title, added.kind, added.factor, added.ask) == (
        "Payment terms",
        "other",
        None,
        "Can you live with 60 days?",
    )
    remove = url(case, "agenda_item_remove", item_id=added.pk)
    assert editor.post(remove, {"agenda_version": 2}).status_code == 302
    assert titles(case) == ["Intention", "Dependency", "Trust"]


def test_the_history_lists_every_change_in_words(editor, case):
    editor.post(url(case, "agenda_generate"))
    item = store.items_of(store.find_agenda(case))[0]
    editor.post(url(case, "agenda_item_share", item_id=item.pk), {"version": 1, "shareable": "on"})
    editor.post(
        url(case, "agenda_item_move", item_id=item.pk), {"agenda_version": 1, "direction": "down"}
    )
    page = editor.get(url(case, "agenda_history")).content.decode()
    assert "Agenda generated" in page
    assert "Agenda item changed" in page and "Shared with the other side: no → yes" in page
    assert "Agenda item moved" in page and "Place on the agenda: 1 → 2" in page
    general = editor.get(url(case, "history")).content.decode()
    assert "Agenda generated" in general and "Agenda item moved" in general


def test_a_viewer_reads_without_buttons(client, team, case):
    store.generate(case, team.editor)
    client.force_login(team.viewer)
    page = client.get(url(case)).content.decode()
    assert "Intention" in page
    assert "Move up" not in page and "Share with the other side" not in page


def test_without_an_agenda_adding_sends_you_to_generate(editor, case):
    response = editor.get(url(case, "agenda_item_add"))
    assert response.status_code == 302
    assert "There is no agenda yet." in editor.get(url(case)).content.decode()


def test_the_page_speaks_dutch(editor, case):
    store.generate(case, None)
    page = editor.get(url(case), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Agenda van het open gesprek" in page
    assert "Delen met de andere kant" in page and "Omlaag" in page
    assert "De versie voor de andere kant (0 punten gedeeld)" in page
