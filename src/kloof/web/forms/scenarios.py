"""The form of a workspace's own scenario: one file, checked for size and name
before anything is read (its content is checked by the scenario loader)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kloof.storage.workspace_scenarios import MAX_UPLOAD_BYTES

SUFFIXES = (".yaml", ".yml", ".json")


class ScenarioUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Scenario file"),
        help_text=gettext_lazy("A kloof scenario file (.yaml, .yml or .json) of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # The size comes from the request; nothing is read before this check.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB; a scenario file is usually a few kilobytes.")
            )
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Choose a file ending in .yaml, .yml or .json."))
        return upload
