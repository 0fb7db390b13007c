"""Rule titles and next steps as sentences, in Dutch or English.

A step about a perception gap names who sees whom; a step whose difference the
register has moved on (named, discussed, accepted, mitigated) says so, so that
"stop and make it discussable" is not repeated once the team has done that.
Messages live in the ``reasons`` catalog.
"""

from __future__ import annotations

from kloof.domain import reasons as codes
from kloof.domain.model import PERCEPTION, Case, Severity
from kloof.domain.results import NextStep
from kloof.i18n import translator
from kloof.i18n.reasons import N_, factor_name, join_names, party_name, severity_word, status_word


def render_rule_title(rule: str, language: str) -> str:
    """A short heading for a cross-factor rule."""
    titles = {
        codes.INTENTION_FIRST: N_("Intention comes first"),
        codes.DEPENDENCY_RISK: N_("Dependency without shared intention and trust"),
        codes.TRUST_OUTSIDE_CONTRACT: N_("Discuss trust outside the contract negotiation"),
        codes.MANY_BLOCKING: N_("Many blocking differences"),
        codes.NAME_VALUE_CREATION: N_("Name the expectations on value creation"),
    }
    if rule not in titles:
        return rule
    return translator(language).pgettext("rule", titles[rule])


def difference_phrase(step: NextStep, case: Case, language: str) -> str:
    """What the step is about: ``Intention between A and B`` or, for a perception
    gap, ``how B sees A on Intention``."""
    t = translator(language)
    factor = factor_name(case, step.factor, language) if step.factor else ""
    if step.difference == PERCEPTION:
        subject, viewer = (party_name(case, pid) for pid in step.parties[:2])
        text = t.gettext("how {viewer} sees {subject} on {factor}")
        return text.format(viewer=viewer, subject=subject, factor=factor)
    names = join_names([party_name(case, pid) for pid in step.parties], language)
    return t.gettext("{factor} between {parties}").format(factor=factor, parties=names)


def render_step(step: NextStep, case: Case, language: str) -> str:
    """A next step as one heading-like sentence, depending on ``step.kind``."""
    t = translator(language)
    names = join_names([party_name(case, pid) for pid in step.parties], language)
    factor = factor_name(case, step.factor, language) if step.factor else ""
    if step.kind == "stop_and_discuss":
        return _stop_and_discuss(step, case, language)
    if step.kind == "research":
        text = t.gettext(
            "Gather evidence on {factor} for {parties}: interview, observe or check documents."
        )
        return text.format(factor=factor, parties=names)
    if step.kind == "discuss":
        return _discuss(step, case, language)
    if step.kind == "rule":
        rule = next((r.code for r in step.reasons if r.code in codes.RULE_CODES), "")
        title = render_rule_title(rule, language) if rule else factor
        if not names:
            return f"{title}."
        return t.gettext("{title} ({parties}).").format(title=title, parties=names)
    return step.kind


def _stop_and_discuss(step: NextStep, case: Case, language: str) -> str:
    t = translator(language)
    about = difference_phrase(step, case, language)
    perception = step.difference == PERCEPTION
    if step.status == "named":
        text = t.gettext(
            "The blocking difference, {about}, is named: discuss it before anything else."
        )
    elif step.status == "discussed":
        text = t.gettext(
            "The blocking difference, {about}, has been discussed: check that both sides "
            "still see it the same way before you negotiate the content."
        )
    elif step.status == "accepted":
        text = t.gettext(
            "The blocking difference, {about}, is accepted: negotiate with it in mind and "
            "watch whether it still blocks."
        )
    elif step.status == "accepted_both":
        text = t.gettext(
            "The blocking difference, {about}, is accepted by both sides: keep it in view "
            "together and check at the next review whether it still blocks."
        )
    elif step.status == "mitigated":
        text = t.gettext(
            "The blocking difference, {about}, is mitigated: keep the agreed actions going "
            "and check that they work."
        )
    elif perception:
        text = t.gettext("Stop and clear up {about} first: name the misunderstanding together.")
    else:
        names = join_names([party_name(case, pid) for pid in step.parties], language)
        factor = factor_name(case, step.factor, language) if step.factor else ""
        text = t.gettext("Stop and make {factor} discussable between {parties} first.")
        return text.format(factor=factor, parties=names)
    return text.format(about=about)


def _discuss(step: NextStep, case: Case, language: str) -> str:
    t = translator(language)
    severity = severity_word(step.severity or Severity.UNKNOWN, language)
    if step.difference == PERCEPTION:
        text = t.gettext("Put the ‘{severity}’ perception gap, {about}, on the table.")
        sentence = text.format(severity=severity, about=difference_phrase(step, case, language))
    else:
        names = join_names([party_name(case, pid) for pid in step.parties], language)
        factor = factor_name(case, step.factor, language) if step.factor else ""
        text = t.gettext(
            "Put the ‘{severity}’ difference on {factor} between {parties} on the table."
        )
        sentence = text.format(severity=severity, factor=factor, parties=names)
    if step.status in ("named", "discussed"):
        status = status_word(step.status, language)
        sentence += " " + t.gettext("Register: {status}.").format(status=status)
    return sentence
