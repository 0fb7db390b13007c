"""Reading stored cases for the analysis, fast: one query per table, tuples not rows.

``kloof.storage.mapping.case_to_domain`` builds a Django model instance for every
rating before it becomes a domain object; on a case with a thousand ratings that
is most of a dashboard's time. ``load_case`` builds the same domain ``Case``
straight from ``values_list`` tuples (a test holds it equal to ``case_to_domain``);
``load_cases`` does it for many cases at once (the case list) in the same six
queries, however many cases there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from kloof.domain import model as domain
from kloof.formats.errors import InputError
from kloof.formats.framework import load_framework, parse_factor
from kloof.storage import models

RATING_COLUMNS = ("rater_id", "subject_id", "factor", "score", "confidence", "source", "note")
DIFFERENCE_COLUMNS = ("pk", "factor", "party_a_id", "party_b_id", "status", "blocking", "reason")


def load_case(case_row: models.Case) -> domain.Case:
    """The domain case stored in ``case_row``: six queries whatever its size.

    Raises :class:`InputError` when its framework or one of its own factors can
    no longer be read."""
    loaded = load_cases([case_row])[case_row.pk]
    if isinstance(loaded, InputError):
        raise loaded
    return loaded


def load_cases(case_rows: Iterable[models.Case]) -> dict[int, domain.Case | InputError]:
    """The domain case of every row by case id, in six queries for all of them.

    A case that cannot be built (its framework is gone, an own factor no longer
    parses) maps to the :class:`InputError` saying why, so one bad case does not
    hide the others."""
    rows = {row.pk: row for row in case_rows}
    ids = list(rows)
    tables = _Tables(ids)
    result: dict[int, domain.Case | InputError] = {}
    for pk, row in rows.items():
        try:
            result[pk] = tables.case(row)
        except InputError as error:
            result[pk] = error
    return result


class _Tables:
    """The rows of every table below the given cases, grouped by case id."""

    def __init__(self, ids: list[int]) -> None:
        self.own_factors = _grouped(
            models.CaseFactor.objects.filter(case_id__in=ids).values_list("case_id", "data")
        )
        self.parties = _grouped(
            models.Party.objects.filter(case_id__in=ids).values_list(
                "case_id", "pk", "key", "name", "role", "side"
            )
        )
        self.raters = _grouped(
            models.Rater.objects.filter(case_id__in=ids).values_list(
                "case_id", "pk", "key", "name", "party_id"
            )
        )
        self.ratings = _grouped(
            models.Rating.objects.filter(case_id__in=ids)
            .order_by("id")
            .values_list("case_id", *RATING_COLUMNS)
        )
        self.differences = _grouped(
            models.Difference.objects.filter(case_id__in=ids).values_list(
                "case_id", *DIFFERENCE_COLUMNS, "note"
            )
        )
        self.actions: dict[int, list[domain.Action]] = defaultdict(list)
        for difference_id, text, owner, due, done in models.Action.objects.filter(
            difference__case_id__in=ids
        ).values_list("difference_id", "text", "owner", "due", "done"):
            self.actions[difference_id].append(
                domain.Action(text=text, owner=owner, due=due, done=done)
            )

    def case(self, case_row: models.Case) -> domain.Case:
        pk = case_row.pk
        framework = load_framework(case_row.framework_ref)
        own_factors = tuple(
            parse_factor(data, defaults=framework.thresholds, custom=True, where=("factors", index))
            for index, (data,) in enumerate(self.own_factors.get(pk, ()))
        )
        party_rows = self.parties.get(pk, [])
        party_keys = {party_pk: key for party_pk, key, *_rest in party_rows}
        rater_rows = self.raters.get(pk, [])
        rater_keys = {rater_pk: key for rater_pk, key, *_rest in rater_rows}
        return domain.Case(
            title=case_row.title,
            framework=framework,
            parties=tuple(
                domain.Party(id=key, name=name, role=role, side=side)
                for _pk, key, name, role, side in party_rows
            ),
            factors=framework.factors + own_factors,
            raters=tuple(
                domain.Rater(id=key, name=name, party=party_keys[party])
                for _pk, key, name, party in rater_rows
            ),
            ratings=tuple(
                domain.Rating(
                    rater=rater_keys[rater],
                    subject=party_keys[subject],
                    factor=factor,
                    score=score,
                    confidence=confidence,
                    source=source,
                    note=note,
                )
                for rater, subject, factor, score, confidence, source, note in self.ratings.get(
                    pk, ()
                )
            ),
            differences=tuple(
                domain.Difference(
                    factor=factor,
                    parties=(party_keys[first], party_keys[second]),
                    status=status,
                    blocking=blocking,
                    reason=reason,
                    note=note,
                    actions=tuple(self.actions.get(difference_pk, ())),
                )
                for difference_pk, factor, first, second, status, blocking, reason, note in (
                    self.differences.get(pk, ())
                )
            ),
            scale=domain.Scale(low=case_row.scale_min, high=case_row.scale_max),
            language=case_row.language,
            date=case_row.date,
            framework_ref=case_row.framework_ref,
            description=case_row.description,
        )


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Tuples whose first item is a case id, by case id (the id dropped), in order."""
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for case_id, *rest in rows:
        grouped[case_id].append(tuple(rest))
    return grouped
