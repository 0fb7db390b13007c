"""The questions a respondent reads, one per factor of ``hopmans-9``, in Dutch
and English, written for people who do not know the framework.

Each question asks about one party (``{party}``: its name) and is answered on
the factor's own bipolar scale, so a question names both ends in everyday
words; the poles under the slider say them precisely. A factor a case adds
itself, or one of another framework, has no question here: its name and
description stand in (:func:`question_for`).
"""

from __future__ import annotations

from django.utils.translation import gettext

from kloof.domain.model import Factor, Text

QUESTIONS: dict[str, Text] = {
    "intention": Text(
        nl="Waar is {party} op uit aan de onderhandeltafel: vooral het eigen voordeel, "
        "of een uitkomst waar beide partijen beter van worden?",
        en="What is {party} after at the negotiating table: mainly its own advantage, "
        "or an outcome that leaves both sides better off?",
    ),
    "relationship": Text(
        nl="Hoeveel betekent de relatie met de andere partij voor {party}: is het bijzaak, "
        "of de basis om samen iets op te bouwen?",
        en="How much does the relationship with the other side mean to {party}: is it a side "
        "issue, or the basis for building something together?",
    ),
    "value_creation": Text(
        nl="Wil {party} vooral ruilen wat er al is, of samen nieuwe dingen bedenken en "
        "steeds beter worden?",
        en="Does {party} mainly want to trade what already exists, or to come up with new "
        "things together and keep getting better?",
    ),
    "trust": Text(
        nl="Hoe gaat {party} met vertrouwen om: komt het vanzelf als de deal er is, of werkt "
        "{party} er bewust aan en wordt het besproken?",
        en="How does {party} handle trust: does it simply follow once the deal is done, or "
        "does {party} work on it on purpose and talk about it?",
    ),
    "dependency": Text(
        nl="Hoe kijkt {party} aan tegen afhankelijk zijn van de andere partij: liever "
        "vermijden, of aanvaarden en er samen goed mee omgaan?",
        en="How does {party} feel about depending on the other side: better avoided, or "
        "accepted and handled well together?",
    ),
    "flexibility": Text(
        nl="Als het tegenzit: houdt {party} star vast aan het plan, of passen de mensen en "
        "de organisatie zich aan?",
        en="When things go wrong, does {party} stick rigidly to its plan, or do its people "
        "and organisation adapt?",
    ),
    "claiming_sharing": Text(
        nl="Probeert {party} snel het eigen deel binnen te halen, of zoekt {party} eerst "
        "rustig uit hoeveel er samen te verdelen valt?",
        en="Does {party} try to grab its own share quickly, or does it first take the time "
        "to find out how much there is to share?",
    ),
    "competences": Text(
        nl="Willen de onderhandelaars van {party} vooral punten scoren aan tafel, of "
        "ontwerpen ze de deal samen met de andere partij, als ondernemers?",
        en="Do the negotiators of {party} mainly want to score points at the table, or do "
        "they design the deal together with the other side, like entrepreneurs?",
    ),
    "emotional_frame": Text(
        nl="Als het spannend wordt: laat {party} de emoties de vrije loop, of blijft "
        "{party} beheerst en houdt het bij argumenten?",
        en="When things get tense, does {party} let its emotions run free, or does it stay "
        "composed and stick to arguments?",
    ),
}


FRAMEWORK = "hopmans-9"


def question_for(factor: Factor, party: str, language: str, framework: str) -> tuple[str, str]:
    """The question about ``party`` on ``factor`` and a help text (may be empty).

    A factor of ``hopmans-9`` gets its written question; any other factor (a
    case's own, another framework's) is asked by its name, with its description
    as the help text.
    """
    ours = framework == FRAMEWORK and not factor.custom
    written = QUESTIONS.get(factor.key) if ours else None
    if written is not None:
        return written.get(language).format(party=party), ""
    question = gettext("Where does %(party)s stand on “%(factor)s”?") % {
        "party": party,
        "factor": factor.name.get(language),
    }
    return question, factor.description.get(language)
