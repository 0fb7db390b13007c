"""The world the API tests share: a team with the demo case and a token per
role, and another workspace (its case titled with MARKER) with its owner's token.

No tests here; the API tests import it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from kloof.storage import models
from kloof.storage.api_tokens import create_token
from kloof.storage.respondents import create_link
from tests.web.access_table import MARKER
from tests.web.factories import Team, make_demo_case, make_team


def link_of(case: models.Case) -> models.RespondentLink:
    """The case's first respondent link, made when it has none."""
    link = case.respondent_links.first()
    if link is None:
        link, _token = create_link(
            case,
            party=case.parties.first(),
            rates="both",
            language="en",
            expires=timezone.now() + timedelta(days=7),
            name="Ann",
        )
    return link


@dataclass(frozen=True)
class ApiWorld:
    """A team with the demo case, a token per role, and another workspace (its
    case titled with MARKER) with its owner's token."""

    team: Team
    case: models.Case
    other_case: models.Case
    tokens: dict[str, str]  # viewer, editor, owner, outsider

    def headers(self, kind: str) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[kind]}"}

    def ids(self, case: models.Case) -> dict[str, Any]:
        """Ids of things in ``case``: its entry, link, first rater and party, an
        interview, a factor key, and its relationship."""
        return {
            "interview": interview_of(case).pk,
            "factor": "trust",
            "case": case.pk,
            "workspace": case.workspace_id,
            "entry": case.differences.first().pk,
            "link": link_of(case).pk,
            "rater": case.raters.first().pk,
            "party": case.parties.first().pk,
            **agenda_ids(case),
            **relationship_ids(case),
            **practice_ids(case),
            "session": group_session_of(case).pk,
            "key": own_scenario_of(case).key,
        }


def own_scenario_of(case: models.Case) -> Any:
    """A scenario of the case's workspace's own, its id and title naming the
    workspace (a leak shows its name)."""
    from kloof.storage.models_practice import PracticeScenario
    from tests.web.own_scenario_support import good_yaml

    key = f"own-{case.workspace_id}"
    source = good_yaml(key=key, title_en=f"Scenario of {case.workspace.name}").decode()
    row, _made = PracticeScenario.objects.get_or_create(
        workspace=case.workspace, key=key, defaults={"source": source}
    )
    return row


def relationship_ids(case: models.Case) -> dict[str, int]:
    """A relationship of the case's workspace with ``case`` linked and one
    contract phase (made once)."""
    from datetime import date

    from kloof.storage.phases import add_phase
    from kloof.storage.relationships import RelationshipFields, create_relationship, link_case

    row = case.workspace.relationships.first()
    if row is None:
        row = create_relationship(case.workspace, RelationshipFields(name="Counterparty"))
        link_case(case, row, None)
        add_phase(row, date(2030, 1, 1), date(2030, 3, 31), "tender")
    return {"relationship": row.pk, "phase": row.phases.first().pk}


def group_session_of(case: models.Case) -> Any:
    """A group session of the case's workspace (sessions belong to a workspace)."""
    from kloof.storage.group_sessions import create_session

    found = case.workspace.group_sessions.first()
    if found is None:
        found, _token = create_session(
            case.workspace,
            scenario="supplier-price-rise",
            language="en",
            expires=timezone.now() + timedelta(hours=2),
        )
    return found


def interview_of(case: models.Case) -> Any:
    from kloof.storage.interviews import create_interview
    from kloof.storage.models_dialogue import Interview

    found = Interview.objects.filter(case=case).first()
    if found is None:
        values = {"interviewee": "Anna", "about": "cartwright", "factors": ["trust"]}
        found = create_interview(case, values, None)
    return found


def agenda_ids(case: models.Case) -> dict[str, int]:
    """The first item of the case's agenda (generated if need be) and a link to it."""
    from datetime import timedelta

    from django.utils import timezone

    from kloof.storage import agenda as agenda_store
    from kloof.storage.agenda_links import create_link as create_agenda_link

    agenda = agenda_store.find_agenda(case) or agenda_store.generate(case, None)
    link = (
        case.agenda_links.first()
        or create_agenda_link(case, language="en", expires=timezone.now() + timedelta(days=7))[0]
    )
    return {"item": agenda_store.items_of(agenda)[0].pk, "agenda_link": link.pk}


def practice_ids(case: models.Case) -> dict[str, Any]:
    """A private journal entry and a finished attempt of the owner of the case's
    workspace (their texts name the workspace), and the built-in scenario."""
    import datetime as dt

    from kloof.domain.practice import reference_attempt, score
    from kloof.services.practice import builtin_scenario
    from kloof.storage.journal import create_entry
    from kloof.storage.practice import finish_attempt

    owner = case.workspace.memberships.get(role="owner").user
    entry = create_entry(
        owner,
        {
            "date": dt.date(2026, 11, 30),
            "situation": f"Noticed at {case.workspace.name}",
            "parties": "",
            "factor": "trust",
            "severity": "nuance",
            "next": "",
            "workspace": None,
        },
    )
    scenario = builtin_scenario("supplier-price-rise")
    attempt = reference_attempt(scenario)
    row = finish_attempt(owner, scenario, "en", attempt, score(scenario, attempt))
    return {"journal": entry.pk, "attempt": row.pk, "scenario": scenario.id}


def build_api_world() -> ApiWorld:
    team = make_team("Purchasing", other_name=f"Elsewhere {MARKER}")
    case = make_demo_case(team.workspace)
    other_case = make_demo_case(team.other_workspace, title=f"Secret {MARKER}")
    tokens = {
        role: create_token(team.user(role), team.workspace, f"{role} script")[1]
        for role in ("viewer", "editor", "owner")
    }
    tokens["outsider"] = create_token(team.outsider, team.other_workspace)[1]
    return ApiWorld(team=team, case=case, other_case=other_case, tokens=tokens)
