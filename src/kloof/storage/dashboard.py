"""Reading a stored case for the analysis, fast: one query per table, tuples not rows.

``kloof.storage.mapping.case_to_domain`` builds a Django model instance for every
rating before it becomes a domain object; on a case with a thousand ratings that
is most of a dashboard's time. ``load_case`` builds the same domain ``Case``
straight from ``values_list`` tuples (a test holds it equal to ``case_to_domain``).
"""

from __future__ import annotations

from kloof.domain import model as domain
from kloof.formats.framework import load_framework, parse_factor
from kloof.storage import models

RATING_COLUMNS = ("rater_id", "subject_id", "factor", "score", "confidence", "source", "note")


def load_case(case_row: models.Case) -> domain.Case:
    """The domain case stored in ``case_row``: six queries whatever its size."""
    framework = load_framework(case_row.framework_ref)
    own_factors = tuple(
        parse_factor(data, defaults=framework.thresholds, custom=True, where=("factors", index))
        for index, data in enumerate(case_row.own_factors.values_list("data", flat=True))
    )
    party_rows = list(case_row.parties.values_list("pk", "key", "name", "role", "side"))
    party_keys = {pk: key for pk, key, *_rest in party_rows}
    rater_rows = list(case_row.raters.values_list("pk", "key", "name", "party_id"))
    rater_keys = {pk: key for pk, key, *_rest in rater_rows}
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
            for rater, subject, factor, score, confidence, source, note in (
                case_row.ratings.order_by("id").values_list(*RATING_COLUMNS)
            )
        ),
        differences=_differences(case_row, party_keys),
        scale=domain.Scale(low=case_row.scale_min, high=case_row.scale_max),
        language=case_row.language,
        date=case_row.date,
        framework_ref=case_row.framework_ref,
        description=case_row.description,
    )


def _differences(
    case_row: models.Case, party_keys: dict[int, str]
) -> tuple[domain.Difference, ...]:
    """The register: entries and their actions, one query each."""
    actions: dict[int, list[domain.Action]] = {}
    for difference_id, text, owner, due, done in models.Action.objects.filter(
        difference__case=case_row
    ).values_list("difference_id", "text", "owner", "due", "done"):
        actions.setdefault(difference_id, []).append(
            domain.Action(text=text, owner=owner, due=due, done=done)
        )
    return tuple(
        domain.Difference(
            factor=factor,
            parties=(party_keys[first], party_keys[second]),
            status=status,
            blocking=blocking,
            reason=reason,
            note=note,
            actions=tuple(actions.get(pk, ())),
        )
        for pk, factor, first, second, status, blocking, reason, note in (
            case_row.differences.values_list(
                "pk", "factor", "party_a_id", "party_b_id", "status", "blocking", "reason", "note"
            )
        )
    )
