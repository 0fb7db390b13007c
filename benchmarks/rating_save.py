"""Round trip of one rating save: the page's script posting one factor.

    .venv/bin/python benchmarks/rating_save.py [--saves 200]

Runs Django's test client against the whole stack (middleware, session, access
check, validation, the upsert, the answer's template) on the test settings: an
in-memory SQLite database, or PostgreSQL when ``KLOOF_TEST_DATABASE_URL`` is set.
Prints the median and 95th percentile in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_CASE = ROOT / "examples" / "demo-contract-renewal.yaml"


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kloof.web.settings_test")
    import django
    from django.test.utils import setup_databases, setup_test_environment

    django.setup()
    setup_test_environment()
    setup_databases(verbosity=0, interactive=False)


def measure(saves: int) -> list[float]:
    """Milliseconds per save, after a few unmeasured saves to warm up."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from kloof.formats.casefile import load_case
    from kloof.storage.mapping import case_from_domain
    from kloof.storage.models import Membership, Workspace

    workspace = Workspace.objects.create(name="Benchmark")
    user = get_user_model().objects.create_user(username="bench@example.com")
    Membership.objects.create(workspace=workspace, user=user, role="editor")
    case = case_from_domain(workspace, load_case(DEMO_CASE))
    client = Client()
    client.force_login(user)
    url = reverse("rating_save", kwargs={"slug": workspace.slug, "case_id": case.pk})
    base = {
        "rater": case.raters.get(key="tom").pk,
        "subject": case.parties.get(key="cartwright").pk,
        "factor": "trust",
        "trust-confidence": "medium",
        "trust-source": "interview",
    }
    times = []
    for number in range(saves + 10):
        data = {**base, "trust-score": str(1 + (number % 13) / 2)}
        start = time.perf_counter()
        response = client.post(url, data, headers={"HX-Request": "true"})
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"save {number} answered {response.status_code}")
        if number >= 10:
            times.append(elapsed)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args(argv)
    setup()
    times = measure(args.saves)
    database = "PostgreSQL" if os.environ.get("KLOOF_TEST_DATABASE_URL") else "SQLite"
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"rating save, {len(times)} saves on {database}: "
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
