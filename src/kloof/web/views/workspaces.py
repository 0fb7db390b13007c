"""Workspaces: the list, creating one, its members, invitations and joining."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.storage import workspaces as commands
from kloof.storage.models import Membership
from kloof.storage.workspaces import InvitationState, LastOwnerError
from kloof.web.access import OWNER, VIEWER, Access, user_workspaces, workspace_view
from kloof.web.forms.workspaces import InvitationForm, RoleForm, WorkspaceForm

#: The session key that holds an invitation token between the link and joining.
JOIN_TOKEN = "kloof_join_token"  # noqa: S105 -- a session key, not a secret


@require_GET
@login_required
def workspace_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kloof/workspaces/list.html",
        {"workspaces": user_workspaces(request), "form": WorkspaceForm()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def workspace_create(request: HttpRequest) -> HttpResponse:
    """A new workspace; its creator becomes its owner."""
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workspace = commands.create_workspace(form.cleaned_data["name"], request.user)
        messages.success(request, _("Workspace “%(name)s” created.") % {"name": workspace.name})
        return redirect("case_list", slug=workspace.slug)
    return render(request, "kloof/workspaces/create.html", {"form": form})


@require_GET
@workspace_view(VIEWER)
def members(request: HttpRequest, access: Access) -> HttpResponse:
    """Everybody sees who is in the workspace; owners also manage it here."""
    rows = access.workspace.memberships.select_related("user").order_by("user__email")
    context = {
        "access": access,
        "memberships": rows,
        "role_form": RoleForm(),
        "invitations": commands.open_invitations(access.workspace) if access.is_owner else [],
    }
    return render(request, "kloof/workspaces/members.html", context)


@require_POST
@workspace_view(OWNER)
def member_role(request: HttpRequest, access: Access, member_id: int) -> HttpResponse:
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return redirect("members", slug=access.workspace.slug)
    try:
        changed = commands.change_role(access.workspace, member_id, form.cleaned_data["role"])
    except LastOwnerError:
        messages.error(request, _("A workspace needs an owner. Make someone else owner first."))
        return redirect("members", slug=access.workspace.slug)
    if changed is None:
        raise Http404("no such member")
    messages.success(request, _("Role of %(email)s changed.") % {"email": changed.user.email})
    return redirect("members", slug=access.workspace.slug)


@require_POST
@workspace_view(OWNER)
def member_remove(request: HttpRequest, access: Access, member_id: int) -> HttpResponse:
    try:
        removed = commands.remove_member(access.workspace, member_id)
    except LastOwnerError:
        messages.error(request, _("A workspace needs an owner. Make someone else owner first."))
        return redirect("members", slug=access.workspace.slug)
    if not removed:
        raise Http404("no such member")
    messages.success(request, _("Member removed."))
    if not Membership.objects.filter(workspace=access.workspace, user=request.user).exists():
        return redirect("workspace_list")
    return redirect("members", slug=access.workspace.slug)


@never_cache  # the link is shown once: not kept by the browser (Cache-Control: no-store)
@require_http_methods(["GET", "POST"])
@workspace_view(OWNER)
def invitation_create(request: HttpRequest, access: Access) -> HttpResponse:
    """An invitation link with a role, shown once: only its hash is stored."""
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation, token = commands.create_invitation(
            access.workspace, form.cleaned_data["role"], request.user
        )
        link = request.build_absolute_uri(reverse("join", kwargs={"token": token}))
        context = {"access": access, "link": link, "invitation": invitation}
        return render(request, "kloof/workspaces/invitation_link.html", context)
    return render(
        request, "kloof/workspaces/invitation_create.html", {"access": access, "form": form}
    )


@require_POST
@workspace_view(OWNER)
def invitation_revoke(request: HttpRequest, access: Access, invitation_id: int) -> HttpResponse:
    if not commands.revoke_invitation(access.workspace, invitation_id):
        raise Http404("no such open invitation")
    messages.success(request, _("Invitation revoked: its link no longer works."))
    return redirect("members", slug=access.workspace.slug)


@never_cache
@require_GET
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation: keep the token in the session, then drop it
    from the address bar (and from history and Referer headers)."""
    request.session[JOIN_TOKEN] = token[:200]
    return redirect("join_confirm")


@never_cache
@require_http_methods(["GET", "POST"])
def join_confirm(request: HttpRequest) -> HttpResponse:
    """What the invitation in the session joins; joining itself is a POST."""
    token = request.session.get(JOIN_TOKEN, "")
    invitation, state = commands.find_invitation(token) if token else (None, None)
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and state is InvitationState.VALID
    ):
        workspace, state = commands.accept_invitation(token, request.user)
        if workspace is not None:
            request.session.pop(JOIN_TOKEN, None)
            messages.success(request, _("You joined “%(name)s”.") % {"name": workspace.name})
            return redirect("case_list", slug=workspace.slug)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(reverse("join_confirm"))
    context = {
        "invitation": invitation if state is InvitationState.VALID else None,
        "state": state.value if state else "none",
    }
    status = 400 if request.method == "POST" else 200  # a POST that could not join
    return render(request, "kloof/workspaces/join.html", context, status=status)
