"""Editing a case: a compare-and-set on ``Case.version`` in one UPDATE.

:func:`update_case` saves the case's fields, parties and own factors, or nothing.
What it refuses comes back as :class:`EditRefusedError` with structured problems; the
web layer phrases them. Removing a party or factor that ratings, raters or the
register still refer to is refused (the database would delete those with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Max, Min, Q
from django.utils import timezone

from kloof.domain import model as domain
from kloof.formats.casefile import dump_case_json, parse_case
from kloof.formats.errors import InputError
from kloof.formats.framework import load_framework
from kloof.storage import models
from kloof.storage.cases import load_case as load_with_agenda
from kloof.storage.cases import party_key
from kloof.storage.summaries import kept, mark_changed


@dataclass(frozen=True)
class PartyChange:
    """A party in the edit form: ``pk`` None for a new one."""

    pk: int | None
    name: str
    role: str | None = None
    side: str | None = None
    remove: bool = False


@dataclass(frozen=True)
class FactorChange:
    """A factor of the case's own in the edit form: ``pk`` None for a new one."""

    pk: int | None
    key: str
    name: domain.Text
    left: domain.Text
    right: domain.Text
    remove: bool = False


@dataclass(frozen=True)
class CaseChanges:
    title: str
    language: str
    scale: domain.Scale
    case_date: date | None = None
    description: str | None = None
    parties: tuple[PartyChange, ...] = ()
    factors: tuple[FactorChange, ...] = ()


class StaleCaseError(Exception):
    """Someone saved the case after the form was built."""


# The problems an edit may run into; the web layer turns them into sentences.
@dataclass(frozen=True)
class ScoresOffScale:
    lowest: float
    highest: float


@dataclass(frozen=True)
class PartyInUse:
    name: str
    raters: tuple[str, ...]
    ratings: int
    differences: int
    #: Interviews with or about the party, and agenda items about it: the
    #: database would delete those with the party, so they block its removal too.
    interviews: int = 0
    agenda_items: int = 0


@dataclass(frozen=True)
class FactorInUse:
    key: str
    ratings: int
    differences: int


@dataclass(frozen=True)
class FactorKeyTaken:
    key: str
    by_framework: bool


@dataclass(frozen=True)
class TooFewParties:
    count: int


@dataclass(frozen=True)
class UnknownRow:
    """The form names a party or factor that is no longer part of the case."""

    kind: str


@dataclass(frozen=True)
class InvalidCase:
    """The last check: the edited case is not a valid case file (the CLI's error)."""

    error: InputError

    @property
    def message(self) -> str:
        return self.error.message


Problem = (
    ScoresOffScale
    | PartyInUse
    | FactorInUse
    | FactorKeyTaken
    | TooFewParties
    | UnknownRow
    | InvalidCase
)


class EditRefusedError(Exception):
    """The edit was not saved, for the ``problems`` named."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


@kept
def update_case(row: models.Case, version: int, changes: CaseChanges) -> models.Case:
    """Save ``changes`` if the case is still at ``version``; all or nothing.

    The compare-and-set is one UPDATE … WHERE version = ``version``: of two people
    saving the same version, one wins and the other gets :class:`StaleCaseError`. The
    UPDATE comes first, so the row stays locked while the checks run.
    """
    saved = models.Case.objects.filter(pk=row.pk, version=version).update(
        title=changes.title,
        description=changes.description,
        date=changes.case_date,
        language=changes.language,
        scale_min=changes.scale.low,
        scale_max=changes.scale.high,
        version=F("version") + 1,
        updated=timezone.now(),
    )
    if not saved:
        raise StaleCaseError
    problems: list[Problem] = list(_scale_problems(row, changes.scale))
    problems.extend(_apply_parties(row, changes.parties))
    problems.extend(_apply_factors(row, changes.factors))
    if not problems:
        problems.extend(_file_problems(row))
    if problems:
        raise EditRefusedError(problems)
    mark_changed(row.pk)
    return models.Case.objects.get(pk=row.pk)


def _scale_problems(row: models.Case, scale: domain.Scale) -> list[Problem]:
    bounds = models.Rating.objects.filter(case=row, score__isnull=False).aggregate(
        lowest=Min("score"), highest=Max("score")
    )
    lowest, highest = bounds["lowest"], bounds["highest"]
    if lowest is None or highest is None or scale.low >= scale.high:
        return []  # no scores; an empty scale is the form's to refuse
    if lowest < scale.low or highest > scale.high:
        return [ScoresOffScale(lowest=lowest, highest=highest)]
    return []


def _apply_parties(row: models.Case, changes: Sequence[PartyChange]) -> list[Problem]:
    existing = {party.pk: party for party in row.parties.all()}
    problems: list[Problem] = []
    keys = [party.key for party in existing.values()]
    position = max((party.position for party in existing.values()), default=-1)
    for change in changes:
        if change.pk is None:
            if change.remove:
                continue
            position += 1
            key = party_key(change.name, keys)
            keys.append(key)
            models.Party.objects.create(
                case=row,
                key=key,
                name=change.name,
                role=change.role,
                side=change.side,
                position=position,
            )
            continue
        party = existing.get(change.pk)
        if party is None:
            problems.append(UnknownRow("party"))
        elif change.remove:
            problems.extend(_remove_party(row, party))
        else:
            models.Party.objects.filter(pk=party.pk).update(
                name=change.name, role=change.role, side=change.side
            )
    count = models.Party.objects.filter(case=row).count()
    if count < 2:
        problems.append(TooFewParties(count))
    return problems


def _remove_party(row: models.Case, party: models.Party) -> list[Problem]:
    raters = tuple(models.Rater.objects.filter(party=party).values_list("name", flat=True))
    ratings = models.Rating.objects.filter(subject=party).count()
    differences = models.Difference.objects.filter(Q(party_a=party) | Q(party_b=party)).count()
    interviews = models.Interview.objects.filter(Q(about=party) | Q(party=party)).count()
    agenda_items = models.AgendaItem.objects.filter(Q(party_a=party) | Q(party_b=party)).count()
    if raters or ratings or differences or interviews or agenda_items:
        return [
            PartyInUse(
                name=party.name,
                raters=raters,
                ratings=ratings,
                differences=differences,
                interviews=interviews,
                agenda_items=agenda_items,
            )
        ]
    party.delete()
    return []


def _apply_factors(row: models.Case, changes: Sequence[FactorChange]) -> list[Problem]:
    """Check every change first, then write: deletions, renames, texts, new ones."""
    existing = {factor.pk: factor for factor in row.own_factors.all()}
    framework_keys = {factor.key for factor in load_framework(row.framework_ref).factors}
    problems: list[Problem] = []
    kept: dict[int, FactorChange] = {}
    removed: list[models.CaseFactor] = []
    added: list[FactorChange] = []
    for change in changes:
        factor = existing.get(change.pk) if change.pk is not None else None
        if change.pk is not None and factor is None:
            problems.append(UnknownRow("factor"))
        elif factor is not None and change.remove:
            problems.extend(_factor_in_use(row, factor.key))
            removed.append(factor)
        elif factor is not None:
            kept[factor.pk] = change
        elif not change.remove:
            added.append(change)
    gone = {factor.pk for factor in removed}
    keys = [kept[pk].key if pk in kept else factor.key for pk, factor in existing.items()]
    keys = [key for pk, key in zip(existing, keys, strict=True) if pk not in gone]
    keys += [change.key for change in added]
    problems.extend(
        FactorKeyTaken(key, by_framework=key in framework_keys)
        for key in sorted(set(keys))
        if key in framework_keys or keys.count(key) > 1
    )
    if problems:
        return problems
    for factor in removed:
        factor.delete()
    _rename_factors(row, [(existing[pk], change.key) for pk, change in kept.items()])
    for pk, change in kept.items():
        data = {**existing[pk].data, **_factor_data(change)}
        models.CaseFactor.objects.filter(pk=pk).update(data=data)
    position = max((factor.position for factor in existing.values()), default=-1)
    for offset, change in enumerate(added, start=1):
        models.CaseFactor.objects.create(
            case=row, key=change.key, data=_factor_data(change), position=position + offset
        )
    return []


def _factor_data(change: FactorChange) -> dict[str, object]:
    return {
        "key": change.key,
        "name": _text(change.name),
        "left": _text(change.left),
        "right": _text(change.right),
    }


def _factor_in_use(row: models.Case, key: str) -> list[Problem]:
    ratings = models.Rating.objects.filter(case=row, factor=key).count()
    differences = models.Difference.objects.filter(case=row, factor=key).count()
    return [FactorInUse(key, ratings, differences)] if ratings or differences else []


def _rename_factors(row: models.Case, renames: list[tuple[models.CaseFactor, str]]) -> None:
    """Give the factors, their ratings and register entries the new keys. Through
    temporary keys, so that two factors may swap keys without meeting on the way."""
    renames = [(factor, new) for factor, new in renames if new != factor.key]
    for factor, _new in renames:
        _rekey(row, factor, factor.key, f"renaming-{factor.pk}-")
    for factor, new in renames:
        _rekey(row, factor, f"renaming-{factor.pk}-", new)


def _rekey(row: models.Case, factor: models.CaseFactor, old: str, new: str) -> None:
    # A temporary key ends in "-", which no factor key may (``^[a-z][a-z0-9_]*$``).
    models.CaseFactor.objects.filter(pk=factor.pk).update(key=new)
    models.Rating.objects.filter(case=row, factor=old).update(factor=new)
    models.Difference.objects.filter(case=row, factor=old).update(factor=new)
    models.AgendaItem.objects.filter(agenda__case=row, factor=old).update(factor=new)


def _file_problems(row: models.Case) -> list[Problem]:
    """Whether the edited case still reads back as a valid case file: downloads
    and the analysis rely on it, so the CLI's checks have the last word."""
    fresh = models.Case.objects.get(pk=row.pk)
    try:
        # With its agenda: an item about a removed factor would make the download invalid.
        parse_case(dump_case_json(load_with_agenda(fresh)).encode("utf-8"), "case.json")
    except InputError as error:
        return [InvalidCase(error)]
    return []


def _text(text: domain.Text) -> dict[str, str]:
    return {"nl": text.nl, "en": text.en}
