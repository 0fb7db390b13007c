"""Who may use the API tokens pages: every member, for their own tokens; an
owner may revoke anybody's token of the workspace."""

from __future__ import annotations

from typing import Any

from kloof.storage.api_tokens import create_token
from tests.web.access_table import World, in_workspace, workspace_kwargs


def editor_token_kwargs(world: World) -> dict[str, Any]:
    row, _secret = create_token(world.team.editor, world.team.workspace, "editor's")
    return {"slug": world.slug, "token_id": row.pk}


ACCESS_ENTRIES = {
    "api_tokens": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs),
    # Not the viewer's token: as if it did not exist.
    "api_token_revoke": in_workspace(
        "POST", viewer=404, editor=302, owner=302, kwargs=editor_token_kwargs
    ),
}
