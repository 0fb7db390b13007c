"""Forms for workspaces, members and invitations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kloof.storage.models import NAME_LENGTH, Membership


def role_choices() -> list[tuple[str, str]]:
    return [
        (Membership.Role.VIEWER, _("Viewer: reads cases and analyses")),
        (Membership.Role.EDITOR, _("Editor: also rates, edits cases and the register")),
        (Membership.Role.OWNER, _("Owner: also manages members and invitations")),
    ]


class WorkspaceForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the workspace"),
        max_length=NAME_LENGTH,
        help_text=_("Your team or organisation, such as “Purchasing Benelux”."),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the workspace a name."))
        return name


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=role_choices)


class InvitationForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role of the new member"),
        choices=role_choices,
        initial=Membership.Role.EDITOR,
        widget=forms.RadioSelect,
    )
