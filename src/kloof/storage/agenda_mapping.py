"""The agenda between database rows and domain objects (case upload and download).

An item of kind position or perception is linked to the register entry of its
difference when the case has one. The actions of an item are stored with the
item (``Action.agenda_item``), not with the register entry, so that a case file
reads back as it was written.
"""

from __future__ import annotations

from collections import defaultdict

from kloof.domain import model as domain
from kloof.domain.model import PERCEPTION
from kloof.storage import models


def store_agenda(
    case_row: models.Case,
    agenda: domain.Agenda | None,
    parties: dict[str, models.Party],
) -> models.Agenda | None:
    """Store ``agenda`` for ``case_row`` (whose parties and register are stored)."""
    if agenda is None:
        return None
    row = models.Agenda.objects.create(case=case_row, date=agenda.date)
    entries = {
        _key(entry.kind, entry.factor, entry.party_a.key, entry.party_b.key): entry
        for entry in models.Difference.objects.filter(case=case_row).select_related(
            "party_a", "party_b"
        )
    }
    for position, item in enumerate(agenda.items):
        first, second = (*item.parties, None, None)[:2]
        stored = models.AgendaItem.objects.create(
            agenda=row,
            position=position,
            kind=item.kind,
            factor=item.factor,
            party_a=parties[first] if first else None,
            party_b=parties[second] if second else None,
            title=item.title,
            see=item.see,
            ask=item.ask,
            offer=item.offer,
            mitigations="\n".join(item.mitigations),
            shareable=item.shareable,
            difference=_entry_of(item, entries),
            outcome=item.outcome,
            outcome_note=item.outcome_note,
        )
        fresh = _claim_entry_actions(stored, item.actions)
        models.Action.objects.bulk_create(
            models.Action(
                agenda_item=stored,
                text=action.text,
                owner=action.owner,
                due=action.due,
                done=action.done,
                position=number,
            )
            for number, action in enumerate(item.actions)
            if number in fresh
        )
    return row


def _claim_entry_actions(stored: models.AgendaItem, actions: tuple[domain.Action, ...]) -> set[int]:
    """An action agreed at an item about a factor belongs to the item's register
    entry too (``kloof.storage.outcomes``), so a downloaded file lists it under
    both. The entry's stored copy is linked to the item instead of storing it
    twice; the numbers of the actions still to create are returned."""
    fresh = set(range(len(actions)))
    if stored.difference_id is None:
        return fresh
    free = list(models.Action.objects.filter(difference_id=stored.difference_id, agenda_item=None))
    for number, action in enumerate(actions):
        same = next(
            (
                row
                for row in free
                if (row.text, row.owner, row.due, row.done)
                == (action.text, action.owner, action.due, action.done)
            ),
            None,
        )
        if same is not None:
            free.remove(same)
            models.Action.objects.filter(pk=same.pk).update(agenda_item=stored)
            fresh.discard(number)
    return fresh


def _key(kind: str, factor: str | None, a: str, b: str) -> tuple[object, ...]:
    if kind == PERCEPTION:
        return (kind, factor, a, b)
    return (kind, factor, frozenset((a, b)))


def _entry_of(
    item: domain.AgendaItem, entries: dict[tuple[object, ...], models.Difference]
) -> models.Difference | None:
    if item.kind == domain.OTHER or len(item.parties) != 2:
        return None
    return entries.get(_key(item.kind, item.factor, *item.parties))


def load_agenda(case_row: models.Case) -> domain.Agenda | None:
    """The stored agenda of ``case_row`` as a domain object; None when it has none."""
    row = models.Agenda.objects.filter(case=case_row).first()
    if row is None:
        return None
    items = list(row.items.select_related("party_a", "party_b").order_by("position", "pk"))
    actions: dict[int, list[domain.Action]] = defaultdict(list)
    for action in models.Action.objects.filter(agenda_item__agenda=row).order_by("position", "pk"):
        assert action.agenda_item_id is not None  # the filter says so
        actions[action.agenda_item_id].append(
            domain.Action(text=action.text, owner=action.owner, due=action.due, done=action.done)
        )
    return domain.Agenda(
        date=row.date,
        items=tuple(agenda_item(item, tuple(actions.get(item.pk, ()))) for item in items),
    )


def agenda_item(
    row: models.AgendaItem, actions: tuple[domain.Action, ...] = ()
) -> domain.AgendaItem:
    """One stored item as a domain object (parties read from the joined rows)."""
    parties = tuple(party.key for party in (row.party_a, row.party_b) if party is not None)
    return domain.AgendaItem(
        title=row.title,
        kind=row.kind,
        factor=row.factor or None,
        parties=parties,
        see=row.see,
        ask=row.ask,
        offer=row.offer,
        mitigations=tuple(line for line in row.mitigations.splitlines() if line.strip()),
        shareable=row.shareable,
        outcome=row.outcome or None,
        outcome_note=row.outcome_note,
        actions=actions,
    )
