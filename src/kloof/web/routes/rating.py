"""URL patterns of the rating area: raters, the rate page, saving, the overview."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import rating, rating_raters

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path(f"{CASE}raters/", rating_raters.raters, name="raters"),
    path(f"{CASE}raters/<id:rater_id>/", rating_raters.rater_edit, name="rater_edit"),
    path(f"{CASE}raters/<id:rater_id>/remove/", rating_raters.rater_remove, name="rater_remove"),
    path(f"{CASE}rate/", rating.rate, name="rate"),
    path(f"{CASE}ratings/", rating.rating_overview, name="rating_overview"),
    path(f"{CASE}ratings/save/", rating.rating_save, name="rating_save"),
]
