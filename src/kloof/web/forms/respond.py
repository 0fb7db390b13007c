"""The questionnaire's form: which questions a link asks, reading a posted form,
and what each question shows again (the saved answer, or the input as posted).

One question per subject party of the link and factor of the case. Its fields
are named after both keys, which match ``^[a-z][a-z0-9_]*$``, so "-" splits them
unambiguously (a contract the load and crash benchmarks rely on)::

    score-<subject>-<factor>       a number on the case's scale, with a decimal point or
                                   comma ("3,5" is 3.5); empty: not answered
    noop-<subject>-<factor>        "on": no opinion
    confidence-<subject>-<factor>  low | medium | high | empty
    note-<subject>-<factor>        at most NOTE_LENGTH characters

A question none of whose fields is posted keeps its saved answer: a form may
send part of the questionnaire. The form is refused as a whole when anything in
it is wrong, so a save never stores half of what the respondent sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _

from kloof.domain.model import CONFIDENCES, Factor, Scale
from kloof.storage.models import DraftAnswer, Party
from kloof.storage.respondents import Answer
from kloof.web.forms.numbers import number_text, typed_number
from kloof.web.forms.rating import slider_step
from kloof.web.respond_questions import question_for

NOTE_LENGTH = 2000
#: Scores are stored with up to two decimals, as the case format allows.
DECIMALS = 2
FIELDS = ("score", "noop", "confidence", "note")
FIELD_NAME = re.compile(r"^(score|noop|confidence|note)-(.*)$")
ACTIONS = ("save", "submit")


@dataclass(frozen=True)
class Question:
    subject: Party
    factor: Factor
    #: The factor's name in the respondent's language.
    name: str
    text: str
    help: str
    left: str
    right: str

    @property
    def key(self) -> str:
        """``<subject>-<factor>``: the suffix of the question's field names."""
        return f"{self.subject.key}-{self.factor.key}"


@dataclass(frozen=True)
class Shown:
    """What a question's fields show: strings as they go into the page."""

    score: str = ""
    no_opinion: bool = False
    confidence: str = ""
    note: str = ""
    errors: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        return self.no_opinion or self.score.strip() != ""


@dataclass
class Parsed:
    """A posted questionnaire: the answers to save, or what is wrong with it."""

    answers: list[Answer] = field(default_factory=list)
    #: Every question's fields as posted (or as saved, when not posted), by key.
    shown: dict[str, Shown] = field(default_factory=dict)
    #: Problems that belong to no single question.
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems and not any(shown.errors for shown in self.shown.values())

    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(bool(shown.errors) for shown in self.shown.values())


def questions_for(
    subjects: list[Party], factors: tuple[Factor, ...], language: str, framework: str
) -> list[Question]:
    """The questions of a link, subject by subject, each in factor order."""
    questions = []
    for subject in subjects:
        for factor in factors:
            text, help_text = question_for(factor, subject.name, language, framework)
            questions.append(
                Question(
                    subject=subject,
                    factor=factor,
                    name=factor.name.get(language),
                    text=text,
                    help=help_text,
                    left=factor.left.get(language),
                    right=factor.right.get(language),
                )
            )
    return questions


def saved_shown(
    questions: list[Question], drafts: Mapping[tuple[int, str], DraftAnswer]
) -> dict[str, Shown]:
    """Every question's saved answer as the form shows it."""
    shown = {}
    for question in questions:
        draft = drafts.get((question.subject.pk, question.factor.key))
        shown[question.key] = Shown() if draft is None else shown_of(draft)
    return shown


def shown_of(draft: DraftAnswer) -> Shown:
    """A saved answer, its score written the respondent's way ("4,5" in Dutch)."""
    return Shown(
        score="" if draft.score is None or draft.no_opinion else number_text(draft.score),
        no_opinion=draft.no_opinion,
        confidence=draft.confidence or "",
        note=draft.note or "",
    )


def number_field(score: float) -> str:
    """A score as a slider's ``value`` holds it: decimal point, no trailing zeros."""
    return f"{score:.{DECIMALS}f}".rstrip("0").rstrip(".")


def parse(
    post: QueryDict,
    questions: list[Question],
    scale: Scale,
    saved: Mapping[str, Shown],
) -> Parsed:
    """Read the posted fields of ``questions``; unknown question fields are refused."""
    parsed = Parsed()
    keys = {question.key for question in questions}
    unknown = sorted(
        name
        for name in post
        if (match := FIELD_NAME.match(name)) is not None and match.group(2) not in keys
    )
    if unknown:
        parsed.problems.append(
            _(
                "The form holds answers to questions that are not in your questionnaire "
                "(%(fields)s). Reload the page and answer again."
            )
            % {"fields": ", ".join(unknown[:5])}
        )
    for question in questions:
        if not any(f"{name}-{question.key}" in post for name in FIELDS):
            parsed.shown[question.key] = saved.get(question.key, Shown())
            continue
        shown, answer = _read_question(post, question, scale)
        parsed.shown[question.key] = shown
        if answer is not None:
            parsed.answers.append(answer)
    return parsed


def _read_question(
    post: QueryDict, question: Question, scale: Scale
) -> tuple[Shown, Answer | None]:
    key = question.key
    shown = Shown(
        score=post.get(f"score-{key}", "").strip(),
        no_opinion=post.get(f"noop-{key}", "") == "on",
        confidence=post.get(f"confidence-{key}", "").strip(),
        note=post.get(f"note-{key}", "").strip(),
    )
    errors = []
    score = None
    if not shown.no_opinion and shown.score:
        score, problem = _score(shown.score, scale)
        if problem:
            errors.append(problem)
    if shown.confidence and shown.confidence not in CONFIDENCES:
        errors.append(_("Choose low, medium or high confidence, or leave it empty."))
    if len(shown.note) > NOTE_LENGTH:
        errors.append(
            _("The note has %(length)s characters; shorten it to %(limit)s at most.")
            % {
                "length": formats.number_format(len(shown.note), force_grouping=True),
                "limit": formats.number_format(NOTE_LENGTH, force_grouping=True),
            }
        )
    if errors:
        return replace(shown, errors=tuple(errors)), None
    answer = Answer(
        subject_id=question.subject.pk,
        factor=question.factor.key,
        score=None if shown.no_opinion else score,
        no_opinion=shown.no_opinion,
        confidence=shown.confidence or None,
        note=shown.note or None,
    )
    return shown, answer


def _score(text: str, scale: Scale) -> tuple[float | None, str]:
    """The score of ``text`` and an empty problem, or None and what is wrong."""
    off_scale = _("Give a score from %(low)s to %(high)s, or tick “No opinion”.") % {
        "low": number_text(scale.low),
        "high": number_text(scale.high),
    }
    score = typed_number(text)
    if score is None or not scale.low <= score <= scale.high:
        return None, off_scale
    return round(score, DECIMALS), ""


def action_of(post: QueryDict) -> str | None:
    """``save`` or ``submit``; None for anything else."""
    action = post.get("action", "")
    return action if action in ACTIONS else None


def confirmed_unanswered(post: QueryDict) -> int:
    """How many unanswered questions the respondent agreed to send with
    (``confirm-unanswered``, from the page that asked); 0 when not asked yet."""
    text = post.get("confirm-unanswered", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 0


def step_of(scale: Scale) -> float:
    return slider_step(scale)
