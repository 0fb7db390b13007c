"""Password reset requests are throttled per network address and per email
address, and the answers are the same whether an account exists or not."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from kloof.web import throttle
from tests.web.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

FROM_ADDRESS = "Too many password reset requests from your network. Wait an hour and try again."
FOR_ACCOUNT = (
    "Too many password reset requests for this email address. If it has an account, the "
    "mails sent already are on their way (look in the spam folder too); or wait an hour "
    "and try again."
)


def request_reset(email: str, address: str = "10.0.0.1"):
    return Client().post("/accounts/reset/", {"email": email}, REMOTE_ADDR=address)


def answer(response) -> tuple[int, list[str]]:
    """The status and, on the form, the reasons it was refused."""
    if response.status_code == 302:
        return 302, [response["Location"]]
    return response.status_code, list(response.context["form"].non_field_errors())


def test_one_address_may_ask_five_times_an_hour(settings):
    make_user("ann@example.com", PASSWORD)
    emails = [f"person{number}@example.com" for number in range(throttle.RESET_ADDRESS_LIMIT)]
    for email in emails:
        assert answer(request_reset(email)) == (302, ["/accounts/reset/sent/"])
    refused = request_reset("ann@example.com")
    assert answer(refused) == (429, [FROM_ADDRESS])
    assert refused["Retry-After"] == "3600"
    assert mail.outbox == []  # none of them has an account; Ann's request was refused
    # Another address is not held up.
    assert answer(request_reset("ann@example.com", "10.0.0.2"))[0] == 302
    assert [message.to for message in mail.outbox] == [["ann@example.com"]]


def test_one_email_address_gets_three_mails_an_hour_from_any_addresses():
    make_user("ann@example.com", PASSWORD)
    for number in range(throttle.RESET_ACCOUNT_LIMIT):
        assert answer(request_reset("Ann@Example.com", f"198.51.100.{number}"))[0] == 302
    assert answer(request_reset("ann@example.com", "203.0.113.7")) == (429, [FOR_ACCOUNT])
    assert len(mail.outbox) == throttle.RESET_ACCOUNT_LIMIT
    # Somebody else's reset from the same address goes through.
    make_user("bob@example.com", PASSWORD)
    assert answer(request_reset("bob@example.com", "203.0.113.7"))[0] == 302
    assert len(mail.outbox) == throttle.RESET_ACCOUNT_LIMIT + 1


def test_the_answers_do_not_tell_whether_an_account_exists():
    make_user("ann@example.com", PASSWORD)

    def answers(email: str, prefix: str) -> list[tuple[int, list[str]]]:
        return [
            answer(request_reset(email, f"{prefix}.{number}"))
            for number in range(throttle.RESET_ACCOUNT_LIMIT + 2)
        ]

    assert answers("ann@example.com", "198.51.100") == answers("nobody@example.com", "203.0.113")


def test_a_request_with_a_malformed_address_is_not_counted():
    response = request_reset("not an email")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    for number in range(throttle.RESET_ADDRESS_LIMIT):
        assert answer(request_reset(f"person{number}@example.com"))[0] == 302


def test_the_refusals_read_in_dutch():
    for number in range(throttle.RESET_ACCOUNT_LIMIT):
        request_reset("ann@example.com", f"198.51.100.{number}")
    response = Client().post(
        "/accounts/reset/",
        {"email": "ann@example.com"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert answer(response) == (
        429,
        [
            "Te veel verzoeken om een nieuw wachtwoord voor dit e-mailadres. Hoort er een "
            "account bij, dan zijn de mails die al verstuurd zijn onderweg (kijk ook in de map "
            "met spam); of wacht een uur en probeer het opnieuw."
        ],
    )
