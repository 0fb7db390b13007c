"""The ``interviews`` of a case file: their checks, reading and writing.

An interview names its interviewee's ``party`` (optional) and the party it is
``about`` (default: ``party``; one of the two is needed), the ``factors`` to ask
about and the ``answers`` per factor. Every party and factor must exist in the
case, ids must differ, and an answer must be on a factor of the case.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from sys import intern
from typing import Any

from kloof.domain.model import Interview, InterviewAnswer
from kloof.formats.casecheck import (
    CaseContext,
    _factor_keys,
    _ids,
    _reference,
    parse_date,
)
from kloof.formats.errors import N_, InputError
from kloof.formats.yamlsafe import PathKey

#: Most interviews one case may hold.
MAX_INTERVIEWS = 500


def interview_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    """The problems of the ``interviews`` list, in file order."""
    interviews = data.get("interviews", [])
    if len(interviews) > MAX_INTERVIEWS:
        yield context.error(
            ("interviews",),
            N_("the case has %(count)s interviews, more than the %(limit)s one case may hold"),
            N_("check that this is the right file"),
            count=len(interviews),
            limit=MAX_INTERVIEWS,
        )
        return
    parties = _ids([party["id"] for party in data["parties"]])
    factors = _ids(_factor_keys(context))
    seen: dict[str, int] = {}
    for index, item in enumerate(interviews):
        path: PathKey = ("interviews", index)
        yield from _id_problems(item, index, seen, context)
        for field in ("party", "about"):
            if field in item:
                yield from _reference(item[field], parties, (*path, field), "party", context)
        if "party" not in item and "about" not in item:
            yield context.error(
                (*path, "interviewee"),
                N_("the interview with '%(name)s' names no party"),
                N_("add 'about: PARTY' (the party the answers tell about) or 'party: PARTY'"),
                name=item["interviewee"],
            )
        for f_index, key in enumerate(item.get("factors", [])):
            yield from _reference(key, factors, (*path, "factors", f_index), "factor", context)
        for key in item.get("answers", {}):
            yield from _answer_problem(key, factors, (*path, "answers", key), context)
        if "date" in item:
            yield from _date_problem(item["date"], (*path, "date"), context)


def _id_problems(
    item: Mapping[str, Any], index: int, seen: dict[str, int], context: CaseContext
) -> Iterator[InputError]:
    value = item["id"]
    if value in seen:
        first = context.lines.line(("interviews", seen[value], "id"))
        yield context.error(
            ("interviews", index, "id"),
            N_("the interview id '%(id)s' is used twice (first on line %(first_line)s)"),
            N_("give every interview its own id"),
            id=value,
            first_line=str(first),
        )
    else:
        seen[value] = index


def _answer_problem(
    key: str, factors: Mapping[str, None], path: PathKey, context: CaseContext
) -> Iterator[InputError]:
    if key in factors:
        return
    yield context.error(
        path,
        N_("an answer on '%(id)s', which is not a factor of this case"),
        N_("write the answer under one of the case's factors: %(allowed)s"),
        id=key,
        allowed=", ".join(factors),
    )


def _date_problem(value: str, path: PathKey, context: CaseContext) -> Iterator[InputError]:
    try:
        parse_date(value)
    except ValueError:
        yield context.error(
            path,
            N_("'%(field)s' is '%(value)s', which is not an existing date"),
            N_("check the day and the month (YYYY-MM-DD)"),
            field="date",
            value=value,
        )


def build_interviews(data: Mapping[str, Any]) -> tuple[Interview, ...]:
    """The checked ``interviews`` list as domain objects."""
    return tuple(build_interview(item) for item in data.get("interviews", []))


def build_interview(item: Mapping[str, Any]) -> Interview:
    party = item.get("party")
    answers = item.get("answers", {})
    return Interview(
        id=item["id"],
        interviewee=item["interviewee"],
        party=intern(party) if party else None,
        about=intern(item.get("about") or party),
        role=item.get("role"),
        interviewer=item.get("interviewer"),
        date=parse_date(item["date"]) if "date" in item else None,
        factors=tuple(intern(key) for key in item.get("factors", [])),
        # A blank answer is no answer: nothing was heard on that factor yet.
        answers=tuple(
            InterviewAnswer(intern(key), text) for key, text in answers.items() if text.strip()
        ),
    )


def interview_to_data(interview: Interview) -> dict[str, Any]:
    """One interview as the case file writes it (``about`` left out when it is
    the interviewee's party)."""
    data: dict[str, Any] = {"id": interview.id, "interviewee": interview.interviewee}
    if interview.party:
        data["party"] = interview.party
    if interview.about != interview.party:
        data["about"] = interview.about
    for name in ("role", "interviewer", "date"):
        value = getattr(interview, name)
        if value is not None:
            data[name] = value
    if interview.factors:
        data["factors"] = list(interview.factors)
    if interview.answers:
        data["answers"] = {answer.factor: answer.text for answer in interview.answers}
    return data
