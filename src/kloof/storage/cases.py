"""Queries and commands on cases (no HTTP here).

- The case list: :func:`case_summaries` analyses every case of a workspace on
  each call. Nothing derived is stored, so the list can never disagree with the
  dashboard; a workspace holds tens of cases, and one analysis costs about a
  millisecond (see the report of issue 3's cases area for the measurement).
- New cases: from scratch (:func:`blank_case`), from the template
  (:func:`template_case`) or from an uploaded file (:func:`read_upload`), stored
  with :func:`store_case`, all of it or nothing.
- Editing: :mod:`kloof.storage.cases_edit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from kloof.domain import model as domain
from kloof.domain.analysis import analyse
from kloof.domain.model import OTHER
from kloof.domain.results import Analysis
from kloof.formats.casefile import case_from_document, parse_case
from kloof.formats.errors import N_, InputError
from kloof.formats.framework import builtin_frameworks, load_framework
from kloof.formats.template import case_template
from kloof.formats.yamlsafe import parse_document
from kloof.storage import models
from kloof.storage.agenda_mapping import load_agenda
from kloof.storage.dashboard import load_case as load_whole_case
from kloof.storage.dashboard import load_cases
from kloof.storage.mapping import case_from_domain
from kloof.storage.summaries import kept, mark_changed

#: The framework of cases made in the browser.
DEFAULT_FRAMEWORK = "hopmans-9"
#: Longest party key made from a name (keys are ids in the case file).
PARTY_KEY_LENGTH = 40


# --- the list ---------------------------------------------------------------------


@dataclass(frozen=True)
class NextAction:
    """The first open action of a case's register: earliest due date first."""

    text: str
    due: date | None
    owner: str | None
    factor: str


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list. ``analysis`` is None when the stored case could
    not be analysed (its framework is gone); the list then still shows it."""

    row: models.Case
    parties: tuple[domain.Party, ...]
    analysis: Analysis | None
    blocking: int
    next_action: NextAction | None
    last_change: datetime
    #: The blocking differences by name, in the reader's language (set by the web).
    blocking_names: tuple[str, ...] = ()

    @property
    def toughness(self) -> float | None:
        return self.analysis.toughness if self.analysis else None

    @property
    def headline(self) -> tuple[domain.Party, domain.Party] | None:
        """The pair the toughness is about: the first two parties."""
        return (self.parties[0], self.parties[1]) if len(self.parties) >= 2 else None


def case_summaries(workspace: models.Workspace) -> list[CaseSummary]:
    """Every case of ``workspace``, analysed: active ones first, newest change first.

    A fixed number of queries however many cases: the cases, one per table below
    them (:func:`kloof.storage.dashboard.load_cases`) and two for the last changes.
    """
    rows = list(workspace.cases.select_related("relationship"))
    loaded = load_cases(rows)
    changes = _last_changes(rows)
    agreed = _agreed_outside_factors(rows)
    summaries = [
        summarise(row, loaded[row.pk], changes[row.pk], agreed.get(row.pk, ())) for row in rows
    ]
    summaries.sort(key=lambda item: item.last_change, reverse=True)
    summaries.sort(key=lambda item: item.row.archived)
    return summaries


def summarise(
    row: models.Case,
    case: domain.Case | InputError,
    last_change: datetime,
    agreed: Sequence[NextAction] = (),
) -> CaseSummary:
    """One line of the case list; ``agreed``: the open actions agreed on agenda
    items outside the factors (they have no register entry)."""
    if isinstance(case, InputError):
        parties = tuple(domain.Party(id=p.key, name=p.name) for p in row.parties.all())
        return CaseSummary(row, parties, None, 0, None, last_change)
    analysis = analyse(case)
    # Every blocking difference of every pair: position gaps and perception gaps.
    blocking = len(analysis.blocking_detail)
    return CaseSummary(
        row=row,
        parties=case.parties,
        analysis=analysis,
        blocking=blocking,
        next_action=next_action(case.differences, agreed),
        last_change=last_change,
    )


def next_action(
    differences: Iterable[domain.Difference], agreed: Sequence[NextAction] = ()
) -> NextAction | None:
    """The open action due first; actions without a due date come after dated ones.
    ``agreed`` adds open actions of agenda items outside the factors."""
    candidates = [
        NextAction(text=action.text, due=action.due, owner=action.owner, factor=entry.factor)
        for entry in differences
        for action in entry.actions
        if not action.done
    ]
    candidates.extend(agreed)
    if not candidates:
        return None
    return min(candidates, key=lambda item: (item.due is None, item.due or date.min))


def _agreed_outside_factors(rows: list[models.Case]) -> dict[int, list[NextAction]]:
    """Per case id, the open actions agreed on agenda items outside the factors
    (one query)."""
    found: dict[int, list[NextAction]] = {}
    actions = models.Action.objects.filter(
        agenda_item__agenda__case__in=rows,
        agenda_item__kind=OTHER,
        difference__isnull=True,
        done=False,
    ).values_list("agenda_item__agenda__case_id", "text", "due", "owner")
    for case_id, text, due, owner in actions:
        found.setdefault(case_id, []).append(NextAction(text=text, due=due, owner=owner, factor=""))
    return found


def _last_changes(rows: list[models.Case]) -> dict[int, datetime]:
    """Per case id, the latest of the case's own save, its ratings and its register
    entries (a rating saved does not touch the case row); two queries."""
    latest = {row.pk: row.updated for row in rows}
    for model in (models.Rating, models.Difference):
        moments = (
            model.objects.filter(case_id__in=latest)
            .values("case_id")
            .annotate(last=Max("updated"))
            .values_list("case_id", "last")
            .order_by()
        )
        for case_id, moment in moments:
            latest[case_id] = max(latest[case_id], moment)
    return latest


# --- new cases --------------------------------------------------------------------


@dataclass(frozen=True)
class NewParty:
    name: str
    role: str | None = None
    side: str | None = None


def blank_case(
    *,
    title: str,
    language: str,
    parties: Sequence[NewParty],
    case_date: date | None = None,
    scale: domain.Scale | None = None,
    description: str | None = None,
) -> domain.Case:
    """A case without raters or ratings yet, on the default framework."""
    framework = load_framework(DEFAULT_FRAMEWORK)
    keys: list[str] = []
    for party in parties:
        keys.append(party_key(party.name, keys))
    return domain.Case(
        title=title,
        framework=framework,
        parties=tuple(
            domain.Party(id=key, name=party.name, role=party.role or None, side=party.side or None)
            for key, party in zip(keys, parties, strict=True)
        ),
        factors=framework.factors,
        scale=scale or domain.Scale(),
        language=language,
        date=case_date,
        framework_ref=DEFAULT_FRAMEWORK,
        description=description or None,
    )


def template_case(language: str) -> domain.Case:
    """The worked example of ``kloof new``, in ``language``."""
    return parse_case(case_template(language).encode("utf-8"), "template.yaml")


def read_upload(data: bytes, file_name: str) -> domain.Case:
    """The case in an uploaded file; raises :class:`InputError` as the CLI would.

    Only built-in frameworks: a framework given as a path would make the server
    read a file of its own disk.
    """
    document = parse_document(data, file_name)
    reference = document.data.get("framework", DEFAULT_FRAMEWORK)
    if isinstance(reference, str) and reference not in builtin_frameworks():
        raise InputError.worded(
            N_(
                "the framework '%(reference)s' is not built in; "
                "kloof web uses built-in frameworks only"
            ),
            N_("write 'framework: %(default)s' (built in: %(names)s)"),
            source=file_name,
            line=document.lines.line(("framework",)),
            reference=reference,
            default=DEFAULT_FRAMEWORK,
            names=", ".join(builtin_frameworks()),
        )
    return case_from_document(document, file_name)


@kept
def store_case(workspace: models.Workspace, case: domain.Case) -> models.Case:
    """Store ``case`` in ``workspace``: all of it, or nothing.

    A ``previous:`` that names exactly one case of the workspace the way the
    web writes it (``"Title (YYYY-MM-DD)"``, see
    :func:`kloof.storage.reviews.previous_reference`) links the new case to it
    and to its relationship; any other reference (a file name) is dropped: the
    database cannot point to a file."""
    row = case_from_domain(workspace, case)
    if case.previous:
        _link_previous(workspace, row, case.previous)
    return row


def _link_previous(workspace: models.Workspace, row: models.Case, reference: str) -> None:
    from kloof.storage.reviews import previous_reference

    found = [
        other
        for other in workspace.cases.exclude(pk=row.pk).filter(title=reference.rsplit(" (", 1)[0])
        if previous_reference(other) == reference
    ]
    if len(found) == 1:
        models.Case.objects.filter(pk=row.pk).update(
            previous=found[0], relationship_id=found[0].relationship_id
        )
        row.refresh_from_db()


def party_key(name: str, taken: Iterable[str]) -> str:
    """A new party id from its name, unlike the ids in ``taken``."""
    used = set(taken)
    base = slugify(name)[:PARTY_KEY_LENGTH].strip("-") or "party"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def load_case(row: models.Case) -> domain.Case:
    """The stored case as a domain object (for downloads), with its interviews, its
    agenda and the case it follows (``previous:``, as title and date)."""
    from kloof.storage.interviews import load_interviews
    from kloof.storage.reviews import previous_reference

    before = row.previous
    return replace(
        load_whole_case(row),
        interviews=load_interviews(row),
        agenda=load_agenda(row),
        previous=previous_reference(before) if before is not None else None,
    )


@kept
def set_archived(row: models.Case, archived: bool) -> None:
    """Archive or bring back a case; it keeps its version (nobody's form goes stale)."""
    models.Case.objects.filter(pk=row.pk).update(archived=archived, updated=timezone.now())
    mark_changed(row.pk)


def delete_case(row: models.Case) -> None:
    """Delete the case with everything in it (ratings, register, history)."""
    row.delete()
