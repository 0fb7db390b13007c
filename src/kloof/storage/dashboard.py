"""Reading stored cases for the analysis, fast: one query per table, tuples not rows.

``kloof.storage.mapping.case_to_domain`` builds a Django model instance for every
rating before it becomes a domain object; on a case with a thousand ratings that
is most of a dashboard's time. ``load_case`` builds the same domain ``Case``
straight from ``values_list`` tuples (a test holds it equal to ``case_to_domain``);
``load_cases`` does it for many cases at once (the case list) in the same six
queries, however many cases there are.

A case whose respondents were promised anonymity is loaded as the team may see
it (:func:`kloof.storage.anonymity.anonymise`): respondents without names, and
groups of respondents below the case's minimum size left out. Every display and
export goes through here, so the promise is kept in one place.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection

from kloof.domain import model as domain
from kloof.formats.errors import InputError
from kloof.formats.framework import load_framework, parse_factor
from kloof.storage import models
from kloof.storage.anonymity import Group, anonymise, groups_of, salt_of

RATING_COLUMNS = ("rater_id", "subject_id", "factor", "score", "confidence", "source", "note")
DIFFERENCE_COLUMNS = (
    "pk",
    "kind",
    "factor",
    "party_a_id",
    "party_b_id",
    "status",
    "blocking",
    "reason",
)


@dataclass(frozen=True)
class LoadedCase:
    """A case as the team may see it, and where its respondents are."""

    case: domain.Case
    #: The ids of ``case.raters`` that respondent links made.
    respondents: frozenset[str]
    #: The groups of respondents (party about subject), those held back by the
    #: anonymity promise too (``needed`` > 0); none held back without the promise.
    groups: tuple[Group, ...]


def load_case(case_row: models.Case) -> domain.Case:
    """The domain case stored in ``case_row``: six queries whatever its size.

    Raises :class:`InputError` when its framework or one of its own factors can
    no longer be read."""
    return load_case_view(case_row).case


def load_case_view(case_row: models.Case) -> LoadedCase:
    """:func:`load_case` with where its respondents are (same queries)."""
    loaded = _load([case_row])[case_row.pk]
    if isinstance(loaded, InputError):
        raise loaded
    return loaded


def load_cases(case_rows: Iterable[models.Case]) -> dict[int, domain.Case | InputError]:
    """The domain case of every row by case id, in six queries for all of them.

    A case that cannot be built (its framework is gone, an own factor no longer
    parses) maps to the :class:`InputError` saying why, so one bad case does not
    hide the others."""
    return {
        pk: loaded if isinstance(loaded, InputError) else loaded.case
        for pk, loaded in _load(case_rows).items()
    }


def _load(case_rows: Iterable[models.Case]) -> dict[int, LoadedCase | InputError]:
    rows = {row.pk: row for row in case_rows}
    ids = list(rows)
    tables = _Tables(ids)
    result: dict[int, LoadedCase | InputError] = {}
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
                "case_id", "pk", "key", "name", "party_id", "respondent_link__id"
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

    def case(self, case_row: models.Case) -> LoadedCase:
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
        case = self._domain_case(case_row, framework, own_factors, party_keys, rater_keys)
        respondents = {key for _pk, key, _name, _party, link in rater_rows if link is not None}
        if not case_row.anonymous:
            return LoadedCase(case, frozenset(respondents), groups_of(case, respondents, 0))
        shown = anonymise(case, respondents, case_row.min_group, salt_of(case_row))
        team = {rater.id for rater in case.raters if rater.id not in respondents}
        neutral = frozenset(rater.id for rater in shown.case.raters if rater.id not in team)
        return LoadedCase(shown.case, neutral, shown.groups)

    def _domain_case(
        self,
        case_row: models.Case,
        framework: Any,
        own_factors: tuple[Any, ...],
        party_keys: dict[int, str],
        rater_keys: dict[int, str],
    ) -> domain.Case:
        pk = case_row.pk
        party_rows = self.parties.get(pk, [])
        rater_rows = self.raters.get(pk, [])
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
                for _pk, key, name, party, _link in rater_rows
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
                    kind=kind,
                    factor=factor,
                    parties=(party_keys[first], party_keys[second]),
                    status=status,
                    blocking=blocking,
                    reason=reason,
                    note=note,
                    actions=tuple(self.actions.get(difference_pk, ())),
                )
                for difference_pk, kind, factor, first, second, status, blocking, reason, note in (
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


def dashboard_fingerprint(case_row: models.Case) -> str:
    """A short hash that changes whenever anything the dashboard shows changes.

    One query, however big the case. For every table below the case it counts
    the rows and takes their highest id, latest ``updated`` and sum of versions:
    an insert raises the count or the highest id, a delete lowers the count, an
    update raises ``updated`` or a version. Parties, raters and own factors have
    no ``updated`` column and are renamed by plain UPDATEs, so their few rows are
    read in full. The case row itself was loaded by the access check: its fields
    go in as they are."""
    sql = _fingerprint_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [case_row.pk] * sql.count("%s"))
        rows = sorted(cursor.fetchall(), key=repr)
    case_fields = tuple(getattr(case_row, name) for name in CASE_FIELDS)
    text = repr((case_fields, rows))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: The fields of the case row the dashboard shows or depends on.
CASE_FIELDS = (
    "pk",
    "version",
    "updated",
    "title",
    "description",
    "date",
    "language",
    "framework_ref",
    "scale_min",
    "scale_max",
    "archived",
    # The promise to respondents changes who and what the dashboard shows.
    "anonymous",
    "min_group",
    "round_closed",
)


def _table(model: type[Any]) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


# The SQL below is built from our own models' table names only; the case id is
# always a parameter.
@cache
def _fingerprint_sql() -> str:
    """The query of :func:`dashboard_fingerprint`: a UNION of one row of
    aggregates per table and the rows of the small tables, in seven columns
    (table names are quoted per database, so it is built on first use)."""
    differences = f"SELECT id FROM {_table(models.Difference)} WHERE case_id = %s"  # noqa: S608
    notes = f"SELECT id FROM {_table(models.EvidenceNote)} WHERE case_id = %s"  # noqa: S608
    links = f"SELECT id FROM {_table(models.RespondentLink)} WHERE case_id = %s"  # noqa: S608
    below_case = (
        (models.Rating, "case_id = %s"),
        (models.Difference, "case_id = %s"),
        (models.Action, f"difference_id IN ({differences})"),
        (models.EvidenceNote, "case_id = %s"),
        # The links between notes and ratings: a new link is a new row, a new id.
        (models.EvidenceNote.supports.through, f"evidencenote_id IN ({notes})"),
        # Every command logs its change: one more guard against a missed path.
        (models.ChangeLog, "case_id = %s"),
        # Respondents' links and submissions (their answers are ratings too).
        (models.RespondentLink, "case_id = %s"),
        (models.Submission, f"link_id IN ({links})"),
    )
    selects = []
    for model, where in below_case:
        names = {field.name for field in model._meta.fields}
        updated = "CAST(MAX(updated) AS TEXT)" if "updated" in names else "NULL"
        versions = "CAST(SUM(version) AS TEXT)" if "version" in names else "NULL"
        selects.append(
            f"SELECT '{model._meta.db_table}', COUNT(*), MAX(id), {updated}, {versions},"  # noqa: S608
            f" NULL, NULL FROM {_table(model)} WHERE {where}"
        )
    party, rater, factor = _table(models.Party), _table(models.Rater), _table(models.CaseFactor)
    selects += [
        f"SELECT 'party', id, position, key, name, role, side FROM {party}"  # noqa: S608
        " WHERE case_id = %s",
        f"SELECT 'rater', id, position, key, name, CAST(party_id AS TEXT), NULL FROM {rater}"  # noqa: S608
        " WHERE case_id = %s",
        f"SELECT 'factor', id, position, key, CAST(data AS TEXT), NULL, NULL FROM {factor}"  # noqa: S608
        " WHERE case_id = %s",
    ]
    return " UNION ALL ".join(selects)
