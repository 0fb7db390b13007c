"""Seed one workspace for the portfolio benchmark: by default 2,000
relationships, 10,000 cases (five yearly reviews each), two parties and six
raters per case, 1,080,000 ratings, and every case's summary.

Fast because it skips the ORM's per-row work: rows are written with explicit
ids in batches (SQLite: ``executemany``; PostgreSQL: ``COPY``). The summaries
are exact, not made up: the ratings of a case follow one of a few patterns, the
seed analyses one case per pattern with the real analysis and writes its
figures to every case of that pattern (a test checks them against a fresh
analysis of stored cases).

    .venv/bin/python benchmarks/portfolio_seed.py DATA_DIR [--database-url URL]

migrates the database (a SQLite file in DATA_DIR, or URL) and prints one line
of JSON: the workspace's slug, a member's email and the counts. Use
``benchmarks/portfolio.py`` to measure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Rows per INSERT batch (SQLite) or per COPY (PostgreSQL).
BATCH = 20_000
PATTERNS = 12
RATERS_PER_PARTY = 3
OWNERS = 10


@dataclass(frozen=True)
class Seeded:
    slug: str
    email: str
    relationships: int
    cases: int
    ratings: int


def _ids(model: Any, count: int) -> range:
    """``count`` fresh ids for ``model`` (after its highest)."""
    from django.db.models import Max

    top = model.objects.aggregate(top=Max("pk"))["top"] or 0
    return range(top + 1, top + 1 + count)


def _bulk(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (field name to value, ids included) as fast as the
    database takes them; fields left out get their default."""
    from django.db import connection
    from django.utils import timezone

    if not rows:
        return
    now = timezone.now()
    fields = list(model._meta.concrete_fields)
    columns = [field.column for field in fields]
    table = connection.ops.quote_name(model._meta.db_table)

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for field in fields:
            if field.attname in row:
                value = row[field.attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            else:
                value = field.get_default()
            out.append(field.get_db_prep_save(value, connection))
        return tuple(out)

    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = [values(row) for row in rows[start : start + BATCH]]
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for item in chunk:
                        copy.write_row(item)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", chunk)


def _reset_sequences(models: Sequence[Any]) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _score(pattern: int, rater: int, subject: int, factor: int) -> float | None:
    """The score of one rating in a pattern: spread over the scale so that the
    patterns differ in toughness and blocking factors; a few "no opinion"."""
    if (pattern + factor) % 11 == 0 and rater == 0:
        return None
    base = 1 + (pattern * 3 + factor * 5 + subject * (pattern % 4 + 1) * 2) % 7
    return float(min(7, max(1, base + (rater % 2) * 0.5)))


def _pattern_ratings(
    pattern: int, factors: Sequence[str]
) -> Iterator[tuple[int, int, int, float | None]]:
    """(rater index, subject index, factor index, score) of one pattern."""
    for rater in range(2 * RATERS_PER_PARTY):
        for subject in range(2):
            for index in range(len(factors)):
                yield rater, subject, index, _score(pattern, rater, subject, index)


def pattern_figures(factors: Sequence[str]) -> list[Any]:
    """The analysis of one case per pattern, as portfolio figures."""
    from kloof.domain import model as domain
    from kloof.domain.analysis import analyse
    from kloof.domain.portfolio import case_figures
    from kloof.formats.framework import load_framework

    framework = load_framework("hopmans-9")
    parties = (
        domain.Party(id="us", name="Us", side="own"),
        domain.Party(id="them", name="Them", side="counterparty"),
    )
    raters = tuple(
        domain.Rater(
            id=f"r{index}", name=f"Rater {index}", party=parties[index // RATERS_PER_PARTY].id
        )
        for index in range(2 * RATERS_PER_PARTY)
    )
    figures = []
    for pattern in range(PATTERNS):
        ratings = tuple(
            domain.Rating(
                rater=f"r{rater}", subject=parties[subject].id, factor=factors[index], score=score
            )
            for rater, subject, index, score in _pattern_ratings(pattern, factors)
        )
        case = domain.Case(
            title="pattern",
            framework=framework,
            parties=parties,
            factors=framework.factors,
            raters=raters,
            ratings=ratings,
            framework_ref="hopmans-9",
        )
        figures.append(case_figures(analyse(case), 0))
    return figures


def seed(relationships: int = 2000, per_relationship: int = 5, today: date | None = None) -> Seeded:
    """Seed a new workspace in the current database (inside or outside a test)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kloof.formats.framework import load_framework
    from kloof.storage import models

    today = today or date.today()
    factors = [factor.key for factor in load_framework("hopmans-9").factors]
    figures = pattern_figures(factors)
    with transaction.atomic():
        workspace = models.Workspace.objects.create(name=f"Portfolio bench {relationships}")
        users = []
        for number in range(OWNERS):
            email = f"owner{number}-{workspace.pk}@bench.example"
            user = get_user_model().objects.create_user(username=email, email=email)
            models.Membership.objects.create(workspace=workspace, user=user, role="owner")
            users.append(user)
        relationship_ids = _ids(models.Relationship, relationships)
        _bulk(
            models.Relationship,
            [
                {
                    "id": pk,
                    "workspace_id": workspace.pk,
                    "name": f"Supplier {number:05d}",
                    "owner_id": users[number % OWNERS].pk,
                }
                for number, pk in enumerate(relationship_ids)
            ],
        )
        count = relationships * per_relationship
        case_ids, party_ids = _ids(models.Case, count), _ids(models.Party, 2 * count)
        rater_ids = _ids(models.Rater, 2 * RATERS_PER_PARTY * count)
        cases, parties, raters, summaries, cells, patterns = [], [], [], [], [], []
        for number, pk in enumerate(case_ids):
            owner, age = divmod(number, per_relationship)
            when = today - timedelta(days=age * 365 + (owner * 37) % 400)
            cases.append(
                {
                    "id": pk,
                    "workspace_id": workspace.pk,
                    "title": f"Review {when.year} of {owner:05d}",
                    "date": when,
                    "relationship_id": relationship_ids[owner],
                    "kind": "review",
                }
            )
            for side in range(2):
                parties.append(
                    {
                        "id": party_ids[2 * number + side],
                        "case_id": pk,
                        "key": ("us", "them")[side],
                        "name": ("Us", f"Supplier {owner:05d}")[side],
                        "position": side,
                    }
                )
            for index in range(2 * RATERS_PER_PARTY):
                raters.append(
                    {
                        "id": rater_ids[2 * RATERS_PER_PARTY * number + index],
                        "case_id": pk,
                        "key": f"r{index}",
                        "name": f"Rater {index}",
                        "party_id": party_ids[2 * number + index // RATERS_PER_PARTY],
                        "position": index,
                    }
                )
            pattern = (number * 7 + owner) % PATTERNS
            patterns.append(pattern)
            item = figures[pattern]
            summaries.append(
                {
                    "case_id": pk,
                    "toughness": item.toughness,
                    "blocking_positions": item.blocking_positions,
                    "blocking_perceptions": item.blocking_perceptions,
                    "significant": item.significant,
                    "unknown": item.unknown,
                    "open_actions": item.open_actions,
                    "ratings": item.ratings,
                    "factors": item.factors_data(),
                }
            )
        _bulk(models.Case, cases)
        _bulk(models.Party, parties)
        _bulk(models.Rater, raters)
        written = _seed_ratings(case_ids, party_ids, rater_ids, patterns, factors)
        _bulk(models.CaseSummary, summaries)
        cell_ids = iter(_ids(models.CaseFactorSummary, count * len(factors)))
        for pk, pattern in zip(case_ids, patterns, strict=True):
            for key, cell in figures[pattern].factors.items():
                cells.append(
                    {
                        "id": next(cell_ids),
                        "case_id": pk,
                        "factor": key,
                        "position": cell.position,
                        "perception": cell.perception,
                    }
                )
        _bulk(models.CaseFactorSummary, cells)
        _reset_sequences(
            [
                models.Relationship,
                models.Case,
                models.Party,
                models.Rater,
                models.Rating,
                models.CaseFactorSummary,
            ]
        )
    _analyze()
    return Seeded(workspace.slug, users[0].email, relationships, count, written)


def _analyze() -> None:
    """Fresh planner statistics (PostgreSQL's autovacuum would gather them soon
    after such a load; a benchmark right after it must not wait for that)."""
    from django.db import connection

    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _seed_ratings(
    case_ids: Sequence[int],
    party_ids: Sequence[int],
    rater_ids: Sequence[int],
    patterns: Sequence[int],
    factors: Sequence[str],
) -> int:
    """Every case's ratings, written in batches (never all in memory at once)."""
    from kloof.storage import models

    per_pattern = [list(_pattern_ratings(pattern, factors)) for pattern in range(PATTERNS)]
    per_case = len(per_pattern[0])
    ids = iter(_ids(models.Rating, len(case_ids) * per_case))
    batch: list[dict[str, Any]] = []
    written = 0
    for number, (pk, pattern) in enumerate(zip(case_ids, patterns, strict=True)):
        for rater, subject, index, score in per_pattern[pattern]:
            batch.append(
                {
                    "id": next(ids),
                    "case_id": pk,
                    "rater_id": rater_ids[2 * RATERS_PER_PARTY * number + rater],
                    "subject_id": party_ids[2 * number + subject],
                    "factor": factors[index],
                    "score": score,
                }
            )
        if len(batch) >= BATCH:
            _bulk(models.Rating, batch)
            written += len(batch)
            batch = []
    _bulk(models.Rating, batch)
    return written + len(batch)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--relationships", type=int, default=2000)
    parser.add_argument("--per-relationship", type=int, default=5)
    args = parser.parse_args(argv)
    setup_django(args.data_dir, args.database_url)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(json.dumps(asdict(seed(args.relationships, args.per_relationship))))
    return 0


def setup_django(data_dir: Path, database_url: str | None) -> None:
    """Django with kloof's web settings on the given database, in this process."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["KLOOF_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["KLOOF_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kloof.web.settings")
    import django

    django.setup()


if __name__ == "__main__":
    raise SystemExit(main())
