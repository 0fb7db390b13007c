"""The log-in throttle: failed tries per account and address, a slower limit per
account, counted before the password is checked so that parallel guesses cannot
slip in under the limit, and nobody locked out by another's wrong guesses."""

from __future__ import annotations

import re
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from kloof.storage.models import AttemptCount
from kloof.web import throttle
from tests.web import respond_support
from tests.web.factories import PASSWORD, make_user

sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options

WRONG = (
    "This email address and password do not match an account. Check them, or reset your password."
)
LOCKED = (
    "Too many failed log-ins for this email address. Wait 15 minutes and try again, "
    "or reset your password."
)
LOCKED_ACCOUNT = (
    "Too many failed log-ins for this email address from several places. "
    "Wait an hour and try again, or reset your password."
)


@pytest.fixture
def fast_passwords(settings):
    """A quick hasher where many log-ins are tried one after another (Argon2 takes
    a good part of a second each); the parallel tests keep Argon2, whose long
    check is the moment the race of the old throttle needed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, email, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def logged_in(response) -> bool:
    return response.status_code == 302


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_five_failures_for_one_email_and_address_lock_that_pair_only(client):
    make_user("ann@example.com", PASSWORD)
    for _ in range(throttle.LIMIT):
        assert errors(log_in(client, "ann@example.com", "wrong")) == [WRONG]
    response = log_in(client, "ann@example.com", PASSWORD)  # even the right password
    assert (response.status_code, errors(response)) == (200, [LOCKED])
    assert "_auth_user_id" not in client.session
    # Another network address still gets its own tries.
    assert logged_in(log_in(Client(), "ann@example.com", PASSWORD, address="10.0.0.2"))


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_wrong_guesses_at_another_account_from_the_same_address_lock_nobody_else_out():
    make_user("ann@example.com", PASSWORD)
    make_user("bob@example.com", PASSWORD)
    guesser = Client()
    for _ in range(throttle.LIMIT + 3):
        log_in(guesser, "bob@example.com", "wrong")
    assert errors(log_in(guesser, "bob@example.com", PASSWORD)) == [LOCKED]
    assert logged_in(log_in(Client(), "ann@example.com", PASSWORD))


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_a_right_password_gives_its_try_back_and_starts_the_count_afresh(client):
    make_user("ann@example.com", PASSWORD)
    for _ in range(throttle.LIMIT - 1):
        log_in(client, "ann@example.com", "wrong")
    assert logged_in(log_in(client, "ann@example.com", PASSWORD))
    client.logout()
    for _ in range(throttle.LIMIT):
        assert errors(log_in(client, "ann@example.com", "wrong")) == [WRONG]
    counts = {row.scope: row.count for row in AttemptCount.objects.all()}
    # The account counts only the failures: 4 + 5, not the successful try.
    assert counts == {
        throttle.LOGIN: throttle.LIMIT,
        throttle.LOGIN_ACCOUNT: 2 * throttle.LIMIT - 1,
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_the_account_limit_holds_guesses_spread_over_many_addresses():
    make_user("ann@example.com", PASSWORD)
    make_user("bob@example.com", PASSWORD)
    for number in range(throttle.ACCOUNT_LIMIT):
        assert errors(log_in(Client(), "ann@example.com", "wrong", f"198.51.100.{number}")) == [
            WRONG
        ]
    fresh = log_in(Client(), "ann@example.com", PASSWORD, "203.0.113.7")
    assert errors(fresh) == [LOCKED_ACCOUNT]
    # The refusal by the account limit costs the new address none of its own tries.
    assert AttemptCount.objects.get(scope=throttle.LOGIN, address="203.0.113.7").count == 0
    assert logged_in(log_in(Client(), "bob@example.com", PASSWORD, "203.0.113.7"))


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_the_account_limit_reads_in_dutch():
    for number in range(throttle.ACCOUNT_LIMIT):
        log_in(Client(), "ann@example.com", "wrong", f"198.51.100.{number}")
    response = Client().post(
        "/accounts/login/",
        {"username": "ann@example.com", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert errors(response) == [
        "Te veel mislukte inlogpogingen voor dit e-mailadres, vanaf verschillende plekken. "
        "Wacht een uur en probeer het opnieuw, of stel je wachtwoord opnieuw in."
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_a_window_that_has_passed_opens_again(client):
    make_user("ann@example.com", PASSWORD)
    for _ in range(throttle.LIMIT):
        log_in(client, "ann@example.com", "wrong")
    assert errors(log_in(client, "ann@example.com", PASSWORD)) == [LOCKED]
    rows = AttemptCount.objects.filter(scope=throttle.LOGIN)
    rows.update(started=rows.get().started - throttle.WINDOW)
    assert logged_in(log_in(client, "ann@example.com", PASSWORD))


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_rows_unused_for_a_day_are_cleared_when_a_new_one_is_made(client):
    make_user("ann@example.com", PASSWORD)
    log_in(client, "old@example.com", "wrong")
    AttemptCount.objects.update(started=AttemptCount.objects.first().started - timedelta(days=2))
    log_in(client, "ann@example.com", "wrong")
    assert sorted(AttemptCount.objects.values_list("account", flat=True)) == [
        "ann@example.com",
        "ann@example.com",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_a_new_password_from_a_reset_link_clears_the_failed_log_ins(client):
    make_user("ann@example.com", PASSWORD)
    for number in range(throttle.ACCOUNT_LIMIT):
        log_in(Client(), "ann@example.com", "wrong", f"198.51.100.{number}")
    assert errors(log_in(client, "ann@example.com", PASSWORD)) == [LOCKED_ACCOUNT]
    client.post("/accounts/reset/", {"email": "ann@example.com"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "Another-kloof-2026"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert not AttemptCount.objects.filter(account="ann@example.com", scope__startswith="login")
    assert logged_in(log_in(client, "ann@example.com", new))


# Sixteen wrong passwords at the same moment, from one address: exactly five are
# checked. Counting after the check let six (and more) through a limit of five.
PARALLEL = 16


def sixteen_at_once() -> Counter[str]:
    """The answers to sixteen simultaneous wrong log-ins, each in its own thread
    (its own database connection), released together by a barrier."""
    barrier = threading.Barrier(PARALLEL)
    answers: list[str] = []

    def one() -> None:
        client = Client()
        try:
            barrier.wait(timeout=60)
            response = log_in(client, "ann@example.com", "wrong")
            text = response.content.decode()
            answers.append("checked" if "do not match an account" in text else "refused")
            if "Too many failed log-ins" not in text and "do not match" not in text:
                answers.append(f"unexpected {response.status_code}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(answers)


def test_sixteen_parallel_wrong_passwords_get_five_tries_on_a_sqlite_file(sqlite_file):
    make_user("ann@example.com", PASSWORD)
    assert sixteen_at_once() == {"checked": throttle.LIMIT, "refused": PARALLEL - throttle.LIMIT}
    assert AttemptCount.objects.get(scope=throttle.LOGIN).count == throttle.LIMIT


@pytest.mark.django_db(transaction=True)
def test_sixteen_parallel_wrong_passwords_get_five_tries_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (KLOOF_TEST_DATABASE_URL); SQLite: the test above")
    make_user("ann@example.com", PASSWORD)
    assert sixteen_at_once() == {"checked": throttle.LIMIT, "refused": PARALLEL - throttle.LIMIT}
    assert AttemptCount.objects.get(scope=throttle.LOGIN).count == throttle.LIMIT
