"""URL patterns of a workspace's own practice scenarios."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import scenarios

LIST = "w/<slug:slug>/practice/scenarios/"
ONE = f"{LIST}<slug:key>/"

urlpatterns = [
    path(LIST, scenarios.scenario_list, name="own_scenarios"),
    path(f"{LIST}example.yaml", scenarios.scenario_example, name="own_scenario_example"),
    path(f"{ONE}source.yaml", scenarios.scenario_source, name="own_scenario_source"),
    path(f"{ONE}replace/", scenarios.scenario_replace, name="own_scenario_replace"),
    path(f"{ONE}delete/", scenarios.scenario_delete, name="own_scenario_delete"),
]
