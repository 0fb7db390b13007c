"""The dashboard's view model: an analysis turned into rows of formatted text.

Pure functions, no Django: they take the core's ``Analysis`` and a language and
give the template plain dicts, so the template only lays them out. Sentences come
from ``kloof.i18n.reasons``, numbers from ``kloof.i18n`` (``2,5`` in Dutch); the
parties the user chose decide which rows are shown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from kloof.domain import reasons as codes
from kloof.domain.model import PERCEPTION, Case, Severity
from kloof.domain.results import OUTSIDE_VIEW, SELF_VIEW, Analysis, Gap, NextStep, Position
from kloof.i18n import format_number, format_score
from kloof.i18n.headline import blocking_of_pair, blocking_sentence, factor_labels
from kloof.i18n.reasons import (
    factor_name,
    join_names,
    party_name,
    points_phrase,
    render_reason,
    render_reasons,
    severity_word,
    status_word,
)
from kloof.i18n.steps import render_step
from kloof.reports.html_report import agreement_row, blind_spots_worst_first
from kloof.reports.text_output import sorted_gaps

if TYPE_CHECKING:  # only the type: the rows stay free of Django at run time
    from kloof.storage.perspectives import PerspectiveCount

Row = dict[str, Any]

#: How complete a perspective is: no score, scores on some factors, on all.
MISSING = "missing"
PARTIAL = "partial"
COMPLETE = "complete"


def _shown(parties: Collection[str], chosen: Collection[str]) -> bool:
    return all(party in chosen for party in parties)


def severity(value: Severity, language: str) -> Row:
    return {"key": value.value, "word": severity_word(value, language)}


def pair_rows(analysis: Analysis, chosen: Collection[str], language: str) -> list[Row]:
    """What blocks and how tough, for every pair of chosen parties, the case's
    headline first. Blocking counts position and perception gaps and names them."""
    case = analysis.case
    rows = []
    for pair in analysis.pairs:
        if not _shown(pair.parties, chosen):
            continue
        entries = blocking_of_pair(analysis, pair)
        rows.append(
            {
                "parties": join_names([party_name(case, p) for p in pair.parties], language),
                "blocking_sentence": blocking_sentence(analysis, entries, language),
                "blocking_names": factor_labels(analysis, entries, language),
                "toughness": (
                    format_number(pair.toughness, language, 0)
                    if pair.toughness is not None
                    else None
                ),
                "known": pair.known,
                "blocking": pair.blocking,
                "uncertain": pair.uncertain,
                "unknown": pair.unknown,
            }
        )
    return rows


def difference_rows(analysis: Analysis, chosen: Collection[str], language: str) -> list[Row]:
    """The gaps between chosen parties, worst decided severity first, with reasons."""
    return [
        _difference_row(analysis, gap, language)
        for gap in sorted_gaps(analysis)
        if _shown(gap.parties, chosen)
    ]


def _position_cell(position: Position, case: Case, language: str) -> Row:
    """A party's position; when its own view and the outside view differ, both."""
    own, outside = position.view(SELF_VIEW), position.view(OUTSIDE_VIEW)
    both = position.views_differ and own is not None and outside is not None
    return {
        "party": party_name(case, position.party),
        "score": format_score(position.score, language) if position.score is not None else None,
        "views_differ": both,
        "self": format_score(own.median, language) if both and own else None,
        "outside": format_score(outside.median, language) if both and outside else None,
    }


def _difference_row(analysis: Analysis, gap: Gap, language: str) -> Row:
    case = analysis.case
    positions = analysis.factor(gap.factor).positions
    decided = next((r for r in gap.reasons if r.code == codes.DECIDED), None)
    return {
        "factor": factor_name(case, gap.factor, language),
        "positions": [_position_cell(positions[party], case, language) for party in gap.parties],
        "status": status_word(gap.register.status, language) if gap.register else None,
        "points": points_phrase(gap.points, language) if gap.points is not None else None,
        "severity": severity(gap.severity, language),
        "decided": severity(gap.decided_severity, language),
        "overridden": gap.overridden or decided is not None,
        "override_reason": render_reason(decided, case, language) if decided else None,
        "uncertain": gap.uncertain,
        "reasons": render_reasons(
            [r for r in gap.reasons if r.code != codes.DECIDED], case, language
        ),
    }


def blind_spot_rows(analysis: Analysis, chosen: Collection[str], language: str) -> list[Row]:
    """Perception gaps between chosen parties, worst decided severity first, with
    the team's decision and the register's status."""
    case = analysis.case
    return [
        {
            "factor": factor_name(case, spot.factor, language),
            "subject": party_name(case, spot.subject),
            "viewer": party_name(case, spot.viewer),
            "points": points_phrase(spot.points, language) if spot.points is not None else None,
            "severity": severity(spot.severity, language),
            "decided": severity(spot.decided_severity, language),
            "overridden": spot.overridden,
            "status": status_word(spot.register.status, language) if spot.register else None,
            "reasons": render_reasons(spot.reasons, case, language),
            # The register's new-entry page preselects this gap (or opens its entry).
            "register_query": urlencode(
                {
                    "kind": PERCEPTION,
                    "factor": spot.factor,
                    "subject": spot.subject,
                    "viewer": spot.viewer,
                }
            ),
        }
        for spot in blind_spots_worst_first(analysis)
        if _shown((spot.subject, spot.viewer), chosen)
    ]


def agreement_rows(analysis: Analysis, chosen: Collection[str], language: str) -> list[Row]:
    return [
        agreement_row(analysis.case, agreement, language)
        for party, agreement in analysis.agreement.items()
        if party in chosen
    ]


def step_rows(analysis: Analysis, chosen: Collection[str], language: str) -> list[Row]:
    """The recommended next steps that concern only chosen parties, in the analysis's order."""
    return [
        _step_row(analysis.case, step, language)
        for step in analysis.next_steps
        if _shown(step.parties, chosen)
    ]


def _step_row(case: Case, step: NextStep, language: str) -> Row:
    return {
        "kind": step.kind,
        "heading": render_step(step, case, language),
        "severity": severity(step.severity, language) if step.severity else None,
        "reasons": render_reasons(step.reasons, case, language),
        "advice": step.advice.get(language) if step.advice else None,
        "questions": [question.get(language) for question in step.questions],
    }


def perspective_state(scores: int, factors: int, factor_count: int) -> str:
    if scores == 0:
        return MISSING
    return COMPLETE if factors >= factor_count else PARTIAL


def perspective_rows(
    counts: Sequence[PerspectiveCount], factor_count: int, chosen: Collection[str]
) -> list[Row]:
    """Who has rated whom: a row per perspective about a chosen party, by rating
    party, the self view first (see :func:`kloof.storage.perspectives.counts_of`).

    Under the anonymity promise a group of respondents below the minimum is only
    ``held_back`` with the answers it still ``needed``: how many answered is left
    out of the row on purpose, so no template can show it."""
    # With two parties a respondent who rates "both" fills two perspectives at once.
    two_parties = (
        len({party.id for count in counts for party in (count.viewer, count.subject)}) == 2
    )
    return [
        {
            "name": count.name,
            "viewer": count.viewer.name,
            "subject": count.subject.name,
            "is_self": count.is_self,
            "viewer_is_ours": count.viewer_is_ours,
            "two_parties": two_parties,
            "team": count.team,
            "respondents": count.respondents,
            "held_back": count.needed > 0,
            "needed": count.needed,
            "scores": count.scores,
            "factors": count.factors,
            "total": factor_count,
            "state": perspective_state(count.scores, count.factors, factor_count),
        }
        for count in counts
        if count.subject.id in chosen
    ]


def evidence_rows(
    case: Case, states: Mapping[tuple[str, str], str], chosen: Collection[str], language: str
) -> list[Row]:
    """Per factor, how well founded each chosen party's position is: "confirmed"
    (a note supports a rating), "estimated" (ratings alone) or "unrated"."""
    parties = [party.id for party in case.parties if party.id in chosen]
    return [
        {
            "key": factor.key,
            "name": factor.name.get(language),
            "cells": [
                {"party": party, "state": states.get((party, factor.key), "unrated")}
                for party in parties
            ],
        }
        for factor in case.factors
    ]
