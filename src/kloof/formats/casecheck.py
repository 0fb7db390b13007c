"""The checks of a case file that a schema cannot express: references between its
parts, duplicates, the scale, dates.

Runs on data that already passed the case schema, so every field has its type.
Each check yields its problems with their line; the caller reports the one that
comes first in the file, so a user fixing errors top-down always sees the next one.
Every message is an English template with its values (:meth:`CaseContext.error`),
so an interface can word it in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from kloof.domain.model import Factor, Framework
from kloof.formats.casecheck_agenda import agenda_problems
from kloof.formats.errors import N_, InputError, Phrase, TemplateValue
from kloof.formats.schemacheck import (
    DID_YOU_MEAN,
    USE_ONE_OF,
    did_you_mean,
    number_text,
    place_phrase,
    placed_error,
)
from kloof.formats.yamlsafe import LineMap, PathKey

#: Most ratings one case may hold. The largest case kloof is built for (3 parties,
#: 200 raters each, everyone rating every party on nine factors) has 16,200.
#: Reading costs about 0.15 ms a rating, mostly the schema check, so a bigger file
#: is refused before that check rather than keep its reader waiting.
MAX_RATINGS = 20_000


#: Most entries of the other lists. Far above any real case (the largest one above
#: has 3 parties and 600 raters), low enough that a hostile file cannot make the
#: checks between the parts take seconds.
LIST_LIMITS = {
    "ratings": MAX_RATINGS,
    "raters": 2_000,
    "parties": 50,
    "factors": 100,
    "differences": 2_000,
}

#: The refusal of each list in :data:`LIST_LIMITS`, one sentence each so that a
#: translation can name the list in its own words.
_TOO_MANY = {
    "ratings": N_("the case has %(count)s ratings, more than the %(limit)s one case may hold"),
    "raters": N_("the case has %(count)s raters, more than the %(limit)s one case may hold"),
    "parties": N_("the case has %(count)s parties, more than the %(limit)s one case may hold"),
    "factors": N_("the case has %(count)s factors, more than the %(limit)s one case may hold"),
    "differences": N_(
        "the case has %(count)s differences, more than the %(limit)s one case may hold"
    ),
}


def check_size(data: Mapping[str, Any], source: str) -> None:
    """Refuse a case with more entries in a list than :data:`LIST_LIMITS` allows,
    before the slow checks. No line: it is about the file as a whole, and finding a
    line in a large JSON file would cost a second reading."""
    for section, limit in LIST_LIMITS.items():
        entries = data.get(section)
        if isinstance(entries, list) and len(entries) > limit:
            fix = (
                N_("check that this is the right file, or split the raters over two cases")
                if section in ("ratings", "raters")
                else N_("check that this is the right file")
            )
            raise InputError.worded(
                _TOO_MANY[section], fix, source=source, count=len(entries), limit=limit
            )


@dataclass(frozen=True)
class CaseContext:
    """What the checks need besides the data: the framework and the case's own
    factors (already parsed), the line map and the file name."""

    framework: Framework
    own_factors: Sequence[Factor]
    lines: LineMap
    source: str

    def error(
        self, path: PathKey, template: str, fix_template: str, **values: TemplateValue
    ) -> InputError:
        """The problem ``template`` about the node at ``path`` (the message starts
        with its place: ``rating 4: …``) and the ``fix_template``, both filled from
        ``values``."""
        where = place_phrase(path[:-1] if path and isinstance(path[-1], str) else path)
        fix = Phrase(fix_template, values) if fix_template else None
        return placed_error(
            where, Phrase(template, values), fix, source=self.source, line=self.lines.line(path)
        )


#: Problems taken from each check. Each yields them in file order, near enough,
#: so the first in the file is among its first few; the cap keeps a file with
#: 20,000 bad references from costing a minute of did-you-mean guesses.
_PROBLEMS_PER_CHECK = 50


def first_case_problem(data: Mapping[str, Any], context: CaseContext) -> InputError | None:
    """The problem that comes first in the file, or None when the case is sound."""
    checks = (
        _title_problems(data, context),
        _scale_problems(data, context),
        _date_problems(data, context),
        _party_problems(data, context),
        _factor_problems(context),
        _rater_problems(data, context),
        _rating_problems(data, context),
        _difference_problems(data, context),
        agenda_problems(data, context),
    )
    problems = [problem for check in checks for problem in islice(check, _PROBLEMS_PER_CHECK)]
    if not problems:
        return None
    ordered = sorted(enumerate(problems), key=lambda item: (item[1].line or 0, item[0]))
    return ordered[0][1]


def parse_date(value: str) -> dt.date:
    """A date from the YYYY-MM-DD text the schema let through (raises ValueError)."""
    return dt.date.fromisoformat(value)


def _title_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    if not data["title"].strip():
        yield context.error(
            ("title",), N_("'title' is blank"), N_("write a short name for the case")
        )


def _scale_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    scale = data.get("scale")
    if scale is not None and not scale["min"] < scale["max"]:
        yield context.error(
            ("scale",),
            N_("the scale runs from %(low)s to %(high)s, but min must be below max"),
            N_("write for example scale: {min: 1, max: 7}"),
            low=number_text(scale["min"]),
            high=number_text(scale["max"]),
        )


def _date_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    dates: list[tuple[PathKey, str]] = []
    if "date" in data:
        dates.append((("date",), data["date"]))
    for d_index, difference in enumerate(data.get("differences", [])):
        for a_index, action in enumerate(difference.get("actions", [])):
            if "due" in action:
                dates.append((("differences", d_index, "actions", a_index, "due"), action["due"]))
    for path, value in dates:
        try:
            parse_date(value)
        except ValueError:
            yield context.error(
                path,
                N_("'%(field)s' is '%(value)s', which is not an existing date"),
                N_("check the day and the month (YYYY-MM-DD)"),
                field=str(path[-1]),
                value=value,
            )


def _party_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    yield from _duplicates(data["parties"], "parties", context)


class _Twice(NamedTuple):
    """Something given twice: the problem with the line of the first time, the
    problem without it (data without lines, from a form), and the fix."""

    with_line: str
    without_line: str
    fix: str


def _twice(
    context: CaseContext,
    path: PathKey,
    first_line: int | None,
    words: _Twice,
    **values: TemplateValue,
) -> InputError:
    if first_line:
        # The line as text: "line 1234", as an editor shows it.
        return context.error(path, words.with_line, words.fix, first_line=str(first_line), **values)
    return context.error(path, words.without_line, words.fix, **values)


#: The lists whose ids must differ.
_DUPLICATE_IDS = {
    "parties": _Twice(
        N_("the party id '%(id)s' is used twice (first on line %(first_line)s)"),
        N_("the party id '%(id)s' is used twice"),
        N_("give every party its own id"),
    ),
    "raters": _Twice(
        N_("the rater id '%(id)s' is used twice (first on line %(first_line)s)"),
        N_("the rater id '%(id)s' is used twice"),
        N_("give every rater its own id"),
    ),
}

_RATED_TWICE = _Twice(
    N_("'%(rater)s' rates '%(subject)s' on '%(factor)s' twice (first on line %(first_line)s)"),
    N_("'%(rater)s' rates '%(subject)s' on '%(factor)s' twice"),
    N_("keep one rating per rater, subject and factor"),
)

_REGISTERED_TWICE = _Twice(
    N_(
        "a second register entry for '%(factor)s' between '%(first)s' and '%(second)s' "
        "(first on line %(first_line)s)"
    ),
    N_("a second register entry for '%(factor)s' between '%(first)s' and '%(second)s'"),
    N_("keep one entry per factor and pair of parties"),
)
_PERCEIVED_TWICE = _Twice(
    N_(
        "a second register entry for how '%(second)s' sees '%(first)s' on '%(factor)s' "
        "(first on line %(first_line)s)"
    ),
    N_("a second register entry for how '%(second)s' sees '%(first)s' on '%(factor)s'"),
    N_("keep one entry per factor, subject and viewer"),
)


def _duplicates(
    items: Sequence[Mapping[str, Any]], section: str, context: CaseContext
) -> Iterator[InputError]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        value = item["id"]
        if value in seen:
            first = context.lines.line((section, seen[value], "id"))
            yield _twice(context, (section, index, "id"), first, _DUPLICATE_IDS[section], id=value)
        else:
            seen[value] = index


def _factor_problems(context: CaseContext) -> Iterator[InputError]:
    framework_keys = {factor.key for factor in context.framework.factors}
    seen: set[str] = set()
    for index, factor in enumerate(context.own_factors):
        path: PathKey = ("factors", index, "key")
        if factor.key in framework_keys:
            yield context.error(
                path,
                N_("the factor '%(key)s' already exists in the framework '%(framework)s'"),
                N_("rate the framework's factor directly, or give this factor another key"),
                key=factor.key,
                framework=context.framework.name,
            )
        elif factor.key in seen:
            yield context.error(
                path,
                N_("the factor key '%(key)s' is used twice"),
                N_("give every factor its own key"),
                key=factor.key,
            )
        seen.add(factor.key)


def _rater_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    raters = data.get("raters", [])
    yield from _duplicates(raters, "raters", context)
    parties = _ids([party["id"] for party in data["parties"]])
    for index, rater in enumerate(raters):
        yield from _reference(rater["party"], parties, ("raters", index, "party"), "party", context)


def _reference(
    value: str, known: Collection[str], path: PathKey, label: str, context: CaseContext
) -> Iterator[InputError]:
    """A problem when ``value`` is not one of the ``known`` ids (see :func:`_ids`)."""
    if value in known:
        return
    problem, section = _UNKNOWN[label]
    guess = did_you_mean(value, known)
    if guess:
        yield context.error(path, problem, DID_YOU_MEAN, id=value, guess=guess)
    elif known:
        yield context.error(path, problem, USE_ONE_OF, id=value, allowed=listed(list(known)))
    else:
        fix = N_("add it under '%(section)s' first")
        yield context.error(path, problem, fix, id=value, section=section)


def _ids(ids: Sequence[str]) -> dict[str, None]:
    """Ids in file order (for messages) that thousands of references look up at
    once: a dict's keys keep their order and are found by hash."""
    return dict.fromkeys(ids)


#: Per kind of reference: the problem and the list where such ids are added.
_UNKNOWN = {
    "party": (N_("unknown party '%(id)s'"), "parties"),
    "rater": (N_("unknown rater '%(id)s'"), "raters"),
    "factor": (N_("unknown factor '%(id)s'"), "factors"),
}


def listed(ids: Sequence[str], most: int = 12) -> TemplateValue:
    """The ids for a message; a long list shortened to its first ``most``
    (``a, b … (40 in all)``, a phrase)."""
    if len(ids) <= most:
        return ", ".join(ids)
    return Phrase(
        N_("%(ids)s … (%(count)s in all)"), {"ids": ", ".join(ids[:most]), "count": len(ids)}
    )


def _rating_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    parties = _ids([party["id"] for party in data["parties"]])
    raters = _ids([rater["id"] for rater in data.get("raters", [])])
    factors = _ids(_factor_keys(context))
    low, high = _scale_bounds(data)
    seen: dict[tuple[str, str, str], int] = {}
    for index, rating in enumerate(data.get("ratings", [])):
        path: PathKey = ("ratings", index)
        yield from _reference(rating["rater"], raters, (*path, "rater"), "rater", context)
        yield from _reference(rating["subject"], parties, (*path, "subject"), "party", context)
        yield from _reference(rating["factor"], factors, (*path, "factor"), "factor", context)
        score = rating.get("score")
        if score is not None and not low <= score <= high:
            yield context.error(
                (*path, "score"),
                N_("the score %(score)s is off the scale %(low)s to %(high)s"),
                N_("give a score from %(low)s to %(high)s, or leave the score out for no opinion"),
                score=number_text(score),
                low=number_text(low),
                high=number_text(high),
            )
        triple = (rating["rater"], rating["subject"], rating["factor"])
        if triple in seen:
            yield _twice(
                context,
                path,
                context.lines.line(("ratings", seen[triple])),
                _RATED_TWICE,
                rater=triple[0],
                subject=triple[1],
                factor=triple[2],
            )
        else:
            seen[triple] = index


def _factor_keys(context: CaseContext) -> list[str]:
    keys = [factor.key for factor in context.framework.factors]
    return keys + [factor.key for factor in context.own_factors if factor.key not in keys]


def _scale_bounds(data: Mapping[str, Any]) -> tuple[float, float]:
    scale = data.get("scale", {"min": 1, "max": 7})
    return scale["min"], scale["max"]


def _difference_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    parties = _ids([party["id"] for party in data["parties"]])
    factors = _ids(_factor_keys(context))
    seen: dict[tuple[object, ...], int] = {}
    for index, difference in enumerate(data.get("differences", [])):
        path: PathKey = ("differences", index)
        yield from _reference(difference["factor"], factors, (*path, "factor"), "factor", context)
        perception = difference.get("kind") == "perception"
        if perception:
            yield from _perception_fields(difference, path, context)
            named = [
                (name, difference[name]) for name in ("subject", "viewer") if name in difference
            ]
            pair = [party for _, party in named]
            refs = [((*path, name), party) for name, party in named]
        else:
            yield from _position_fields(difference, path, context)
            pair = difference.get("parties", list(parties)[:2])
            refs = [((*path, "parties", i), party) for i, party in enumerate(pair)]
        for ref_path, party in refs:
            yield from _reference(party, parties, ref_path, "party", context)
        if len(pair) == 2 and pair[0] == pair[1]:
            yield context.error(
                (*path, "viewer" if perception else "parties"),
                N_("'parties' names '%(party)s' twice")
                if not perception
                else N_("'subject' and 'viewer' both name '%(party)s'"),
                N_("a difference is between two different parties"),
                party=pair[0],
            )
        if "blocking" in difference and not difference.get("reason", "").strip():
            yield context.error(
                (*path, "blocking"),
                N_("'blocking' decides the severity, so it needs a reason"),
                N_("add 'reason: …' saying why this difference does or does not block"),
            )
        if len(pair) == 2:
            yield from _registered_once(difference, pair, perception, seen, index, context)


def _registered_once(
    difference: Mapping[str, Any],
    pair: list[str],
    perception: bool,
    seen: dict[tuple[object, ...], int],
    index: int,
    context: CaseContext,
) -> Iterator[InputError]:
    """One entry per factor and pair (position) or factor, subject and viewer."""
    factor = difference["factor"]
    key = ("perception", factor, *pair) if perception else ("position", factor, frozenset(pair))
    if key not in seen:
        seen[key] = index
        return
    yield _twice(
        context,
        ("differences", index),
        context.lines.line(("differences", seen[key])),
        _PERCEIVED_TWICE if perception else _REGISTERED_TWICE,
        factor=factor,
        first=pair[0],
        second=pair[1],
    )


def _perception_fields(
    difference: Mapping[str, Any], path: PathKey, context: CaseContext
) -> Iterator[InputError]:
    """A perception gap names ``subject`` and ``viewer``, never ``parties``."""
    if "parties" in difference:
        yield context.error(
            (*path, "parties"),
            N_("a perception gap names 'subject' and 'viewer', not 'parties'"),
            _NAME_SUBJECT_AND_VIEWER,
        )
    for name in ("subject", "viewer"):
        if name not in difference:
            yield context.error(
                path, N_("a perception gap needs '%(field)s'"), _NAME_SUBJECT_AND_VIEWER, field=name
            )


def _position_fields(
    difference: Mapping[str, Any], path: PathKey, context: CaseContext
) -> Iterator[InputError]:
    """``subject`` and ``viewer`` belong to a perception gap only."""
    for name in ("subject", "viewer"):
        if name in difference:
            yield context.error(
                (*path, name),
                N_("'%(field)s' belongs to a perception gap"),
                N_("add 'kind: perception', or name the two parties with 'parties: [a, b]'"),
                field=name,
            )


_NAME_SUBJECT_AND_VIEWER = N_(
    "write 'subject: …' (the party being seen) and 'viewer: …' (the party whose view differs)"
)
