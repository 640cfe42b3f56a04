"""Small statistics for rates that rest on few cases."""

from __future__ import annotations

import math


def wilson_lower_bound(successes: int, total: int, z: float = 1.96) -> float:
    """Lower bound of the Wilson score interval: a rate that 3 of 3 cannot push to the top.

    Wilson (1927); for ``total == 0`` there is no evidence at all, so the bound is 0.
    """
    if total <= 0:
        return 0.0
    if not 0 <= successes <= total:
        raise ValueError("successes must lie between 0 and total")
    p = successes / total
    z2 = z * z
    centre = p + z2 / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    return max(0.0, (centre - margin) / (1 + z2 / total))
