"""A case whose only blocking difference is a perception gap, for the register's
tests (web pages, API, history, races). No tests here.

The walk of issue #9: ACME's raters see ACME at 5.25 on intention, Globex's
raters see ACME at 2.5 — a blocking perception gap of 2.75 points — while the
averaged positions (3.875 and 4.375) are aligned. On trust Globex sees ACME 2
points lower than ACME sees itself (significant). On relationship the team keeps
an entry for how ACME sees Globex (4.5 against 5.0: aligned), which the analysis
does not list as a blind spot but the register keeps showing.
"""

from __future__ import annotations

from kloof.formats.casefile import parse_case
from kloof.storage import models
from kloof.storage.mapping import case_from_domain

PERCEPTION_CASE = """\
kloof: 1
title: Globex renewal
language: en
parties:
  - {id: acme, name: ACME Purchasing, side: own}
  - {id: globex, name: Globex Sales, side: counterparty}
raters:
  - {id: ann, name: Ann, party: acme}
  - {id: ben, name: Ben, party: acme}
  - {id: eva, name: Eva, party: globex}
  - {id: bob, name: Bob, party: globex}
ratings:
  - {rater: ann, subject: acme, factor: intention, score: 5}
  - {rater: ben, subject: acme, factor: intention, score: 5.5}
  - {rater: eva, subject: acme, factor: intention, score: 2}
  - {rater: bob, subject: acme, factor: intention, score: 3}
  - {rater: ann, subject: globex, factor: intention, score: 4}
  - {rater: ben, subject: globex, factor: intention, score: 4.5}
  - {rater: eva, subject: globex, factor: intention, score: 4}
  - {rater: bob, subject: globex, factor: intention, score: 5}
  - {rater: ann, subject: acme, factor: trust, score: 5}
  - {rater: ben, subject: acme, factor: trust, score: 5}
  - {rater: eva, subject: acme, factor: trust, score: 3}
  - {rater: bob, subject: acme, factor: trust, score: 3}
  - {rater: ann, subject: globex, factor: trust, score: 4}
  - {rater: ben, subject: globex, factor: trust, score: 4}
  - {rater: eva, subject: globex, factor: trust, score: 4}
  - {rater: bob, subject: globex, factor: trust, score: 4}
  - {rater: ann, subject: globex, factor: relationship, score: 4.5}
  - {rater: ben, subject: globex, factor: relationship, score: 4.5}
  - {rater: eva, subject: globex, factor: relationship, score: 5}
  - {rater: bob, subject: globex, factor: relationship, score: 5}
differences:
  - factor: relationship
    kind: perception
    subject: globex
    viewer: acme
    status: named
    note: They think we undervalue the account team.
    actions:
      - {text: Ask Globex how they see the account team, owner: ann, done: false}
"""


def store_perception_case(workspace: models.Workspace, title: str | None = None) -> models.Case:
    """The case above, stored in ``workspace``."""
    row = case_from_domain(workspace, parse_case(PERCEPTION_CASE.encode(), "globex.yaml"))
    if title is not None:
        row.title = title
        row.save(update_fields=["title"])
    return row


def perception_entry(case: models.Case, factor: str, subject: str, viewer: str):
    """The stored perception entry of ``factor`` (how ``viewer`` sees ``subject``)."""
    return case.differences.get(
        kind="perception", factor=factor, party_a__key=subject, party_b__key=viewer
    )
