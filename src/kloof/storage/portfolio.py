"""The portfolio of a workspace: every relationship (with its latest case) and
every open case without one, read from the stored summaries.

Nothing is analysed here: the figures come from ``CaseSummary`` (kept on write,
:mod:`kloof.storage.summaries`) in two queries, the factor and severity filters
are an ``EXISTS`` on ``CaseFactorSummary``, and only the rows of the page shown
get their blocking factors (one more query). The due date is plain date
arithmetic per row (:func:`kloof.domain.cadence.review_due`), so the status
filters, the sort and the paging run on a few thousand small tuples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from kloof.domain.cadence import Due, review_due
from kloof.domain.model import PERCEPTION, POSITION, Severity
from kloof.storage.models import Case, CaseFactorSummary, Relationship, Workspace

__all__ = [
    "PAGE_SIZE",
    "SORTS",
    "STATUSES",
    "Filters",
    "Page",
    "Row",
    "factor_cells",
    "portfolio",
    "severities_from",
]

PAGE_SIZE = 50
#: The statuses of the cadence a filter may ask for.
STATUSES = ("overdue", "due", "due_soon", "scheduled", "no_review")
#: The columns the table sorts by.
SORTS = ("name", "owner", "last_review", "next_due", "toughness", "blocking", "open_actions")
#: Severities from the mildest known up: a filter on one takes it and the worse ones.
_LEVELS = (Severity.ALIGNED, Severity.NUANCE, Severity.SIGNIFICANT, Severity.BLOCKING)


def severities_from(severity: str) -> tuple[str, ...]:
    """The severity keys a filter on ``severity`` matches: it and the worse ones
    (``unknown`` only itself)."""
    if severity == Severity.UNKNOWN.value:
        return (severity,)
    keys = [item.value for item in _LEVELS]
    return tuple(keys[keys.index(severity) :])


@dataclass(frozen=True)
class Filters:
    owner: int | None = None  # a user id
    status: str | None = None  # one of STATUSES
    due_within: int | None = None  # days from today, overdue included
    factor: str | None = None
    severity: str | None = None
    sort: str = "next_due"
    descending: bool = False
    page: int = 1


@dataclass(frozen=True)
class Row:
    """One line: a relationship (``relationship_id`` set) or a case of none."""

    name: str
    relationship_id: int | None
    owner_id: int | None
    owner: str
    case_id: int | None  # the latest case; None for a relationship without one
    case_title: str
    last_review: date | None
    due: Due | None  # None for a case without relationship
    toughness: float | None
    blocking_positions: int
    blocking_perceptions: int
    open_actions: int
    #: (factor key, kind) of every blocking factor, for the rows of the page.
    blocking: tuple[tuple[str, str], ...] = ()

    @property
    def blocking_count(self) -> int:
        return self.blocking_positions + self.blocking_perceptions


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    count: int  # rows that pass the filters
    total: int  # rows before filtering
    number: int
    pages: int
    per_page: int = PAGE_SIZE
    #: Per case id of ``rows``: factor key to (position, perception).
    cells: dict[int, dict[str, tuple[str, str]]] = field(default_factory=dict)


_SUMMARY = (
    "summary__toughness",
    "summary__blocking_positions",
    "summary__blocking_perceptions",
    "summary__open_actions",
)


def _latest_cases(workspace: Workspace) -> dict[int, date | None]:
    """Each relationship's latest open case (the latest date, undated ones
    before dated ones, then the newest) by case id, with the relationship's last
    review date. From one light query of (relationship, date, id): picking the
    latest in Python is faster on SQLite than a window function, and as fast on
    PostgreSQL. The dates come as ISO text (which sorts as the dates do): ten
    thousand of them need no conversion, only the winners do."""
    found = (
        Case.objects.filter(workspace=workspace, archived=False, relationship__isnull=False)
        .order_by()
        .annotate(day=Cast("date", output_field=CharField()))
        .values_list("relationship_id", "day", "pk")
    )
    best: dict[int, tuple[str, int]] = {}
    for relationship, day, pk in found:
        key = (day or "", pk)
        if relationship not in best or key > best[relationship]:
            best[relationship] = key
    # The latest case has the latest date, so its date is the last review.
    return {pk: date.fromisoformat(day) if day else None for day, pk in best.values()}


def _factor_match(filters: Filters) -> Q | None:
    """An EXISTS on the case's factor summaries for the factor/severity filters."""
    if not filters.factor and not filters.severity:
        return None
    rows = CaseFactorSummary.objects.filter(case=OuterRef("pk"))
    if filters.factor:
        rows = rows.filter(factor=filters.factor)
    if filters.severity:
        keys = severities_from(filters.severity)
        rows = rows.filter(Q(position__in=keys) | Q(perception__in=keys))
    return Q(Exists(rows))


def _rows(workspace: Workspace, filters: Filters, today: date) -> tuple[list[Row], int]:
    """Every row passing the SQL filters (owner, factor, severity), and the count
    of all rows; statuses are applied by the caller."""
    latest = _latest_cases(workspace)
    loose = Case.objects.filter(workspace=workspace, archived=False, relationship__isnull=True)
    relationships = Relationship.objects.filter(workspace=workspace, archived=False)
    cases = [
        Case.objects.filter(pk__in=list(latest), relationship__archived=False),
        loose,
    ]
    total = loose.count() + relationships.count()
    match = _factor_match(filters)
    if match is not None:
        cases = [query.filter(match) for query in cases]
    if filters.owner is not None:
        cases = [query.filter(relationship__owner_id=filters.owner) for query in cases]
        relationships = relationships.filter(owner_id=filters.owner)
    columns = (
        "pk",
        "title",
        "date",
        "relationship_id",
        "relationship__name",
        "relationship__owner_id",
        "relationship__owner__email",
        "relationship__cadence_months",
        *_SUMMARY,
    )
    found = [item for query in cases for item in query.values_list(*columns)]
    rows = []
    for pk, title, when, rel, rel_name, owner_id, owner, cadence, *figures in found:
        toughness, positions, perceptions, actions = figures
        # The last review: the latest date among the relationship's open cases.
        last = latest.get(pk) if rel is not None else when
        rows.append(
            Row(
                name=rel_name if rel is not None else title,
                relationship_id=rel,
                owner_id=owner_id,
                owner=owner or "",
                case_id=pk,
                case_title=title,
                last_review=last,
                due=review_due(last, cadence, today) if rel is not None else None,
                toughness=toughness,
                blocking_positions=positions or 0,
                blocking_perceptions=perceptions or 0,
                open_actions=actions or 0,
            )
        )
    if match is None:
        rows.extend(_without_cases(relationships, today))
    return rows, total


def _without_cases(relationships: Any, today: date) -> list[Row]:
    """The relationships without an open case: their first review is due."""
    open_cases = Case.objects.filter(relationship=OuterRef("pk"), archived=False)
    found = relationships.filter(~Exists(open_cases)).values_list(
        "pk", "name", "owner_id", "owner__email", "cadence_months"
    )
    return [
        Row(
            name=name,
            relationship_id=pk,
            owner_id=owner_id,
            owner=owner or "",
            case_id=None,
            case_title="",
            last_review=None,
            due=review_due(None, cadence, today),
            toughness=None,
            blocking_positions=0,
            blocking_perceptions=0,
            open_actions=0,
        )
        for pk, name, owner_id, owner, cadence in found
    ]


def _passes(row: Row, filters: Filters) -> bool:
    if filters.status and (row.due is None or row.due.status != filters.status):
        return False
    return not (
        filters.due_within is not None and (row.due is None or row.due.days > filters.due_within)
    )


def _sort_key(sort: str) -> Any:
    def key(row: Row) -> tuple[Any, ...]:
        value: Any = {
            "name": row.name.casefold(),
            "owner": row.owner.casefold(),
            "last_review": row.last_review,
            "next_due": row.due.date if row.due else None,
            "toughness": row.toughness,
            "blocking": row.blocking_count,
            "open_actions": row.open_actions,
        }[sort]
        return (value is None, value if value is not None else 0, row.name.casefold())

    return key


def _ordered(rows: list[Row], sort: str, descending: bool) -> list[Row]:
    """Sorted by ``sort``; rows without a value last, either way, by name."""
    key = _sort_key(sort)
    keyed = [(key(row), row) for row in rows]
    known = [(k, row) for k, row in keyed if not k[0]]
    unknown = [(k, row) for k, row in keyed if k[0]]
    known.sort(key=lambda item: item[0], reverse=descending)
    unknown.sort(key=lambda item: item[0][2])
    return [row for _k, row in known] + [row for _k, row in unknown]


def portfolio(
    workspace: Workspace,
    filters: Filters,
    today: date,
    *,
    per_page: int | None = PAGE_SIZE,
    offset: int | None = None,
) -> Page:
    """One page of the portfolio (all rows when ``per_page`` is None); with
    ``offset``, the ``per_page`` rows after it instead of page ``filters.page``."""
    rows, total = _rows(workspace, filters, today)
    rows = _ordered(
        [row for row in rows if _passes(row, filters)], filters.sort, filters.descending
    )
    count = len(rows)
    size = per_page or max(count, 1)
    pages = max(1, -(-count // size))
    number = min(max(filters.page, 1), pages)
    start = (number - 1) * size if offset is None else offset
    shown = rows[start : start + size]
    cells = factor_cells([row.case_id for row in shown if row.case_id is not None])
    shown = [replace(row, blocking=_blocking(cells.get(row.case_id or 0, {}))) for row in shown]
    return Page(shown, count, total, number, pages, size, cells)


def factor_cells(case_ids: Sequence[int]) -> dict[int, dict[str, tuple[str, str]]]:
    """Per case: factor key to its (position, perception) severities; one query."""
    cells: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    found = CaseFactorSummary.objects.filter(case_id__in=list(case_ids)).values_list(
        "case_id", "factor", "position", "perception"
    )
    for case_id, factor, position, perception in found.order_by("case_id", "id"):
        cells[case_id][factor] = (position, perception)
    return dict(cells)


def _blocking(cells: dict[str, tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    blocking = Severity.BLOCKING.value
    found = [(key, POSITION) for key, (position, _p) in cells.items() if position == blocking]
    found += [
        (key, PERCEPTION) for key, (_p, perception) in cells.items() if perception == blocking
    ]
    return tuple(found)


def factor_names(workspace: Workspace, language: str) -> dict[str, str]:
    """The factors the filters and the heat map offer, key to name: the built-in
    framework's, then the workspace's own factors (their first name wins)."""
    from kloof.formats.framework import load_framework
    from kloof.storage.cases import DEFAULT_FRAMEWORK
    from kloof.storage.models import CaseFactor

    names = {
        factor.key: factor.name.get(language)
        for factor in load_framework(DEFAULT_FRAMEWORK).factors
    }
    own = CaseFactor.objects.filter(case__workspace=workspace).order_by("key", "id")
    for key, data in own.values_list("key", "data"):
        name = data.get("name") if isinstance(data, dict) else None
        text = name.get(language) or name.get("en") if isinstance(name, dict) else None
        names.setdefault(key, str(text or key))
    return names


def owners(workspace: Workspace) -> list[tuple[int, str]]:
    """The workspace's members as owner choices: (user id, email), by email."""
    from kloof.storage.models import Membership

    found = Membership.objects.filter(workspace=workspace).values_list("user_id", "user__email")
    return sorted(((pk, email or str(pk)) for pk, email in found), key=lambda item: item[1])
