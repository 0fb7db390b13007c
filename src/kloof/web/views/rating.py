"""Rating: the rate page, saving ratings (whole page or one factor) and the
overview of who rated what.

Viewers see the rate page read-only and the overview; saving needs an editor
(a viewer's POST answers 403, as every other change does). A respondent's
ratings are their own: read-only to everyone, and under the case's anonymity
promise not offered one by one at all (the overview counts them per group).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kloof.domain.model import Factor, Scale
from kloof.storage import evidence
from kloof.storage import rating as store
from kloof.storage.models import Case, EvidenceNote, Party, Rater, Rating
from kloof.storage.perspectives import perspective_counts
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.evidence import source_choices
from kloof.web.forms.numbers import number_text
from kloof.web.forms.rating import (
    ChooseForm,
    FactorRatingForm,
    initial_of,
    middle,
    slider_step,
)


@dataclass(frozen=True)
class FactorRow:
    """One factor on the rate page: its texts in the page's language, its form."""

    factor: Factor
    name: str
    left: str
    right: str
    description: str
    form: FactorRatingForm
    stored: Rating | None
    #: The evidence notes that support this rating, each with its source in words.
    notes: tuple[tuple[EvidenceNote, str], ...] = ()

    @property
    def score_text(self) -> str:
        """The score field's text: as posted, or the stored score the page's way
        ("4,25" in Dutch); empty when not rated yet."""
        value = self.form["score"].value()
        return value if isinstance(value, str) else number_text(value)

    @property
    def own_evidence(self) -> bool:
        """Whether the stored rating's own note is evidence (its source is an
        interview, an observation or a document)."""
        return self.stored is not None and evidence.is_own_evidence(self.stored)

    @property
    def touched(self) -> bool:
        """Whether the posted fields differ from what the page showed."""
        return self.form.has_changed()


def scale_of(case: Case) -> Scale:
    return Scale(low=case.scale_min, high=case.scale_max)


def language() -> str:
    return (get_language() or "en")[:2]


@require_GET
@case_view(VIEWER)
def rate(request: HttpRequest, access: Access) -> HttpResponse:
    """Choose a rater and a subject; then every factor of the case, one form."""
    case = access.case
    assert case is not None  # case_view always sets it
    (raters, respondents), parties = store.team_visible_raters(case), store.parties_of(case)
    choose = choose_form(request, case, raters, parties)
    if not raters or not parties:
        return render(request, "kloof/rating/rate.html", page(access, choose, None, None, []))
    if not choose.is_valid():
        return render(
            request, "kloof/rating/rate.html", page(access, choose, None, None, []), status=400
        )
    rater, subject = chosen(choose, raters, parties)
    rows = factor_rows(case, rater, subject)
    context = page(access, choose, rater, subject, rows, respondent=rater.pk in respondents)
    return render(request, "kloof/rating/rate.html", context)


def choose_form(
    request: HttpRequest, case: Case, raters: list[Rater], parties: list[Party]
) -> ChooseForm:
    """Bound to the query; without one, the user's own rater (or the first)
    rating the first party."""
    if "rater" in request.GET or "subject" in request.GET:
        return ChooseForm(request.GET, raters=raters, parties=parties)
    own = store.rater_of_user(case, request.user.pk)
    rater = own or (raters[0] if raters else None)
    data = QueryDict(mutable=True)
    if rater is not None and parties:
        data.update({"rater": str(rater.pk), "subject": str(parties[0].pk)})
    return ChooseForm(data, raters=raters, parties=parties)


def chosen(form: ChooseForm, raters: list[Rater], parties: list[Party]) -> tuple[Rater, Party]:
    rater = next(r for r in raters if r.pk == form.cleaned_data["rater"])
    subject = next(p for p in parties if p.pk == form.cleaned_data["subject"])
    return rater, subject


def factor_rows(
    case: Case, rater: Rater, subject: Party, data: QueryDict | None = None
) -> list[FactorRow]:
    stored = store.ratings_by_factor(case, rater, subject)
    notes = evidence.supporting_notes(case, rater, subject)
    sources = dict(source_choices())
    scale, lang = scale_of(case), language()
    rows = []
    for factor in store.case_factors(case):
        row = stored.get(factor.key)
        form = FactorRatingForm(data, prefix=factor.key, initial=initial_of(row), scale=scale)
        rows.append(
            FactorRow(
                factor=factor,
                name=factor.name.get(lang),
                left=factor.left.get(lang),
                right=factor.right.get(lang),
                description=factor.description.get(lang),
                form=form,
                stored=row,
                notes=tuple(
                    (note, str(sources.get(note.source, note.source)))
                    for note in notes.get(factor.key, ())
                ),
            )
        )
    return rows


def page(
    access: Access,
    choose: ChooseForm,
    rater: Rater | None,
    subject: Party | None,
    rows: list[FactorRow],
    respondent: bool = False,
) -> dict[str, Any]:
    case = access.case
    assert case is not None
    scale = scale_of(case)
    return {
        "access": access,
        "case": case,
        "choose": choose,
        "rater": rater,
        "subject": subject,
        "rows": rows,
        "scale": scale,
        "step": slider_step(scale),
        "middle": middle(scale),
        "low_text": number_text(scale.low),
        "high_text": number_text(scale.high),
        "step_text": number_text(slider_step(scale)),
        "read_only": not access.can_edit or respondent,
        "respondent": respondent,
        "has_errors": any(row.form.is_bound and row.form.errors for row in rows),
    }


@require_POST
@case_view(EDITOR)
def rating_save(request: HttpRequest, access: Access) -> HttpResponse:
    """Save one factor (the ``factor`` field: the page's script) or the whole page."""
    case = access.case
    assert case is not None
    (raters, respondents), parties = store.team_visible_raters(case), store.parties_of(case)
    choose = ChooseForm(request.POST, raters=raters, parties=parties)
    if not choose.is_valid():
        return bad_request(request, _("Choose a rater and a party of this case."))
    rater, subject = chosen(choose, raters, parties)
    if rater.pk in respondents:
        raise PermissionDenied("a respondent's answers are theirs")
    if "factor" in request.POST:
        return save_one(request, case, rater, subject, request.POST["factor"])
    return save_page(request, access, choose, rater, subject)


def save_one(
    request: HttpRequest, case: Case, rater: Rater, subject: Party, key: str
) -> HttpResponse:
    """One factor, saved as posted; answers the factor's status line."""
    factors = {factor.key: factor for factor in store.case_factors(case)}
    if key not in factors:
        return bad_request(request, _("This case has no such factor."))
    form = FactorRatingForm(request.POST, prefix=key, scale=scale_of(case))
    if not form.is_valid():
        return bad_request(
            request, " ".join(message for m in form.errors.values() for message in m)
        )
    values = form.values()
    store.save_ratings(case, rater, subject, [(key, values)])
    context = {"saved": True, "score": values.score, "score_text": number_text(values.score)}
    return render(request, "kloof/rating/factor_status.html", context)


def save_page(
    request: HttpRequest, access: Access, choose: ChooseForm, rater: Rater, subject: Party
) -> HttpResponse:
    """The whole page ("Save all changes", or a factor's Save without script):
    every touched factor, the one whose Save button was pressed, and those the
    page's script lists as ``touched`` (set, even where the value did not
    change); any invalid one saves nothing. A factor left as it was shown is
    not read at all: an empty one is "not rated yet", not a mistake."""
    case = access.case
    assert case is not None
    chosen_keys = {request.POST.get("save", ""), *request.POST.getlist("touched")}
    # A factor with no field in the post was not on the page (added since): skip it.
    rows = [
        row
        for row in factor_rows(case, rater, subject, request.POST)
        if any(name.startswith(f"{row.factor.key}-") for name in request.POST)
        and (row.touched or row.factor.key in chosen_keys)
    ]
    if not all(row.form.is_valid() for row in rows):
        context = page(access, choose, rater, subject, _with_others(case, rater, subject, rows))
        return render(request, "kloof/rating/rate.html", context, status=400)
    changes = [(row.factor.key, row.form.values()) for row in rows]
    count = store.save_ratings(case, rater, subject, changes)
    if count:
        messages.success(
            request,
            ngettext("%(count)d rating saved.", "%(count)d ratings saved.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("Nothing changed, so nothing was saved."))
    return redirect(rate_url(case, rater, subject, access.workspace.slug))


def _with_others(
    case: Case, rater: Rater, subject: Party, posted: list[FactorRow]
) -> list[FactorRow]:
    """Every factor for the page that shows what to correct: the posted ones
    as posted, the others as stored (they were left as they were)."""
    by_key = {row.factor.key: row for row in posted}
    return [by_key.get(row.factor.key, row) for row in factor_rows(case, rater, subject)]


def rate_url(case: Case, rater: Rater, subject: Party, slug: str) -> str:
    query = QueryDict(mutable=True)
    query.update({"rater": str(rater.pk), "subject": str(subject.pk)})
    url = reverse("rate", kwargs={"slug": slug, "case_id": case.pk})
    return f"{url}?{query.urlencode()}"


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """400 with the message: a status line for the page's script, else a page."""
    if request.POST.get("factor") is not None:
        context = {"saved": False, "message": message}
        return render(request, "kloof/rating/factor_status.html", context, status=400)
    return render(request, "kloof/rating/bad_request.html", {"message": message}, status=400)


@require_GET
@case_view(VIEWER)
def rating_overview(request: HttpRequest, access: Access) -> HttpResponse:
    """Who has rated what: raters × subject parties, with counts and links."""
    case = access.case
    assert case is not None
    (raters, respondents), parties = store.team_visible_raters(case), store.parties_of(case)
    counts = store.rating_counts(case)
    total = len(store.case_factors(case))
    matrix = [
        (
            rater,
            [
                overview_cell(case, rater, party, counts.get((rater.pk, party.pk), (0, 0)), total)
                for party in parties
            ],
        )
        for rater in raters
    ]
    context = {
        "access": access,
        "case": case,
        "parties": parties,
        "matrix": matrix,
        "respondents": respondents,
        # Under the promise: respondents counted per group, never one by one.
        "groups": [
            count for count in perspective_counts(case) if count.respondents or count.waiting
        ]
        if case.anonymous
        else [],
    }
    return render(request, "kloof/rating/overview.html", context)


def overview_cell(
    case: Case, rater: Rater, party: Party, count: tuple[int, int], total: int
) -> dict[str, Any]:
    scored, no_opinion = count
    return {
        "party": party,
        "scored": scored,
        "no_opinion": no_opinion,
        "open": max(total - scored - no_opinion, 0),
        "total": total,
        "self_view": rater.party_id == party.pk,
        "url": rate_url(case, rater, party, case.workspace.slug),
    }
