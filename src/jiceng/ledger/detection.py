"""Detect shape-shifting burden (明减暗不减) and other burden patterns from monthly hours.

Nobody tells the detector when a township's burden-reduction drive started. It first removes
what the whole county shared each month (seasons, a county-wide trim or drift): month effects
and every township's own one-change-point level are fitted in turn, the effects taken only over
townships without a clear change of their own, so a drive that many townships joined, each in
its own month, is not mistaken for the county's trend. For each township it then tames isolated
exceptional months and fits a two-segment mean shift at every candidate month of both channels.
The month where formal hours fall and informal hours rise most clearly together is the change
point of a candidate hidden shift (its start month); the township is flagged only if informal
hours rose clearly, formal hours fell clearly by a rank test at the month informal hours rose
most (a month not picked for a chance formal dip, since formal hours are noisy and heavy-tailed),
informal hours rose by about as many hours as formal hours fell (or more), and both changes last.

Other patterns (genuine or partial reduction, growth, informal growth, one-off spikes) are
reported the same way so a reviewer sees why a township was *not* flagged. Every finding
carries its evidence in Chinese, with the numbers.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any

import numpy as np

from jiceng.ledger.events import Event
from jiceng.ledger.series import (
    MonthlySeries,
    aggregate_monthly,
    as_matrix,
    county_pattern,
    month_axis,
    noise_sigma,
    rolling_median,
    segment_levels,
    step_t_profile,
    winsorize,
)

Thresholds = Mapping[str, Mapping[str, float]]


class Pattern(StrEnum):
    HIDDEN_SHIFT = "hidden_shift"
    PARTIAL_REDUCTION = "partial_reduction"
    GENUINE_REDUCTION = "genuine_reduction"
    GROWTH = "growth"
    INFORMAL_GROWTH = "informal_growth"
    SPIKE = "spike"

    @property
    def label(self) -> str:
        return PATTERN_LABELS[self]


PATTERN_LABELS: dict[Pattern, str] = {
    Pattern.HIDDEN_SHIFT: "明减暗不减（负担转入非正式渠道）",
    Pattern.PARTIAL_REDUCTION: "部分减负（非正式渠道有回流）",
    Pattern.GENUINE_REDUCTION: "实质减负",
    Pattern.GROWTH: "负担增长",
    Pattern.INFORMAL_GROWTH: "非正式渠道负担增长",
    Pattern.SPIKE: "短期突增",
}
_ORDER = {p: i for i, p in enumerate(Pattern)}


@dataclass(frozen=True, slots=True)
class Finding:
    township: str
    pattern: str
    month: str | None
    evidence: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The finding as the CLI contract writes it (DESIGN §4, sample ledger README)."""
        return {
            "township": self.township,
            "pattern": self.pattern,
            "month": self.month,
            "evidence": self.evidence,
        }


def load_thresholds() -> dict[str, dict[str, float]]:
    text = resources.files("jiceng.ledger").joinpath("data/detection.toml").read_text("utf-8")
    return tomllib.loads(text)


# Floor for the noise estimate, so a perfectly smooth constructed series does not divide by zero:
# changes smaller than this share of the level never count as clear of noise.
_MIN_SIGMA_SHARE = 0.02
_MIN_SIGMA_HOURS = 0.1


def detect(events: Iterable[Event], thresholds: Thresholds | None = None) -> list[Finding]:
    """Findings for every township in ``events`` that shows a pattern (plain ones are omitted)."""
    return detect_from_monthly(aggregate_monthly(events), thresholds)


def detect_from_monthly(
    series: MonthlySeries, thresholds: Thresholds | None = None
) -> list[Finding]:
    """Same as :func:`detect`, from monthly sums ``{township: {"YYYY-MM": (formal, informal)}}``.

    Months missing for a township count as zero hours. Townships are judged against the whole
    county passed in, so pass every township of the county at once.
    """
    th = thresholds or load_thresholds()
    axis = month_axis(series)
    if len(axis) < int(th["series"]["min_series_months"]):
        return []
    townships, formal, informal = as_matrix(series, axis)
    county = _County(formal, informal, th)
    findings = []
    for row, township in enumerate(townships):
        finding = _Township(township, axis, county, row, th).judge()
        if finding is not None:
            findings.append(finding)
    findings.sort(key=lambda f: (_ORDER[Pattern(f.pattern)], f.township))
    return findings


def _sigma(values: np.ndarray) -> np.ndarray:
    """Each row's month-to-month noise, floored so a perfectly smooth constructed series does not
    divide by zero: changes smaller than this share of the level never count as clear of noise."""
    level = np.mean(np.abs(values), axis=-1)
    return np.maximum(np.maximum(noise_sigma(values), _MIN_SIGMA_SHARE * level), _MIN_SIGMA_HOURS)


class _Channel:
    """One channel (formal or informal) of every township, with the county pattern removed."""

    def __init__(self, raw: np.ndarray, th: Thresholds) -> None:
        self.raw = raw
        self.effect = np.ones(raw.shape[1])
        self.levels = np.repeat(np.median(raw, axis=1, keepdims=True), raw.shape[1], axis=1)
        self.clearest = np.zeros(raw.shape[0])
        self.t: np.ndarray | None = None
        self._window = int(th["series"]["spike_window"])
        self._clip = float(th["series"]["clip_sigmas"])
        self._adjust()

    def _adjust(self) -> None:
        self.adj = self.raw / self.effect[np.newaxis, :]
        self.sigma = _sigma(self.adj)
        self.win = winsorize(self.adj, self.sigma, self._window, self._clip)

    def refit(
        self, reference: np.ndarray | None, min_townships: int, splits: range, level_t: float
    ) -> None:
        """One round: month effects from the reference townships, then every township's own
        one-change-point level on the adjusted hours."""
        self.effect = county_pattern(self.raw, self.levels, min_townships, reference)
        self._adjust()
        self.levels, self.clearest = segment_levels(self.win, self.sigma, splits, level_t)


class _County:
    """Every township's two channels with the county-wide pattern removed.

    The county pattern and the townships' own levels are fitted in turn: month effects are the
    median, over the townships without a clear change of their own in either channel, of hours
    over each township's fitted level; each township's level is a one-change-point (two-segment)
    fit of its hours with the month effects divided out. Each round the townships' own changes
    are better known, so they leak less into the county pattern, and the county pattern is
    better known, so the townships' own changes stand out more.
    """

    def __init__(self, formal: np.ndarray, informal: np.ndarray, th: Thresholds) -> None:
        series_th = th["series"]
        m = int(series_th["min_segment_months"])
        self.splits = range(m, formal.shape[1] - m + 1)
        min_townships = int(series_th["min_townships_for_county_adjustment"])
        level_t = float(series_th["level_change_t"])
        reference_t = float(series_th["reference_max_t"])
        self.formal = _Channel(formal, th)
        self.informal = _Channel(informal, th)
        self.adjusted = formal.shape[0] >= min_townships
        # Townships with a clear change of their own before any adjustment (a county-wide trim
        # makes every township look changed here; then this first look is not used).
        unchanged_raw = self._unchanged(reference_t, level_t)
        if int(unchanged_raw.sum()) < min_townships:
            unchanged_raw = np.ones_like(unchanged_raw)
        reference = unchanged_raw
        for _ in range(max(1, int(series_th["county_pattern_rounds"]))):
            for channel in (self.formal, self.informal):
                channel.refit(reference, min_townships, self.splits, level_t)
            unchanged = self._unchanged(reference_t, level_t)
            reference = unchanged & unchanged_raw
            if int(reference.sum()) < min_townships:
                reference = unchanged
        self.reference_count = int(reference.sum()) if self.adjusted else 0
        if self.splits:
            for channel in (self.formal, self.informal):
                channel.t = step_t_profile(channel.win, channel.sigma, self.splits)

    def _unchanged(self, reference_t: float, level_t: float) -> np.ndarray:
        """Townships whose clearest level shift in either channel stays below ``reference_t``."""
        clear = [
            segment_levels(c.win, c.sigma, self.splits, level_t)[1]
            for c in (self.formal, self.informal)
        ]
        return np.asarray((clear[0] < reference_t) & (clear[1] < reference_t))


@dataclass(frozen=True, slots=True)
class _Step:
    """A two-segment level shift of one channel at split ``k`` (first month of the second part)."""

    k: int
    before: float  # mean monthly hours before (after taming spikes)
    after: float
    diff: float  # the shift: median of all (later month - earlier month) differences
    t: float  # mean shift over its standard error (noise from month-to-month differences)
    z: float  # rank-sum z score: robust to the heavy tail of formal hours (a secondment…)
    sustained: float  # share of later months past the midpoint between the two levels

    @property
    def share(self) -> float:
        if self.before > 0:
            return self.diff / self.before
        return float("inf") if self.diff > 0 else 0.0


def _step(values: np.ndarray, raw: np.ndarray, sigma: float, k: int) -> _Step:
    n = len(values)
    before, after = float(values[:k].mean()), float(values[k:].mean())
    t = (after - before) / (sigma * np.sqrt(1.0 / k + 1.0 / (n - k)))
    pairs = np.subtract.outer(raw[k:], raw[:k])
    n_after, n_before = n - k, k
    u = float(np.sum(pairs > 0) + 0.5 * np.sum(pairs == 0))
    z = (u - n_after * n_before / 2) / np.sqrt(n_after * n_before * (n + 1) / 12)
    midpoint = (before + after) / 2
    later = values[k:]
    past = later > midpoint if after >= before else later < midpoint
    return _Step(k, before, after, float(np.median(pairs)), float(t), float(z), float(past.mean()))


class _Township:
    def __init__(
        self, name: str, axis: list[str], county: _County, row: int, th: Thresholds
    ) -> None:
        self.name = name
        self.axis = axis
        self.th = th
        self.county = county
        f, i = county.formal, county.informal
        self.raw_f, self.raw_i = f.raw[row], i.raw[row]
        self.adj_f, self.adj_i = f.adj[row], i.adj[row]
        self.f, self.i = f.win[row], i.win[row]
        self.sigma_f, self.sigma_i = float(f.sigma[row]), float(i.sigma[row])
        self.splits = county.splits
        self._steps: dict[int, tuple[_Step, _Step]] = {}
        if self.splits and f.t is not None and i.t is not None:
            self.t_f = f.t[row]
            self.t_i = i.t[row]

    def split_at(self, scores: np.ndarray) -> int:
        """The split month (index into the axis) where ``scores`` is largest."""
        return self.splits.start + int(np.argmax(scores))

    def steps(self, k: int) -> tuple[_Step, _Step]:
        cached = self._steps.get(k)
        if cached is None:
            cached = (
                _step(self.f, self.adj_f, self.sigma_f, k),
                _step(self.i, self.adj_i, self.sigma_i, k),
            )
            self._steps[k] = cached
        return cached

    def judge(self) -> Finding | None:
        if len(self.axis) < int(self.th["series"]["min_series_months"]) or not self.splits:
            return None
        adjusted = self.county.adjusted
        return (
            self._hidden_shift(adjusted)
            or self._reduction(adjusted)
            or self._growth(adjusted)
            or self._spike()
        )

    # ---------------------------------------------------------------------------------------

    def _hidden_shift(self, adjusted: bool) -> Finding | None:
        th = self.th["hidden_shift"]
        # The split where informal rises and formal falls most clearly together.
        k = self.split_at(self.t_i - self.t_f)
        f, i = self.steps(k)
        ratio = i.diff / -f.diff if f.diff < 0 else 0.0
        # Formal fall tested where informal alone rose most clearly, so the month is not chosen
        # for a noisy formal dip: the rank test keeps its plain meaning there.
        k_i = self.split_at(self.t_i)
        f_at_i = self.steps(k_i)[0]
        if not (
            i.t >= th["min_informal_t"]
            and -f_at_i.z >= th["min_formal_z"]
            and -f.share >= th["min_formal_fall_share"]
            and ratio >= th["min_informal_per_formal"]
            and i.sustained >= th["min_sustained_share_informal"]
            and f.sustained >= th["min_sustained_share_formal"]
        ):
            return None
        test = ""
        if k_i != k:
            test = (
                f"在非正式渠道上升最明显的 {self.axis[k_i]} 检验，正式渠道下降 z={f_at_i.z:.1f}；"
            )
        verdict = (
            f"{test}非正式渠道增加的工时相当于正式渠道减少工时的 {ratio:.1f} 倍，且持续到期末，"
            "负担只是换了形式（明减暗不减）"
        )
        return self._finding(
            Pattern.HIDDEN_SHIFT,
            k,
            f,
            i,
            adjusted,
            verdict,
            ratio=ratio,
            formal_z_at_informal_rise=f_at_i.z,
            informal_rise_index=k_i,
        )

    def _reduction(self, adjusted: bool) -> Finding | None:
        th = self.th["reduction"]
        k = self.split_at(-self.t_f)
        f, i = self.steps(k)
        if not (
            -f.z >= th["min_formal_z"]
            and -f.share >= th["min_formal_fall_share"]
            and f.sustained >= th["min_sustained_share"]
        ):
            return None
        if i.t >= th["min_informal_leak_t"] and i.diff > 0:
            ratio = i.diff / -f.diff
            verdict = (
                f"非正式渠道有所回升，但只相当于正式渠道减少工时的 {ratio:.1f} 倍，"
                "总体负担仍明显下降（部分减负，需关注回流）"
            )
            return self._finding(Pattern.PARTIAL_REDUCTION, k, f, i, adjusted, verdict, ratio=ratio)
        verdict = "非正式渠道没有明显增加，属于实质减负"
        return self._finding(Pattern.GENUINE_REDUCTION, k, f, i, adjusted, verdict)

    def _growth(self, adjusted: bool) -> Finding | None:
        th = self.th["growth"]

        def grew(step: _Step) -> bool:
            return (
                step.t >= th["min_t"]
                and step.share >= th["min_rise_share"]
                and step.sustained >= th["min_sustained_share"]
            )

        k_i = self.split_at(self.t_i)
        k_f = self.split_at(self.t_f)
        f_at_i, i = self.steps(k_i)
        f, i_at_f = self.steps(k_f)
        if grew(f):
            verdict = "正式渠道负担持续增加" + ("，非正式渠道同时增加" if i_at_f.diff > 0 else "")
            return self._finding(Pattern.GROWTH, k_f, f, i_at_f, adjusted, verdict)
        if grew(i):
            if f_at_i.diff > 0 and f_at_i.t >= 1.0:
                verdict = "两类渠道的负担都在增加"
                return self._finding(Pattern.GROWTH, k_i, f_at_i, i, adjusted, verdict)
            verdict = "非正式渠道负担增加，但正式渠道没有相应减少，属于负担增长而非转移"
            return self._finding(Pattern.INFORMAL_GROWTH, k_i, f_at_i, i, adjusted, verdict)
        return None

    def _spike(self) -> Finding | None:
        th = self.th["spike"]
        window = int(self.th["series"]["spike_window"])
        hits: list[tuple[int, str, float, float]] = []
        for label, values in (("正式", self.adj_f), ("非正式", self.adj_i)):
            sigma = float(_sigma(values))
            centre = rolling_median(values, window)
            for idx in np.flatnonzero(
                (values - centre > th["min_sigmas"] * sigma)
                & (values - centre > th["min_rise_share"] * np.maximum(centre, 0))
            ):
                hits.append((int(idx), label, float(values[idx]), float(centre[idx])))
        months = sorted({h[0] for h in hits})
        if not months or len(months) > th["max_months"]:
            return None
        first = min(hits)
        parts = "；".join(
            f"{self.axis[idx]} {label}渠道 {value:.1f} 小时（前后水平约 {centre:.1f} 小时）"
            for idx, label, value, centre in sorted(hits)
        )
        evidence = f"{parts}。仅 {len(months)} 个月异常，随后回落，不是持续变化"
        return Finding(
            self.name,
            Pattern.SPIKE.value,
            self.axis[first[0]],
            evidence,
            {"months": [self.axis[m] for m in months]},
        )

    # ---------------------------------------------------------------------------------------

    def _finding(
        self,
        pattern: Pattern,
        k: int,
        f: _Step,
        i: _Step,
        adjusted: bool,
        verdict: str,
        **extra: float,
    ) -> Finding:
        month = self.axis[k]
        raw_f = (float(self.raw_f[:k].mean()), float(self.raw_f[k:].mean()))
        raw_i = (float(self.raw_i[:k].mean()), float(self.raw_i[k:].mean()))
        later = len(self.axis) - k
        evidence = (
            f"自 {month} 起（此前 {k} 个月、此后 {later} 个月）："
            f"正式渠道月均工时{_change(*raw_f)}；"
            f"非正式渠道月均工时{_change(*raw_i)}"
        )
        if adjusted:
            reference = self.county.reference_count
            evidence += (
                f"。扣除全县同期共同变化（季节、全县统一压减或增长，按 {reference} 个自身无明显"
                f"变化的乡镇估计）后，正式渠道 {_signed(f.diff)} 小时/月，"
                f"非正式渠道 {_signed(i.diff)} 小时/月"
            )
        else:
            evidence += "（乡镇太少，未扣除全县共同变化）"
        evidence += (
            f"。变化显著性：正式渠道 t={f.t:.1f}、秩和检验 z={f.z:.1f}，此后 {f.sustained:.0%} 的月份"
            f"处在前后两水平中点的{'下方' if f.diff < 0 else '上方'}；非正式渠道 t={i.t:.1f}，"
            f"此后 {i.sustained:.0%} 的月份处在中点的{'上方' if i.diff >= 0 else '下方'}"
        )
        evidence += f"；{verdict}。"
        details: dict[str, Any] = {
            "change_index": k,
            "formal_before": raw_f[0],
            "formal_after": raw_f[1],
            "informal_before": raw_i[0],
            "informal_after": raw_i[1],
            "formal_change_adjusted": f.diff,
            "informal_change_adjusted": i.diff,
            "formal_t": f.t,
            "formal_z": f.z,
            "informal_t": i.t,
            "formal_sustained_share": f.sustained,
            "informal_sustained_share": i.sustained,
            "county_adjusted": adjusted,
            **extra,
        }
        return Finding(self.name, pattern.value, month, evidence, details)


def _signed(value: float) -> str:
    return f"{value:+.1f}"


def _change(before: float, after: float) -> str:
    share = f"，{(after - before) / before:+.0%}" if before > 0 else ""
    return f"由 {before:.1f} 小时变为 {after:.1f} 小时（{_signed(after - before)}{share}）"
