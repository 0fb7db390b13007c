"""The portfolio's per-case summaries, kept up to date on write.

:func:`refresh_summary` analyses one case (as the dashboard does: the case as the
team may see it) and writes its ``CaseSummary`` and ``CaseFactorSummary`` rows.
Storage commands do not call it one by one. The places every change of a case
already passes through mark the case (:func:`mark_changed`): the history
(``record_change``), ``rating.touch``, case creation, editing and archiving. The
marked cases are refreshed once, at the end of the outermost :func:`keeping`
block, inside its transaction; a mark outside any such block refreshes at
once. So a command of many steps (an import, a meeting outcome that sets a
status and adds an action) analyses the case once, after its last write, and a
summary is never committed without the change that made it, nor the other way
round.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Q

from kloof.domain.analysis import analyse
from kloof.domain.portfolio import CaseFigures, case_figures
from kloof.formats.errors import InputError
from kloof.storage.models import Action, Case, CaseFactorSummary, CaseSummary

__all__ = [
    "NOT_ANALYSED",
    "figures_of",
    "keeping",
    "kept",
    "mark_changed",
    "rebuild",
    "refresh_summary",
]

#: The history's ``model`` of changes the analysis does not read: evidence
#: notes, interviews and their answers, the respondents' round, agenda links.
NOT_ANALYSED = frozenset({"evidence", "interview", "interview_answer", "round", "agenda_link"})

_local = threading.local()
Function = TypeVar("Function", bound=Callable[..., Any])


def _pending() -> set[int] | None:
    return getattr(_local, "pending", None)


@contextmanager
def keeping() -> Iterator[None]:
    """A transaction whose changed cases get their summaries refreshed at its end
    (the outermost block refreshes; inner ones only collect)."""
    outer = _pending() is None
    if outer:
        _local.pending = set()
    try:
        with transaction.atomic():
            yield
            if outer:
                _flush()
    finally:
        if outer:
            _local.pending = None


def kept(function: Function) -> Function:
    """Decorate a storage command: :func:`keeping` around it."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with keeping():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def mark_changed(case_id: int) -> None:
    """Say that a change of the case may alter its summary."""
    pending = _pending()
    if pending is None:
        with transaction.atomic():
            refresh_summary(case_id)
    else:
        pending.add(case_id)


def _flush() -> None:
    pending = _pending()
    while pending:
        refresh_summary(pending.pop())


def open_actions(case_id: int) -> int:
    """Actions not done: the register's and those agreed on agenda items
    outside the factors (the case list's "next action" counts both)."""
    return Action.objects.filter(
        Q(difference__case_id=case_id)
        | Q(difference__isnull=True, agenda_item__agenda__case_id=case_id),
        done=False,
    ).count()


def figures_of(row: Case) -> CaseFigures:
    """A fresh analysis of the stored case, as figures (empty ones when the
    case cannot be read: its framework is gone)."""
    # Here, not at the top: the history imports this module, and the loader
    # imports modules that write history.
    from kloof.storage.dashboard import load_case

    try:
        case = load_case(row)
    except InputError:
        return CaseFigures(open_actions=open_actions(row.pk))
    return case_figures(analyse(case), open_actions(row.pk))


def refresh_summary(case_id: int) -> CaseFigures | None:
    """Analyse the case and store its summary (None: the case is gone)."""
    # Locked (PostgreSQL): of two changes of one case at the same moment, the
    # second analyses after the first committed, so the last summary sees both.
    row = Case.objects.select_for_update(no_key=True).filter(pk=case_id).first()
    if row is None:
        return None
    figures = figures_of(row)
    CaseSummary.objects.update_or_create(
        case_id=case_id,
        defaults={
            "toughness": figures.toughness,
            "blocking_positions": figures.blocking_positions,
            "blocking_perceptions": figures.blocking_perceptions,
            "significant": figures.significant,
            "unknown": figures.unknown,
            "open_actions": figures.open_actions,
            "ratings": figures.ratings,
            "factors": figures.factors_data(),
        },
    )
    CaseFactorSummary.objects.filter(case_id=case_id).delete()
    CaseFactorSummary.objects.bulk_create(
        CaseFactorSummary(
            case_id=case_id, factor=key, position=item.position, perception=item.perception
        )
        for key, item in figures.factors.items()
    )
    return figures


#: Cases per transaction when rebuilding: a crash loses at most one batch.
BATCH = 200


def missing_case_ids() -> list[int]:
    """The cases that have no summary yet (stored before summaries were kept)."""
    return list(
        Case.objects.filter(summary__isnull=True).order_by("pk").values_list("pk", flat=True)
    )


def rebuild(case_ids: Iterable[int] | None = None, batch: int = BATCH) -> int:
    """Refresh the summaries of the given cases (all when None), ``batch`` per
    transaction; the number refreshed."""
    if case_ids is None:
        case_ids = Case.objects.order_by("pk").values_list("pk", flat=True)
    ids = list(case_ids)
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            for case_id in ids[start : start + batch]:
                refresh_summary(case_id)
    return len(ids)
