"""The dialogue agenda of a case: queries and commands (no HTTP here).

The agenda is generated from the analysis of the stored case
(:func:`kloof.domain.agenda.propose_agenda`, worded by :mod:`kloof.i18n.agenda`
in the case's language), then edited by the team. Saves carry the version they
were built from: an item's own ``version`` for its texts, the agenda's
``version`` for what changes the list (add, remove, reorder, regenerate). Every
command writes its history row (``ChangeLog``, models ``agenda`` and
``agenda_item``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Max
from django.utils import timezone

from kloof.domain import model as domain
from kloof.domain.agenda import propose_agenda
from kloof.i18n.agenda import render_agenda
from kloof.storage.history import field_changes, record_change
from kloof.storage.models import Agenda, AgendaItem, Case, ChangeLog, Party
from kloof.storage.register import analysis_of, entry_for
from kloof.storage.summaries import kept
from kloof.storage.versions import StaleVersion, compare_and_set

#: The fields of an item the team edits.
ITEM_FIELDS = ("title", "see", "ask", "offer", "mitigations", "shareable")
AGENDA_MODEL = "agenda"
ITEM_MODEL = "agenda_item"
LINK_MODEL = "agenda_link"


class AgendaExists(Exception):  # noqa: N818 -- the name says what happened
    """The case has an agenda already: replacing it must be asked for."""


def find_agenda(case_row: Case) -> Agenda | None:
    return Agenda.objects.filter(case=case_row).first()


def items_of(agenda: Agenda | None) -> list[AgendaItem]:
    if agenda is None:
        return []
    return list(
        agenda.items.select_related("party_a", "party_b", "difference").order_by("position", "pk")
    )


def find_item(case_row: Case, item_id: int) -> AgendaItem | None:
    return (
        AgendaItem.objects.select_related("party_a", "party_b", "agenda", "updated_by")
        .filter(pk=item_id, agenda__case=case_row)
        .first()
    )


@kept
def generate(case_row: Case, user: AbstractBaseUser | None, *, replace: bool = False) -> Agenda:
    """A new agenda from the analysis, in the case's language; with ``replace``
    the items of an existing agenda are replaced (its date stays). Raises
    :class:`AgendaExists` when there is one and ``replace`` is false."""
    Case.objects.select_for_update().filter(pk=case_row.pk).first()
    agenda = find_agenda(case_row)
    if agenda is not None and not replace:
        raise AgendaExists()
    analysis = analysis_of(case_row)
    proposed = render_agenda(propose_agenda(analysis), analysis.case, case_row.language)
    before = 0
    if agenda is None:
        agenda = Agenda.objects.create(case=case_row)
        kind = ChangeLog.Kind.CREATE
    else:
        before = agenda.items.count()
        agenda.items.all().delete()
        Agenda.objects.filter(pk=agenda.pk).update(version=F("version") + 1, updated=timezone.now())
        kind = ChangeLog.Kind.UPDATE
    parties = {party.key: party for party in Party.objects.filter(case=case_row)}
    for position, item in enumerate(proposed.items):
        _create_item(case_row, agenda, item, position, parties, user)
    changes = {"items": [before, len(proposed.items)]}
    record_change(
        case_row,
        user,
        "agenda generated",
        changes,
        kind=kind,
        model=AGENDA_MODEL,
        object_id=agenda.pk,
        subject={"generated": True},
    )
    agenda.refresh_from_db()
    return agenda


def _create_item(
    case_row: Case,
    agenda: Agenda,
    item: domain.AgendaItem,
    position: int,
    parties: Mapping[str, Party],
    user: AbstractBaseUser | None,
) -> AgendaItem:
    first, second = (*item.parties, None, None)[:2]
    entry = None
    if item.factor and first and second and item.kind != domain.OTHER:
        entry = entry_for(case_row, item.factor, first, second, item.kind)
    return AgendaItem.objects.create(
        agenda=agenda,
        position=position,
        kind=item.kind,
        factor=item.factor,
        party_a=parties.get(first) if first else None,
        party_b=parties.get(second) if second else None,
        title=item.title,
        see=item.see,
        ask=item.ask,
        offer=item.offer,
        mitigations="\n".join(item.mitigations),
        shareable=item.shareable,
        difference=entry,
        updated_by=_user(user),
    )


@kept
def update_item(
    case_row: Case,
    item_id: int,
    version: int,
    values: Mapping[str, Any],
    user: AbstractBaseUser | None,
) -> AgendaItem:
    """Save the given fields of an item if ``version`` is current; raises
    :class:`StaleVersion` (with the newer item) otherwise."""
    item = find_item(case_row, item_id)
    if item is None or item.version != version:
        raise StaleVersion(item)
    fields = [name for name in ITEM_FIELDS if name in values]
    changes = field_changes({name: getattr(item, name) for name in fields}, values, fields)
    if not changes:
        return item
    compare_and_set(AgendaItem, {"pk": item.pk}, version, {n: values[n] for n in changes}, user)
    _log_item(case_row, user, item, changes, ChangeLog.Kind.UPDATE)
    return find_item(case_row, item_id)  # type: ignore[return-value]


@kept
def add_item(
    case_row: Case, agenda_version: int, values: Mapping[str, Any], user: AbstractBaseUser | None
) -> AgendaItem:
    """A new item of kind ``other`` (a difference outside the factors), last."""
    agenda = _claim(case_row, agenda_version)
    top = agenda.items.aggregate(top=Max("position"))["top"]
    fields = {name: values.get(name, "") for name in ITEM_FIELDS}
    fields["shareable"] = bool(fields["shareable"])
    item = AgendaItem.objects.create(
        agenda=agenda,
        position=0 if top is None else top + 1,
        kind=domain.OTHER,
        updated_by=_user(user),
        **fields,
    )
    before = dict.fromkeys(ITEM_FIELDS)
    _log_item(case_row, user, item, field_changes(before, fields), ChangeLog.Kind.CREATE)
    return item


@kept
def remove_item(
    case_row: Case, item_id: int, agenda_version: int, user: AbstractBaseUser | None
) -> None:
    """Remove an item; its history row keeps what it said."""
    item = find_item(case_row, item_id)
    if item is None:
        raise StaleVersion(None)
    _claim(case_row, agenda_version)
    before = {name: getattr(item, name) for name in ITEM_FIELDS}
    _log_item(case_row, user, item, field_changes(before, dict.fromkeys(ITEM_FIELDS)), "delete")
    item.delete()


@kept
def move_item(
    case_row: Case, item_id: int, agenda_version: int, step: int, user: AbstractBaseUser | None
) -> None:
    """Move an item one place up (``step`` -1) or down (+1); at either end nothing moves."""
    item = find_item(case_row, item_id)
    if item is None:
        raise StaleVersion(None)
    agenda = _claim(case_row, agenda_version)
    items = items_of(agenda)
    index = next(number for number, row in enumerate(items) if row.pk == item.pk)
    other = index + step
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items):
        if row.position != position:
            AgendaItem.objects.filter(pk=row.pk).update(position=position)
    _log_item(case_row, user, item, {"position": [index + 1, other + 1]}, ChangeLog.Kind.UPDATE)


class NotAnOrder(Exception):  # noqa: N818 -- the name says what happened
    """The ids given are not the agenda's items, each once."""


@kept
def reorder(
    case_row: Case, agenda_version: int, ids: list[int], user: AbstractBaseUser | None
) -> None:
    """Put the items in the order of ``ids`` (every item of the agenda, once)."""
    agenda = find_agenda(case_row)
    if agenda is None:
        raise StaleVersion(None)
    items = items_of(agenda)
    if sorted(ids) != sorted(item.pk for item in items):
        raise NotAnOrder()
    _claim(case_row, agenda_version)
    before = [item.pk for item in items]
    for position, item_id in enumerate(ids):
        AgendaItem.objects.filter(pk=item_id).update(position=position)
    if before != ids:
        record_change(
            case_row,
            user,
            "agenda reordered",
            {"order": [before, ids]},
            model=AGENDA_MODEL,
            object_id=agenda.pk,
        )


@kept
def set_date(
    case_row: Case, agenda_version: int, value: Any, user: AbstractBaseUser | None
) -> None:
    agenda = _claim(case_row, agenda_version, values={"date": value})
    changes = field_changes({"date": agenda.date}, {"date": value})
    if changes:
        record_change(
            case_row, user, "agenda date", changes, model=AGENDA_MODEL, object_id=agenda.pk
        )


def _claim(case_row: Case, version: int, values: Mapping[str, Any] | None = None) -> Agenda:
    """Raise the agenda's version if it is still ``version`` (the list the form
    showed); :class:`StaleVersion` with the newer agenda otherwise. Returns the
    agenda as it was before."""
    agenda = find_agenda(case_row)
    if agenda is None:
        raise StaleVersion(None)
    written = Agenda.objects.filter(pk=agenda.pk, version=version).update(
        version=F("version") + 1, updated=timezone.now(), **(values or {})
    )
    if not written:
        raise StaleVersion(agenda)
    return agenda


def agenda_history(case_row: Case) -> Any:
    """The agenda's history rows, newest first."""
    models = (AGENDA_MODEL, ITEM_MODEL, LINK_MODEL)
    return ChangeLog.objects.filter(case=case_row, model__in=models).order_by("-when", "-id")


def _user(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def _log_item(
    case_row: Case,
    user: AbstractBaseUser | None,
    item: AgendaItem,
    changes: Mapping[str, Any],
    kind: str,
) -> None:
    record_change(
        case_row,
        user,
        f"agenda item {item.title}",
        changes,
        kind=kind,
        model=ITEM_MODEL,
        object_id=item.pk,
        subject={"title": item.title, **({"factor": item.factor} if item.factor else {})},
    )
