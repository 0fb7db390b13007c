"""What the practice pages show: a scenario's texts, its factor rows with the
sliders and the differences to flag, and the feedback in words, tables and
charts. Texts of the scenario in the language chosen for it; kloof's own
words in the page's language."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kloof.domain.model import PERCEPTION, Framework
from kloof.domain.practice import (
    ERROR_LIMIT,
    DifferenceKey,
    Feedback,
    Scenario,
)
from kloof.i18n.practice import formula_text
from kloof.services.practice_chart import comparison_chart
from kloof.storage.models_practice import PracticeAttempt
from kloof.web.forms.numbers import number_text
from kloof.web.forms.practice import (
    AttemptForm,
    difference_value,
    domain_name,
    level_name,
    position_field,
)


def language_of_page() -> str:
    return (get_language() or "en")[:2]


def scenario_url(scenario_id: str, language: str) -> str:
    url = reverse("practice_scenario", kwargs={"scenario_id": scenario_id})
    return f"{url}?language={language}"


def best_scores(user: Any) -> dict[str, float]:
    rows = (
        PracticeAttempt.objects.filter(user_id=user.pk, finished__isnull=False)
        .values("scenario")
        .annotate(best=Max("score"))
    )
    return {row["scenario"]: row["best"] for row in rows}


def party_names(scenario: Scenario, language: str) -> dict[str, str]:
    return {party.id: party.name.get(language) for party in scenario.parties}


def scenario_context(scenario: Scenario, language: str) -> dict[str, Any]:
    return {
        "scenario": scenario,
        "text_language": language,
        "title": scenario.title.get(language),
        "summary": scenario.summary.get(language),
        "paragraphs": [p.strip() for p in scenario.text.get(language).split("\n\n") if p.strip()],
        "parties": [
            {
                "name": party.name.get(language),
                "role": party.role.get(language) if party.role else "",
            }
            for party in scenario.parties
        ],
        "level": level_name(scenario.level),
        "domain": domain_name(scenario.domain),
    }


def difference_label(key: DifferenceKey, names: dict[str, str], factor: str = "") -> str:
    """``Korrel and Vos`` (on ``factor`` when given); ``how the union sees the board``."""
    first, second = (names.get(party, party) for party in key.parties)
    if key.kind == PERCEPTION:
        if factor:
            return _("how %(viewer)s sees %(subject)s on %(factor)s") % {
                "viewer": first,
                "subject": second,
                "factor": factor,
            }
        return _("how %(viewer)s sees %(subject)s") % {"viewer": first, "subject": second}
    if factor:
        return _("%(first)s and %(second)s on %(factor)s") % {
            "first": first,
            "second": second,
            "factor": factor,
        }
    return _("%(first)s and %(second)s") % {"first": first, "second": second}


def factor_rows(
    scenario: Scenario, form: AttemptForm, frame: Framework, language: str
) -> list[dict[str, Any]]:
    """Per factor: its texts, a slider row per party, and its differences to flag."""
    names = party_names(scenario, language)
    chosen = set(form["blocking"].value() or ())
    factors = {factor.key: factor for factor in frame.factors}
    rows = []
    for key in scenario.factors:
        factor = factors[key]
        scores = []
        for party in scenario.parties:
            field = form[position_field(party.id, key)]
            value = field.value()
            scores.append(
                {
                    "field": field,
                    "party": names[party.id],
                    "text": value if isinstance(value, str) else number_text(value),
                    "id": f"{key}-{party.id}",
                }
            )
        differences = [
            {
                "value": difference_value(diff),
                "label": difference_label(diff, names),
                "checked": difference_value(diff) in chosen,
            }
            for diff in form.keys.values()
            if diff.factor == key
        ]
        rows.append(
            {
                "key": key,
                "name": factor.name.get(language),
                "left": factor.left.get(language),
                "right": factor.right.get(language),
                "scores": scores,
                "differences": differences,
            }
        )
    return rows


def feedback_context(
    scenario: Scenario, feedback: Feedback, frame: Framework, language: str
) -> dict[str, Any]:
    names = party_names(scenario, language)
    factor_names = {factor.key: factor.name.get(language) for factor in frame.factors}
    reference = scenario.reference
    table = [
        {
            "factor": factor_names.get(row.factor, row.factor),
            "party": names[row.party],
            "yours": number_text(row.yours) if row.yours is not None else "",
            "reference": number_text(row.reference),
            "error": number_text(row.error) if row.error is not None else "",
            "far": row.error is None or row.error >= ERROR_LIMIT,
            "why": reference.positions[row.party][row.factor].why.get(language),
        }
        for row in feedback.per_factor
    ]

    def labelled(keys: tuple[DifferenceKey, ...]) -> list[str]:
        return [difference_label(key, names, factor_names.get(key.factor, "")) for key in keys]

    options = {option.key: option.text.get(language) for option in reference.first_move.options}
    move = feedback.first_move
    return {
        "feedback": feedback,
        "charts": _charts(scenario, feedback, frame, language, names),
        "table": table,
        "found": labelled(feedback.blocking.found),
        "missed": labelled(feedback.blocking.missed),
        "extra": labelled(feedback.blocking.extra),
        "precision": number_text(feedback.blocking.precision),
        "recall": number_text(feedback.blocking.recall),
        "parts": {
            "positions": number_text(round(feedback.position_points, 1)),
            "blocking": number_text(round(feedback.blocking_points, 1)),
            "first_move": number_text(round(feedback.first_move_points, 1)),
        },
        "formula": formula_text(language_of_page()),
        "your_move": options.get(move.yours or "", ""),
        "reference_move": options.get(move.reference, move.reference),
        "move_why": reference.first_move.why.get(language),
        "blind_spots": [
            {
                "label": difference_label(
                    DifferenceKey.perception(spot.factor, spot.viewer, spot.subject),
                    names,
                    factor_names.get(spot.factor, ""),
                ),
                "why": spot.why.get(language),
            }
            for spot in reference.blind_spots
        ],
        "mean_error": number_text(feedback.mean_error) if feedback.mean_error is not None else "",
    }


def _charts(
    scenario: Scenario, feedback: Feedback, frame: Framework, language: str, names: dict[str, str]
) -> list[dict[str, Any]]:
    charts = []
    for party in scenario.parties:
        title = _("%(party)s: your positions and the reference") % {"party": names[party.id]}
        svg = comparison_chart(
            scenario,
            party.id,
            feedback,
            frame,
            language,
            (_("You"), _("Reference")),
            title,
        )
        charts.append({"party": names[party.id], "svg": _inline(svg)})
    return charts


def _inline(svg: str) -> SafeString:
    """The chart's SVG document without its XML declaration, to sit in the page."""
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].lstrip()
    return mark_safe(svg)  # noqa: S308 -- the chart module escapes every text it draws
