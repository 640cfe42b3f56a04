"""Monthly formal/informal hour series per township, and the robust statistics detection uses.

The detector works on monthly sums only, so the Django layer can aggregate in SQL and hand the
sums over (``MonthlySeries``); events from a CSV are aggregated here while streaming.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np

from jiceng.ledger.events import Channel, Event

# township -> "YYYY-MM" -> (formal hours, informal hours)
MonthlySeries = Mapping[str, Mapping[str, tuple[float, float]]]

MAD_TO_SIGMA = 1.4826  # MAD of a normal sample times this estimates its standard deviation


def aggregate_monthly(events: Iterable[Event]) -> dict[str, dict[str, tuple[float, float]]]:
    """Sum event hours per township, month and channel in one streaming pass."""
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for event in events:
        cell = sums[event.township][event.month]
        cell[0 if event.channel is Channel.FORMAL else 1] += event.hours
    return {t: {m: (v[0], v[1]) for m, v in months.items()} for t, months in sums.items()}


def month_index(month: str) -> int:
    """Months since year 0, so consecutive months differ by one."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_axis(series: MonthlySeries) -> list[str]:
    """Every month from the first to the last seen anywhere in the county (gaps included)."""
    seen = [month_index(m) for months in series.values() for m in months]
    if not seen:
        return []
    return [month_name(i) for i in range(min(seen), max(seen) + 1)]


def as_matrix(series: MonthlySeries, axis: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Townships (sorted) and two arrays [township, month] of formal and informal hours.

    A month with no events is a month with zero burden, not a missing value.
    """
    townships = sorted(series)
    position = {m: i for i, m in enumerate(axis)}
    formal = np.zeros((len(townships), len(axis)))
    informal = np.zeros((len(townships), len(axis)))
    for row, township in enumerate(townships):
        for month, (f, i) in series[township].items():
            formal[row, position[month]] = f
            informal[row, position[month]] = i
    return townships, formal, informal


def county_adjust(
    values: np.ndarray, min_townships: int, reference: np.ndarray | None = None
) -> tuple[np.ndarray, bool]:
    """Remove the county-wide month-by-month movement (trend, seasons, a county-wide trim).

    Each township's month is scaled by (average county median / this month's county median),
    so a change every township shares cancels out and what remains is the township's own.
    ``reference`` (row indices) names the townships the median is taken over: those without a
    change of their own, so a drive that half the county joined is not mistaken for the county
    trend. With too few townships the median is the township itself, so nothing is adjusted.
    """
    rows = values if reference is None else values[reference]
    if rows.shape[0] < min_townships:
        return values.copy(), False
    median = np.median(rows, axis=0)
    level = float(np.mean(median))
    if level <= 0:
        return values.copy(), False
    factor = np.where(median > 0, level / np.maximum(median, 1e-9), 1.0)
    return values * factor[np.newaxis, :], True


def rolling_median(values: np.ndarray, window: int) -> np.ndarray:
    """Centred rolling median, the edges padded with the edge value."""
    half = window // 2
    padded = np.pad(values, half, mode="edge")
    return np.median(np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1), axis=1)


def step_t_profile(values: np.ndarray, sigma: float, splits: range) -> np.ndarray:
    """t statistic of the mean shift (later minus earlier) at every split, in one pass."""
    n = len(values)
    k = np.arange(splits.start, splits.stop)
    total = values.sum()
    head = np.cumsum(values)[k - 1]
    before = head / k
    after = (total - head) / (n - k)
    return (after - before) / (sigma * np.sqrt(1.0 / k + 1.0 / (n - k)))


def noise_sigma(values: np.ndarray) -> float:
    """Month-to-month noise, robust to one level shift and a few outliers (MAD of differences)."""
    if len(values) < 3:
        return 0.0
    diffs = np.diff(values)
    mad = float(np.median(np.abs(diffs - np.median(diffs))))
    return MAD_TO_SIGMA * mad / np.sqrt(2.0)


def winsorize(values: np.ndarray, window: int, clip_sigmas: float) -> np.ndarray:
    """Clip months that stand far above or below their neighbours (a one- or two-month spike).

    The reference is a centred rolling median, which follows a genuine level shift within half
    a window but ignores an isolated exceptional month.
    """
    sigma = noise_sigma(values)
    if sigma <= 0:
        return values.copy()
    centre = rolling_median(values, window)
    return np.clip(values, centre - clip_sigmas * sigma, centre + clip_sigmas * sigma)
