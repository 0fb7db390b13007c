"""Two real ``kloof serve`` processes on one PostgreSQL database, and a browser
that talks to either of them with one set of cookies (for test_two_servers)."""

from __future__ import annotations

import http.client
import http.cookies
import re
import urllib.parse
from dataclasses import dataclass, field

from tests.e2e.server import Server

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
#: What differs between two renderings of one page for one user: the CSRF tokens.
CSRF_ANY = re.compile(r'(csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"')


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


@dataclass
class Browser:
    """One browser: its cookies go to whichever server it asks."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, server: Server, method: str, path: str, data: dict[str, str] | None = None
    ) -> Answer:
        url = urllib.parse.urlsplit(server.url)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in sorted(self.cookies.items()))}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.getheader("Location") or "", text)

    def get(self, server: Server, path: str) -> Answer:
        return self.request(server, "GET", path)

    def submit(self, server: Server, form_path: str, data: dict[str, str]) -> Answer:
        """GET the form at ``form_path`` (for its CSRF token), then POST ``data`` to it."""
        page = self.get(server, form_path)
        found = CSRF_FIELD.search(page.body)
        assert found, f"no CSRF token at {form_path} ({page.status})"
        return self.request(server, "POST", form_path, {"csrfmiddlewaretoken": found[1], **data})

    def log_in(self, server: Server, email: str, password: str) -> Answer:
        return self.submit(server, "/accounts/login/", {"username": email, "password": password})

    def logged_in(self, server: Server) -> bool:
        """Whether the list of workspaces shows (200) or sends this browser to log in."""
        answer = self.get(server, "/w/")
        return answer.status == 200


def without_csrf(html: str) -> str:
    return CSRF_ANY.sub(r'\1""', html)
