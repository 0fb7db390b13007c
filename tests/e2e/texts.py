"""What a person sees and types in the walk, per language.

Written out here rather than taken from the catalogs, so that the browser tests
also catch a page that shows the wrong language. Form labels end in Django's
label suffix ":"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    language: str
    #: The browser's preferred locale (its Accept-Language).
    locale: str
    #: The button of the language switch to press first, if any.
    switch_to: str | None
    # Accounts and workspace
    sign_up: str
    signup_heading: str
    email: str
    password: str
    password_again: str
    create_account: str
    workspace_name: str
    create_workspace: str
    # A case from scratch
    new_case: str
    from_scratch: str
    title: str
    party: str  # the group of a party's fields, "Party 1 …"
    name: str
    side: str
    our_side: str
    other_side: str
    create_case: str
    case_nav: str  # the case navigation, "Case: {title}"
    # Raters and rating
    add_raters: str  # a new case's first call to action
    rate_the_parties: str
    raters: str
    belongs_to: str
    member: str
    add_rater: str
    rate: str
    party_rated: str
    show: str
    saved: str  # "Saved: {score}."
    source: str
    interview: str
    note: str
    evidence: str  # the case navigation's link
    confirmed_word: str
    # Analysis
    analysis: str
    differences: str
    blocking_word: str
    significant_word: str
    decided_note: str  # "decided by the team; computed: {computed}"
    download_report: str
    # Who has rated whom (the perspectives panel)
    perspectives: str  # the table's caption and its scrolling region's name
    our_self_view: str  # "Our self view: {party} about itself"
    their_view_of_us: str  # "Their view of us: {viewer} about {subject}"
    complete_word: str
    missing_word: str
    invite: str  # "Invite respondents from {viewer}", a link for owners and editors
    factors_rated: str  # "{rated} of {total}"
    # Respondents
    make_a_link: str
    link_name: str
    greeting: str
    make_the_link: str
    greeted: str  # the new link's page: how the respondent is greeted
    back_to_respondents: str
    # Register
    register: str
    start_entry: str
    decide_blocking: str
    reason: str
    open_entry: str
    decided_severity: str
    team_decision: str
    action: str
    owner: str
    due: str
    add_action: str
    # The factors of the default framework, by key
    factors: dict[str, str]


ENGLISH = Texts(
    language="en",
    locale="nl-NL",
    switch_to="English",
    sign_up="Sign up",
    signup_heading="Create your kloof account",
    email="Email address:",
    password="Password:",
    password_again="Password again:",
    create_account="Create account",
    workspace_name="Name of the workspace:",
    create_workspace="Create workspace",
    new_case="New case",
    from_scratch="From scratch",
    title="Title:",
    party="Party",
    name="Name:",
    side="Side:",
    our_side="Our side",
    other_side="The other side",
    create_case="Create the case",
    case_nav="Case: {title}",
    add_raters="Add the people who rate",
    rate_the_parties="Rate the parties",
    raters="Raters",
    belongs_to="Belongs to party:",
    member="Workspace member (optional):",
    add_rater="Add rater",
    rate="Rate",
    party_rated="Party being rated",
    show="Show",
    saved="Saved: {score}.",
    source="Source",
    interview="Interview",
    note="Note",
    evidence="Evidence",
    confirmed_word="confirmed",
    analysis="Analysis",
    differences="Differences, worst first",
    blocking_word="blocking",
    significant_word="significant",
    decided_note="decided by the team; computed: {computed}",
    download_report="Download the report (HTML)",
    perspectives="Raters, respondents and scores per perspective",
    our_self_view="Our self view: {party} about itself",
    their_view_of_us="Their view of us: {viewer} about {subject}",
    complete_word="complete",
    missing_word="missing",
    invite="Invite respondents from {viewer}",
    factors_rated="{rated} of {total}",
    make_a_link="Make a link",
    link_name="Name for the team (not shown to the respondent):",
    greeting="Greeting (shown to the respondent, optional):",
    make_the_link="Make the link",
    greeted="The respondent is greeted with:",
    back_to_respondents="Back to the respondents",
    register="Register",
    start_entry="Start an entry",
    decide_blocking="Blocking",
    reason="Reason for the decision:",
    open_entry="Open entry",
    decided_severity="Decided severity",
    team_decision="team decision",
    action="Action:",
    owner="Owner:",
    due="Due date:",
    add_action="Add action",
    factors={
        "intention": "Intention",
        "relationship": "Relationship",
        "value_creation": "Value creation",
        "trust": "Trust",
        "dependency": "Dependency",
        "flexibility": "Flexibility",
        "claiming_sharing": "Claiming and sharing",
        "competences": "Competences",
        "emotional_frame": "Emotional frame",
    },
)

DUTCH = Texts(
    language="nl",
    locale="nl-NL",
    switch_to=None,
    sign_up="Account aanmaken",
    signup_heading="Maak je kloof-account aan",
    email="E-mailadres:",
    password="Wachtwoord:",
    password_again="Wachtwoord nogmaals:",
    create_account="Account aanmaken",
    workspace_name="Naam van de werkruimte:",
    create_workspace="Werkruimte aanmaken",
    new_case="Nieuwe casus",
    from_scratch="Helemaal nieuw",
    title="Titel:",
    party="Partij",
    name="Naam:",
    side="Kant:",
    our_side="Onze kant",
    other_side="De andere kant",
    create_case="Casus maken",
    case_nav="Casus: {title}",
    add_raters="Beoordelaars toevoegen",
    rate_the_parties="De partijen beoordelen",
    raters="Beoordelaars",
    belongs_to="Hoort bij partij:",
    member="Lid van de werkruimte (optioneel):",
    add_rater="Beoordelaar toevoegen",
    rate="Beoordelen",
    party_rated="Beoordeelde partij",
    show="Tonen",
    saved="Opgeslagen: {score}.",
    source="Bron",
    interview="Interview",
    note="Notitie",
    evidence="Bewijs",
    confirmed_word="bevestigd",
    analysis="Analyse",
    differences="Verschillen, de ernstigste eerst",
    blocking_word="blokkerend",
    significant_word="significant",
    decided_note="besloten door het team; berekend: {computed}",
    download_report="Rapport downloaden (HTML)",
    perspectives="Beoordelaars, respondenten en scores per perspectief",
    our_self_view="Ons zelfbeeld: {party} over zichzelf",
    their_view_of_us="Hun kijk op ons: {viewer} over {subject}",
    complete_word="compleet",
    missing_word="ontbreekt",
    invite="Nodig respondenten van {viewer} uit",
    factors_rated="{rated} van {total}",
    make_a_link="Link maken",
    link_name="Naam voor het team (de respondent ziet die niet):",
    greeting="Begroeting (de respondent ziet die, optioneel):",
    make_the_link="Link maken",
    greeted="De respondent wordt begroet met:",
    back_to_respondents="Terug naar de respondenten",
    register="Register",
    start_entry="Een registerregel beginnen",
    decide_blocking="Blokkerend",
    reason="Reden voor het besluit:",
    open_entry="Registerregel openen",
    decided_severity="Besloten zwaarte",
    team_decision="besluit van het team",
    action="Actie:",
    owner="Eigenaar:",
    due="Uiterste datum:",
    add_action="Actie toevoegen",
    factors={
        "intention": "Intentie",
        "relationship": "Relatie",
        "value_creation": "Waardecreatie",
        "trust": "Vertrouwen",
        "dependency": "Afhankelijkheid",
        "flexibility": "Flexibiliteit",
        "claiming_sharing": "Claimen en delen",
        "competences": "Competenties",
        "emotional_frame": "Emotioneel kader",
    },
)
