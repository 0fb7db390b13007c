"""Accounts: sign up, log in and out, passwords, the language (the throttles:
test_login_throttle.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from kloof.storage.models import Profile
from tests.web.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def log_in(client, email, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_signup_creates_a_user_named_by_the_email_and_logs_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "Ann@Example.com ", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    user = get_user_model().objects.get()
    assert (response.status_code, response["Location"]) == (302, "/")
    assert (user.username, user.email) == ("ann@example.com", "ann@example.com")
    assert user.password.startswith("argon2")
    assert Profile.objects.get(user=user).language == "nl"
    assert client.get("/w/").status_code == 200


def test_signup_it_refuses_an_email_that_has_an_account(client):
    make_user("ann@example.com")
    response = client.post(
        "/accounts/signup/",
        {"email": "ANN@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An account with this email address exists already. Log in, or reset its password."
    ]


def test_signup_it_refuses_two_different_passwords(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "ann@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert response.context["form"].errors["password2"] == [
        "The two passwords differ. Type the same password twice."
    ]
    assert get_user_model().objects.count() == 0


def test_login_works_with_the_email_in_any_case(client):
    make_user("ann@example.com", PASSWORD)
    response = log_in(client, "ANN@example.com", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/")


def test_login_it_refuses_a_wrong_password_with_a_clear_message(client):
    make_user("ann@example.com", PASSWORD)
    response = log_in(client, "ann@example.com", "wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This email address and password do not match an account. "
        "Check them, or reset your password."
    ]


def test_login_applies_the_language_remembered_in_the_profile(client):
    user = make_user("ann@example.com", PASSWORD)
    Profile.objects.create(user=user, language="nl")
    response = log_in(client, "ann@example.com", PASSWORD)
    assert response.cookies["django_language"].value == "nl"
    page = client.get("/w/")
    assert page["Content-Language"] == "nl"
    assert "Uitloggen" in page.content.decode()


def test_language_is_taken_from_the_browser_without_a_choice(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert page["Content-Language"] == "nl"
    assert '<html lang="nl">' in page.content.decode()


def test_language_choice_is_remembered_for_the_user(client):
    user = make_user("ann@example.com")
    client.force_login(user)
    response = client.post("/accounts/language/", {"language": "nl", "next": "/w/"})
    assert (response.status_code, response["Location"]) == (302, "/w/")
    assert Profile.objects.get(user=user).language == "nl"
    assert client.get("/w/")["Content-Language"] == "nl"


def test_language_it_refuses_an_unknown_language_and_a_foreign_next(client):
    assert client.post("/accounts/language/", {"language": "xx"}).status_code == 400
    response = client.post(
        "/accounts/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(make_user("ann@example.com"))
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert client.get("/w/").status_code == 302


def test_password_change_needs_the_old_password(client):
    user = make_user("ann@example.com", PASSWORD)
    client.force_login(user)
    new = "Another-kloof-2026"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/accounts/password/done/"
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    make_user("ann@example.com", PASSWORD)
    response = client.post("/accounts/reset/", {"email": "Ann@example.com"})
    assert response["Location"] == "/accounts/reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your kloof password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    new = "Another-kloof-2026"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done["Location"] == "/accounts/reset/done/"
    assert log_in(client, "ann@example.com", new).status_code == 302


def test_password_reset_mail_is_in_dutch_for_a_dutch_page(client):
    make_user("ann@example.com", PASSWORD)
    client.post("/accounts/reset/", {"email": "ann@example.com"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert mail.outbox[0].subject == "Stel je kloof-wachtwoord opnieuw in"


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:"


def test_the_style_sheet_is_served(client):
    response = client.get("/static/kloof/app.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)
