"""URL patterns of workspaces, members, invitations and joining."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import home, workspaces

urlpatterns = [
    path("", home.home, name="home"),
    path("w/", workspaces.workspace_list, name="workspace_list"),
    path("w/new/", workspaces.workspace_create, name="workspace_create"),
    # The workspace's home page, "w/<slug>/" (case_list), is in routes/cases.py.
    path("w/<slug:slug>/members/", workspaces.members, name="members"),
    path(
        "w/<slug:slug>/members/<id:member_id>/role/",
        workspaces.member_role,
        name="member_role",
    ),
    path(
        "w/<slug:slug>/members/<id:member_id>/remove/",
        workspaces.member_remove,
        name="member_remove",
    ),
    path(
        "w/<slug:slug>/invitations/new/",
        workspaces.invitation_create,
        name="invitation_create",
    ),
    path(
        "w/<slug:slug>/invitations/<id:invitation_id>/revoke/",
        workspaces.invitation_revoke,
        name="invitation_revoke",
    ),
    path("join/", workspaces.join_confirm, name="join_confirm"),
    path("join/<str:token>/", workspaces.join, name="join"),
]
