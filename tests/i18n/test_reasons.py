"""Every reason code as an exact sentence, in English and in Dutch."""

from __future__ import annotations

import pytest

from kloof.domain import reasons as codes
from kloof.domain.model import Case, Factor, Framework, Party, Scale, Severity, Text
from kloof.domain.results import NextStep, Reason
from kloof.i18n.reasons import (
    RENDERED_CODES,
    join_names,
    points_phrase,
    render_reason,
    severity_word,
    status_word,
)
from kloof.i18n.steps import render_rule_title, render_step


def _factor(key: str, en: str, nl: str) -> Factor:
    return Factor(key, Text(nl, en), Text("links", "left"), Text("rechts", "right"))


FACTORS = (
    _factor("intention", "Intention", "Intentie"),
    _factor("trust", "Trust", "Vertrouwen"),
    _factor("value_creation", "Value creation", "Waardecreatie"),
)
CASE = Case(
    title="Renewal",
    framework=Framework("test", Text("Test", "Test"), FACTORS),
    parties=(Party("acme", "ACME"), Party("globex", "Globex")),
    factors=FACTORS,
)

# (code, params, English, Dutch): one row per code at least; ALL_CODES must be covered.
CASES: list[tuple[str, dict[str, object], str, str]] = [
    (
        codes.POSITIONS,
        {"a": "acme", "b": "globex", "score_a": 2.0, "score_b": 5.0, "points": 3.0, "gap": 0.5},
        "ACME stands at 2.0 and Globex at 5.0 on the 1–7 scale: 3.0 points apart "
        "(0.50 of the scale).",
        "ACME staat op 2,0 en Globex op 5,0 op de schaal 1–7: 3,0 punten verschil "
        "(0,50 van de schaal).",
    ),
    (
        codes.THRESHOLD,
        {
            "severity": "blocking",
            "bound": 0.5,
            "bound_points": 3.0,
            "next_severity": None,
            "next_bound": None,
            "next_bound_points": None,
            "factor_specific": False,
        },
        "That is at or above the blocking threshold of 3.0 points (0.50 of the scale).",
        "Dat is gelijk aan of meer dan de drempel voor blokkerend van 3,0 punten "
        "(0,50 van de schaal).",
    ),
    (
        codes.UNKNOWN_POSITION,
        {"party": "globex"},
        "Nobody has rated Globex on this factor yet, so its position is unknown "
        "— not the same as agreement.",
        "Nog niemand heeft Globex op deze factor gescoord, dus de positie is onbekend "
        "— en dat is iets anders dan overeenstemming.",
    ),
    (
        codes.SINGLE_RATING,
        {"party": "acme"},
        "The position of ACME rests on a single rating; a second view would make it firmer.",
        "De positie van ACME rust op één enkele score; een tweede oordeel maakt haar steviger.",
    ),
    (
        codes.ESTIMATES_ONLY,
        {"party": "globex"},
        "The position of Globex rests on estimates only, not on an interview, "
        "an observation or a document.",
        "De positie van Globex rust alleen op schattingen, niet op een interview, "
        "een waarneming of een document.",
    ),
    (
        codes.RATERS_DISAGREE,
        {"party": "acme", "view": "self", "iqr": 0.5, "limit": 1 / 3},
        "The raters of ACME disagree about their own side: the middle half of their scores "
        "spans 0.50 of the scale, at or above the limit of 0.33.",
        "De beoordelaars van ACME zijn het oneens over hun eigen partij: de middelste helft "
        "van hun scores beslaat 0,50 van de schaal, gelijk aan of meer dan de grens van 0,33.",
    ),
    (
        codes.DECIDED,
        {"severity": "blocking", "computed": "significant", "reason": "Their CEO said no."},
        "The team decided to treat this difference as ‘blocking’ instead of the computed "
        "‘significant’: “Their CEO said no”.",
        "Het team heeft besloten dit verschil als ‘blokkerend’ te behandelen in plaats van "
        "het berekende ‘significant’: “Their CEO said no”.",
    ),
    (
        codes.BLIND_SPOT,
        {
            "subject": "acme",
            "viewer": "globex",
            "viewer_score": 2.0,
            "self_score": 5.5,
            "points": 3.5,
            "gap": 3.5 / 6,
            "severity": "blocking",
            "bound": 0.5,
        },
        "Globex sees ACME at 2.0, while ACME sees itself at 5.5: 3.5 points apart "
        "(0.58 of the scale), at or above the blocking threshold (0.50 of the scale).",
        "Globex ziet ACME op 2,0, terwijl ACME zichzelf op 5,5 ziet: 3,5 punten verschil "
        "(0,58 van de schaal), gelijk aan of meer dan de drempel voor blokkerend "
        "(0,50 van de schaal).",
    ),
    (
        codes.TOO_FEW_RATERS,
        {"party": "globex", "raters": 1},
        "1 rater of Globex has given scores; measuring agreement takes at least two.",
        "1 beoordelaar van Globex heeft scores gegeven; om overeenstemming te meten zijn er "
        "minstens twee nodig.",
    ),
    (
        codes.NO_PAIRABLE_UNIT,
        {"party": "acme"},
        "The raters of ACME never scored the same party on the same factor, so their "
        "agreement cannot be measured.",
        "De beoordelaars van ACME hebben nooit dezelfde partij op dezelfde factor gescoord, "
        "dus hun overeenstemming is niet te meten.",
    ),
    (
        codes.NO_VARIATION,
        {"party": "acme"},
        "All scores given by the raters of ACME are the same, so alpha is undefined; "
        "on what they rated, they agree completely.",
        "Alle scores van de beoordelaars van ACME zijn gelijk, dus alfa is niet gedefinieerd; "
        "over wat ze scoorden zijn ze het volledig eens.",
    ),
    (
        codes.INTENTION_FIRST,
        {"a": "acme", "b": "globex", "gap": 0.5, "points": 3.0},
        "ACME and Globex are 3.0 points apart on Intention (0.50 of the scale): pause the "
        "negotiation and make this discussable before anything else.",
        "ACME en Globex liggen 3,0 punten uit elkaar op Intentie (0,50 van de schaal): leg de "
        "onderhandeling stil en maak dit eerst bespreekbaar, vóór al het andere.",
    ),
    (
        codes.DEPENDENCY_RISK,
        {
            "a": "acme",
            "b": "globex",
            "party": "acme",
            "intention": "significant",
            "trust": "blocking",
        },
        "ACME accepts dependency while the difference between ACME and Globex is "
        "‘significant’ on Intention and ‘blocking’ on Trust: dependency on those terms is "
        "a risk.",
        "ACME aanvaardt afhankelijkheid terwijl het verschil tussen ACME en Globex "
        "‘significant’ is op Intentie en ‘blokkerend’ op Vertrouwen: afhankelijkheid onder "
        "die voorwaarden is een risico.",
    ),
    (
        codes.TRUST_OUTSIDE_CONTRACT,
        {"a": "acme", "b": "globex", "severity": "significant"},
        "The difference between ACME and Globex on Trust is ‘significant’: hold that "
        "conversation outside the contract negotiation, for example in a yearly review.",
        "Het verschil tussen ACME en Globex op Vertrouwen is ‘significant’: voer dat gesprek "
        "buiten de contractonderhandeling, bijvoorbeeld in een jaarlijkse evaluatie.",
    ),
    (
        codes.MANY_BLOCKING,
        {"a": "acme", "b": "globex", "count": 4},
        "ACME and Globex have 4 blocking differences: first ask whether this negotiation "
        "can succeed at all.",
        "ACME en Globex hebben 4 blokkerende verschillen: vraag je eerst af of deze "
        "onderhandeling überhaupt kan slagen.",
    ),
    (
        codes.NAME_VALUE_CREATION,
        {"a": "acme", "b": "globex", "severity": "significant", "status": "open"},
        "The difference between ACME and Globex on Value creation is ‘significant’ and its "
        "status is ‘open’: name the expectations explicitly; a difference may stay once both "
        "sides accept it.",
        "Het verschil tussen ACME en Globex op Waardecreatie is ‘significant’ en heeft de "
        "status ‘open’: benoem de verwachtingen uitdrukkelijk; een verschil mag blijven zodra "
        "beide kanten het aanvaarden.",
    ),
    # Variants of the codes above.
    (
        codes.THRESHOLD,
        {
            "severity": "significant",
            "bound": 1 / 3,
            "bound_points": 2.0,
            "next_severity": "blocking",
            "next_bound": 0.4,
            "next_bound_points": 2.4,
            "factor_specific": True,
            "factor": "intention",
        },
        "That is at or above the significant threshold of 2.0 points (0.33 of the scale) and "
        "below the blocking threshold of 2.4 points (0.40). For Intention this framework "
        "sets its own threshold.",
        "Dat is gelijk aan of meer dan de drempel voor significant van 2,0 punten (0,33 van "
        "de schaal) en minder dan de drempel voor blokkerend van 2,4 punten (0,40). Voor "
        "Intentie hanteert dit raamwerk een eigen drempel.",
    ),
    (
        codes.THRESHOLD,
        {
            "severity": "aligned",
            "bound": 0.0,
            "bound_points": 0.0,
            "next_severity": "nuance",
            "next_bound": 1 / 6,
            "next_bound_points": 1.0,
            "factor_specific": True,
        },
        "That is below the nuance threshold of 1.0 point (0.17 of the scale): the parties are "
        "aligned. This framework sets its own threshold for this factor.",
        "Dat is minder dan de drempel voor nuance van 1,0 punt (0,17 van de schaal): de "
        "partijen liggen op één lijn. Dit raamwerk hanteert voor deze factor een eigen drempel.",
    ),
    (
        codes.RATERS_DISAGREE,
        {"party": "globex", "view": "outside", "iqr": 0.4, "limit": 1 / 3},
        "The outside raters disagree about Globex: the middle half of their scores spans "
        "0.40 of the scale, at or above the limit of 0.33.",
        "De beoordelaars van buitenaf zijn het oneens over Globex: de middelste helft van hun "
        "scores beslaat 0,40 van de schaal, gelijk aan of meer dan de grens van 0,33.",
    ),
    (
        codes.DECIDED,
        {"severity": "nuance", "computed": "blocking", "reason": None},
        "The team decided to treat this difference as ‘nuance’ instead of the computed "
        "‘blocking’, without giving a reason.",
        "Het team heeft besloten dit verschil als ‘nuance’ te behandelen in plaats van het "
        "berekende ‘blokkerend’, zonder een reden te geven.",
    ),
    (
        codes.DECIDED,
        {"severity": "blocking", "computed": "blocking", "reason": "They said so."},
        "The team confirmed that this difference is ‘blocking’: “They said so”.",
        "Het team heeft bevestigd dat dit verschil ‘blokkerend’ is: “They said so”.",
    ),
    (
        codes.DECIDED,
        {"severity": "significant", "computed": "significant", "reason": None},
        "The team confirmed that this difference is ‘significant’.",
        "Het team heeft bevestigd dat dit verschil ‘significant’ is.",
    ),
    (
        codes.VIEWS_DIFFER,
        {"party": "globex", "self_score": 5.25, "outside_score": 2.5, "points": 2.75},
        "Globex sees itself at 5.25, the other side sees it at 2.5: 2.75 points apart. The "
        "position is the mean of two views that disagree; look at both.",
        "Globex ziet zichzelf op 5,25, de andere kant ziet Globex op 2,5: 2,75 punten verschil. "
        "De positie is het gemiddelde van twee blikken die het oneens zijn; kijk naar allebei.",
    ),
    (
        codes.INTENTION_FIRST,
        {"a": "acme", "b": "globex", "gap": None, "points": None},
        "The team marked the difference between ACME and Globex on Intention as blocking: "
        "pause the negotiation and make it discussable before anything else.",
        "Het team heeft het verschil tussen ACME en Globex op Intentie als blokkerend "
        "aangemerkt: zet de onderhandeling stil en maak dit eerst bespreekbaar.",
    ),
    (
        codes.INTENTION_FIRST_PERCEPTION,
        {
            "a": "acme",
            "b": "globex",
            "subject": "globex",
            "viewer": "acme",
            "viewer_score": 2.5,
            "self_score": 5.25,
            "points": 2.75,
        },
        "ACME sees Globex at 2.5 on Intention, while Globex sees itself at 5.25: a "
        "misunderstanding of 2.75 points. Pause the negotiation and clear it up before "
        "anything else.",
        "ACME ziet Globex op 2,5 bij Intentie, terwijl Globex zichzelf op 5,25 ziet: een "
        "misverstand van 2,75 punten. Zet de onderhandeling stil en ruim het eerst uit de weg.",
    ),
    (
        codes.INTENTION_FIRST_PERCEPTION,
        {
            "a": "acme",
            "b": "globex",
            "subject": "globex",
            "viewer": "acme",
            "viewer_score": None,
            "self_score": None,
            "points": None,
        },
        "The team marked how ACME sees Globex on Intention as a blocking misunderstanding: "
        "pause the negotiation and clear it up before anything else.",
        "Het team heeft hoe ACME Globex ziet op Intentie als blokkerend misverstand "
        "aangemerkt: zet de onderhandeling stil en ruim het eerst uit de weg.",
    ),
    (
        codes.ONE_VIEW,
        {"party": "globex", "view": "outside", "missing": "self"},
        "The position of Globex rests on how others see it; nobody of Globex has rated its "
        "own side yet.",
        "De positie van Globex rust op hoe anderen Globex zien; niemand van Globex heeft de "
        "eigen kant al beoordeeld.",
    ),
    (
        codes.ONE_VIEW,
        {"party": "acme", "view": "self", "missing": "outside"},
        "The position of ACME rests on its own view only; nobody outside ACME has rated it yet.",
        "De positie van ACME rust alleen op het eigen beeld; niemand buiten ACME heeft ACME "
        "al beoordeeld.",
    ),
    (
        codes.ESTIMATED_VIEW,
        {"party": "globex", "view": "outside"},
        "How others see Globex rests on estimates only.",
        "Hoe anderen Globex zien, rust alleen op schattingen.",
    ),
    (
        codes.ESTIMATED_VIEW,
        {"party": "acme", "view": "self"},
        "How ACME sees itself rests on estimates only.",
        "Hoe ACME zichzelf ziet, rust alleen op schattingen.",
    ),
    (
        codes.TOO_FEW_RATERS,
        {"party": "acme", "raters": 0},
        # ACME may well have been rated by others: the sentence says whose raters.
        "None of ACME's own raters has given scores; agreement within a party is measured "
        "among at least two of its own raters.",
        "Geen van de eigen beoordelaars van ACME heeft scores gegeven; overeenstemming binnen "
        "een partij wordt gemeten tussen minstens twee eigen beoordelaars.",
    ),
    (
        codes.MANY_BLOCKING,
        {"a": "acme", "b": "globex", "count": 1},
        "ACME and Globex have 1 blocking difference: first ask whether this negotiation "
        "can succeed at all.",
        "ACME en Globex hebben 1 blokkerend verschil: vraag je eerst af of deze "
        "onderhandeling überhaupt kan slagen.",
    ),
    (
        codes.NAME_VALUE_CREATION,
        {"a": "acme", "b": "globex", "severity": "blocking", "status": None},
        "The difference between ACME and Globex on Value creation is ‘blocking’ and not yet in "
        "the register: name the expectations explicitly; a difference may stay once both "
        "sides accept it.",
        "Het verschil tussen ACME en Globex op Waardecreatie is ‘blokkerend’ en staat nog niet "
        "in het register: benoem de verwachtingen uitdrukkelijk; een verschil mag blijven "
        "zodra beide kanten het aanvaarden.",
    ),
]


@pytest.mark.parametrize(("code", "params", "english", "dutch"), CASES)
def test_render_reason_gives_the_exact_sentence(
    code: str, params: dict[str, object], english: str, dutch: str
) -> None:
    reason = Reason(code, params)
    assert render_reason(reason, CASE, "en") == english
    assert render_reason(reason, CASE, "nl") == dutch


def test_render_reason_covers_every_code_in_all_codes() -> None:
    # A new code in kloof.domain.reasons without a sentence (and a test row) fails here.
    tested = {code for code, _params, _en, _nl in CASES}
    assert set(codes.ALL_CODES) <= RENDERED_CODES
    assert set(codes.ALL_CODES) <= tested


def test_render_reason_shows_an_unknown_code_with_its_params() -> None:
    reason = Reason("brand_new", {"party": "acme", "count": 2})
    assert render_reason(reason, CASE, "nl") == "[brand_new] count=2, party=acme"


def test_render_reason_uses_the_case_scale_without_needless_decimals() -> None:
    case = Case(
        title="Half points",
        framework=CASE.framework,
        parties=CASE.parties,
        factors=FACTORS,
        scale=Scale(0.5, 10.0),
    )
    params = {"a": "acme", "b": "globex", "score_a": 1, "score_b": 9.5, "points": 8.5, "gap": 0.9}
    assert render_reason(Reason(codes.POSITIONS, params), case, "nl") == (
        "ACME staat op 1,0 en Globex op 9,5 op de schaal 0,5–10: 8,5 punten verschil "
        "(0,90 van de schaal)."
    )


def test_render_reason_falls_back_to_the_party_id_for_an_unknown_party() -> None:
    reason = Reason(codes.SINGLE_RATING, {"party": "initech"})
    assert render_reason(reason, CASE, "en") == (
        "The position of initech rests on a single rating; a second view would make it firmer."
    )


@pytest.mark.parametrize(
    ("points", "english", "dutch"),
    [
        (1.0, "1.0 point", "1,0 punt"),
        (2.0, "2.0 points", "2,0 punten"),
        (0.5, "0.5 points", "0,5 punten"),
    ],
)
def test_points_phrase_uses_singular_only_for_one_point(
    points: float, english: str, dutch: str
) -> None:
    assert points_phrase(points, "en") == english
    assert points_phrase(points, "nl") == dutch


@pytest.mark.parametrize(
    ("severity", "dutch"),
    [
        (Severity.ALIGNED, "op één lijn"),
        (Severity.NUANCE, "nuance"),
        (Severity.SIGNIFICANT, "significant"),
        (Severity.BLOCKING, "blokkerend"),
        (Severity.UNKNOWN, "onbekend"),
    ],
)
def test_severity_word_translates_every_severity(severity: Severity, dutch: str) -> None:
    assert severity_word(severity, "nl") == dutch
    assert severity_word(severity, "en") == severity.value


def test_status_word_translates_the_register_statuses() -> None:
    statuses = ("open", "named", "discussed", "accepted", "accepted_both", "mitigated")
    dutch = [status_word(status, "nl") for status in statuses]
    assert dutch == [
        "open",
        "benoemd",
        "besproken",
        "aanvaard",
        "door beide kanten geaccepteerd",
        "gemitigeerd",
    ]
    assert status_word("accepted_both", "en") == "accepted by both sides"


def test_join_names_lists_names_with_and() -> None:
    assert join_names(["A"], "en") == "A"
    assert join_names(["A", "B", "C"], "en") == "A, B and C"
    assert join_names(["A", "B"], "nl") == "A en B"


@pytest.mark.parametrize(
    ("rule", "english", "dutch"),
    [
        (codes.INTENTION_FIRST, "Intention comes first", "Intentie gaat voor"),
        (
            codes.DEPENDENCY_RISK,
            "Dependency without shared intention and trust",
            "Afhankelijkheid zonder gedeelde intentie en vertrouwen",
        ),
        (
            codes.TRUST_OUTSIDE_CONTRACT,
            "Discuss trust outside the contract negotiation",
            "Bespreek vertrouwen buiten de contractonderhandeling",
        ),
        (codes.MANY_BLOCKING, "Many blocking differences", "Veel blokkerende verschillen"),
        (
            codes.NAME_VALUE_CREATION,
            "Name the expectations on value creation",
            "Benoem de verwachtingen over waardecreatie",
        ),
    ],
)
def test_render_rule_title_names_every_rule(rule: str, english: str, dutch: str) -> None:
    assert render_rule_title(rule, "en") == english
    assert render_rule_title(rule, "nl") == dutch


def test_render_rule_title_covers_every_rule_code() -> None:
    assert all(render_rule_title(rule, "en") != rule for rule in codes.RULE_CODES)


def _step(
    kind: str,
    factor: str | None,
    severity: Severity | None,
    *reasons: Reason,
    status: str | None = None,
) -> NextStep:
    return NextStep(kind, factor, ("acme", "globex"), severity, tuple(reasons), status=status)


def _perception(kind: str, factor: str, severity: Severity, status: str | None = None) -> NextStep:
    # parties are (subject, viewer): how ACME sees Globex.
    return NextStep(
        kind, factor, ("globex", "acme"), severity, (), difference="perception", status=status
    )


@pytest.mark.parametrize(
    ("step", "english", "dutch"),
    [
        (
            _step("stop_and_discuss", "intention", Severity.BLOCKING),
            "Stop and make Intention discussable between ACME and Globex first.",
            "Stop en maak Intentie tussen ACME en Globex eerst bespreekbaar.",
        ),
        (
            _step("research", "trust", Severity.UNKNOWN),
            "Gather evidence on Trust for ACME and Globex: interview, observe or check documents.",
            "Verzamel gegevens over Vertrouwen voor ACME en Globex: interview, observeer of "
            "raadpleeg documenten.",
        ),
        (
            _step("discuss", "value_creation", Severity.SIGNIFICANT),
            "Put the ‘significant’ difference on Value creation between ACME and Globex on the "
            "table.",
            "Leg het verschil op Waardecreatie tussen ACME en Globex (‘significant’) op tafel.",
        ),
        (
            _perception("stop_and_discuss", "intention", Severity.BLOCKING),
            "Stop and clear up how ACME sees Globex on Intention first: name the "
            "misunderstanding together.",
            "Stop eerst en ruim het misverstand op over hoe ACME Globex ziet op Intentie: "
            "benoem het samen.",
        ),
        (
            _perception("stop_and_discuss", "intention", Severity.BLOCKING, status="discussed"),
            "The blocking difference, how ACME sees Globex on Intention, has been discussed: "
            "check that both sides still see it the same way before you negotiate the content.",
            "Het blokkerende verschil, hoe ACME Globex ziet op Intentie, is besproken: ga na of "
            "beide kanten het nog zo zien voordat je over de inhoud onderhandelt.",
        ),
        (
            _step("stop_and_discuss", "intention", Severity.BLOCKING, status="named"),
            "The blocking difference, Intention between ACME and Globex, is named: discuss it "
            "before anything else.",
            "Het blokkerende verschil, Intentie tussen ACME en Globex, is benoemd: bespreek het "
            "voor al het andere.",
        ),
        (
            _step("stop_and_discuss", "intention", Severity.BLOCKING, status="accepted"),
            "The blocking difference, Intention between ACME and Globex, is accepted: negotiate "
            "with it in mind and watch whether it still blocks.",
            "Het blokkerende verschil, Intentie tussen ACME en Globex, is aanvaard: onderhandel "
            "met dit verschil in je achterhoofd en let op of het nog blokkeert.",
        ),
        (
            _step("stop_and_discuss", "intention", Severity.BLOCKING, status="accepted_both"),
            "The blocking difference, Intention between ACME and Globex, is accepted by both "
            "sides: keep it in view together and check at the next review whether it still "
            "blocks.",
            "Het blokkerende verschil, Intentie tussen ACME en Globex, is door beide kanten "
            "geaccepteerd: houd het samen in het oog en kijk bij de volgende evaluatie of het "
            "nog blokkeert.",
        ),
        (
            _step("stop_and_discuss", "intention", Severity.BLOCKING, status="mitigated"),
            "The blocking difference, Intention between ACME and Globex, is mitigated: keep the "
            "agreed actions going and check that they work.",
            "Het blokkerende verschil, Intentie tussen ACME en Globex, is gemitigeerd: houd de "
            "afgesproken acties gaande en ga na of ze werken.",
        ),
        (
            _perception("discuss", "trust", Severity.SIGNIFICANT),
            "Put the ‘significant’ perception gap, how ACME sees Globex on Trust, on the table.",
            "Leg het beeldverschil (‘significant’), hoe ACME Globex ziet op Vertrouwen, op tafel.",
        ),
        (
            _step("discuss", "trust", Severity.BLOCKING, status="discussed"),
            "Put the ‘blocking’ difference on Trust between ACME and Globex on the table. "
            "Register: discussed.",
            "Leg het verschil op Vertrouwen tussen ACME en Globex (‘blokkerend’) op tafel. "
            "Register: besproken.",
        ),
        (
            _step("rule", None, None, Reason(codes.MANY_BLOCKING, {"count": 3})),
            "Many blocking differences (ACME and Globex).",
            "Veel blokkerende verschillen (ACME en Globex).",
        ),
    ],
)
def test_render_step_gives_one_sentence_per_kind(step: NextStep, english: str, dutch: str) -> None:
    assert render_step(step, CASE, "en") == english
    assert render_step(step, CASE, "nl") == dutch
