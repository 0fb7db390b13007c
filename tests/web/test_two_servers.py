"""Two ``kloof serve`` processes on different ports against one PostgreSQL
database serve the same users consistently: sessions, the log-in throttle, the
dashboard cache, respondent submissions and ``kloof remind``.

The servers run against the suite's test database; each test writes through
the ORM with committed transactions (``transactional_db``) so the servers see it.
Skipped without ``KLOOF_TEST_DATABASE_URL=postgresql://…``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from email import message_from_string
from pathlib import Path

import pytest
from django.db import connections

from kloof.storage import models
from kloof.web import throttle
from tests.e2e import server as kloof_server
from tests.web import respond_support
from tests.web.factories import PASSWORD, make_demo_case, make_user, make_workspace
from tests.web.remind_fixtures import TODAY, portfolio
from tests.web.respond_support import full_answers
from tests.web.two_servers import CSRF_FIELD, Browser, without_csrf

POSTGRES_URL = os.environ.get("KLOOF_TEST_DATABASE_URL", "")
ON_POSTGRES = POSTGRES_URL.startswith(("postgres://", "postgresql://"))
ROOT = Path(__file__).resolve().parents[2]
SECRET = "two-servers-one-key-tests-only"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ON_POSTGRES, reason="two servers share PostgreSQL only"),
]

LOCKED = "Too many failed log-ins for this email address."


def shared_database_url() -> str:
    """The suite's test database (made by pytest-django), as a URL for the servers."""
    server, _slash, _name = POSTGRES_URL.rpartition("/")
    return f"{server}/{connections['default'].settings_dict['NAME']}"


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Servers A and B: same database and secret key, separate data folders."""
    env = {
        "KLOOF_DATABASE_URL": shared_database_url(),
        "KLOOF_SECRET_KEY": SECRET,
        "KLOOF_WORKERS": "1",
        "KLOOF_THREADS": "4",
    }
    with running_together(tmp_path_factory, env) as started:
        yield started


@contextmanager
def running_together(tmp_path_factory, env):
    """Servers A and B started at the same moment, stopped together."""
    started = []
    try:
        for name in ("a", "b"):
            folder = tmp_path_factory.mktemp(f"server-{name}") / "data"
            started.append(kloof_server.launch(folder, **env))
        for server in started:
            kloof_server.wait_healthy(server)
        yield tuple(started)
    finally:
        for server in started:
            server.process.terminate()  # both at once: each takes a while to stop
        for server in started:
            server.stop()


@pytest.fixture
def ab(servers, transactional_db):
    return servers


def test_two_servers_started_at_once_on_a_new_database_both_come_up(
    transactional_db, tmp_path_factory
):
    """Both migrate on start: one after the other (an advisory lock), where both
    used to create the same tables and one stopped with an error."""
    name = f"{connections['default'].settings_dict['NAME']}_fresh"
    with connections["default"].cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {
            "KLOOF_DATABASE_URL": f"{POSTGRES_URL.rpartition('/')[0]}/{name}",
            "KLOOF_WORKERS": "1",
        }
        with running_together(tmp_path_factory, env) as (a, b):
            for server in (a, b):
                assert server.process.poll() is None, server.log_tail()
    finally:
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_log_in_on_a_and_the_session_works_on_b(ab):
    a, b = ab
    make_user("ann@example.org", PASSWORD)
    browser = Browser()
    assert browser.logged_in(b) is False
    assert browser.log_in(a, "ann@example.org", PASSWORD).status == 302
    assert (browser.logged_in(a), browser.logged_in(b)) == (True, True)


def test_log_out_on_b_ends_the_session_on_a(ab):
    a, b = ab
    make_user("bob@example.org", PASSWORD)
    browser = Browser()
    browser.log_in(a, "bob@example.org", PASSWORD)
    kept = Browser(dict(browser.cookies))  # the session cookie, kept elsewhere
    home = browser.get(b, "/w/")
    logout = browser.request(b, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": csrf(home)})
    assert logout.status == 302
    # The session is gone from the database: no server takes the old cookie.
    assert (browser.logged_in(a), kept.logged_in(a), kept.logged_in(b)) == (False, False, False)


def csrf(answer) -> str:
    found = CSRF_FIELD.search(answer.body)
    assert found, f"no CSRF token on the page ({answer.status})"
    return found[1]


def test_the_log_in_throttle_counts_tries_on_both_servers_together(ab):
    a, b = ab
    make_user("cas@example.org", PASSWORD)
    make_user("dia@example.org", PASSWORD)
    alternating = [a, b] * throttle.LIMIT
    # One try short of the limit, spread over both: the right password still works.
    for server in alternating[: throttle.LIMIT - 1]:
        assert Browser().log_in(server, "cas@example.org", "wrong").status == 200
    assert Browser().log_in(b, "cas@example.org", PASSWORD).status == 302
    # The limit reached on A and B together locks out on both, as on one server.
    for server in alternating[: throttle.LIMIT]:
        assert LOCKED not in Browser().log_in(server, "dia@example.org", "wrong").body
    for server in (a, b):
        refused = Browser().log_in(server, "dia@example.org", PASSWORD)
        assert (refused.status, LOCKED in refused.body) == (200, True)
    counts = dict(
        models.AttemptCount.objects.filter(account="dia@example.org").values_list("scope", "count")
    )
    assert counts[throttle.LOGIN] == throttle.LIMIT


def test_the_cached_dashboard_follows_a_respondent_submission_made_on_the_other_server(ab):
    a, b = ab
    owner = make_user("eve@example.org", PASSWORD)
    workspace = make_workspace("Purchasing", owner)
    case = make_demo_case(workspace)
    link, token = respond_support.make_link(case, name="Ria")
    dashboard = f"/w/{workspace.slug}/cases/{case.pk}/"
    browser = Browser()
    browser.log_in(a, "eve@example.org", PASSWORD)
    before = {server.url: browser.get(server, dashboard) for server in (a, b)}  # now cached
    assert {answer.status for answer in before.values()} == {200}

    respondent = Browser()
    assert respondent.get(a, f"/r/{token}").status == 302
    form = respondent.get(a, "/respond/")
    done = respondent.request(
        a, "POST", "/respond/", {"csrfmiddlewaretoken": csrf(form), **full_answers(link)}
    )
    assert (done.status, done.location) == (303, "/respond/done")

    after_a = browser.get(a, dashboard)
    after_b = browser.get(b, dashboard)
    assert without_csrf(after_a.body) != without_csrf(before[a.url].body)
    assert without_csrf(after_a.body) == without_csrf(after_b.body)
    # Before, both servers showed the same too: the difference is the submission.
    assert without_csrf(before[a.url].body) == without_csrf(before[b.url].body)


def test_one_respondent_link_submitted_on_both_servers_at_once_is_stored_once(ab):
    a, b = ab
    owner = make_user("fay@example.org", PASSWORD)
    case = make_demo_case(make_workspace("Sales", owner))
    link, token = respond_support.make_link(case, name="Sam")
    first = Browser()
    first.get(a, f"/r/{token}")
    form = first.get(a, "/respond/")
    fields = {"csrfmiddlewaretoken": csrf(form), **full_answers(link)}
    second = Browser(dict(first.cookies))  # the same browser, a second connection
    barrier = threading.Barrier(2)
    answers = {}

    def post(browser: Browser, server) -> None:
        barrier.wait()
        answers[server.url] = browser.request(server, "POST", "/respond/", fields)

    threads = [threading.Thread(target=post, args=pair) for pair in ((first, a), (second, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted((x.status, x.location) for x in answers.values()) == [(303, "/respond/done")] * 2
    assert models.Submission.objects.filter(link=link).count() == 1
    assert models.Rater.objects.filter(case=case, name="Sam").count() == 1
    rater = models.Rater.objects.get(case=case, name="Sam")
    assert models.Rating.objects.filter(rater=rater).count() == len(
        respond_support.question_keys(link)
    )


# A child process: `kloof remind` with a mail backend that takes a second per
# mail, so that a second run started at the same moment meets the first's claims.
RUN_REMIND = """
import sys
from kloof.web.runner import setup
setup()
from django.conf import settings
settings.EMAIL_BACKEND = "tests.web.remind_fixtures.SlowFileBackend"
from kloof.cli import main
sys.exit(main(["remind", "--today", sys.argv[1]]))
"""


def test_kloof_remind_on_both_servers_at_once_mails_each_owner_once(transactional_db, tmp_path):
    portfolio()
    models.Relationship.objects.filter(name="Gamma").update(
        owner=models.Relationship.objects.get(name="Acme").owner
    )
    outbox = tmp_path / "mails"
    runs = []
    for name in ("a", "b"):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("KLOOF_") and key != "DJANGO_SETTINGS_MODULE"
        }
        env.update(
            KLOOF_DATA_DIR=str(tmp_path / name),
            KLOOF_DATABASE_URL=shared_database_url(),
            KLOOF_SECRET_KEY=SECRET,
            KLOOF_EMAIL_FILE_PATH=str(outbox),
            KLOOF_BASE_URL="https://kloof.example.org",
            PYTHONPATH=str(ROOT),
        )
        runs.append(
            subprocess.Popen(
                [sys.executable, "-c", RUN_REMIND, TODAY.isoformat()],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    mails = [
        message_from_string(part)
        for path in sorted(outbox.iterdir())
        for part in path.read_text(encoding="utf-8").split("-" * 79)
        if part.strip()
    ]
    assert Counter(mail["To"] for mail in mails) == {"ann@example.org": 1, "bea@example.org": 1}
    # Between them, the two runs reported each mail once.
    reported = sorted(line for out, _err in results for line in out.splitlines() if "mail" in line)
    assert [line for line in reported if line.startswith("mailed")] == [
        "mailed ann@example.org: 4 reviews (Crane, Bolt, Gamma, Acme)",
        "mailed bea@example.org: 1 review (Fjord)",
    ]
    assert models.ReminderSent.objects.count() == 5
