"""Small statistics for rates that rest on few cases."""

from __future__ import annotations


def smoothed_rate(successes: int, cases: int, prior_rate: float, prior_cases: float) -> float:
    """Additive smoothing: the rate after ``prior_cases`` pseudo-cases at ``prior_rate``.

    With no cases it is the prior; as cases grow it approaches ``successes / cases``.
    """
    if cases < 0 or not 0 <= successes <= cases:
        raise ValueError("successes must lie between 0 and cases")
    if prior_cases < 0 or not 0.0 <= prior_rate <= 1.0:
        raise ValueError("prior_rate must lie in [0, 1] and prior_cases must not be negative")
    if cases + prior_cases == 0:
        return prior_rate
    return (successes + prior_cases * prior_rate) / (cases + prior_cases)
