"""Cases for the chart tests, built in code and run through the real analysis.

The factor texts are the tests' own (not the shipped framework's), so a change of
wording in ``hopmans-9`` does not churn the golden files.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from kloof.domain.analysis import analyse
from kloof.domain.model import (
    Case,
    Difference,
    Factor,
    Framework,
    Party,
    Rater,
    Rating,
    Scale,
    Text,
    Thresholds,
)
from kloof.domain.results import Analysis
from kloof.reports.svg import text_width


def _factor(
    key: str, name: tuple[str, str], left: tuple[str, str], right: tuple[str, str], **extra: object
) -> Factor:
    return Factor(key=key, name=Text(*name), left=Text(*left), right=Text(*right), **extra)  # type: ignore[arg-type]


FACTORS = (
    _factor(
        "intention",
        ("Intentie", "Intention"),
        ("Ieder voor zich", "Each for their own gain"),
        ("Samen winnen", "Winning together"),
        thresholds=Thresholds(blocking=0.4),
    ),
    _factor(
        "relationship",
        ("Relatie", "Relationship"),
        ("Bijzaak", "A side issue"),
        ("Voorwaarde om samen waarde te scheppen", "A condition for creating value together"),
    ),
    _factor(
        "value_creation",
        ("Waardecreatie", "Value creation"),
        ("Ruilen wat er al is", "Trade what already exists"),
        ("Samen vernieuwen en grenzen verleggen", "Innovate together and push limits"),
    ),
    _factor(
        "trust",
        ("Vertrouwen", "Trust"),
        ("Volgt vanzelf uit de deal", "Follows from the deal"),
        ("Wordt actief opgebouwd en besproken", "Is built and discussed actively"),
    ),
    _factor(
        "dependency",
        ("Afhankelijkheid", "Dependency"),
        ("Vermijden", "Avoid it"),
        ("Aanvaarden en samen beheren", "Accept and manage it together"),
    ),
    _factor(
        "flexibility",
        ("Flexibiliteit", "Flexibility"),
        ("Star bij tegenwind", "Rigid when things go wrong"),
        ("Past zich aan bij tegenwind", "Adapts when things go wrong"),
    ),
    _factor(
        "claiming_sharing",
        ("Claimen en delen", "Claiming and sharing"),
        ("Snel claimen en verdelen", "Claim and divide fast"),
        ("Eerst de taart vergroten, dan delen", "Grow the pie first, then share"),
    ),
    _factor(
        "competences",
        ("Competenties", "Competences"),
        ("Punten scoren aan tafel", "Scoring points at the table"),
        ("Samen een deal ontwerpen", "Designing a deal together"),
    ),
    _factor(
        "emotional_frame",
        ("Emotioneel kader", "Emotional frame"),
        ("Ongeremd emotioneel", "Emotions run free"),
        ("Beheerst en logisch", "Controlled and logical"),
    ),
)

#: A case's own factor with 45-character left poles, to exercise wrapping.
LONG_LEFT = Text(
    "Duurzaamheid is een kostenpost die we mijden.", "Sustainability is a cost we avoid at all cost"
)
CUSTOM = _factor(
    "sustainability",
    ("Duurzaamheid", "Sustainability"),
    (LONG_LEFT.nl, LONG_LEFT.en),
    ("Een gedeelde ambitie", "A shared ambition"),
    custom=True,
)

FRAMEWORK = Framework("chart-test", Text("grafiektest", "chart test"), FACTORS)


def _ratings(rater: str, subject: str, scores: Iterable[float | None]) -> list[Rating]:
    return [
        Rating(rater=rater, subject=subject, factor=factor.key, score=score)
        for factor, score in zip(FACTORS, scores, strict=True)
    ]


def two_party_case(language: str = "nl") -> Case:
    """Buyer and seller, each rating itself and the other; one gap overridden,
    one factor without any rating of the seller (unknown), a custom factor."""
    ratings = [
        *_ratings("jan", "acme", [2, 3, 3, 2, 1, 3, 2, 3, 5]),
        *_ratings("piet", "acme", [3, 3, 4, 2, 2, 5, 2, 4, 5]),
        *_ratings("jan", "globex", [6, 5, 5, 4, None, 4, 5, 5, 4]),
        *_ratings("eva", "globex", [6, 6, 6, 6, None, 5, 5, 6, 5]),
        *_ratings("eva", "acme", [3, 4, 4, 3, None, 4, 2, 3, 6]),
        Rating("jan", "acme", "sustainability", 2),
        Rating("eva", "globex", "sustainability", 6),
        Rating("eva", "acme", "sustainability", 3),
    ]
    return Case(
        title="Contractverlenging 2027",
        framework=FRAMEWORK,
        parties=(
            Party("acme", "ACME Inkoop", "buyer", "own"),
            Party("globex", "Globex Verkoop", "seller", "counterparty"),
        ),
        factors=(*FACTORS, CUSTOM),
        raters=(
            Rater("jan", "Jan", "acme"),
            Rater("piet", "Piet", "acme"),
            Rater("eva", "Eva", "globex"),
        ),
        ratings=tuple(ratings),
        differences=(
            Difference(
                "trust", ("acme", "globex"), blocking=True, reason="Eerdere levering ging mis"
            ),
        ),
        scale=Scale(1, 7),
        language=language,
    )


def three_party_case(language: str = "en") -> Case:
    """Three parties; the third has no ratings on several factors."""
    ratings = [
        *_ratings("jan", "acme", [2, 3, 3, 2, 2, 3, 2, 3, 5]),
        *_ratings("eva", "globex", [6, 6, 5, 5, 6, 5, 6, 6, 4]),
        *_ratings("jan", "globex", [5, 4, 5, 3, 6, 6, 5, 4, 4]),
        *_ratings("kim", "initech", [4, None, 4, 4, None, 6, 3, None, 6]),
        *_ratings("kai", "initech", [5, None, 2, 5, None, 4, 4, None, 6]),
    ]
    return Case(
        title="Joint venture <Noord> & partners",
        framework=FRAMEWORK,
        parties=(
            Party("acme", "ACME Purchasing"),
            Party("globex", "Globex Sales"),
            Party("initech", "Initech"),
        ),
        factors=FACTORS,
        raters=(
            Rater("jan", "Jan", "acme"),
            Rater("eva", "Eva", "globex"),
            Rater("kim", "Kim", "initech"),
            Rater("kai", "Kai", "initech"),
        ),
        ratings=tuple(ratings),
        scale=Scale(1, 7),
        language=language,
    )


def analysed(case: Case) -> Analysis:
    return analyse(case)


GOLDEN = Path(__file__).parent / "golden"


def assert_matches_golden(name: str, actual: str) -> None:
    """Compare with ``golden/<name>``; ``KLOOF_UPDATE_GOLDEN=1`` rewrites the file.

    Regenerate after an intended change with
    ``KLOOF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/reports`` and look at the diff
    (and at the pictures) before committing.
    """
    path = GOLDEN / name
    if os.environ.get("KLOOF_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        raise AssertionError(f"{path} is missing; create it with KLOOF_UPDATE_GOLDEN=1")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; see {path}"


# -- reading the SVG back ----------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def with_class(root: ET.Element, *classes: str) -> list[ET.Element]:
    wanted = set(classes)
    return [e for e in root.iter() if wanted <= set(e.get("class", "").split())]


def texts(element: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in element.iter(f"{SVG}text")]


def assert_all_text_inside(root: ET.Element, width: float) -> None:
    """Every line of text, by its estimated width and anchor, lies inside the canvas.

    Font size, weight and anchor are inherited from enclosing groups, as in SVG.
    """

    def visit(element: ET.Element, inherited: dict[str, str]) -> None:
        style = {**inherited, **{k: v for k, v in element.attrib.items() if k in _INHERITED}}
        if element.tag == f"{SVG}text":
            _check_text(element, style, width)
            return
        for child in element:
            visit(child, style)

    visit(root, {"font-size": "16", "text-anchor": "start"})


_INHERITED = ("font-size", "font-weight", "text-anchor")


def _check_text(text: ET.Element, style: dict[str, str], width: float) -> None:
    size = float(style["font-size"])
    bold = style.get("font-weight") == "bold"
    spans = list(text) if len(text) and text[0].tag == f"{SVG}tspan" else [text]
    for span in spans:
        content = span.text or ""
        extent = text_width(content, size, bold=bold)
        x = float(span.get("x", text.get("x")))
        left = {"start": x, "middle": x - extent / 2, "end": x - extent}[style["text-anchor"]]
        assert left >= 0 and left + extent <= width, (content, left, extent)
