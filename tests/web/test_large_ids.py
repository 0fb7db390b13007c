"""An id no row can have (beyond the database's 64-bit range) in any URL answers
404, never a 500: for a member, a non-member and somebody logged out, by GET and
by POST, in every id of every route, alone or together with the others.

On SQLite such an id used to reach the lookup and raise ``OverflowError``
("Python int too large to convert to SQLite INTEGER"): a 500 on
``/w/<ws>/cases/99999999999999999999/`` and everything below it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from kloof.web.converters import MAX_ID, IdConverter
from tests.web.access_table import ACCESS, World, build_world

pytestmark = pytest.mark.django_db

#: Just beyond the range, and far beyond it (the id of the report).
TOO_LARGE = (str(MAX_ID + 1), "99999999999999999999")
USERS = ("owner", "outsider", "anonymous")


def id_routes(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    """(name, route, names of its id arguments) of every pattern with a number in it."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        converters = pattern.pattern.converters
        if isinstance(pattern, URLResolver):
            yield from id_routes(pattern.url_patterns, route)
            continue
        ids = [
            name
            for name, kind in converters.items()
            if isinstance(kind, IdConverter | IntConverter)
        ]
        if ids:
            yield str(pattern.name), route, ids


def web_routes() -> list[tuple[str, str, list[str]]]:
    """The routes of the pages (the API checks its path ids itself: 422, in JSON)."""
    return [route for route in id_routes() if not route[1].startswith("api/")]


def client_of(world: World, user: str) -> Client:
    client = Client()
    if user == "owner":
        client.force_login(world.team.owner)
    elif user == "outsider":
        client.force_login(world.team.outsider)
    return client


def urls_with_a_large_id(world: World, name: str, ids: list[str]) -> list[str]:
    """The route with each id too large in turn (the others real), and all at once."""
    real = ACCESS[name]["kwargs"](world)
    urls = []
    for large in TOO_LARGE:
        for changed in [[key] for key in ids] + [ids]:
            urls.append(reverse(name, kwargs={**real, **dict.fromkeys(changed, large)}))
    return urls


def test_every_id_in_a_page_url_is_a_bounded_id():
    """No ``<int:…>`` is left: it would take any number of digits to the database."""
    unbounded = [
        str(pattern.pattern)
        for pattern in _all_patterns()
        if not str(pattern.pattern).startswith("api/") and "<int:" in str(pattern.pattern)
    ]
    assert unbounded == []
    names = {name for name, _route, _ids in web_routes()}
    assert {"dashboard", "case_edit", "rater_edit", "evidence_edit", "member_role"} <= names
    assert len(names) >= 30


def _all_patterns(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> Iterator[URLPattern]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _all_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield pattern


@pytest.mark.parametrize("user", USERS)
def test_an_id_beyond_the_database_range_answers_404_on_every_route(user):
    world = build_world()
    client = client_of(world, user)
    answers: dict[str, int] = {}
    for name, _route, ids in web_routes():
        for url in urls_with_a_large_id(world, name, ids):
            for method in (client.get, client.post):
                answers[f"{method.__name__.upper()} {url}"] = method(url).status_code
    assert answers and {key: status for key, status in answers.items() if status != 404} == {}


def test_the_largest_possible_id_still_reaches_the_view_and_finds_nothing():
    world = build_world()
    client = client_of(world, "owner")
    url = f"/w/{world.slug}/cases/{MAX_ID}/"
    assert client.get(url).status_code == 404
    assert client_of(world, "anonymous").get(url).status_code == 302  # the log-in page first
    assert client.get(f"/w/{world.slug}/cases/{world.case.pk}/").status_code == 200


def test_a_case_of_a_too_large_id_shows_the_not_found_page():
    world = build_world()
    response = client_of(world, "owner").get(f"/w/{world.slug}/cases/99999999999999999999/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
