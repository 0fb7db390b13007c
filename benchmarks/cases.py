"""Generated cases for the benchmarks: built in code from the domain dataclasses,
deterministic for a given seed, on the built-in ``hopmans-9`` framework.

Scores are not uniform noise: every subject has a "true" position per factor and
every rating party its own bias towards each subject, so the analysis meets real
gaps, blind spots and disagreement, as it would on a real case.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from kloof.domain.model import (
    CONFIDENCES,
    SOURCES,
    Action,
    Case,
    Difference,
    Framework,
    Party,
    Rater,
    Rating,
    Scale,
)
from kloof.formats.framework import load_framework

FRAMEWORK = "hopmans-9"
SCALE = Scale(1, 7)
#: The typical case of target 2: 3 raters of our own, 1 of the counterparty.
TYPICAL_RATERS = (3, 1)
TYPICAL_NO_OPINION = 0.10
TYPICAL_REGISTER = 2


def hopmans() -> Framework:
    """The built-in framework, read once (the loader caches it)."""
    return load_framework(FRAMEWORK)


def generated_case(
    raters_per_party: Sequence[int],
    *,
    seed: int,
    no_opinion: float = 0.0,
    register: int = 0,
) -> Case:
    """A case with one party per entry of ``raters_per_party`` and that many raters
    in it; every rater rates every party on every factor, with a score left out
    (no opinion) at the rate ``no_opinion``; ``register`` register entries."""
    rng = random.Random(seed)
    framework = hopmans()
    parties = tuple(
        Party(f"p{index}", f"Party {index}", side="own" if index == 0 else "counterparty")
        for index in range(len(raters_per_party))
    )
    raters = tuple(
        Rater(f"{party.id}r{number}", f"Rater {number} of {party.name}", party.id)
        for party, count in zip(parties, raters_per_party, strict=True)
        for number in range(count)
    )
    keys = [factor.key for factor in framework.factors]
    ratings = _ratings(rng, parties, raters, keys, no_opinion)
    return Case(
        title=f"Generated case {seed}",
        framework=framework,
        parties=parties,
        factors=framework.factors,
        raters=raters,
        ratings=ratings,
        differences=_register(rng, parties, raters, keys, register),
        scale=SCALE,
        language="en",
        date=date(2026, 11, 16),
        framework_ref=FRAMEWORK,
    )


def heavy_case(seed: int = 1, raters_per_party: int = 200) -> Case:
    """Target 1, heavy reading: 3 parties with 200 raters each (16,200 ratings)."""
    return generated_case((raters_per_party,) * 3, seed=seed)


def light_case(seed: int = 1, raters: int = 200) -> Case:
    """Target 1, light reading: 200 raters in all over 3 parties (5,400 ratings)."""
    share, extra = divmod(raters, 3)
    return generated_case(
        tuple(share + (1 if index < extra else 0) for index in range(3)), seed=seed
    )


def typical_case(seed: int) -> Case:
    """Target 2: 2 parties, 3 + 1 raters rating both parties on the nine factors,
    about 10% no opinion, a couple of register entries."""
    return generated_case(
        TYPICAL_RATERS, seed=seed, no_opinion=TYPICAL_NO_OPINION, register=TYPICAL_REGISTER
    )


def typical_cases(count: int, *, first_seed: int = 1) -> list[Case]:
    """``count`` different typical cases (seeds ``first_seed`` onwards)."""
    return [typical_case(first_seed + offset) for offset in range(count)]


def ratings_asked(case: Case) -> int:
    """How many ratings a fully crossed case should hold: raters x parties x factors."""
    return len(case.raters) * len(case.parties) * len(case.factors)


def _ratings(
    rng: random.Random,
    parties: Sequence[Party],
    raters: Sequence[Rater],
    keys: Sequence[str],
    no_opinion: float,
) -> tuple[Rating, ...]:
    truth = {(party.id, key): rng.randint(2, 6) for party in parties for key in keys}
    # How a rating party sees a subject, on top of the truth: none for itself.
    bias = {
        (viewer.id, subject.id, key): 0 if viewer is subject else rng.choice((-2, -1, 0, 0, 1))
        for viewer in parties
        for subject in parties
        for key in keys
    }
    ratings = []
    for rater in raters:
        for subject in parties:
            for key in keys:
                score: float | None = None
                if rng.random() >= no_opinion:
                    noise = rng.choice((-1, 0, 0, 0, 1))
                    raw = truth[(subject.id, key)] + bias[(rater.party, subject.id, key)] + noise
                    score = float(min(max(raw, SCALE.low), SCALE.high))
                source = "self" if rater.party == subject.id else rng.choice(SOURCES[1:])
                ratings.append(
                    Rating(rater.id, subject.id, key, score, rng.choice(CONFIDENCES), source)
                )
    return tuple(ratings)


def _register(
    rng: random.Random,
    parties: Sequence[Party],
    raters: Sequence[Rater],
    keys: Sequence[str],
    count: int,
) -> tuple[Difference, ...]:
    if count == 0 or len(parties) < 2:
        return ()
    pair = (parties[0].id, parties[1].id)
    owner = raters[0].id if raters else None
    return tuple(
        Difference(
            factor=key,
            parties=pair,
            status=rng.choice(("open", "named", "discussed")),
            blocking=rng.choice((True, False, None)),
            reason="Decided in the preparation meeting.",
            actions=(Action("Discuss it in the first meeting.", owner, date(2026, 12, 1)),),
        )
        for key in rng.sample(list(keys), min(count, len(keys)))
    )
