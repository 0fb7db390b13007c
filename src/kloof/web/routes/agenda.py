"""URL patterns of the dialogue agenda."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import agenda, agenda_items, agenda_links

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    # The other side's secret link: the only URLs that hold its token.
    path("a/<str:token>", agenda_links.agenda_shared, name="agenda_shared"),
    path("a/<str:token>/pdf", agenda_links.agenda_shared_pdf, name="agenda_shared_pdf"),
    path(f"{CASE}agenda/links/", agenda_links.agenda_links, name="agenda_links"),
    path(
        f"{CASE}agenda/links/<id:link_id>/revoke/",
        agenda_links.agenda_link_revoke,
        name="agenda_link_revoke",
    ),
    path(f"{CASE}agenda/", agenda.agenda, name="agenda"),
    path(f"{CASE}agenda/generate/", agenda.agenda_generate, name="agenda_generate"),
    path(f"{CASE}agenda/date/", agenda.agenda_date, name="agenda_date"),
    path(f"{CASE}agenda/history/", agenda.agenda_history, name="agenda_history"),
    path(f"{CASE}agenda/counterparty/", agenda.agenda_counterparty, name="agenda_counterparty"),
    path(f"{CASE}agenda/<str:audience>.<str:fmt>", agenda.agenda_download, name="agenda_download"),
    path(f"{CASE}agenda/items/new/", agenda_items.agenda_item_add, name="agenda_item_add"),
    path(f"{CASE}agenda/items/<id:item_id>/", agenda_items.agenda_item, name="agenda_item"),
    path(
        f"{CASE}agenda/items/<id:item_id>/share/",
        agenda_items.agenda_item_share,
        name="agenda_item_share",
    ),
    path(
        f"{CASE}agenda/items/<id:item_id>/move/",
        agenda_items.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        f"{CASE}agenda/items/<id:item_id>/remove/",
        agenda_items.agenda_item_remove,
        name="agenda_item_remove",
    ),
]
