"""A rating change saved, round trip through the real server, as the rate page does.

On the rate page each factor's fieldset posts through htmx when one of its fields
changes: htmx sends the values of the whole enclosing form (the CSRF token, the
rater, the subject and every factor's fields) plus ``factor=<key>``, with its
``HX-*`` headers, and swaps the answer (the factor's "Saved: …" line) into the
page. This client reads that form from the rate page once, then posts it like
that, one change after the other, timing each request from sending to the last
byte of the answer.
"""

from __future__ import annotations

import http.client
import time
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser

from benchmarks.web_server import HOST, REQUEST_TIMEOUT_SECONDS, ServerError, Session, base_url

FORM_CLASS = "rating-form"
SAVED = "Saved: "
#: Saves before the timed ones: the first requests of each worker load templates.
WARM_UP = 10


class RateForm(HTMLParser):
    """The fields of the rate page's ``<form class="rating-form">``, as htmx
    gathers them: inputs (checkboxes only when checked), the selected option of
    each select, the text of each textarea."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self.factors: list[str] = []
        self._inside = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and FORM_CLASS in attributes.get("class", "").split():
            self._inside, self.action = True, attributes.get("action")
        if not self._inside:
            return
        name = attributes.get("name")
        if tag == "fieldset" and "data-factor" in attributes:
            self.factors.append(attributes["data-factor"])
        elif tag == "input" and name:
            if attributes.get("type") != "checkbox" or "checked" in attributes:
                self.fields[name] = attributes.get("value", "on")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields[self._select] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


@dataclass(frozen=True)
class RatePage:
    """What the rate page gives the script: where to post, what, which factors."""

    page_path: str
    action: str
    fields: dict[str, str]
    factors: tuple[str, ...]


def rate_page(session: Session, dashboard_path: str) -> RatePage:
    """Read the rate page of the case whose dashboard is ``dashboard_path``."""
    path = f"{dashboard_path}rate/"
    status, body = session.get(path)
    if status != 200:
        raise ServerError(f"GET {path} answered {status}, not 200")
    form = RateForm()
    form.feed(body)
    if not form.action or "csrfmiddlewaretoken" not in form.fields or not form.factors:
        raise ServerError(f"no rating form with a CSRF token and factors on {path}")
    return RatePage(path, form.action, dict(form.fields), tuple(form.factors))


def change(page: RatePage, number: int) -> tuple[str, dict[str, str]]:
    """The ``number``-th change: factors in turn, each time a score other than
    the one it has (1 to 7 and round again), "no opinion" off."""
    key = page.factors[number % len(page.factors)]
    score = 1 + (number // len(page.factors)) % 7
    fields = {**page.fields, f"{key}-score": str(score), "factor": key}
    fields.pop(f"{key}-no_opinion", None)
    return key, fields


def save(session: Session, page: RatePage, key: str, fields: dict[str, str]) -> float:
    """POST one change as htmx does; seconds from sending to the whole answer."""
    origin = base_url(session.port)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": session.cookie,
        "Origin": origin,
        "HX-Request": "true",
        "HX-Current-URL": f"{origin}{page.page_path}",
        "HX-Target": f"status-{key}",
        "HX-Trigger": f"factor-{key}",
    }
    body = urllib.parse.urlencode(fields)
    connection = http.client.HTTPConnection(HOST, session.port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        start = time.perf_counter()
        connection.request("POST", page.action, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read().decode("utf-8")
        elapsed = time.perf_counter() - start
    finally:
        connection.close()
    if response.status != 200 or not answer.startswith(SAVED):
        raise ServerError(f"saving {key} answered {response.status}: {answer[:200]!r}")
    return elapsed


def time_saves(session: Session, dashboard_path: str, saves: int) -> list[float]:
    """Seconds per save, ``saves`` of them, after ``WARM_UP`` untimed ones. A new
    connection per save: gunicorn's sync workers close it after each answer."""
    page = rate_page(session, dashboard_path)
    samples = []
    for number in range(WARM_UP + saves):
        key, fields = change(page, number)
        elapsed = save(session, page, key, fields)
        if number >= WARM_UP:
            samples.append(elapsed)
    return samples
