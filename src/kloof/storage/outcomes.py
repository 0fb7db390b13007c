"""What the open conversation settled, per agenda item, and where it goes.

An outcome is one of :data:`kloof.domain.model.OUTCOMES` with a short note. It is
kept on the agenda item and carried into the difference register, with history:

- an item about a factor (a position or perception difference) finds or opens
  its register entry (kind, factor, parties), links it (``AgendaItem.difference``)
  and sets the entry's status: *named* → ``named``, *accepted by both* →
  ``accepted_both``, *mitigation agreed* → ``mitigated``, *still open* →
  ``discussed`` (it was talked about, nothing settled);
- a *mitigation agreed* brings an action (what, owner, due). On a factor item it
  belongs to the register entry and remembers the agenda item it was agreed at
  (both foreign keys set); on an ``other`` item (outside the factors, no entry)
  it belongs to the agenda item alone.

Each outcome is one transaction, and it carries the item's version: when someone
else recorded an outcome first, :class:`StaleVersion` says so and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Q

from kloof.domain import model as domain
from kloof.domain.model import OTHER, OUTCOMES, PERCEPTION, POSITION
from kloof.storage import register
from kloof.storage.agenda_mapping import load_agenda
from kloof.storage.history import field_changes, record_change
from kloof.storage.models import Action, Case, ChangeLog, Difference, Party
from kloof.storage.models_dialogue import AgendaItem
from kloof.storage.summaries import kept
from kloof.storage.versions import StaleVersion, compare_and_set

#: The register status an outcome gives the item's entry.
STATUS_OF = {
    "named": "named",
    "accepted_both": "accepted_both",
    "mitigation_agreed": "mitigated",
    "open": "discussed",
}
MITIGATION = "mitigation_agreed"
assert set(STATUS_OF) == set(OUTCOMES)


@dataclass(frozen=True)
class Outcome:
    """What to record for one item; ``action`` only with a mitigation agreed."""

    outcome: str
    note: str | None = None
    action: str | None = None
    owner: str | None = None
    due: date | None = None


class OutcomeRefused(ValueError):  # noqa: N818 -- the name says what happened
    """The outcome cannot be recorded: ``field`` names what to fix."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def items(case_row: Case) -> list[AgendaItem]:
    """The agenda's items in order (none when the case has no agenda)."""
    return list(
        AgendaItem.objects.filter(agenda__case=case_row)
        .select_related("party_a", "party_b", "difference", "updated_by")
        .prefetch_related("actions")
        .order_by("position", "pk")
    )


def find_item(case_row: Case, item_id: int) -> AgendaItem | None:
    return (
        AgendaItem.objects.select_related("party_a", "party_b", "difference", "updated_by")
        .filter(pk=item_id, agenda__case=case_row)
        .first()
    )


def agreed_actions(item: AgendaItem) -> list[Action]:
    """The actions agreed at ``item`` (of its entry, or of the item alone)."""
    return sorted(item.actions.all(), key=lambda action: (action.position, action.pk))


def other_actions(case_row: Case) -> list[Action]:
    """The actions of agenda items outside the factors (they have no register entry)."""
    return list(
        Action.objects.filter(
            agenda_item__agenda__case=case_row, agenda_item__kind=OTHER, difference__isnull=True
        )
        .select_related("agenda_item")
        .order_by("agenda_item__position", "agenda_item_id", "position", "pk")
    )


@kept
def record_outcome(
    case_row: Case,
    item_id: int,
    version: int,
    outcome: Outcome,
    user: AbstractBaseUser | None,
) -> AgendaItem:
    """Record ``outcome`` for the item, if ``version`` is current, and carry it
    into the register. Raises :class:`OutcomeRefused` for an outcome that cannot
    be recorded and :class:`StaleVersion` (with the newer item) for a stale one."""
    _check(outcome)
    item = find_item(case_row, item_id)
    if item is None or item.version != version:
        raise StaleVersion(item)
    before = {"outcome": item.outcome, "outcome_note": item.outcome_note}
    after = {"outcome": outcome.outcome, "outcome_note": outcome.note or None}
    new = dict(after)
    entry = _entry_of(case_row, item, user)
    if entry is not None and item.difference_id != entry.pk:
        new["difference"] = entry
    compare_and_set(AgendaItem, {"pk": item.pk}, version, new, user)
    _log_item(case_row, user, item, field_changes(before, after))
    if entry is not None:
        _set_status(case_row, entry, STATUS_OF[outcome.outcome], user)
    if outcome.outcome == MITIGATION:
        _add_action(case_row, item, entry, outcome, user)
    return find_item(case_row, item_id)  # type: ignore[return-value]


def _check(outcome: Outcome) -> None:
    if outcome.outcome not in OUTCOMES:
        raise OutcomeRefused("outcome", f"unknown outcome {outcome.outcome!r}")
    if outcome.outcome == MITIGATION and not (outcome.action or "").strip():
        raise OutcomeRefused("action", "a mitigation agreed needs what was agreed")


def _entry_of(case_row: Case, item: AgendaItem, user: AbstractBaseUser | None) -> Difference | None:
    """The register entry of a factor item: linked, found, or opened now."""
    if item.kind == OTHER or not item.factor:
        return None
    if item.difference is not None:
        return item.difference
    kind = PERCEPTION if item.kind == PERCEPTION else POSITION
    a, b = _parties(case_row, item)
    if a is None or b is None:
        return None
    found = register.entry_for(case_row, item.factor, a, b, kind)
    if found is not None:
        return found
    try:
        return register.open_entry(case_row, item.factor, a, b, {"status": "open"}, user, kind)
    except register.EntryExists as exists:  # opened by someone else meanwhile
        return exists.entry


def _parties(case_row: Case, item: AgendaItem) -> tuple[str | None, str | None]:
    """The item's two party keys; a position item without parties is about the
    case's first two (as in the case file)."""
    if item.party_a is not None and item.party_b is not None:
        return item.party_a.key, item.party_b.key
    keys = list(Party.objects.filter(case=case_row).order_by("position", "pk")[:2])
    if len(keys) < 2 or item.kind == PERCEPTION:
        return None, None
    return keys[0].key, keys[1].key


def _set_status(
    case_row: Case, entry: Difference, status: str, user: AbstractBaseUser | None
) -> None:
    entry = Difference.objects.select_related("party_a", "party_b").get(pk=entry.pk)
    if entry.status == status:
        return
    values = {name: getattr(entry, name) for name in register.ENTRY_FIELDS}
    register.update_entry(case_row, entry.pk, entry.version, {**values, "status": status}, user)


def _add_action(
    case_row: Case,
    item: AgendaItem,
    entry: Difference | None,
    outcome: Outcome,
    user: AbstractBaseUser | None,
) -> Action:
    values: dict[str, Any] = {
        "text": (outcome.action or "").strip(),
        "owner": (outcome.owner or "").strip() or None,
        "due": outcome.due,
        "done": False,
    }
    if entry is not None:
        action = register.add_action(case_row, entry, values, user)
        Action.objects.filter(pk=action.pk).update(agenda_item=item)
        return action
    siblings = Action.objects.filter(Q(agenda_item=item) & Q(difference__isnull=True))
    top = siblings.aggregate(top=Max("position"))["top"]
    action = Action.objects.create(
        agenda_item=item,
        position=0 if top is None else top + 1,
        updated_by=user if user is not None and user.is_authenticated else None,
        **values,
    )
    before = dict.fromkeys(values)
    record_change(
        case_row,
        user,
        f"action of agenda item {item.title}",
        field_changes(before, values),
        kind=ChangeLog.Kind.CREATE,
        model="action",
        object_id=action.pk,
        subject={"agenda_item": item.pk, "title": item.title, "text": action.text},
    )
    return action


def _log_item(
    case_row: Case,
    user: AbstractBaseUser | None,
    item: AgendaItem,
    changes: Mapping[str, list[Any]],
) -> None:
    subject: dict[str, Any] = {"agenda_item": item.pk, "title": item.title}
    if item.factor:
        subject["factor"] = item.factor
    record_change(
        case_row,
        user,
        f"outcome of agenda item {item.title}",
        changes,
        kind=ChangeLog.Kind.UPDATE,
        model="outcome",
        object_id=item.pk,
        subject=subject,
    )


def domain_agenda(case_row: Case) -> domain.Agenda | None:
    """The case's agenda as domain objects, each item with the actions agreed at
    it (for the minutes); None when the case has no agenda."""
    return load_agenda(case_row)
