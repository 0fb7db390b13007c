"""The kloof JSON API (django-ninja): one :class:`NinjaAPI` with a router per
resource, token auth on every operation and JSON errors (``errors.py``).

The URL names carry no namespace (``api_cases``, ``api_openapi`` …) so that the
route-and-role table of the tests reaches them like every other URL; the two
places where ninja looks up its own names are pointed at ours.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from kloof.web.api import (
    agenda,
    analysis,
    cases,
    errors,
    group_sessions,
    interviews,
    journal,
    links,
    outcomes,
    people,
    phases,
    portfolio,
    practice,
    ratings,
    register,
    relationships,
    scenarios,
    trend,
    workspaces,
)
from kloof.web.api.auth import TokenAuth

DESCRIPTION = """\
The cases of one workspace, their parties, raters, ratings, analysis, difference
register, respondent links, interviews, and the agenda of the open conversation
(both audiences) with the other side's links to it; relationships with their
cases over time, contract phases, the next review and the trend across the
reviews; group sessions on practice scenarios. Practice (scenarios, your
attempts and your spotting journal) belongs to the token's user, not to the
workspace: any member's token practises for its user.

Authenticate with a personal API token: `Authorization: Bearer kloof_…` (make one
on the workspace's *API tokens* page or with `kloof token create`). A token acts
for its user in its workspace only, with the user's role there: viewers read,
editors also write ratings, the register, respondent links and the agenda. Lists take
`limit` (at most 100) and `offset` and answer `{"items": [...], "count": n}`.
Errors answer `{"detail": "..."}`; see docs/api.md.
"""


class KloofSwagger(Swagger):
    def get_openapi_url(self, api: NinjaAPI, path_params: dict[str, Any]) -> str:
        return reverse("api_openapi")


class KloofAPI(NinjaAPI):
    def get_root_path(self, path_params: dict[str, Any]) -> str:
        return reverse("api_root")


api = KloofAPI(
    title="kloof API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="kloof-api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=KloofSwagger(settings={"persistAuthorization": False}),
)
errors.install(api)
for module in (
    workspaces,
    cases,
    people,
    ratings,
    analysis,
    register,
    links,
    interviews,
    agenda,
    outcomes,
    relationships,
    phases,
    practice,
    journal,
    trend,
    group_sessions,
    portfolio,
    scenarios,
):
    api.add_router("", module.router)


def root(request: HttpRequest) -> dict[str, str]:
    return {
        "name": "kloof API",
        "openapi": reverse("api_openapi"),
        "docs": reverse("api_docs"),
        "auth": "Authorization: Bearer <personal API token>",
    }
