"""Access entries of the cases area (collected by ``tests.web.access_table``).

Viewers see the list and download; editors and owners create, upload, edit and
archive; only owners delete.
"""

from __future__ import annotations

from typing import Any

from tests.web.access_table import World, case_kwargs, in_workspace, workspace_kwargs


def _download_kwargs(world: World) -> dict[str, Any]:
    return {**case_kwargs(world), "fmt": "yaml"}


ACCESS_ENTRIES: dict[str, dict[str, Any]] = {
    "case_list": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs),
    "case_create": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=workspace_kwargs),
    "case_upload": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=workspace_kwargs),
    "case_edit": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "case_archive": in_workspace(
        "POST",
        viewer=403,
        editor=302,
        owner=302,
        kwargs=case_kwargs,
        data=lambda world: {"action": "archive"},
    ),
    "case_delete": in_workspace("GET", viewer=403, editor=403, owner=200, kwargs=case_kwargs),
    "case_download": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=_download_kwargs
    ),
}
