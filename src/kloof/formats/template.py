"""The starting point ``kloof new`` prints: a complete case file with comments.

The template is a worked example (two parties, two raters, a few ratings, a
factor of the case's own and one register entry with an action), so a user can
run the analysis on it straight away and then replace the example with their own
negotiation. Every field is explained in the comments, in Dutch or English. The
tests load both versions with ``parse_case``, so the template never drifts from
the format.
"""

from __future__ import annotations

from kloof.formats.errors import N_, InputError

_ENGLISH = """\
# kloof case file, format 1
#
# One negotiation: who sits at the table, who rates them, the scores on the
# factors of a framework, and the register of differences you act on.
# Replace the example with your own negotiation, then run:
#     kloof analyse <this file>
# Lines starting with '#' are comments. Text with a ':' or '#' in it goes in quotes.

kloof: 1                  # the format of this file; required, always 1
title: Renewal of the warehousing contract 2027   # required: shown on every report
description: >-           # optional: the background, in a few lines
  Globex stores and ships our spare parts. The contract ends in March; both sides
  want to continue, but the last price round went badly.
date: 2026-12-01          # optional: the date of the case or the meeting (YYYY-MM-DD)
# previous: renewal-2025.yaml  # optional: the case this one follows up (kloof review
#                              writes it)
language: en              # the language of the reports: en (English) or nl (Dutch)
framework: hopmans-9      # the factors: the nine factors of Hans Hopmans (2024), or the
                          # path of a framework file of your own, next to this file
scale: {min: 1, max: 7}   # scores run from min (the left pole) to max (the right pole)

# parties: two or more. The first two are the pair in the headline.
#   id    a short name, used further down in this file (quote numbers: "2027")
#   name  the name in the reports
#   role  optional: buyer, seller, partner, ...
#   side  optional: own (your side), counterparty (the other side) or other
parties:
  - id: acme
    name: ACME Purchasing
    role: buyer
    side: own
  - id: globex
    name: Globex Logistics
    role: supplier
    side: counterparty

# factors (optional): factors of your own for this case, after the framework's nine.
#   key                  a lower-case name without spaces
#   name, left, right    the factor and its two poles, in Dutch (nl) and English (en)
factors:
  - key: sustainability
    name: {nl: Duurzaamheid, en: Sustainability}
    left: {nl: CO2-reductie is een kostenpost, en: Cutting emissions is a cost to avoid}
    right: {nl: CO2-reductie is een gezamenlijk doel, en: Cutting emissions is a shared goal}

# raters: the people who score.
#   id     a short name, used by 'ratings' and as an action owner
#   name   the name in the reports
#   party  the party this person belongs to (an id from 'parties')
raters:
  - {id: jan, name: Jan de Vries, party: acme}
  - {id: mila, name: Mila Jansen, party: acme}

# ratings: the scores, each one rater's view of one party (the subject) on one factor.
# Scoring your own party gives its self view, scoring another party the outside view.
#   rater       an id from 'raters'
#   subject     the party being scored, an id from 'parties'
#   factor      a factor key. Each factor runs between two poles: a score of 1 (min)
#               is the left pole, 7 (max) the right one:
@FACTOR_POLES@
#               or a factor of your own (above: its 'left' is 1, its 'right' 7)
#   score       from min to max of the scale; leave it out if you have no opinion
#   confidence  optional: low, medium or high
#   source      optional: self, interview, observation, document or estimate
#   note        optional: what the score rests on
ratings:
  - {rater: jan, subject: acme, factor: intention, score: 6, confidence: medium, source: self}
  - rater: jan
    subject: globex
    factor: intention
    score: 2
    confidence: medium
    source: observation
    note: Announced a price rise before any talk about volumes.
  - {rater: mila, subject: acme, factor: intention, score: 5, confidence: high, source: self}
  - {rater: mila, subject: globex, factor: intention, score: 3, source: interview}
  - {rater: jan, subject: globex, factor: trust, score: 4, confidence: low, source: estimate}
  - {rater: mila, subject: globex, factor: sustainability, confidence: low}  # no opinion yet

# differences: the register of what you decided about a difference and will do.
#   factor    the factor key
#   kind      position (default): two parties' positions differ; or perception:
#             how one party sees another differs from how that party sees itself
#   parties   for a position: the two parties that differ; default: the first two
#   subject   for a perception: the party being seen
#   viewer    for a perception: the party whose view of the subject differs
#   status    open, named, discussed, accepted (by the team), accepted_both (by
#             both sides, in the open conversation) or mitigated
#   blocking  leave it out to follow the computed severity; true or false
#             overrules it (the team knows better) and needs a reason
#   reason    why it is (not) blocking, or why it has this status
#   note      optional remarks
#   actions   the steps: text, owner (a rater id or any name), due (YYYY-MM-DD),
#             done (true or false)
differences:
  - factor: intention
    parties: [acme, globex]
    status: named
    reason: >-
      Without a shared will to let the other side gain too, every later topic
      turns into a fight about price.
    actions:
      - text: Ask Globex's account manager what a good outcome for both sides looks like.
        owner: jan
        due: 2026-12-15
        done: false
  - factor: trust
    kind: perception
    subject: acme
    viewer: globex
    status: open
    note: Globex seems to think we only want the lowest price.

# interviews: optional; conversations held to learn more about a party.
#   id           a short id, unique in the case
#   interviewee  the name of the person interviewed
#   party        the party the interviewee belongs to
#   about        the party the answers tell about; default: party
#   role         the interviewee's role
#   interviewer  a rater id or any name
#   date         when (YYYY-MM-DD)
#   factors      the factor keys to ask about
#   answers      per factor key what you heard; each answer is evidence
#                (source interview) for the party the interview is about
interviews:
  - id: int-1
    interviewee: Sanne Bakker
    party: globex
    role: Account manager
    interviewer: jan
    date: 2026-11-20
    factors: [intention, trust]
    answers:
      intention: Wants a three-year deal and room to propose improvements.
# agenda: optional, the agenda of the open conversation with the other side about
#   how you want to do business together: a date and items (title, kind, factor,
#   parties, see, ask, offer, mitigations, shareable, outcome). kloof web and
#   'kloof agenda' make one from the analysis; docs/case-format.md lists the fields.
# practice: optional, only in an attempt at a practice scenario ('kloof practice
#   start' writes it): the scenario, the differences you think block (blocking)
#   and your first_move; see docs/practice.md.
"""

_DUTCH = """\
# kloof-casusbestand, formaat 1
#
# Eén onderhandeling: wie er aan tafel zitten, wie hen beoordeelt, de scores op de
# factoren van een raamwerk, en het register van verschillen waarmee je aan de slag gaat.
# Vervang het voorbeeld door je eigen onderhandeling en start daarna:
#     kloof analyse <dit bestand>
# Regels die met '#' beginnen zijn toelichting. Tekst met een ':' of '#' zet je tussen
# aanhalingstekens.

kloof: 1                  # het formaat van dit bestand; verplicht, altijd 1
title: Verlenging opslagcontract 2027   # verplicht: staat boven elk rapport
description: >-           # optioneel: de achtergrond, in een paar regels
  Globex slaat onze reserveonderdelen op en verstuurt ze. Het contract loopt in maart
  af; beide kanten willen door, maar de vorige prijsronde verliep stroef.
date: 2026-12-01          # optioneel: de datum van de casus of het gesprek (JJJJ-MM-DD)
# previous: verlenging-2025.yaml  # optioneel: de casus waarop deze volgt (kloof
#                                 review vult dit in)
language: nl              # de taal van de rapporten: nl (Nederlands) of en (Engels)
framework: hopmans-9      # de factoren: de negen factoren van Hans Hopmans (2024), of het
                          # pad naar een eigen raamwerkbestand, naast dit bestand
scale: {min: 1, max: 7}   # scores lopen van min (linkerpool) tot max (rechterpool)

# parties: de partijen, twee of meer. De eerste twee vormen het paar in de kopregel.
#   id    een korte naam die verderop terugkomt (getallen tussen aanhalingstekens: "2027")
#   name  de naam in de rapporten
#   role  optioneel: koper, verkoper, partner, ...
#   side  optioneel: own (jouw kant), counterparty (de wederpartij) of other (een derde)
parties:
  - id: acme
    name: ACME Inkoop
    role: koper
    side: own
  - id: globex
    name: Globex Logistiek
    role: leverancier
    side: counterparty

# factors (optioneel): eigen factoren voor deze casus, na de negen van het raamwerk.
#   key                  een naam in kleine letters, zonder spaties
#   name, left, right    de factor en zijn twee polen, in het Nederlands (nl) en Engels (en)
factors:
  - key: sustainability
    name: {nl: Duurzaamheid, en: Sustainability}
    left: {nl: CO2-reductie is een kostenpost, en: Cutting emissions is a cost to avoid}
    right: {nl: CO2-reductie is een gezamenlijk doel, en: Cutting emissions is a shared goal}

# raters: de mensen die scoren.
#   id     een korte naam, gebruikt in 'ratings' en als eigenaar van een actie
#   name   de naam in de rapporten
#   party  de partij waar deze persoon bij hoort (een id uit 'parties')
raters:
  - {id: jan, name: Jan de Vries, party: acme}
  - {id: mila, name: Mila Jansen, party: acme}

# ratings: de scores; elk is hoe één beoordelaar één partij (het subject) ziet op één factor.
# Je eigen partij scoren geeft haar zelfbeeld, een andere partij scoren het beeld van buiten.
#   rater       een id uit 'raters'
#   subject     de partij die je scoort, een id uit 'parties'
#   factor      een factorsleutel. Elke factor loopt tussen twee polen: een score van 1
#               (min) is de linkerpool, 7 (max) de rechterpool:
@FACTOR_POLES@
#               of een eigen factor (hierboven: zijn 'left' is 1, zijn 'right' 7)
#   score       van min tot max van de schaal; laat weg als je (nog) geen oordeel hebt
#   confidence  optioneel: hoe zeker: low (laag), medium of high (hoog)
#   source      optioneel: waarop de score rust: self (zelfbeeld), interview,
#               observation (waarneming), document of estimate (schatting)
#   note        optioneel: een toelichting
ratings:
  - {rater: jan, subject: acme, factor: intention, score: 6, confidence: medium, source: self}
  - rater: jan
    subject: globex
    factor: intention
    score: 2
    confidence: medium
    source: observation
    note: Kondigde een prijsverhoging aan voordat er over volumes was gesproken.
  - {rater: mila, subject: acme, factor: intention, score: 5, confidence: high, source: self}
  - {rater: mila, subject: globex, factor: intention, score: 3, source: interview}
  - {rater: jan, subject: globex, factor: trust, score: 4, confidence: low, source: estimate}
  - {rater: mila, subject: globex, factor: sustainability, confidence: low}  # nog geen oordeel

# differences: het register van wat je besloot over een verschil en gaat doen.
#   factor    de factorsleutel
#   kind      position (standaard): de posities van twee partijen verschillen; of
#             perception: hoe de ene partij de andere ziet, wijkt af van hoe die
#             partij zichzelf ziet
#   parties   bij position: de twee partijen die verschillen; standaard de eerste twee
#   subject   bij perception: de partij die bekeken wordt
#   viewer    bij perception: de partij wier beeld van de subject-partij afwijkt
#   status    open, named (benoemd), discussed (besproken), accepted (door het team
#             aanvaard), accepted_both (door beide kanten geaccepteerd) of
#             mitigated (gemitigeerd)
#   blocking  laat weg om de berekende ernst te volgen; true of false overrulet
#             die (het team weet het beter) en vraagt een reden
#   reason    waarom het verschil (niet) blokkeert, of waarom het deze status heeft
#   note      optionele opmerkingen
#   actions   de stappen: text, owner (een beoordelaar-id of een naam),
#             due (JJJJ-MM-DD), done (true of false)
differences:
  - factor: intention
    parties: [acme, globex]
    status: named
    reason: >-
      Zonder de wil om de ander ook iets te gunnen, wordt elk volgend onderwerp
      een gevecht over de prijs.
    actions:
      - text: Vraag de accountmanager van Globex hoe een goede uitkomst voor beide kanten eruitziet.
        owner: jan
        due: 2026-12-15
        done: false
  - factor: trust
    kind: perception
    subject: acme
    viewer: globex
    status: open
    note: Globex lijkt te denken dat wij alleen de laagste prijs willen.

# interviews: optioneel; gesprekken om meer te weten te komen over een partij.
#   id           een korte id, uniek in de casus
#   interviewee  de naam van wie je interviewt
#   party        de partij waar de geïnterviewde bij hoort
#   about        de partij waar de antwoorden over gaan; standaard: party
#   role         de rol van de geïnterviewde
#   interviewer  een beoordelaar-id of een naam
#   date         wanneer (JJJJ-MM-DD)
#   factors      de factorsleutels waarover je vragen stelt
#   answers      per factorsleutel wat je hoorde; elk antwoord is onderbouwing
#                (bron interview) voor de partij waar het interview over gaat
interviews:
  - id: int-1
    interviewee: Sanne Bakker
    party: globex
    role: Accountmanager
    interviewer: jan
    date: 2026-11-20
    factors: [intention, trust]
    answers:
      intention: Wil een contract van drie jaar en ruimte om verbeteringen voor te stellen.
# agenda: optioneel, de agenda van het open gesprek met de andere kant over hoe jullie
#   zaken willen doen: een datum en punten (title, kind, factor, parties, see, ask,
#   offer, mitigations, shareable, outcome). kloof web en 'kloof agenda' maken er een
#   uit de analyse; docs/case-format.md noemt alle velden.
# practice: optioneel, alleen in een oefenpoging ('kloof practice start' schrijft
#   het): het scenario, de verschillen die volgens jou blokkeren (blocking) en je
#   eerste stap (first_move); zie docs/practice-nl.md.
"""

_TEMPLATES = {"en": _ENGLISH, "nl": _DUTCH}


def case_template(language: str) -> str:
    """A complete, commented case file in ``language`` ("nl" or "en")."""
    try:
        template = _TEMPLATES[language]
    except KeyError:
        raise InputError.worded(
            N_("there is no case template in the language '%(language)s'"),
            N_("choose nl or en"),
            language=language,
        ) from None
    return template.replace("@FACTOR_POLES@", _factor_poles(language))


def _factor_poles(language: str) -> str:
    """Each factor of the template's framework with its two poles, in ``language``,
    from the framework itself (so they never drift): the key with the pole of 1 on
    its line, the pole of 7 under it."""
    from kloof.formats.framework import DEFAULT_FRAMEWORK, load_framework

    factors = load_framework(DEFAULT_FRAMEWORK).factors
    width = max(len(factor.key) for factor in factors)
    lines = []
    for factor in factors:
        lines.append(f"#                 {factor.key:<{width}}  1 {factor.left.get(language)}")
        lines.append(f"#                 {'':<{width}}  7 {factor.right.get(language)}")
    return "\n".join(lines)
