"""URL patterns of the tokens area: personal API tokens of a workspace."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import tokens

urlpatterns = [
    path("w/<slug:slug>/tokens/", tokens.token_list, name="api_tokens"),
    path(
        "w/<slug:slug>/tokens/<id:token_id>/revoke/",
        tokens.token_revoke,
        name="api_token_revoke",
    ),
]
