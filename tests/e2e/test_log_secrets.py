"""No secret reaches the log of a real ``kloof serve`` with its access log on, after
a walk in a real browser through every flow that issues one: an invitation
(made, opened while logged out, used to sign up and join, opened again), a
password reset (asked, mailed, opened, a new password set), a respondent link
(made, opened, answered), a personal API token (made, used, and guesses next to
it), and guessed links of each kind. Then the server's whole output is searched
for every secret issued and every session cookie."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e import server as kloof_server
from tests.web.processes import run_python

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 10_000
PASSWORD = "Kloof-test-2026-salt"  # tests.web.factories.PASSWORD
NEW_PASSWORD = "A-new-kloof-password-2026"
INVITEE_PASSWORD = "Invited-to-kloof-2026"
#: Guesses of each kind of secret link and of an API token.
GUESSES = {
    "respondent": "guessed-respondent-Qx7vK2pLmN4rT8sW",
    "invitation": "guessed-invitation-Hb3jD9fGcV6nY1zE",
    "reset": "guessed-reset-Ua5eR0tIoP2aS4dF",
    "api": "kloof_guessed-api-token-Jk8lZ3xC",
}

SEED = """
from kloof.web.runner import setup
setup()
from tests.web.factories import PASSWORD, make_demo_case, make_user, make_workspace
owner = make_user("owner@logwalk.example", PASSWORD)
workspace = make_workspace("Log walk", owner=owner)
case = make_demo_case(workspace)
print(workspace.slug, case.pk)
"""


@pytest.fixture(scope="module")
def logging_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[kloof_server.Server]:
    folder = tmp_path_factory.mktemp("kloof-log-walk")
    running = kloof_server.start(
        folder / "data", KLOOF_ACCESS_LOG="1", KLOOF_EMAIL_FILE_PATH=str(folder / "mail")
    )
    try:
        yield running
    finally:
        running.stop()


def new_context(browser: Browser, server: kloof_server.Server) -> BrowserContext:
    context = browser.new_context(base_url=server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    return context


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address:", exact=True).fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("banner")).to_contain_text(email)


def make_invitation(page: Page, slug: str) -> str:
    page.goto(f"/w/{slug}/invitations/new/")
    expect(page.get_by_role("group", name="Role of the new member")).to_be_visible()  # editor
    page.get_by_role("button", name="Make the link", exact=True).click()
    return page.locator("#invitation-link").input_value()


def make_respondent_link(page: Page, slug: str, case_id: str) -> str:
    page.goto(f"/w/{slug}/cases/{case_id}/respondents/new")
    page.get_by_role("button", name="Make the link", exact=True).click()
    return page.locator("#respondent-link").input_value()


def make_api_token(page: Page, slug: str) -> str:
    page.goto(f"/w/{slug}/tokens/")
    page.get_by_label("Label:", exact=True).fill("log walk")
    page.get_by_role("button", name="Make the token", exact=True).click()
    return page.locator("#new-token").input_value()


def join_as_a_new_member(context: BrowserContext, link: str) -> None:
    page = context.new_page()
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/join/$"))  # the token left the address bar
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Log walk")
    page.get_by_role("main").get_by_role("link", name="Sign up", exact=True).click()
    page.get_by_label("Email address:", exact=True).fill("invitee@logwalk.example")
    page.get_by_label("Password:", exact=True).fill(INVITEE_PASSWORD)
    page.get_by_label("Password again:", exact=True).fill(INVITEE_PASSWORD)
    page.get_by_role("button", name="Create account", exact=True).click()
    page.get_by_role("button", name="Join the workspace", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log walk")
    # The link works once: opened again, it says so.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")


def reset_the_password(context: BrowserContext, mail_folder: Path) -> str:
    """Ask for a reset link, open it from the mail, set a new password; the link."""
    page = context.new_page()
    page.goto("/accounts/reset/")
    page.get_by_label("Email:", exact=True).fill("owner@logwalk.example")
    page.get_by_role("button", name="Send the link", exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/reset/sent/$"))
    mails = [path.read_text(encoding="utf-8") for path in sorted(mail_folder.iterdir())]
    found = re.search(r"http://127\.0\.0\.1:\d+(/accounts/reset/[^/\s]+/[^/\s]+/)", mails[-1])
    assert found, mails[-1]
    page.goto(found.group(1))
    expect(page).to_have_url(re.compile(r"/set-password/$"))
    page.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation:", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password", exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/reset/done/$"))
    log_in(page, "owner@logwalk.example", NEW_PASSWORD)
    return found.group(1)


def answer_as_respondent(context: BrowserContext, link: str) -> None:
    page = context.new_page()
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/respond/$"))
    page.locator(".respond-number").first.fill("3")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Your answers are saved.")


def call_api(server: kloof_server.Server, token: str) -> int:
    request = urllib.request.Request(
        f"{server.url}/api/cases", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def try_guesses(page: Page, server: kloof_server.Server) -> None:
    assert page.goto(f"/r/{GUESSES['respondent']}").status == 404
    page.goto(f"/join/{GUESSES['invitation']}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    page.goto(f"/accounts/reset/MQ/{GUESSES['reset']}/")
    expect(page.get_by_role("alert")).to_contain_text("This reset link does not work any more")
    assert call_api(server, GUESSES["api"]) == 401


def sessions(contexts: list[BrowserContext]) -> set[str]:
    """The session cookies the browser contexts hold now."""
    return {
        cookie["value"]
        for context in contexts
        for cookie in context.cookies()
        if cookie["name"] == "sessionid"
    }


def test_no_secret_of_a_whole_walk_reaches_the_servers_log(
    browser: Browser, logging_server: kloof_server.Server
) -> None:
    server = logging_server
    data = server.log.parent / "data"
    seeded = run_python(SEED, kloof_server.server_env(data))
    assert seeded.returncode == 0, seeded.stderr
    slug, case_id = seeded.stdout.split()
    contexts = [new_context(browser, server) for _ in range(4)]
    owner, invitee, resetting, respondent = contexts
    try:
        page = owner.new_page()
        log_in(page, "owner@logwalk.example", PASSWORD)
        invitation = make_invitation(page, slug)
        respondent_link = make_respondent_link(page, slug, case_id)
        api_token = make_api_token(page, slug)
        # The owner's session, before the new password ends it.
        cookies = sessions(contexts)
        join_as_a_new_member(invitee, invitation)
        reset_link = reset_the_password(resetting, server.log.parent / "mail")
        answer_as_respondent(respondent, respondent_link)
        assert call_api(server, api_token) == 200
        try_guesses(page, server)
        cookies |= sessions(contexts)
    finally:
        for context in contexts:
            context.close()
        server.stop()

    secrets = {
        "invitation": invitation.rstrip("/").rsplit("/", 1)[-1],
        "respondent link": respondent_link.rsplit("/", 1)[-1],
        "API token": api_token,
        "reset token": reset_link.rstrip("/").rsplit("/", 1)[-1],
        **{f"guessed {kind}": guess for kind, guess in GUESSES.items()},
        **{f"session {number}": value for number, value in enumerate(sorted(cookies))},
        "password": PASSWORD,
        "new password": NEW_PASSWORD,
        "invitee's password": INVITEE_PASSWORD,
    }
    assert len(secrets["invitation"]) >= 43 and len(secrets["respondent link"]) >= 32
    assert len(cookies) >= 4  # the owner's (before and after the reset), the invitee's, ...
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert {name: secret for name, secret in secrets.items() if secret in log} == {}
    # The secret paths were logged, without their secrets.
    for line in (
        '"GET /join/[redacted]/ HTTP/1.1" 302',
        '"GET /accounts/reset/[redacted]/ HTTP/1.1" 302',
        '"GET /r/[redacted] HTTP/1.1" 302',
        '"GET /r/[redacted] HTTP/1.1" 404',
        '"GET /respond/ HTTP/1.1" 200',
        '"GET /api/cases HTTP/1.1" 200',
    ):
        assert line in log, line
    assert "refused api secret from 127.0.0.1: unknown" in log
