"""A respondent as a browser is one, over plain HTTP: open the link, read the form,
post answers; and the answers themselves, made so that each version is told apart.

Every request is a new connection (gunicorn's sync workers close it after each
answer anyway) with the session's cookies; no redirect is followed: the status
and ``Location`` are what the benchmarks judge. A request's time runs from
opening the connection to the last byte of the answer.
"""

from __future__ import annotations

import http.client
import http.cookies
import random
import re
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field

HOST = "127.0.0.1"
TIMEOUT_SECONDS = 60
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DONE_PATH = "/respond/done"
FORM_PATH = "/respond/"
CONFIDENCES = ("low", "medium", "high")
#: How often an answer is "no opinion" instead of a score.
NO_OPINION_SHARE = 0.1

#: (subject party key, factor key)
Question = tuple[str, str]


@dataclass(frozen=True)
class Answer:
    """What is sent for one question, and what must be stored: ``score`` None is
    "no opinion"."""

    score: float | None
    confidence: str
    note: str


Answers = dict[Question, Answer]


def make_answers(
    questions: Sequence[Question], scale: tuple[float, float], version: int, rng: random.Random
) -> Answers:
    """A full questionnaire: scores on the scale in steps of 0.5, one in ten
    "no opinion"; every note names ``version`` (and holds Dutch characters)."""
    low, high = scale
    steps = int((high - low) * 2)
    answers = {}
    for subject, factor in questions:
        score = None if rng.random() < NO_OPINION_SHARE else low + rng.randint(0, steps) / 2
        note = f"v{version} {subject}/{factor}: één, twee — ‘goed’"
        answers[(subject, factor)] = Answer(score, rng.choice(CONFIDENCES), note)
    return answers


def form_fields(answers: Answers) -> dict[str, str]:
    """The questionnaire's fields for ``answers``, as the form posts them."""
    fields = {}
    for (subject, factor), answer in answers.items():
        suffix = f"{subject}-{factor}"
        if answer.score is None:
            fields[f"score-{suffix}"] = ""
            fields[f"noop-{suffix}"] = "on"
        else:
            fields[f"score-{suffix}"] = f"{answer.score:.1f}"
        fields[f"confidence-{suffix}"] = answer.confidence
        fields[f"note-{suffix}"] = answer.note
    return fields


@dataclass(frozen=True)
class Reply:
    """One answer of the server; ``status`` 0: no answer (connection error)."""

    status: int
    location: str
    seconds: float
    error: str = ""

    @property
    def acknowledged(self) -> bool:
        """A submission or save the server says it stored: 303 to /respond/done
        (a submit) or 303 back to the form (a save)."""
        return self.status == 303


class FlowError(Exception):
    """The server did not answer as the respondent's flow expects."""


@dataclass
class Respondent:
    """One respondent's browser: its cookies and the form's CSRF token."""

    port: int
    token: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    last_body: str = ""

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> Reply:
        """One request with the cookies; remembers the cookies the answer sets."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in sorted(self.cookies.items()))}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            seconds = time.perf_counter() - started
        except (OSError, http.client.HTTPException) as error:
            return Reply(0, "", time.perf_counter() - started, f"{type(error).__name__}: {error}")
        finally:
            connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        self.last_body = text
        return Reply(response.status, response.getheader("Location") or "", seconds)

    def open_link(self) -> Reply:
        """``GET /r/<token>``: must be a 302 to the form, with a session cookie."""
        reply = self.request("GET", f"/r/{self.token}")
        if reply.status == 302 and not reply.location.endswith(FORM_PATH):
            raise FlowError(f"/r/<token> redirected to {reply.location!r}, not {FORM_PATH}")
        return reply

    def open_form(self) -> Reply:
        """``GET /respond/``: the form; its CSRF token is kept for the posts."""
        reply = self.request("GET", FORM_PATH)
        if reply.status == 200:
            found = CSRF_FIELD.search(self.last_body)
            if found is None:
                raise FlowError("the form at /respond/ has no csrfmiddlewaretoken")
            self.csrf = found.group(1)
        return reply

    def start(self) -> tuple[Reply, Reply]:
        """Open the link, then the form; FlowError unless both are as expected."""
        first = self.open_link()
        second = self.open_form() if first.status == 302 else first
        if first.status != 302 or second.status != 200:
            raise FlowError(
                f"opening the link gave {first.status}, the form {second.status}"
                f" (want 302 then 200){' ' + first.error if first.error else ''}"
            )
        return first, second

    def post(self, action: str, answers: Answers) -> Reply:
        """The form posted with ``action`` (``submit`` or ``save``)."""
        body = {"csrfmiddlewaretoken": self.csrf, "action": action, **form_fields(answers)}
        return self.request("POST", FORM_PATH, body)

    def twin(self) -> Respondent:
        """A second connection of the same browser session (a double click, a retry)."""
        return Respondent(self.port, self.token, dict(self.cookies), self.csrf)


def is_done(reply: Reply) -> bool:
    """A submission acknowledged: 303 to /respond/done."""
    return reply.status == 303 and reply.location.rstrip("/").endswith(DONE_PATH)


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.99 for p99): a value that was seen."""
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]
