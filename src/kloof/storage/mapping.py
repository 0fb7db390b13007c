"""Between database rows and domain objects.

``case_from_domain`` stores a validated :class:`kloof.domain.model.Case`;
``case_to_domain`` builds it back, so that the analysis of the stored case is the
analysis of the original. The framework is not stored: the case row keeps its
reference (a built-in name such as ``hopmans-9``) and it is loaded again.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from kloof.domain import model as domain
from kloof.formats.casewrite import factor_to_data
from kloof.formats.framework import load_framework, parse_factor
from kloof.storage import models
from kloof.storage.agenda_mapping import store_agenda
from kloof.storage.summaries import kept, mark_changed


def case_to_domain(case_row: models.Case) -> domain.Case:
    """The domain case stored in ``case_row``, with its framework loaded.

    Uses what the caller prefetched (``prefetch_related("differences__actions")``
    and the like) and fetches only the rest. To read many cases, or a large one,
    :func:`kloof.storage.dashboard.load_cases` is faster (tuples, not rows).
    """
    prefetch_related_objects([case_row], "differences__actions")
    framework = load_framework(case_row.framework_ref)
    own_factors = tuple(
        parse_factor(row.data, defaults=framework.thresholds, custom=True, where=("factors", index))
        for index, row in enumerate(case_row.own_factors.all())
    )
    parties = {row.pk: row for row in case_row.parties.all()}
    raters = {row.pk: row for row in case_row.raters.all()}
    return domain.Case(
        title=case_row.title,
        framework=framework,
        parties=tuple(_party(row) for row in parties.values()),
        factors=framework.factors + own_factors,
        raters=tuple(
            domain.Rater(id=row.key, name=row.name, party=parties[row.party_id].key)
            for row in raters.values()
        ),
        ratings=tuple(
            _rating(row, raters[row.rater_id].key, parties[row.subject_id].key)
            for row in case_row.ratings.all()
        ),
        differences=tuple(_difference(row, parties) for row in case_row.differences.all()),
        scale=domain.Scale(low=case_row.scale_min, high=case_row.scale_max),
        language=case_row.language,
        date=case_row.date,
        framework_ref=case_row.framework_ref,
        description=case_row.description,
    )


@kept
def case_from_domain(workspace: models.Workspace, case: domain.Case) -> models.Case:
    """Store ``case`` as a new case of ``workspace``: all of it, or nothing."""
    row = models.Case.objects.create(
        workspace=workspace,
        title=case.title,
        description=case.description,
        date=case.date,
        language=case.language,
        framework_ref=case.framework_ref or case.framework.name,
        scale_min=case.scale.low,
        scale_max=case.scale.high,
    )
    custom = [factor for factor in case.factors if factor.custom]
    models.CaseFactor.objects.bulk_create(
        models.CaseFactor(case=row, key=factor.key, data=factor_to_data(factor), position=index)
        for index, factor in enumerate(custom)
    )
    parties = _store_parties(row, case.parties)
    raters = _store_raters(row, case.raters, parties)
    models.Rating.objects.bulk_create(
        _rating_row(row, rating, raters, parties) for rating in case.ratings
    )
    for index, difference in enumerate(case.differences):
        _store_difference(row, index, difference, parties)
    if case.interviews:
        from kloof.storage.interviews import store_interviews

        store_interviews(row, case.interviews)
    store_agenda(row, case.agenda, parties)
    mark_changed(row.pk)
    return row


def _party(row: models.Party) -> domain.Party:
    return domain.Party(id=row.key, name=row.name, role=row.role, side=row.side)


def _rating(row: models.Rating, rater: str, subject: str) -> domain.Rating:
    return domain.Rating(
        rater=rater,
        subject=subject,
        factor=row.factor,
        score=row.score,
        confidence=row.confidence,
        source=row.source,
        note=row.note,
    )


def _difference(row: models.Difference, parties: dict[int, models.Party]) -> domain.Difference:
    return domain.Difference(
        kind=row.kind,
        factor=row.factor,
        parties=(parties[row.party_a_id].key, parties[row.party_b_id].key),
        status=row.status,
        blocking=row.blocking,
        reason=row.reason,
        note=row.note,
        actions=tuple(
            domain.Action(text=item.text, owner=item.owner, due=item.due, done=item.done)
            for item in row.actions.all()
        ),
    )


def _store_parties(row: models.Case, parties: tuple[domain.Party, ...]) -> dict[str, models.Party]:
    stored = {}
    for index, party in enumerate(parties):
        stored[party.id] = models.Party.objects.create(
            case=row,
            key=party.id,
            name=party.name,
            role=party.role,
            side=party.side,
            position=index,
        )
    return stored


def _store_raters(
    row: models.Case, raters: tuple[domain.Rater, ...], parties: dict[str, models.Party]
) -> dict[str, models.Rater]:
    stored = {}
    for index, rater in enumerate(raters):
        stored[rater.id] = models.Rater.objects.create(
            case=row, key=rater.id, name=rater.name, party=parties[rater.party], position=index
        )
    return stored


def _rating_row(
    row: models.Case,
    rating: domain.Rating,
    raters: dict[str, models.Rater],
    parties: dict[str, models.Party],
) -> models.Rating:
    return models.Rating(
        case=row,
        rater=raters[rating.rater],
        subject=parties[rating.subject],
        factor=rating.factor,
        score=rating.score,
        confidence=rating.confidence,
        source=rating.source,
        note=rating.note,
    )


def _store_difference(
    row: models.Case, index: int, difference: domain.Difference, parties: dict[str, models.Party]
) -> None:
    first, second = difference.parties
    stored = models.Difference.objects.create(
        case=row,
        kind=difference.kind,
        factor=difference.factor,
        party_a=parties[first],
        party_b=parties[second],
        status=difference.status,
        blocking=difference.blocking,
        reason=difference.reason,
        note=difference.note,
        position=index,
    )
    models.Action.objects.bulk_create(
        models.Action(
            difference=stored,
            text=action.text,
            owner=action.owner,
            due=action.due,
            done=action.done,
            position=position,
        )
        for position, action in enumerate(difference.actions)
    )
