"""The difference register: queries and commands (no HTTP here).

The register lists two kinds of difference on a factor:
- a *position* difference between a pair of parties (either order), when it has
  an entry or its computed severity is nuance or worse;
- a *perception* gap, how a viewer sees a subject against the subject's self
  view (ordered: subject, viewer), when the analysis lists it (significant or
  worse, or decided blocking) or it has an entry.
Severities come from the analysis of the stored case (``kloof.domain``); this
module only stores what the team decides: status, an override with its reason, a
note and actions. Every command writes its history row in the same transaction,
and saves carry the version they were built from (see :mod:`kloof.storage.versions`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Q

from kloof.domain import model as domain
from kloof.domain.analysis import analyse
from kloof.domain.model import PERCEPTION, POSITION
from kloof.domain.positions import RatingIndex, index_ratings
from kloof.domain.results import Analysis, BlindSpot, Gap
from kloof.storage.dashboard import load_case
from kloof.storage.history import field_changes, record_change
from kloof.storage.models import Action, Case, ChangeLog, Difference, Party
from kloof.storage.register_perception import perception_gap
from kloof.storage.summaries import kept
from kloof.storage.versions import StaleVersion, compare_and_set

ENTRY_FIELDS = ("status", "blocking", "reason", "note")
ACTION_FIELDS = ("text", "owner", "due", "done")
KINDS = (POSITION, PERCEPTION)

#: What identifies an entry: (kind, factor, parties), the parties of a position
#: difference unordered (a frozenset), of a perception gap ordered (subject, viewer).
EntryKey = tuple[str, str, object]


def entry_key(kind: str, factor: str, a: str, b: str) -> EntryKey:
    """The key of a difference, as ``kloof.domain.model.Difference.register_key``."""
    if kind == PERCEPTION:
        return (PERCEPTION, factor, (a, b))
    return (POSITION, factor, frozenset((a, b)))


class EntryExists(Exception):  # noqa: N818 -- the name says what happened
    """The difference has an entry already (someone opened it first)."""

    def __init__(self, entry: Difference) -> None:
        super().__init__("entry exists")
        self.entry = entry


@dataclass(frozen=True)
class RegisterRow:
    """One difference of the register: the analysis' view and the team's entry.

    ``parties`` is the pair of a position difference, or (subject, viewer) of a
    perception gap, whose ``gap`` is then the :class:`BlindSpot`.
    """

    factor: domain.Factor
    parties: tuple[domain.Party, domain.Party]
    #: None: the analysis does not know this factor or these parties.
    gap: Gap | BlindSpot | None
    entry: Difference | None
    actions_done: int = 0
    actions_total: int = 0
    kind: str = POSITION

    @property
    def is_perception(self) -> bool:
        return self.kind == PERCEPTION

    @property
    def subject(self) -> domain.Party | None:
        """The party being seen, for a perception gap."""
        return self.parties[0] if self.is_perception else None

    @property
    def viewer(self) -> domain.Party | None:
        """The party whose view differs, for a perception gap."""
        return self.parties[1] if self.is_perception else None

    @property
    def severity(self) -> domain.Severity:
        return self.gap.severity if self.gap else domain.Severity.UNKNOWN

    @property
    def decided_severity(self) -> domain.Severity:
        return self.gap.decided_severity if self.gap else domain.Severity.UNKNOWN

    @property
    def overridden(self) -> bool:
        return self.entry is not None and self.entry.blocking is not None

    @property
    def confirmed(self) -> bool:
        """The team's decision repeats the computed severity (a confirmation)."""
        return self.overridden and self.gap is not None and not self.gap.overridden

    @property
    def uncertain(self) -> bool:
        """A position gap flagged uncertain; a perception gap with a view that is
        unknown or rests on one rating."""
        if isinstance(self.gap, BlindSpot):
            return self.gap.gap is None or min(self.gap.viewer_n, self.gap.self_n) < 2
        return bool(self.gap and self.gap.uncertain)

    @property
    def status(self) -> str | None:
        return self.entry.status if self.entry else None


@dataclass(frozen=True)
class Register:
    case: domain.Case
    analysis: Analysis
    rows: tuple[RegisterRow, ...]


def analysis_of(case_row: Case) -> Analysis:
    return analyse(load_case(case_row))


def register(case_row: Case) -> Register:
    """The register of ``case_row``: worst decided severity first, then factor
    order, a factor's position differences before its perception gaps."""
    analysis = analysis_of(case_row)
    case = analysis.case
    entries = _entries_by_difference(case_row)
    rows = []
    for result in analysis.factors:
        for gap in result.gaps:
            entry = entries.pop(entry_key(POSITION, gap.factor, *gap.parties), None)
            if entry is None and not gap.severity.at_least(domain.Severity.NUANCE):
                continue
            rows.append(_row(case, result.factor, gap.parties, gap, entry))
        for spot in analysis.blind_spots_of(result.factor.key):
            entry = entries.pop(entry_key(PERCEPTION, spot.factor, *spot.parties), None)
            rows.append(_row(case, result.factor, spot.parties, spot, entry, PERCEPTION))
    # Perception entries below the blind-spot threshold, and entries the analysis
    # cannot place (a factor or party that is gone), stay visible.
    ratings = index_ratings(case) if entries else None
    rows.extend(entry_row(analysis, entry, ratings) for entry in entries.values())
    order = {factor.key: number for number, factor in enumerate(case.factors)}
    rows.sort(  # stable: a factor's rows keep the order they were added in
        key=lambda row: (
            row.decided_severity.rank,
            row.severity.rank,
            order.get(row.factor.key, len(order)),
        )
    )
    return Register(case=case, analysis=analysis, rows=tuple(rows))


def entry_row(
    analysis: Analysis, entry: Difference, index: RatingIndex | None = None
) -> RegisterRow:
    """The register row of one entry, from an analysis of its case."""
    case = analysis.case
    parties = (entry.party_a.key, entry.party_b.key)
    factor = _factor_or_stub(case, entry.factor)
    gap: Gap | BlindSpot | None = None
    if entry.kind == PERCEPTION:
        gap = perception_gap(analysis, entry.factor, *parties, index=index)
    else:
        with contextlib.suppress(KeyError):  # a factor the case no longer has
            gap = analysis.factor(entry.factor).gap(*parties)
    return _row(case, factor, parties, gap, entry, entry.kind)


def find_entry(case_row: Case, entry_id: int) -> Difference | None:
    return (
        Difference.objects.select_related("party_a", "party_b", "updated_by")
        .prefetch_related("actions")
        .filter(pk=entry_id, case=case_row)
        .first()
    )


def find_action(case_row: Case, action_id: int) -> Action | None:
    return (
        Action.objects.select_related(
            "difference__party_a", "difference__party_b", "agenda_item", "updated_by"
        )
        .filter(
            # An action of an agenda item outside the factors has no entry.
            Q(difference__case=case_row) | Q(agenda_item__agenda__case=case_row),
            pk=action_id,
        )
        .first()
    )


def entry_for(
    case_row: Case, factor: str, a: str, b: str, kind: str = POSITION
) -> Difference | None:
    """The entry of ``factor`` between parties ``a`` and ``b`` (in either order);
    of ``kind`` perception: how ``b`` (the viewer) sees ``a`` (the subject)."""
    entries = Difference.objects.filter(case=case_row, factor=factor, kind=kind)
    if kind == PERCEPTION:
        return entries.filter(party_a__key=a, party_b__key=b).first()
    pair = Q(party_a__key=a, party_b__key=b) | Q(party_a__key=b, party_b__key=a)
    return entries.filter(pair).first()


@kept
def open_entry(
    case_row: Case,
    factor: str,
    a: str,
    b: str,
    values: Mapping[str, Any],
    user: AbstractBaseUser | None,
    kind: str = POSITION,
) -> Difference:
    """A new register entry for ``factor`` between parties ``a`` and ``b``; of
    ``kind`` perception, for how ``b`` (the viewer) sees ``a`` (the subject).

    Raises :class:`EntryExists` when the difference has one already: the case row
    is locked first, so two people opening the same entry cannot both succeed.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of difference: {kind!r}")
    Case.objects.select_for_update().filter(pk=case_row.pk).first()
    existing = entry_for(case_row, factor, a, b, kind)
    if existing is not None:
        raise EntryExists(existing)
    parties = {party.key: party for party in Party.objects.filter(case=case_row, key__in=(a, b))}
    position = Difference.objects.filter(case=case_row).aggregate(top=Max("position"))["top"]
    fields = {name: values.get(name) for name in ENTRY_FIELDS}
    fields["status"] = fields["status"] or "open"
    entry = Difference.objects.create(
        case=case_row,
        kind=kind,
        factor=factor,
        party_a=parties[a],
        party_b=parties[b],
        position=0 if position is None else position + 1,
        updated_by=_user(user),
        **fields,
    )
    before = {"status": None, "blocking": None, "reason": None, "note": None}
    _log(case_row, user, entry, field_changes(before, fields), ChangeLog.Kind.CREATE)
    return entry


@kept
def update_entry(
    case_row: Case,
    entry_id: int,
    version: int,
    values: Mapping[str, Any],
    user: AbstractBaseUser | None,
) -> Difference:
    """Save status, decision, reason and note of an entry, if ``version`` is current.

    Raises :class:`StaleVersion` with the newer entry otherwise; nothing is written.
    """
    entry = find_entry(case_row, entry_id)
    if entry is None or entry.version != version:
        raise StaleVersion(entry)
    changes = field_changes(_values(entry, ENTRY_FIELDS), values, ENTRY_FIELDS)
    if not changes:
        return entry
    new = {name: values[name] for name in changes}
    compare_and_set(Difference, {"pk": entry.pk}, version, new, user)
    _log(case_row, user, entry, changes, ChangeLog.Kind.UPDATE)
    return find_entry(case_row, entry_id)  # type: ignore[return-value]


@kept
def add_action(
    case_row: Case, entry: Difference, values: Mapping[str, Any], user: AbstractBaseUser | None
) -> Action:
    """A new action of ``entry``, after its other actions."""
    position = entry.actions.aggregate(top=Max("position"))["top"]
    fields = {name: values.get(name) for name in ACTION_FIELDS}
    fields["done"] = bool(fields["done"])
    action = Action.objects.create(
        difference=entry,
        position=0 if position is None else position + 1,
        updated_by=_user(user),
        **fields,
    )
    before = {"text": None, "owner": None, "due": None, "done": None}
    _log_action(case_row, user, action, field_changes(before, fields), ChangeLog.Kind.CREATE)
    return action


@kept
def update_action(
    case_row: Case,
    action_id: int,
    version: int,
    values: Mapping[str, Any],
    user: AbstractBaseUser | None,
) -> Action:
    """Save the given fields of an action (all of them, or only ``done``), if
    ``version`` is current; raises :class:`StaleVersion` otherwise."""
    action = find_action(case_row, action_id)
    if action is None or action.version != version:
        raise StaleVersion(action)
    fields = [name for name in ACTION_FIELDS if name in values]
    changes = field_changes(_values(action, fields), values, fields)
    if not changes:
        return action
    new = {name: values[name] for name in changes}
    compare_and_set(Action, {"pk": action.pk}, version, new, user)
    _log_action(case_row, user, action, changes, ChangeLog.Kind.UPDATE)
    return find_action(case_row, action_id)  # type: ignore[return-value]


def action_counts(case_row: Case) -> dict[int, tuple[int, int]]:
    """Per entry id: (actions done, actions in all)."""
    rows = (
        Action.objects.filter(difference__case=case_row)
        .values("difference_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(done=True)))
    )
    return {row["difference_id"]: (row["done"], row["total"]) for row in rows}


# --- helpers -------------------------------------------------------------------------


def _entries_by_difference(case_row: Case) -> dict[EntryKey, Difference]:
    """The case's entries by :func:`entry_key`, in the register's stored order."""
    entries = (
        Difference.objects.filter(case=case_row)
        .select_related("party_a", "party_b")
        .order_by("position", "pk")
    )
    counts = action_counts(case_row)
    found = {}
    for entry in entries:
        entry.action_counts = counts.get(entry.pk, (0, 0))  # type: ignore[attr-defined]
        key = entry_key(entry.kind, entry.factor, entry.party_a.key, entry.party_b.key)
        found[key] = entry
    return found


def _row(
    case: domain.Case,
    factor: domain.Factor,
    parties: tuple[str, str],
    gap: Gap | BlindSpot | None,
    entry: Difference | None,
    kind: str = POSITION,
) -> RegisterRow:
    done, total = (0, 0)
    if entry is not None:
        counts = getattr(entry, "action_counts", None)
        if counts is None:
            actions = list(entry.actions.all())
            counts = (sum(action.done for action in actions), len(actions))
        done, total = counts
    return RegisterRow(
        factor=factor,
        parties=(_party(case, parties[0]), _party(case, parties[1])),
        gap=gap,
        entry=entry,
        actions_done=done,
        actions_total=total,
        kind=kind,
    )


def _party(case: domain.Case, key: str) -> domain.Party:
    try:
        return case.party(key)
    except KeyError:
        return domain.Party(id=key, name=key)


def _factor_or_stub(case: domain.Case, key: str) -> domain.Factor:
    """The case's factor ``key``; a stand-in named by its key when it is gone."""
    try:
        return case.factor(key)
    except KeyError:
        text = domain.Text(key, key)
        return domain.Factor(
            key=key, name=text, left=domain.Text("", ""), right=domain.Text("", "")
        )


def _values(row: Any, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in fields}


def _user(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def _subject(entry: Difference) -> dict[str, Any]:
    """What the history page names an entry by (language-neutral keys)."""
    if entry.kind == PERCEPTION:
        return {
            "factor": entry.factor,
            "kind": PERCEPTION,
            "subject": entry.party_a.key,
            "viewer": entry.party_b.key,
        }
    return {"factor": entry.factor, "parties": [entry.party_a.key, entry.party_b.key]}


def _difference_text(entry: Difference) -> str:
    """The entry in the history's fallback summary (English, keys)."""
    if entry.kind == PERCEPTION:
        return f"{entry.factor}: how {entry.party_b.key} sees {entry.party_a.key}"
    return f"{entry.factor}: {entry.party_a.key}–{entry.party_b.key}"


def _log(
    case_row: Case,
    user: AbstractBaseUser | None,
    entry: Difference,
    changes: dict[str, list[Any]],
    kind: str,
) -> None:
    summary = f"register entry {_difference_text(entry)}"
    record_change(
        case_row,
        user,
        summary,
        changes,
        kind=kind,
        model="difference",
        object_id=entry.pk,
        subject=_subject(entry),
    )


def _log_action(
    case_row: Case,
    user: AbstractBaseUser | None,
    action: Action,
    changes: dict[str, list[Any]],
    kind: str,
) -> None:
    entry = action.difference
    if entry is None:  # an action agreed on an agenda item outside the factors
        item = action.agenda_item
        title = item.title if item is not None else ""
        record_change(
            case_row,
            user,
            f"action of agenda item {title}",
            changes,
            kind=kind,
            model="action",
            object_id=action.pk,
            subject={"agenda_item": action.agenda_item_id, "title": title, "text": action.text},
        )
        return
    summary = f"action of {_difference_text(entry)}"
    record_change(
        case_row,
        user,
        summary,
        changes,
        kind=kind,
        model="action",
        object_id=action.pk,
        subject={**_subject(entry), "entry": entry.pk, "text": action.text},
    )
