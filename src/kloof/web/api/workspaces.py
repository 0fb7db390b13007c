"""``/api/workspaces``: the workspace of the token (a token belongs to one)."""

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from kloof.web.api.common import VIEWER, Pages, need
from kloof.web.api.errors import answers

router = Router(tags=["workspaces"])


class WorkspaceOut(Schema):
    id: int
    name: str
    slug: str
    role: str  # the token user's role there, now


@router.get(
    "/workspaces",
    response=answers({200: list[WorkspaceOut]}),
    url_name="api_workspaces",
    summary="The token's workspace, with your role in it",
)
@paginate(Pages)
def list_workspaces(request: HttpRequest) -> list[dict[str, object]]:
    use = need(request, VIEWER)
    workspace = use.workspace
    return [{"id": workspace.pk, "name": workspace.name, "slug": workspace.slug, "role": use.role}]
