"""The analysis dashboard: what it shows of a case, in which order and language,
which parties it shows, and how it refuses a choice it cannot show."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kloof.domain.analysis import analyse
from kloof.formats.casefile import load_case
from kloof.reports.chart_profile import profile_chart
from kloof.reports.chart_radar import radar_chart
from kloof.storage import models
from kloof.storage.mapping import case_from_domain
from tests.web.factories import ROOT, Team, demo_domain_case, make_demo_case, make_team

THREE_PARTIES = ROOT / "examples" / "three-parties.yaml"
FOUR_VIEWS = ROOT / "examples" / "open-dialogue-four-views.yaml"


class TableRows(HTMLParser):
    """The rows of the table with class ``table_class``, each a list of cell texts
    (whitespace collapsed)."""

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class = table_class
        self.inside = False
        self.in_body = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and self.table_class in (dict(attrs).get("class") or "").split():
            self.inside = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("td", "th"):
            self.cell = []
        elif self.cell is not None and tag == "li" and "".join(self.cell).strip():
            self.cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = self.in_body = False
        elif self.cell is not None and tag in ("td", "th"):
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table(response, table_class: str) -> list[list[str]]:
    parser = TableRows(table_class)
    parser.feed(response.content.decode())
    return parser.rows


def column(response, table_class: str, index: int = 0) -> list[str]:
    return [row[index] for row in table(response, table_class)]


def stored(team: Team, path: Path) -> models.Case:
    return case_from_domain(team.workspace, load_case(path))


def url(name: str, case: models.Case, query: str = "") -> str:
    address = reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk})
    return f"{address}?{query}" if query else address


@pytest.fixture
def team() -> Team:
    return make_team()


@pytest.fixture
def demo(team: Team) -> models.Case:
    return make_demo_case(team.workspace)


@pytest.fixture
def viewer(client: Client, team: Team) -> Client:
    client.force_login(team.viewer)
    return client


# -- the demo case, in English --------------------------------------------------------


@pytest.mark.django_db
def test_a_viewer_sees_the_dashboard_of_a_case(viewer, demo):
    response = viewer.get(url("dashboard", demo))
    assert response.status_code == 200
    assert "<h1>Packaging contract renewal 2027</h1>" in response.content.decode()


@pytest.mark.django_db
def test_the_case_date_stands_on_its_own_line_above_the_description(viewer, demo):
    content = viewer.get(url("dashboard", demo)).content.decode()
    date = '<p class="case-meta"><time datetime="2026-11-16">16 November 2026</time></p>'
    assert date in content
    assert content.index(date) < content.index('<p class="case-meta">Halvorsen Foods renews')


@pytest.mark.django_db
def test_the_headline_leads_with_what_blocks_then_toughness(viewer, demo):
    response = viewer.get(url("dashboard", demo))
    rows = table(response, "pairs")
    assert rows == [
        [
            "Halvorsen Foods and Cartwright Packaging",
            "2 | Intention | Dependency",
            "21",
            "2",
            "0",
            "9 of 9",
        ]
    ]
    content = response.content.decode()
    lead = (
        '<p class="blocking-lead has-blocking" data-testid="blocking-lead"><strong>'
        "2 blocking differences: Intention and Dependency.</strong></p>"
    )
    assert lead in content
    assert content.index(lead) < content.index('<table class="pairs">')
    assert "0 (the same on every factor) to 100 (opposite poles on every factor)" in content


@pytest.mark.django_db
def test_the_differences_come_worst_first_with_their_numbers(viewer, demo):
    rows = table(viewer.get(url("dashboard", demo)), "differences")
    # factor, positions, gap, severity: as `kloof analyse` gives them for the demo.
    assert [row[:4] for row in rows] == [
        [
            "Intention",
            "Halvorsen Foods: 5.5 | Cartwright Packaging: 3.0",
            "2.5 points",
            "blocking",
        ],
        [
            "Dependency",
            "Halvorsen Foods: 2.5 | Cartwright Packaging: 5.0",
            "2.5 points",
            "blocking decided by the team; computed: significant",
        ],
        ["Trust", "Halvorsen Foods: 5.0 | Cartwright Packaging: 3.0", "2.0 points", "significant"],
        [
            "Claiming and sharing",
            "Halvorsen Foods: 4.0 | Cartwright Packaging: 2.5",
            "1.5 points",
            "nuance",
        ],
        ["Relationship", "Halvorsen Foods: 4.0 | Cartwright Packaging: 5.0", "1.0 point", "nuance"],
        [
            "Value creation",
            "Halvorsen Foods: 4.0 | Cartwright Packaging: 3.0",
            "1.0 point",
            "nuance uncertain",
        ],
        [
            "Competences",
            "Halvorsen Foods: 5.0 | Cartwright Packaging: 4.0",
            "1.0 point",
            "nuance uncertain",
        ],
        [
            "Flexibility",
            "Halvorsen Foods: 4.0 | Cartwright Packaging: 4.0",
            "0.0 points",
            "aligned",
        ],
        [
            "Emotional frame",
            "Halvorsen Foods: 5.0 | Cartwright Packaging: 5.0",
            "0.0 points",
            "aligned",
        ],
    ]


@pytest.mark.django_db
def test_each_difference_says_why_in_sentences(viewer, demo):
    rows = table(viewer.get(url("dashboard", demo)), "differences")
    # The register's status of each difference stands beside its severity.
    assert [row[4] for row in rows[:3]] == ["named", "open", "named"]
    intention, dependency = rows[0][5], rows[1][5]
    assert intention == (
        "Halvorsen Foods stands at 5.5 and Cartwright Packaging at 3.0 on the 1–7 scale: "
        "2.5 points apart (0.42 of the scale). | That is at or above the blocking threshold "
        "of 2.4 points (0.40 of the scale). For Intention this framework sets its own threshold."
    )
    assert "The team decided to treat this difference as ‘blocking’" in dependency
    value_creation = rows[5][5]
    assert value_creation.endswith(
        "The position of Cartwright Packaging rests on a single rating; "
        "a second view would make it firmer."
    )


@pytest.mark.django_db
def test_agreement_gives_alpha_with_its_meaning(viewer, demo):
    rows = table(viewer.get(url("dashboard", demo)), "agreement")
    assert rows == [
        [
            "Halvorsen Foods",
            "0.62",
            "low: the raters disagree too much to rely on their scores",
            "4",
            "17",
        ],
        [
            "Cartwright Packaging",
            "–",
            "None of Cartwright Packaging's own raters has given scores; "
            "agreement within a party is measured among at least two of its own raters.",
            "0",
            "0",
        ],
    ]


@pytest.mark.django_db
def test_the_next_steps_come_in_the_analysis_order(viewer, demo):
    content = viewer.get(url("dashboard", demo)).content.decode()
    headings = re.findall(r'<li class="step step-(\w+)">\s*<h3>([^<]*)</h3>', content)
    assert headings[:3] == [
        (
            # The register names the intention gap already: the step says so.
            "stop_and_discuss",
            "The blocking difference, Intention between Halvorsen Foods and Cartwright "
            "Packaging, is named: discuss it before anything else.",
        ),
        (
            "research",
            "Gather evidence on Value creation for Halvorsen Foods and Cartwright Packaging: "
            "interview, observe or check documents.",
        ),
        (
            "research",
            "Gather evidence on Competences for Halvorsen Foods and Cartwright Packaging: "
            "interview, observe or check documents.",
        ),
    ]
    assert len(headings) == len(analyse(demo_domain_case()).next_steps)
    assert "Beyond the current products and services" in content  # a question to ask


#: The demo's two perspectives of our own side, as the perspectives table shows them.
OUR_VIEWS = [
    ["Our self view: Halvorsen Foods about itself", "4", "0", "complete", "35", "9 of 9"],
    [
        "Our view of them: Halvorsen Foods about Cartwright Packaging",
        "4",
        "0",
        "complete",
        "31",
        "9 of 9",
    ],
]


@pytest.mark.django_db
def test_it_shows_which_perspectives_are_missing(viewer, demo):
    rows = table(viewer.get(url("dashboard", demo)), "perspectives")
    assert rows == [
        *OUR_VIEWS,
        [
            "Their self view: Cartwright Packaging about itself",
            "0",
            "0",
            "missing No one from Cartwright Packaging has rated Cartwright Packaging yet. "
            "An owner or editor of the workspace can invite respondents from Cartwright "
            "Packaging who rate both parties.",
            "0",
            "0 of 9",
        ],
        [
            "Their view of us: Cartwright Packaging about Halvorsen Foods",
            "0",
            "0",
            "missing No one from Cartwright Packaging has rated Halvorsen Foods yet. "
            "An owner or editor of the workspace can invite respondents from Cartwright "
            "Packaging who rate both parties.",
            "0",
            "0 of 9",
        ],
    ]


@pytest.mark.django_db
def test_the_blind_spots_of_four_views_are_listed(viewer, team):
    case = stored(team, FOUR_VIEWS)
    rows = table(viewer.get(url("dashboard", case)), "blind-spots")
    spots = analyse(load_case(FOUR_VIEWS)).blind_spots
    assert len(rows) == len(spots) > 0
    assert rows[0][:4] == [
        "Intention",
        "Harbour Logistics about Brightline IT Services",
        "3.0 points",
        "blocking",
    ]


# -- the chart on the page ------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_inlines_the_cores_profile_chart(viewer, demo):
    content = viewer.get(url("dashboard", demo)).content.decode()
    expected = profile_chart(analyse(demo_domain_case()), "en")
    assert expected in content
    assert "<title>Packaging contract renewal 2027: profile chart</title>" in content


@pytest.mark.django_db
def test_the_outside_views_can_be_hidden(viewer, demo):
    content = viewer.get(url("dashboard", demo, "views=0")).content.decode()
    analysis = analyse(demo_domain_case())
    assert profile_chart(analysis, "en", views=False) in content
    assert profile_chart(analysis, "en", views=True) not in content
    assert re.search(r'<input type="checkbox" name="views" value="1">', content)


@pytest.mark.django_db
def test_the_radar_switch_shows_the_radar_chart(viewer, demo):
    content = viewer.get(url("dashboard", demo, "kind=radar")).content.decode()
    assert radar_chart(analyse(demo_domain_case()), "en") in content
    assert '<input type="radio" name="kind" value="radar" checked>' in content


# -- choosing parties -----------------------------------------------------------------


@pytest.mark.django_db
def test_all_pairs_of_three_parties_are_shown_by_default(viewer, team):
    response = viewer.get(url("dashboard", stored(team, THREE_PARTIES)))
    assert column(response, "pairs") == [
        "Eastport Rail Authority and Hollis Construction",
        "Eastport Rail Authority and Verdan Signalling",
        "Hollis Construction and Verdan Signalling",
    ]
    assert len(table(response, "differences")) == 27


@pytest.mark.django_db
def test_choosing_two_parties_shows_only_their_differences(viewer, team):
    case = stored(team, THREE_PARTIES)
    response = viewer.get(url("dashboard", case, "parties=hollis&parties=verdan"))
    assert response.status_code == 200
    assert table(response, "pairs") == [
        [
            "Hollis Construction and Verdan Signalling",
            "2 | Relationship | Claiming and sharing",
            "27",
            "0",
            "1",
            "8 of 9",
        ]
    ]
    rows = table(response, "differences")
    assert len(rows) == 9
    assert [row[0] for row in rows[:2]] == ["Relationship", "Claiming and sharing"]
    assert all("Eastport" not in row[1] for row in rows)
    chart = profile_chart(analyse(load_case(THREE_PARTIES)), "en", parties=["hollis", "verdan"])
    assert chart in response.content.decode()
    # Perspectives about the chosen parties only, by rating party.
    assert column(response, "perspectives") == [
        "Eastport Rail Authority about Hollis Construction (outside view)",
        "Eastport Rail Authority about Verdan Signalling (outside view)",
        "Hollis Construction about itself (self view)",
        "Hollis Construction about Verdan Signalling (outside view)",
        "Verdan Signalling about itself (self view)",
        "Verdan Signalling about Hollis Construction (outside view)",
    ]


@pytest.mark.django_db
def test_the_chosen_parties_stay_ticked(viewer, team):
    case = stored(team, THREE_PARTIES)
    content = viewer.get(url("dashboard", case, "parties=verdan")).content.decode()
    assert '<input type="checkbox" name="parties" value="verdan" checked>' in content
    assert '<input type="checkbox" name="parties" value="eastport">' in content
    assert "Choose at least two parties to see their differences." in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "parties=halvorsen&parties=acme",
            "The case has no party “acme”. Choose from: halvorsen, cartwright.",
        ),
        ("kind=pie", "Choose the profile chart or the radar chart."),
        ("views=maybe", "Use 1 to show the views or 0 to hide them."),
    ],
)
def test_a_choice_it_cannot_show_is_refused_with_a_message(viewer, demo, query, message):
    response = viewer.get(url("dashboard", demo, query))
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    # The page still shows the whole case, as it would without a choice.
    assert profile_chart(analyse(demo_domain_case()), "en") in content


# -- language -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_speaks_the_users_language_not_the_cases(viewer, demo):
    response = viewer.get(url("dashboard", demo), HTTP_ACCEPT_LANGUAGE="nl")
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Verschillen, de ernstigste eerst" in content
    rows = table(response, "differences")
    assert rows[0][:4] == [
        "Intentie",
        "Halvorsen Foods: 5,5 | Cartwright Packaging: 3,0",
        "2,5 punten",
        "blokkerend",
    ]
    assert profile_chart(analyse(demo_domain_case()), "nl") in content


# -- links to the other areas ---------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_gets_links_to_rate_edit_and_the_register(client, team, demo):
    client.force_login(team.editor)
    content = client.get(url("dashboard", demo)).content.decode()
    for name in ("rate", "register", "raters", "case_edit", "case_report"):
        assert f'href="{url(name, demo)}"' in content, name


@pytest.mark.django_db
def test_a_viewer_gets_no_link_to_rate_or_edit(viewer, demo):
    content = viewer.get(url("dashboard", demo)).content.decode()
    assert f'href="{url("case_report", demo)}"' in content
    assert "Rate the parties" not in content
    assert "Edit the case" not in content


# -- speed ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_case(viewer, team, demo):
    """One query per table: a case with 3 parties and more ratings costs the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for case in (demo, stored(team, THREE_PARTIES)):
        with CaptureQueriesContext(connection) as queries:
            assert viewer.get(url("dashboard", case)).status_code == 200
        counts.append(len(queries))
    # 11: session, user, the access (memberships, workspaces, the case and the
    # workspace menu in one), the fingerprint, six tables of the case and the
    # evidence per position.
    assert counts[0] == counts[1] <= 11


# -- any query at all -----------------------------------------------------------------

QUERY_NAMES = st.sampled_from(["kind", "parties", "views", "other"])
QUERY_VALUES = st.one_of(
    st.sampled_from(["profile", "radar", "halvorsen", "cartwright", "0", "1", "", ","]),
    st.text(max_size=30),
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.lists(st.tuples(QUERY_NAMES, QUERY_VALUES), max_size=6))
def test_any_query_gets_the_page_or_a_400_never_an_error(viewer, demo, query):
    for name in ("dashboard", "case_chart"):
        response = viewer.get(url(name, demo), query and QueryDict(urlencode(query)))
        assert response.status_code in (200, 400), (name, query)


# -- the open dialogue: the other side rated too, and a perception gap blocks ---------

FOUR_VIEWS = ROOT / "examples" / "open-dialogue-four-views.yaml"


@pytest.mark.django_db
def test_a_blocking_perception_gap_leads_the_headline(viewer, team):
    case = stored(team, FOUR_VIEWS)
    response = viewer.get(url("dashboard", case))
    content = response.content.decode()
    # Intention: positions 4.75 and 4.5 (aligned), but Harbour sees Brightline at 3
    # while Brightline sees itself at 6 — a blocking perception gap.
    assert (
        "<strong>2 blocking differences: Intention (how Harbour Logistics sees Brightline IT "
        "Services) and Dependency.</strong>"
    ) in content
    (pair,) = table(response, "pairs")
    assert pair[:2] == [
        "Harbour Logistics and Brightline IT Services",
        "2 | Intention (how Harbour Logistics sees Brightline IT Services) | Dependency",
    ]
    spots = table(response, "blind-spots")
    assert spots[0][:5] == [
        "Intention",
        "Harbour Logistics about Brightline IT Services",
        "3.0 points",
        "blocking",
        "–",
    ]


@pytest.mark.django_db
def test_a_position_whose_views_differ_shows_both_views(viewer, team):
    case = stored(team, FOUR_VIEWS)
    rows = table(viewer.get(url("dashboard", case)), "differences")
    (intention,) = [row for row in rows if row[0] == "Intention"]
    assert intention[1] == (
        "Harbour Logistics: 4.75 | Brightline IT Services: 4.5 views differ "
        "own view 6.0, seen by the other side 3.0"
    )
    assert intention[3] == "aligned uncertain"
    assert "The position is the mean of two views that disagree; look at both." in intention[5]


@pytest.mark.django_db
def test_the_dutch_headline_names_the_perception_gap(viewer, team):
    case = stored(team, FOUR_VIEWS)
    content = viewer.get(url("dashboard", case), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert (
        "2 blokkerende verschillen: Intentie (hoe Harbour Logistics Brightline IT Services "
        "ziet) en Afhankelijkheid." in content
    )


# -- intention decided blocking while no position is known (used to crash) ----------

DECIDED_UNKNOWN = ROOT / "tests" / "data" / "intention-decided-unknown.yaml"


@pytest.mark.django_db
def test_a_decided_blocking_intention_without_ratings_renders_everywhere(viewer, team):
    case = stored(team, DECIDED_UNKNOWN)
    dashboard = viewer.get(url("dashboard", case))
    assert dashboard.status_code == 200
    assert "<strong>1 blocking difference: Intention.</strong>" in dashboard.content.decode()
    report = viewer.get(url("case_report", case))
    assert report.status_code == 200
    assert "1 blocking difference: Intention." in report.content.decode()
    assert "The team marked the difference between Alpha and Beta on Intention as blocking" in (
        report.content.decode()
    )


@pytest.mark.django_db
def test_an_editor_can_take_a_blind_spot_to_the_register(client, team):
    case = stored(team, FOUR_VIEWS)
    client.force_login(team.editor)
    content = client.get(url("dashboard", case)).content.decode()
    new_entry = reverse("register_new", kwargs={"slug": case.workspace.slug, "case_id": case.pk})
    query = "kind=perception&factor=intention&subject=brightline&viewer=harbour"
    assert f'<a href="{new_entry}?{query.replace("&", "&amp;")}">Start an entry' in content
    # The link leads to the new-entry page with that perception gap chosen.
    page = client.get(f"{new_entry}?{query}")
    assert page.status_code == 200
    form = page.context["form"]
    values = [form[name].value() for name in ("kind", "factor", "subject", "viewer")]
    assert values == ["perception", "intention", "brightline", "harbour"]


@pytest.mark.django_db
def test_a_viewer_gets_no_register_link_on_the_blind_spots(viewer, team):
    case = stored(team, FOUR_VIEWS)
    content = viewer.get(url("dashboard", case)).content.decode()
    assert "kind=perception" not in content
