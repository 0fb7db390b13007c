"""Small, exact statistics on short lists of scores (pure Python: the lists are
short and the import of numpy would cost more than the whole analysis)."""

from __future__ import annotations

from collections.abc import Sequence


def median_sorted(values: Sequence[float]) -> float:
    """The median of an already sorted, non-empty sequence."""
    n = len(values)
    middle = n // 2
    if n % 2:
        return float(values[middle])
    return (values[middle - 1] + values[middle]) / 2


def quantile_sorted(values: Sequence[float], p: float) -> float:
    """Quantile by linear interpolation between closest ranks.

    The "inclusive" method of ``statistics.quantiles`` and numpy's default
    ("linear"): the minimum is quantile 0, the maximum quantile 1.
    """
    position = (len(values) - 1) * p
    lower = int(position)
    fraction = position - lower
    if fraction == 0 or lower + 1 >= len(values):
        return float(values[lower])
    return values[lower] + fraction * (values[lower + 1] - values[lower])


def iqr_sorted(values: Sequence[float]) -> float:
    """Interquartile range (Q3 - Q1) of a sorted, non-empty sequence."""
    if len(values) < 2:
        return 0.0
    return quantile_sorted(values, 0.75) - quantile_sorted(values, 0.25)


def krippendorff_alpha_interval(units: Sequence[Sequence[float]]) -> float | None:
    """Krippendorff's alpha with the interval metric (squared differences).

    ``units`` holds, per unit, the values the observers gave it (missing ones left
    out). Units with fewer than two values cannot be paired and are ignored.
    Returns None when nothing can be paired or when all paired values are equal
    (expected disagreement 0: alpha is undefined).

    With m_u values in unit u and n pairable values in all:
      D_o = 1/n * sum_u sum_{i != j in u} (v_i - v_j)^2 / (m_u - 1)
      D_e = 1/(n (n - 1)) * sum_{i != j over all pairable values} (v_i - v_j)^2
      alpha = 1 - D_o / D_e
    using sum_{i != j} (v_i - v_j)^2 = 2 (m * sum v^2 - (sum v)^2).
    """
    observed = 0.0
    total_n = 0
    total_sum = 0.0
    total_squares = 0.0
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        unit_sum = sum(unit)
        unit_squares = sum(v * v for v in unit)
        observed += 2 * (m * unit_squares - unit_sum * unit_sum) / (m - 1)
        total_n += m
        total_sum += unit_sum
        total_squares += unit_squares
    if total_n < 2:
        return None
    expected_pairs = 2 * (total_n * total_squares - total_sum * total_sum)
    if expected_pairs <= 1e-12 * max(1.0, total_squares):
        return None
    d_observed = observed / total_n
    d_expected = expected_pairs / (total_n * (total_n - 1))
    return 1.0 - d_observed / d_expected
