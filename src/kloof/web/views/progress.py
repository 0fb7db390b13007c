"""Practice progress: the user's attempts over time, the learning curve, the
factors they misjudge most and the scenario to practise next (the choice is
pure logic: :mod:`kloof.domain.practice_progress`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kloof.domain.practice_progress import AttemptResult, mean_errors, suggest_next
from kloof.formats.errors import InputError
from kloof.reports.practice_curve import CurveWords, learning_curve
from kloof.services.practice import builtin_scenario, builtin_scenarios
from kloof.storage import practice as store
from kloof.storage.models_practice import PracticeAttempt
from kloof.storage.practice_scenarios import scenario_of_attempt
from kloof.web.forms.journal import factor_names
from kloof.web.forms.numbers import number_text
from kloof.web.forms.practice import level_name
from kloof.web.views.journal import language
from kloof.web.views.practice_display import scenario_url


def result_of(row: PracticeAttempt) -> AttemptResult:
    """A stored attempt as progress takes it (from its stored feedback)."""
    feedback = row.feedback or {}
    errors = tuple(
        (str(cell["factor"]), float(cell["error"]))
        for cell in feedback.get("per_factor") or ()
        if cell.get("error") is not None
    )
    return AttemptResult(
        scenario=row.scenario,
        level=row.level,
        score=float(row.score or 0),
        recall=float(row.recall or 0),
        errors=errors,
    )


def progress_of(user: Any) -> tuple[list[PracticeAttempt], list[AttemptResult]]:
    rows = list(
        store.attempts_of(user).select_related("workspace_scenario").order_by("finished", "id")
    )
    return rows, [result_of(row) for row in rows]


@require_GET
@login_required
def practice_progress(request: HttpRequest) -> HttpResponse:
    lang = language()
    names = factor_names(lang)
    rows, results = progress_of(request.user)
    suggestion = suggest_next(results, builtin_scenarios(), list(names))
    words = CurveWords(
        title=_("Learning curve: score and recall per attempt"),
        desc=_(
            "Per attempt, oldest first: the score (0 to 100) and the recall of blocking "
            "differences (as a percentage). The table below holds the same numbers."
        ),
        score=_("Score"),
        recall=_("Recall (%)"),
        attempt=_("Attempt"),
    )
    context = {
        "attempts": [
            {
                "number": index,
                "row": row,
                "title": _attempt_title(request.user, row, lang),
                "level": level_name(row.level),
                "score": number_text(row.score),
                "recall": number_text(row.recall),
                "precision": number_text(row.precision),
            }
            for index, row in enumerate(rows, start=1)
        ],
        "curve": mark_safe(  # noqa: S308 -- every text in it is escaped
            learning_curve([r.score for r in results], [r.recall for r in results], words)
        ),
        "errors": [
            {
                "name": names.get(row.factor, row.factor),
                "mean": number_text(row.mean),
                "count": row.count,
            }
            for row in mean_errors(results, list(names))
        ],
        "suggestion": _suggestion(suggestion, names, lang),
        "practice_section": "progress",
    }
    return render(request, "kloof/practice/progress.html", context)


def _attempt_title(user: Any, row: PracticeAttempt, lang: str) -> str:
    if row.workspace_scenario_id is None:
        return _scenario_title(row.scenario, lang)
    scenario = scenario_of_attempt(user, row.scenario, row.workspace_scenario)
    return scenario.title.get(lang) if scenario else row.scenario


def _scenario_title(scenario_id: str, lang: str) -> str:
    try:
        return builtin_scenario(scenario_id).title.get(lang)
    except InputError:  # a scenario no longer shipped keeps its id
        return scenario_id


def _suggestion(suggestion: Any, names: dict[str, str], lang: str) -> dict[str, Any] | None:
    if suggestion is None:
        return None
    return {
        "title": _scenario_title(suggestion.scenario, lang),
        "url": scenario_url(suggestion.scenario, lang),
        "level": level_name(suggestion.level),
        "factor": names.get(suggestion.factor, "") if suggestion.factor else "",
    }
