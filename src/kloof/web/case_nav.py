"""The one navigation of a case's pages: which pages, for which role, which is open.

A context processor, so every page of a case gets the same menu without each
view building it: ``base.html`` shows it whenever the request went through
``case_view``. The current item comes from the URL name; a page below an item
(a register entry below the register) marks that item too, as its section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy, pgettext_lazy

from kloof.web.access import EDITOR, VIEWER, Access, Role


@dataclass(frozen=True)
class NavItem:
    """One link of the case navigation as the template shows it."""

    url_name: str
    label: str
    href: str
    #: "page" on the item's own page, "true" on a page of its section, else "".
    current: str


#: (URL name, label, lowest role that may open it, the URL names of its section).
ITEMS: tuple[tuple[str, Any, Role, frozenset[str]], ...] = (
    ("dashboard", gettext_lazy("Analysis"), VIEWER, frozenset()),
    ("rate", gettext_lazy("Rate"), VIEWER, frozenset({"rating_save"})),
    ("rating_overview", gettext_lazy("Who rated what"), VIEWER, frozenset()),
    ("raters", gettext_lazy("Raters"), VIEWER, frozenset({"rater_edit", "rater_remove"})),
    (
        "respondents",
        gettext_lazy("Respondents"),
        EDITOR,
        frozenset({"respondent_create", "respondent_revoke", "respondent_settings"}),
    ),
    (
        "register",
        pgettext_lazy("case navigation", "Register"),
        VIEWER,
        frozenset({"register_new", "register_entry", "action_add", "action_edit"}),
    ),
    (
        "agenda",
        pgettext_lazy("case navigation", "Agenda"),
        VIEWER,
        frozenset(
            {
                "agenda_generate",
                "agenda_history",
                "agenda_counterparty",
                "agenda_item",
                "agenda_item_add",
                "agenda_links",
            }
        ),
    ),
    (
        "evidence",
        pgettext_lazy("case navigation", "Evidence"),
        VIEWER,
        frozenset({"evidence_edit"}),
    ),
    (
        "interviews",
        pgettext_lazy("case navigation", "Interviews"),
        VIEWER,
        frozenset(
            {
                "interview_new",
                "interview",
                "interview_edit",
                "interview_rate",
                "interview_guide",
                "interview_print",
            }
        ),
    ),
    (
        "meeting",
        pgettext_lazy("case navigation", "Meeting"),
        VIEWER,
        frozenset({"meeting_item", "meeting_outcome"}),
    ),
    ("history", pgettext_lazy("case navigation", "History"), VIEWER, frozenset()),
    (
        "case_import",
        pgettext_lazy("case navigation", "Import"),
        EDITOR,
        frozenset({"case_import_mapping", "case_import_confirm", "case_import_cancel"}),
    ),
    ("case_relationship", pgettext_lazy("case navigation", "Relationship"), EDITOR, frozenset()),
    ("case_edit", pgettext_lazy("case navigation", "Edit"), EDITOR, frozenset({"case_delete"})),
)


def case_nav_items(access: Access, current_url_name: str | None) -> list[NavItem]:
    """The links of ``access.case``'s navigation that ``access`` may open."""
    assert access.case is not None
    kwargs = {"slug": access.workspace.slug, "case_id": access.case.pk}
    items = []
    for url_name, label, role, section in ITEMS:
        if not access.allows(role):
            continue
        if current_url_name == url_name:
            current = "page"
        elif current_url_name in section:
            current = "true"
        else:
            current = ""
        items.append(NavItem(url_name, str(label), reverse(url_name, kwargs=kwargs), current))
    return items


def case_navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``kloof_case_nav``, the items (empty outside a case); lazy."""

    def items() -> list[NavItem]:
        access = getattr(request, "kloof_access", None)
        if access is None or access.case is None:
            return []
        match = request.resolver_match
        return case_nav_items(access, match.url_name if match else None)

    return {"kloof_case_nav": SimpleLazyObject(items)}
