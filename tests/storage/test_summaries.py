"""The portfolio's stored summary of a case equals a fresh analysis after every
kind of change (each command below writes in its own transaction, as the pages
and the API call it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kloof.domain.model import Scale
from kloof.domain.portfolio import CaseFigures
from kloof.storage import agenda, cases, cases_edit, models, outcomes, rating, register, summaries
from kloof.storage.anonymity import set_anonymity
from kloof.storage.respondents import Answer, create_link, submit
from tests.web.factories import demo_domain_case, make_demo_case, make_team

pytestmark = pytest.mark.django_db


def stored(row: models.Case) -> CaseFigures:
    """The summary as stored, in the figures' shape."""
    from kloof.domain.portfolio import FactorFigures

    summary = models.CaseSummary.objects.get(case=row)
    rows = models.CaseFactorSummary.objects.filter(case=row)
    by_row = {item.factor: FactorFigures(item.position, item.perception) for item in rows}
    by_json = {
        key: FactorFigures(value["position"], value["perception"])
        for key, value in summary.factors.items()
    }
    assert by_row == by_json
    return CaseFigures(
        toughness=summary.toughness,
        blocking_positions=summary.blocking_positions,
        blocking_perceptions=summary.blocking_perceptions,
        significant=summary.significant,
        unknown=summary.unknown,
        open_actions=summary.open_actions,
        ratings=summary.ratings,
        factors=by_row,
    )


def _parties(row):
    return {party.key: party for party in row.parties.all()}


def change_score(row, user):
    rater = row.raters.get(key="maria")
    values = [("trust", rating.RatingValues(1.0)), ("intention", rating.RatingValues(7.0))]
    rating.save_ratings(row, rater, _parties(row)["cartwright"], values)


def add_rater(row, user):
    new = rating.add_rater(row, "Ann", _parties(row)["cartwright"])
    rating.save_ratings(row, new, _parties(row)["halvorsen"], [("trust", rating.RatingValues(1.0))])


def remove_rater(row, user):
    rating.remove_rater(row.raters.get(key="maria"))


def open_blocking_entry(row, user):
    values = {"status": "open", "blocking": True, "reason": "board says no", "note": None}
    register.open_entry(row, "competences", "halvorsen", "cartwright", values, user)


def unblock_entry(row, user):
    entry = models.Difference.objects.get(case=row, factor="dependency")
    values = {"status": "open", "blocking": False, "reason": entry.reason, "note": entry.note}
    register.update_entry(row, entry.pk, entry.version, values, user)


def add_action(row, user):
    entry = models.Difference.objects.get(case=row, factor="trust")
    values = {"text": "Call them", "owner": "tom", "due": date(2027, 1, 5), "done": False}
    register.add_action(row, entry, values, user)


def finish_action(row, user):
    action = models.Action.objects.filter(difference__case=row, done=False).first()
    register.update_action(row, action.pk, action.version, {"done": True}, user)


def meeting_mitigation(row, user):
    found = agenda.generate(row, user)
    item = found.items.exclude(factor="").order_by("position").first()
    outcome = outcomes.Outcome("mitigation_agreed", action="Second source", owner="tom")
    outcomes.record_outcome(row, item.pk, item.version, outcome, user)


def edit_scale_and_party(row, user):
    changes = cases_edit.CaseChanges(
        title="Renamed",
        language=row.language,
        scale=Scale(low=1, high=9),
        parties=(cases_edit.PartyChange(pk=None, name="Broker"),),
    )
    cases_edit.update_case(row, row.version, changes)


def archive(row, user):
    cases.set_archived(row, True)


def promise_anonymity(row, user):
    set_anonymity(row, True, 3, user)


def respondent_submits(row, user):
    party = _parties(row)["cartwright"]
    expires = timezone.now() + timedelta(days=7)
    link, _token = create_link(row, party=party, rates="own", language="en", expires=expires)
    submit(link, [Answer(party.pk, "trust", 1.0), Answer(party.pk, "intention", 7.0)])


def spreadsheet_import(row, user):
    """The web import, upload to confirm (one transaction: raters and ratings)."""
    from django.test import Client

    from tests.web.test_imports import walk
    from tests.web.test_imports_support import HEADER, ROWS, csv_bytes

    client = Client()
    client.force_login(user)
    *_answers, confirm = walk(client, row, "answers.csv", csv_bytes([HEADER, *ROWS]))
    assert confirm.status_code == 302


def start_review(row, user):
    """The next review of the case's relationship: the summary is the new case's
    (no ratings yet); the test below checks the new case too."""
    from kloof.storage.reviews import start_next_review

    relationship = models.Relationship.objects.create(workspace=row.workspace, name="Cartwright")
    models.Case.objects.filter(pk=row.pk).update(relationship=relationship, anonymous=True)
    row.refresh_from_db()
    fresh = start_next_review(row, date(2027, 11, 1), user).case
    assert stored(fresh) == summaries.figures_of(fresh)
    assert stored(fresh).ratings == 0


CHANGES: dict[str, Callable[[models.Case, object], None]] = {
    "created": lambda row, user: None,
    "change_score": change_score,
    "add_rater": add_rater,
    "remove_rater": remove_rater,
    "open_blocking_entry": open_blocking_entry,
    "unblock_entry": unblock_entry,
    "add_action": add_action,
    "finish_action": finish_action,
    "meeting_mitigation": meeting_mitigation,
    "edit_scale_and_party": edit_scale_and_party,
    "archive": archive,
    "promise_anonymity": promise_anonymity,
    "respondent_submits": respondent_submits,
    "spreadsheet_import": spreadsheet_import,
    "start_review": start_review,
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_summary_equals_fresh_analysis_after_change(kind):
    team = make_team()
    row = make_demo_case(team.workspace)
    before = stored(row)
    CHANGES[kind](row, team.owner)
    row.refresh_from_db()
    assert stored(row) == summaries.figures_of(row)
    if kind not in ("created", "archive", "promise_anonymity", "start_review"):
        assert stored(row) != before, "the change should alter the summary"


def test_demo_case_figures_are_the_dashboards():
    team = make_team()
    row = make_demo_case(team.workspace)
    figures = stored(row)
    # The demo: dependency is blocking by decision; 7 open actions of 7 (1 done).
    assert figures.blocking_positions >= 1
    assert figures.factors["dependency"].position == "blocking"
    assert figures.open_actions == 5
    assert figures.ratings == models.Rating.objects.filter(case=row).count()


def test_rebuild_and_missing():
    team = make_team()
    row = make_demo_case(team.workspace)
    models.CaseSummary.objects.filter(case=row).delete()
    models.CaseFactorSummary.objects.filter(case=row).delete()
    assert summaries.missing_case_ids() == [row.pk]
    assert summaries.rebuild(batch=1) == 1
    assert stored(row) == summaries.figures_of(row)
    assert summaries.missing_case_ids() == []


def test_a_failed_change_leaves_the_summary():
    team = make_team()
    row = make_demo_case(team.workspace)
    before = stored(row)
    changes = cases_edit.CaseChanges(title="x", language="en", scale=Scale(low=4, high=5))
    with pytest.raises(cases_edit.EditRefusedError):
        cases_edit.update_case(row, row.version, changes)
    assert stored(row) == before


def test_case_without_ratings_counts_none():
    team = make_team()
    row = cases.store_case(team.workspace, replace(demo_domain_case(), ratings=()))
    assert stored(row).ratings == 0


def test_the_backfill_migration_fills_missing_summaries_only():
    import importlib

    migration = importlib.import_module("kloof.storage.migrations.0011_yr_port_backfill")
    team = make_team()
    first, second = make_demo_case(team.workspace), make_demo_case(team.workspace)
    models.CaseSummary.objects.filter(case=first).delete()
    models.CaseFactorSummary.objects.filter(case=first).delete()
    kept = models.CaseSummary.objects.get(case=second).updated
    migration.fill(None, None)
    assert stored(first) == summaries.figures_of(first)
    assert models.CaseSummary.objects.get(case=second).updated == kept
