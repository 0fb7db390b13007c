"""kloof demo: a fresh data dir to a working log-in and the demo case, quickly."""

from __future__ import annotations

import http.cookiejar
import re
import selectors
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from tests.bounds import RUNAWAY_SECONDS
from tests.web.factories import DEMO_TITLE
from tests.web.processes import clean_env
from tests.web.test_runner import free_port, wait_for_health

RUN_DEMO = "import sys; from kloof.cli import main; sys.exit(main(['demo', '--port', sys.argv[1]]))"
LOGIN_LINE = re.compile(r"open (http://\S+/) and log in as (\S+) with password (\S+)")


def read_login(
    process: subprocess.Popen[str], limit: float = RUNAWAY_SECONDS
) -> tuple[str, str, str]:
    """(url, email, password) from the demo's first lines, waiting at most ``limit`` s."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if selector.select(timeout=0.1):
            line = process.stdout.readline()
            found = LOGIN_LINE.search(line)
            if found:
                return found.group(1), found.group(2), found.group(3)
            assert line, "kloof demo ended without printing the log-in"
    raise AssertionError(f"no log-in line within {limit} s")


def log_in(url: str, email: str, password: str) -> urllib.request.OpenerDirector:
    """A browser-like opener, logged in through the log-in form."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = opener.open(url + "accounts/login/", timeout=RUNAWAY_SECONDS).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "username": email, "password": password}
    ).encode()
    with opener.open(url + "accounts/login/", data=data, timeout=RUNAWAY_SECONDS) as response:
        assert response.url == url + "w/"  # redirected on: logged in
    return opener


def test_demo_serves_a_login_and_the_demo_case_on_a_fresh_data_dir(data_dir):
    """How fast: benchmarks/web.py --only demo (demo-start < 5 s, with --check)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_DEMO, str(port)],
        env=clean_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url, email, password = read_login(process)
        status, body = wait_for_health(f"{url}healthz", process)
        opener = log_in(url, email, password)
        cases = opener.open(url + "w/demo/", timeout=RUNAWAY_SECONDS).read().decode()
    finally:
        process.terminate()
        process.wait(timeout=RUNAWAY_SECONDS)
    assert url == f"http://127.0.0.1:{port}/"
    assert email == "demo@example.com"
    assert (status, body) == (200, {"status": "ok", "database": "ok"})
    assert DEMO_TITLE in cases


def test_demo_on_an_existing_data_dir_keeps_one_case_and_sets_a_new_password(data_dir):
    passwords = []
    for _run in range(2):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-c", RUN_DEMO, str(port)],
            env=clean_env(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            url, email, password = read_login(process)
            wait_for_health(f"{url}healthz", process)
            opener = log_in(url, email, password)
            cases = opener.open(url + "w/demo/", timeout=RUNAWAY_SECONDS).read().decode()
        finally:
            process.terminate()
            process.wait(timeout=RUNAWAY_SECONDS)
        passwords.append(password)
        assert cases.count(DEMO_TITLE) == 1
    assert passwords[0] != passwords[1]
