"""Build small cases in code, without files, for the domain tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kloof.domain.model import (
    Case,
    Difference,
    Factor,
    Framework,
    Party,
    Rater,
    Rating,
    Scale,
    Severity,
    Text,
    Thresholds,
)

HOPMANS_KEYS = (
    "intention",
    "relationship",
    "value_creation",
    "trust",
    "dependency",
    "flexibility",
    "claiming_sharing",
    "competences",
    "emotional_frame",
)

SEVEN_POINTS = Scale(1, 7)


def factor(key: str, *, blocking: float = 0.5, weight: float = 1.0) -> Factor:
    return Factor(
        key=key,
        name=Text(f"{key} (nl)", key),
        left=Text("links", "left"),
        right=Text("rechts", "right"),
        questions=(Text(f"vraag over {key}?", f"question about {key}?"),),
        advice={s: Text(f"advies {s.value}", f"advice {s.value}") for s in Severity},
        weight=weight,
        thresholds=Thresholds(blocking=blocking),
    )


def framework(keys: Sequence[str] = HOPMANS_KEYS) -> Framework:
    factors = tuple(factor(k, blocking=0.4 if k == "intention" else 0.5) for k in keys)
    return Framework("test", Text("test", "test"), factors)


def rating(rater: str, subject: str, key: str, score: float | None, source: str | None = None):
    return Rating(rater=rater, subject=subject, factor=key, score=score, source=source)


def make_case(
    ratings: Iterable[Rating],
    *,
    raters: dict[str, str],
    parties: Sequence[str] = ("own", "other"),
    keys: Sequence[str] = HOPMANS_KEYS,
    scale: Scale = SEVEN_POINTS,
    differences: Sequence[Difference] = (),
) -> Case:
    """``raters`` maps rater id to party id."""
    fw = framework(keys)
    return Case(
        title="test case",
        framework=fw,
        parties=tuple(Party(p, p.upper()) for p in parties),
        factors=fw.factors,
        raters=tuple(Rater(r, r.title(), p) for r, p in raters.items()),
        ratings=tuple(ratings),
        differences=tuple(differences),
        scale=scale,
    )
