"""Practice: choose a scenario, read it, rate the parties, flag the differences
that block and choose the first move; then the feedback.

Per user, not below ``/w/<slug>/``. An attempt is looked up through its user,
so anybody else gets 404. Scoring is the engine's
(:func:`kloof.domain.practice.score`); a stored attempt's feedback page scores
its answers again (the same numbers, and the texts in the page's language).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kloof.domain.practice import Scenario, score
from kloof.storage import practice as store
from kloof.storage.models_practice import PracticeAttempt
from kloof.storage.practice_scenarios import (
    Found,
    find_scenario,
    scenario_of_attempt,
    scenarios_for,
)
from kloof.web.forms.journal import framework
from kloof.web.forms.practice import (
    AttemptForm,
    ChooseForm,
    domain_name,
    initial_from,
    level_name,
)
from kloof.web.views import practice_display as display
from kloof.web.views.journal import language


def scenario_or_404(request: HttpRequest, scenario_id: str) -> Found:
    found = find_scenario(request.user, scenario_id)
    if found is None:
        raise Http404("no such scenario")
    return found


def text_language(request: HttpRequest, fallback: str | None = None) -> str:
    """The language of the scenario's text: ``?language=``, else ``fallback``,
    else the page's."""
    chosen = request.GET.get("language", "")
    return chosen if chosen in ("nl", "en") else (fallback or language())


@require_GET
@login_required
def practice_home(request: HttpRequest) -> HttpResponse:
    """The scenarios, filtered by level and domain, with the user's best score."""
    form = ChooseForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    lang = data.get("language") or language()
    found = scenarios_for(
        request.user, level=data.get("level") or None, domain=data.get("domain") or None
    )
    best = display.best_scores(request.user)
    drafts = set(store.attempts_of(request.user, finished=False).values_list("scenario", flat=True))
    rows = [
        {
            "id": scenario.id,
            "title": scenario.title.get(lang),
            "summary": scenario.summary.get(lang),
            "level": level_name(scenario.level),
            "domain": domain_name(scenario.domain),
            "parties": len(scenario.parties),
            "best": best.get(scenario.id),
            "draft": scenario.id in drafts,
            "workspace": item.row.workspace.name if item.row else "",
        }
        for item in found
        for scenario in (item.scenario,)
    ]
    status = 200 if form.is_valid() or not request.GET else 400
    context = {"form": form, "rows": rows, "language": data.get("language") or ""}
    return render(request, "kloof/practice/list.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def practice_scenario(request: HttpRequest, scenario_id: str) -> HttpResponse:
    """The scenario's text and the attempt's form; a POST saves a draft or
    scores the attempt and shows its feedback."""
    found = scenario_or_404(request, scenario_id)
    scenario = found.scenario
    draft = store.draft_of(request.user, scenario.id)
    lang = text_language(request, draft.language if draft else None)
    if request.method == "GET":
        initial = initial_from(draft.answers) if draft else {}
        form = AttemptForm(initial=initial, scenario=scenario, language=lang)
        return _attempt_page(request, scenario, form, lang, draft)
    form = AttemptForm(request.POST, scenario=scenario, language=lang)
    if not form.is_valid():
        return _attempt_page(request, scenario, form, lang, draft, status=400)
    attempt = form.attempt()
    if not form.submitted:
        store.save_draft(request.user, scenario, lang, attempt, found.row)
        messages.success(request, _("Draft saved: come back to it any time."))
        return redirect(display.scenario_url(scenario.id, lang))
    row = store.finish_attempt(
        request.user, scenario, lang, attempt, score(scenario, attempt), source=found.row
    )
    return redirect("practice_attempt", attempt_id=row.pk)


def _attempt_page(
    request: HttpRequest,
    scenario: Scenario,
    form: AttemptForm,
    lang: str,
    draft: PracticeAttempt | None,
    status: int = 200,
) -> HttpResponse:
    context = {
        **display.scenario_context(scenario, lang),
        "form": form,
        "factors": display.factor_rows(scenario, form, framework(), lang),
        "moves": form["first_move"],
        "draft": draft,
        "other_language": "en" if lang == "nl" else "nl",
    }
    return render(request, "kloof/practice/scenario.html", context, status=status)


@require_GET
@login_required
def practice_attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The feedback on a finished attempt (a draft goes back to its form)."""
    row = store.own_attempt(request.user, attempt_id)
    if row is None:
        raise Http404("no such attempt")
    scenario = scenario_of_attempt(request.user, row.scenario, row.workspace_scenario)
    if scenario is None:
        raise Http404("the scenario of this attempt is gone")
    if row.finished is None:
        return redirect(display.scenario_url(scenario.id, row.language))
    lang = text_language(request, row.language)
    feedback = score(scenario, store.attempt_of(scenario, row.answers))
    context: dict[str, Any] = {
        **display.scenario_context(scenario, lang),
        **display.feedback_context(scenario, feedback, framework(), lang),
        "attempt": row,
    }
    return render(request, "kloof/practice/feedback.html", context)
