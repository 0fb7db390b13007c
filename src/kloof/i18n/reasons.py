"""Reasons as sentences a negotiator can read (rule titles and next steps:
:mod:`kloof.i18n.steps`).

The analysis explains itself with language-neutral ``Reason`` objects (a code plus
numbers and ids, see ``kloof.domain.reasons``). This module turns them into Dutch or
English: party ids become party names, factor keys factor names, severities words.

Number conventions, the same in every sentence: scores and points with one decimal
("3.0 points"), normalised gaps and bounds as a share of the scale with two decimals
("0.50 of the scale"). Messages live in the ``reasons`` catalog.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping, Sequence

from kloof.domain import reasons as codes
from kloof.domain.model import Case, Severity
from kloof.domain.results import OUTSIDE_VIEW, Reason
from kloof.i18n import format_number, format_score, translator

# Marks words for the catalog without translating them here (they are looked up
# with pgettext later, under a context, so they cannot clash with other catalogs).
N_ = str


def severity_word(severity: Severity | str, language: str) -> str:
    """The word for a severity: ``blocking`` / ``blokkerend``."""
    value = severity.value if isinstance(severity, Severity) else str(severity)
    words = {
        "aligned": N_("aligned"),
        "nuance": N_("nuance"),
        "significant": N_("significant"),
        "blocking": N_("blocking"),
        "unknown": N_("unknown"),
    }
    if value not in words:
        return value
    return translator(language).pgettext("severity", words[value])


def status_word(status: str, language: str) -> str:
    """The word for a register status: ``discussed`` / ``besproken``."""
    words = {
        "open": N_("open"),
        "named": N_("named"),
        "discussed": N_("discussed"),
        "accepted": N_("accepted"),
        "accepted_both": N_("accepted by both sides"),
        "mitigated": N_("mitigated"),
    }
    if status not in words:
        return status
    return translator(language).pgettext("status", words[status])


def points_phrase(points: float, language: str) -> str:
    """``1.0 point`` / ``2.5 points`` (``1,0 punt`` / ``2,5 punten``)."""
    number = format_score(points, language)
    exactly_one = abs(points - 1.0) < 1e-9
    template = translator(language).ngettext("{n} point", "{n} points", 1 if exactly_one else 2)
    return template.format(n=number)


def share_phrase(share: float, language: str) -> str:
    """A normalised 0-1 value for people: two decimals (``0.50`` / ``0,50``)."""
    return format_number(share, language, 2)


def party_name(case: Case, party_id: str) -> str:
    """The party's name; the id itself when the case does not know it."""
    try:
        return case.party(party_id).name
    except KeyError:
        return party_id


def factor_name(case: Case, key: str, language: str) -> str:
    """The factor's name in ``language``; the key itself when the case lacks it."""
    try:
        return case.factor(key).name.get(language)
    except KeyError:
        return key


def join_names(names: Sequence[str], language: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` (``en`` in Dutch)."""
    if len(names) <= 1:
        return "".join(names)
    word = translator(language).pgettext("list", "and")
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def scale_phrase(case: Case, language: str) -> str:
    """The case's scale as ``1–7``, without needless decimals."""
    return f"{_bound(case.scale.low, language)}–{_bound(case.scale.high, language)}"


def _bound(value: float, language: str) -> str:
    return format_number(value, language, 0 if float(value).is_integer() else 1)


class _Params:
    """Typed access to one reason's params, already formatted for people."""

    def __init__(self, reason: Reason, case: Case, language: str) -> None:
        self.params: Mapping[str, object] = reason.params
        self.case = case
        self.language = language
        self.t: gettext.NullTranslations = translator(language)

    def raw(self, key: str) -> object:
        return self.params[key]

    def number(self, key: str) -> float:
        value = self.params[key]
        if not isinstance(value, int | float):
            raise TypeError(f"reason param {key!r} should be a number, not {value!r}")
        return float(value)

    def party(self, key: str = "party") -> str:
        return party_name(self.case, str(self.params[key]))

    def score(self, key: str) -> str:
        return format_score(self.number(key), self.language)

    def points(self, key: str) -> str:
        return points_phrase(self.number(key), self.language)

    def share(self, key: str) -> str:
        return share_phrase(self.number(key), self.language)

    def severity(self, key: str = "severity") -> str:
        return severity_word(str(self.params[key]), self.language)

    def factor(self, key: str) -> str:
        return factor_name(self.case, key, self.language)


def _positions(p: _Params) -> str:
    return p.t.gettext(
        "{a} stands at {score_a} and {b} at {score_b} on the {scale} scale: "
        "{points} apart ({gap} of the scale)."
    ).format(
        a=p.party("a"),
        b=p.party("b"),
        score_a=p.score("score_a"),
        score_b=p.score("score_b"),
        scale=scale_phrase(p.case, p.language),
        points=p.points("points"),
        gap=p.share("gap"),
    )


def _threshold_name(severity: str, language: str) -> str:
    names = {
        "nuance": N_("the nuance threshold"),
        "significant": N_("the significant threshold"),
        "blocking": N_("the blocking threshold"),
    }
    return translator(language).pgettext("threshold", names.get(severity, severity))


def _threshold(p: _Params) -> str:
    severity = str(p.raw("severity"))
    if severity == Severity.BLOCKING.value:
        sentence = p.t.gettext(
            "That is at or above {threshold} of {points} ({bound} of the scale)."
        )
        sentence = sentence.format(
            threshold=_threshold_name(severity, p.language),
            points=p.points("bound_points"),
            bound=p.share("bound"),
        )
    elif severity == Severity.ALIGNED.value:
        sentence = p.t.gettext(
            "That is below {threshold} of {points} ({bound} of the scale): the parties are aligned."
        ).format(
            threshold=_threshold_name(str(p.raw("next_severity")), p.language),
            points=p.points("next_bound_points"),
            bound=p.share("next_bound"),
        )
    else:
        sentence = p.t.gettext(
            "That is at or above {threshold} of {points} ({bound} of the scale) "
            "and below {next_threshold} of {next_points} ({next_bound})."
        ).format(
            threshold=_threshold_name(severity, p.language),
            points=p.points("bound_points"),
            bound=p.share("bound"),
            next_threshold=_threshold_name(str(p.raw("next_severity")), p.language),
            next_points=p.points("next_bound_points"),
            next_bound=p.share("next_bound"),
        )
    if p.params.get("factor_specific"):
        sentence += " " + _own_threshold(p)
    return sentence


def _own_threshold(p: _Params) -> str:
    # ``factor`` is optional in THRESHOLD's params: name the factor when it is there.
    if "factor" in p.params:
        text = p.t.gettext("For {factor} this framework sets its own threshold.")
        return text.format(factor=p.factor(str(p.raw("factor"))))
    return p.t.gettext("This framework sets its own threshold for this factor.")


def _unknown_position(p: _Params) -> str:
    return p.t.gettext(
        "Nobody has rated {party} on this factor yet, so its position is unknown "
        "— not the same as agreement."
    ).format(party=p.party())


def _single_rating(p: _Params) -> str:
    return p.t.gettext(
        "The position of {party} rests on a single rating; a second view would make it firmer."
    ).format(party=p.party())


def _estimates_only(p: _Params) -> str:
    return p.t.gettext(
        "The position of {party} rests on estimates only, not on an interview, "
        "an observation or a document."
    ).format(party=p.party())


def _raters_disagree(p: _Params) -> str:
    if p.raw("view") == OUTSIDE_VIEW:
        text = p.t.gettext(
            "The outside raters disagree about {party}: the middle half of their scores "
            "spans {iqr} of the scale, at or above the limit of {limit}."
        )
    else:
        text = p.t.gettext(
            "The raters of {party} disagree about their own side: the middle half of their "
            "scores spans {iqr} of the scale, at or above the limit of {limit}."
        )
    return text.format(party=p.party(), iqr=p.share("iqr"), limit=p.share("limit"))


def _decided(p: _Params) -> str:
    words = {"severity": p.severity(), "computed": p.severity("computed")}
    reason = p.params.get("reason")
    if p.raw("severity") == p.raw("computed"):
        return _confirmed(p, words["severity"], reason)
    if reason:
        text = p.t.gettext(
            "The team decided to treat this difference as ‘{severity}’ instead of the "
            "computed ‘{computed}’: “{reason}”."
        )
        # The sentence closes with its own full stop after the quote: drop the user's.
        return text.format(reason=str(reason).strip().removesuffix("."), **words)
    text = p.t.gettext(
        "The team decided to treat this difference as ‘{severity}’ instead of the "
        "computed ‘{computed}’, without giving a reason."
    )
    return text.format(**words)


def _confirmed(p: _Params, severity: str, reason: object) -> str:
    if reason:
        text = p.t.gettext("The team confirmed that this difference is ‘{severity}’: “{reason}”.")
        return text.format(severity=severity, reason=str(reason).strip().removesuffix("."))
    text = p.t.gettext("The team confirmed that this difference is ‘{severity}’.")
    return text.format(severity=severity)


def _views_differ(p: _Params) -> str:
    return p.t.gettext(
        "{party} sees itself at {self_score}, the other side sees it at {outside_score}: "
        "{points} apart. The position is the mean of two views that disagree; look at both."
    ).format(
        party=p.party(),
        self_score=p.score("self_score"),
        outside_score=p.score("outside_score"),
        points=p.points("points"),
    )


def _one_view(p: _Params) -> str:
    if p.raw("view") == OUTSIDE_VIEW:
        text = p.t.gettext(
            "The position of {party} rests on how others see it; nobody of {party} has rated "
            "its own side yet."
        )
    else:
        text = p.t.gettext(
            "The position of {party} rests on its own view only; nobody outside {party} has "
            "rated it yet."
        )
    return text.format(party=p.party())


def _estimated_view(p: _Params) -> str:
    if p.raw("view") == OUTSIDE_VIEW:
        text = p.t.gettext("How others see {party} rests on estimates only.")
    else:
        text = p.t.gettext("How {party} sees itself rests on estimates only.")
    return text.format(party=p.party())


def _blind_spot(p: _Params) -> str:
    return p.t.gettext(
        "{viewer} sees {subject} at {viewer_score}, while {subject} sees itself at "
        "{self_score}: {points} apart ({gap} of the scale), at or above {threshold} "
        "({bound} of the scale)."
    ).format(
        viewer=p.party("viewer"),
        subject=p.party("subject"),
        viewer_score=p.score("viewer_score"),
        self_score=p.score("self_score"),
        points=p.points("points"),
        gap=p.share("gap"),
        threshold=_threshold_name(str(p.raw("severity")), p.language),
        bound=p.share("bound"),
    )


def _too_few_raters(p: _Params) -> str:
    count = int(p.number("raters"))
    if count == 0:  # the party may well have been rated by others: say whose raters
        return p.t.gettext(
            "None of {party}'s own raters has given scores; agreement within a party is "
            "measured among at least two of its own raters."
        ).format(party=p.party())
    text = p.t.ngettext(
        "{count} rater of {party} has given scores; measuring agreement takes at least two.",
        "{count} raters of {party} have given scores; measuring agreement takes at least two.",
        count,
    )
    return text.format(count=count, party=p.party())


def _no_pairable_unit(p: _Params) -> str:
    return p.t.gettext(
        "The raters of {party} never scored the same party on the same factor, "
        "so their agreement cannot be measured."
    ).format(party=p.party())


def _no_variation(p: _Params) -> str:
    return p.t.gettext(
        "All scores given by the raters of {party} are the same, so alpha is undefined; "
        "on what they rated, they agree completely."
    ).format(party=p.party())


def _intention_first(p: _Params) -> str:
    if p.params.get("points") is None:
        # The team decided it blocking while a position is still unknown.
        return p.t.gettext(
            "The team marked the difference between {a} and {b} on {factor} as blocking: "
            "pause the negotiation and make it discussable before anything else."
        ).format(a=p.party("a"), b=p.party("b"), factor=p.factor("intention"))
    return p.t.gettext(
        "{a} and {b} are {points} apart on {factor} ({gap} of the scale): pause the "
        "negotiation and make this discussable before anything else."
    ).format(
        a=p.party("a"),
        b=p.party("b"),
        points=p.points("points"),
        gap=p.share("gap"),
        factor=p.factor("intention"),
    )


def _intention_first_perception(p: _Params) -> str:
    words = {
        "viewer": p.party("viewer"),
        "subject": p.party("subject"),
        "factor": p.factor("intention"),
    }
    if p.params.get("points") is None:
        return p.t.gettext(
            "The team marked how {viewer} sees {subject} on {factor} as a blocking "
            "misunderstanding: pause the negotiation and clear it up before anything else."
        ).format(**words)
    return p.t.gettext(
        "{viewer} sees {subject} at {viewer_score} on {factor}, while {subject} sees itself "
        "at {self_score}: a misunderstanding of {points}. Pause the negotiation and clear "
        "it up before anything else."
    ).format(
        viewer_score=p.score("viewer_score"),
        self_score=p.score("self_score"),
        points=p.points("points"),
        **words,
    )


def _dependency_risk(p: _Params) -> str:
    return p.t.gettext(
        "{party} accepts dependency while the difference between {a} and {b} is "
        "‘{intention}’ on {intention_factor} and ‘{trust}’ on {trust_factor}: "
        "dependency on those terms is a risk."
    ).format(
        party=p.party(),
        a=p.party("a"),
        b=p.party("b"),
        intention=p.severity("intention"),
        trust=p.severity("trust"),
        intention_factor=p.factor("intention"),
        trust_factor=p.factor("trust"),
    )


def _trust_outside_contract(p: _Params) -> str:
    return p.t.gettext(
        "The difference between {a} and {b} on {factor} is ‘{severity}’: hold that "
        "conversation outside the contract negotiation, for example in a yearly review."
    ).format(a=p.party("a"), b=p.party("b"), factor=p.factor("trust"), severity=p.severity())


def _many_blocking(p: _Params) -> str:
    count = int(p.number("count"))
    text = p.t.ngettext(
        "{a} and {b} have {count} blocking difference: first ask whether this "
        "negotiation can succeed at all.",
        "{a} and {b} have {count} blocking differences: first ask whether this "
        "negotiation can succeed at all.",
        count,
    )
    return text.format(a=p.party("a"), b=p.party("b"), count=count)


def _name_value_creation(p: _Params) -> str:
    status = p.params.get("status")
    words = {
        "a": p.party("a"),
        "b": p.party("b"),
        "factor": p.factor("value_creation"),
        "severity": p.severity(),
    }
    if status:
        text = p.t.gettext(
            "The difference between {a} and {b} on {factor} is ‘{severity}’ and its status "
            "is ‘{status}’: name the expectations explicitly; a difference may stay once "
            "both sides accept it."
        )
        return text.format(status=status_word(str(status), p.language), **words)
    text = p.t.gettext(
        "The difference between {a} and {b} on {factor} is ‘{severity}’ and not yet in "
        "the register: name the expectations explicitly; a difference may stay once "
        "both sides accept it."
    )
    return text.format(**words)


_RENDERERS: Mapping[str, Callable[[_Params], str]] = {
    codes.POSITIONS: _positions,
    codes.THRESHOLD: _threshold,
    codes.UNKNOWN_POSITION: _unknown_position,
    codes.SINGLE_RATING: _single_rating,
    codes.ESTIMATES_ONLY: _estimates_only,
    codes.RATERS_DISAGREE: _raters_disagree,
    codes.DECIDED: _decided,
    codes.VIEWS_DIFFER: _views_differ,
    codes.ONE_VIEW: _one_view,
    codes.ESTIMATED_VIEW: _estimated_view,
    codes.BLIND_SPOT: _blind_spot,
    codes.TOO_FEW_RATERS: _too_few_raters,
    codes.NO_PAIRABLE_UNIT: _no_pairable_unit,
    codes.NO_VARIATION: _no_variation,
    codes.INTENTION_FIRST: _intention_first,
    codes.INTENTION_FIRST_PERCEPTION: _intention_first_perception,
    codes.DEPENDENCY_RISK: _dependency_risk,
    codes.TRUST_OUTSIDE_CONTRACT: _trust_outside_contract,
    codes.MANY_BLOCKING: _many_blocking,
    codes.NAME_VALUE_CREATION: _name_value_creation,
}

#: The codes this module has a sentence for.
RENDERED_CODES: frozenset[str] = frozenset(_RENDERERS)


def render_reason(reason: Reason, case: Case, language: str) -> str:
    """One reason as a sentence in ``language``.

    A code without a sentence (a newer analysis than this module) is shown as the
    code and its params rather than breaking a report; a test keeps that from
    happening for every code in ``kloof.domain.reasons.ALL_CODES``.
    """
    renderer = _RENDERERS.get(reason.code)
    if renderer is None:
        details = ", ".join(f"{key}={value}" for key, value in sorted(reason.params.items()))
        return f"[{reason.code}] {details}".strip()
    return renderer(_Params(reason, case, language))


def render_reasons(reasons: Sequence[Reason], case: Case, language: str) -> list[str]:
    return [render_reason(reason, case, language) for reason in reasons]
