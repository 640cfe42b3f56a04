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


def county_pattern(
    values: np.ndarray, levels: np.ndarray, min_townships: int, reference: np.ndarray | None = None
) -> np.ndarray:
    """Month effects every township shares (seasons, a county-wide trim or drift), mean 1.

    Each township's month is divided by its own fitted level (its plain level, or its two
    levels either side of its own change), so what remains is the county's month-to-month
    movement times noise; the effect of a month is the median of that over the townships. A
    township's own drive therefore does not leak into the county pattern, and townships of very
    different sizes count alike. ``reference`` (a boolean row mask) names the townships without
    a clear change of their own, so a drive that half the county joined, each township in its own
    month, is not taken for a county-wide trend; with fewer than ``min_townships`` of them every
    township counts. With fewer than ``min_townships`` townships at all the median would be the
    township itself, so no effect is removed (all ones).
    """
    usable = np.all(levels > 0, axis=1)
    ones = np.ones(values.shape[1])
    if int(usable.sum()) < min_townships:
        return ones
    if reference is not None and int((usable & reference).sum()) >= min_townships:
        usable = usable & reference
    effect = np.median(values[usable] / levels[usable], axis=0)
    mean = float(effect.mean())
    if mean <= 0:
        return ones
    effect = effect / mean
    return np.where(effect > 0, effect, 1.0)


def rolling_median(values: np.ndarray, window: int) -> np.ndarray:
    """Centred rolling median along the last axis, the edges padded with the edge value."""
    half = window // 2
    pad = [(0, 0)] * (values.ndim - 1) + [(half, half)]
    padded = np.pad(values, pad, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1, axis=-1)
    return np.median(windows, axis=-1)


def noise_sigma(values: np.ndarray) -> np.ndarray:
    """Month-to-month noise of each row (last axis), robust to one level shift and a few
    outliers: the MAD of month-to-month differences, scaled to a normal standard deviation."""
    if values.shape[-1] < 3:
        return np.zeros(values.shape[:-1])
    diffs = np.diff(values, axis=-1)
    centre = np.median(diffs, axis=-1, keepdims=True)
    mad = np.median(np.abs(diffs - centre), axis=-1)
    return MAD_TO_SIGMA * mad / np.sqrt(2.0)


def winsorize(values: np.ndarray, sigma: np.ndarray, window: int, clip_sigmas: float) -> np.ndarray:
    """Clip months that stand far above or below their neighbours (a one- or two-month spike).

    The reference is a centred rolling median, which follows a genuine level shift within half
    a window but ignores an isolated exceptional month. ``sigma`` is each row's noise.
    """
    centre = rolling_median(values, window)
    width = clip_sigmas * np.asarray(sigma)[..., np.newaxis]
    return np.clip(values, centre - width, centre + width)


def step_t_profile(values: np.ndarray, sigma: np.ndarray, splits: range) -> np.ndarray:
    """t statistic of the mean shift (later minus earlier) of each row at every split.

    ``values`` is [row, month]; the result is [row, split]. A split ``k`` puts months ``k`` and
    later into the second segment.
    """
    n = values.shape[-1]
    k = np.arange(splits.start, splits.stop)
    total = values.sum(axis=-1, keepdims=True)
    head = np.cumsum(values, axis=-1)[..., k - 1]
    before = head / k
    after = (total - head) / (n - k)
    scale = np.asarray(sigma)[..., np.newaxis] * np.sqrt(1.0 / k + 1.0 / (n - k))
    return (after - before) / scale


def segment_levels(
    values: np.ndarray, sigma: np.ndarray, splits: range, min_t: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's fitted level per month, and the |t| of its clearest mean shift.

    The level is the two segment means either side of that shift if its |t| reaches ``min_t``,
    else the row mean throughout (a one-change-point model).
    """
    n = values.shape[-1]
    fitted = np.repeat(values.mean(axis=-1, keepdims=True), n, axis=-1)
    if not splits or values.shape[0] == 0:
        return fitted, np.zeros(values.shape[0])
    profile = np.abs(step_t_profile(values, sigma, splits))
    best = np.argmax(profile, axis=-1)
    clearest = profile[np.arange(len(best)), best]
    for row in np.flatnonzero(clearest >= min_t):
        k = splits.start + int(best[row])
        fitted[row, :k] = values[row, :k].mean()
        fitted[row, k:] = values[row, k:].mean()
    return fitted, clearest
