"""Detect shape-shifting burden (明减暗不减) and other burden patterns from monthly hours.

Nobody tells the detector when a township's burden-reduction drive started. For each township
it looks at the monthly formal and informal staff hours, removes what the whole county shared
that month (trend, seasons, a county-wide trim), tames isolated exceptional months, and fits a
two-segment mean shift at every candidate month. The month where formal hours fall and informal
hours rise most clearly together is the candidate change point of a hidden shift; the township
is flagged only if, at that point, informal hours rose by about as many hours as formal hours
fell (or more), both changes stand clear of the month-to-month noise, and both last.

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
    county_adjust,
    month_axis,
    noise_sigma,
    rolling_median,
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
    if not axis:
        return []
    townships, formal, informal = as_matrix(series, axis)
    min_n = int(th["series"]["min_townships_for_county_adjustment"])

    def judge_all(
        formal_adj: np.ndarray, informal_adj: np.ndarray, adjusted: bool
    ) -> list[Finding]:
        found = []
        for row, township in enumerate(townships):
            judged = _Township(
                township, axis, formal[row], informal[row], formal_adj[row], informal_adj[row], th
            )
            finding = judged.judge(adjusted)
            if finding is not None:
                found.append(finding)
        return found

    # Pass 1 on raw hours finds the townships with a sustained change of their own; the county
    # movement is then measured on the others only, so the drive itself is not taken for it.
    first = judge_all(formal, informal, False)
    changed = {f.township for f in first if f.pattern != Pattern.SPIKE.value}
    reference = np.array([r for r, t in enumerate(townships) if t not in changed], dtype=int)
    if len(reference) < min_n:
        reference = np.arange(len(townships))
    formal_adj, adjusted = county_adjust(formal, min_n, reference)
    informal_adj, _ = county_adjust(informal, min_n, reference)
    findings = judge_all(formal_adj, informal_adj, adjusted) if adjusted else first
    findings.sort(key=lambda f: (_ORDER[Pattern(f.pattern)], f.township))
    return findings


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
        self,
        name: str,
        axis: list[str],
        formal: np.ndarray,
        informal: np.ndarray,
        formal_adj: np.ndarray,
        informal_adj: np.ndarray,
        th: Thresholds,
    ) -> None:
        self.name = name
        self.axis = axis
        self.raw_f, self.raw_i = formal, informal
        self.adj_f, self.adj_i = formal_adj, informal_adj
        self.th = th
        window = int(th["series"]["spike_window"])
        clip = float(th["series"]["clip_sigmas"])
        self.f = winsorize(formal_adj, window, clip)
        self.i = winsorize(informal_adj, window, clip)
        self.sigma_f = self._sigma(self.f)
        self.sigma_i = self._sigma(self.i)
        m = int(th["series"]["min_segment_months"])
        self.splits = range(m, len(axis) - m + 1)
        self._steps: dict[int, tuple[_Step, _Step]] = {}
        if self.splits:
            self.t_f = step_t_profile(self.f, self.sigma_f, self.splits)
            self.t_i = step_t_profile(self.i, self.sigma_i, self.splits)

    def split_at(self, scores: np.ndarray) -> int:
        """The split month (index into the axis) where ``scores`` is largest."""
        return self.splits.start + int(np.argmax(scores))

    @staticmethod
    def _sigma(values: np.ndarray) -> float:
        level = float(np.mean(np.abs(values))) if len(values) else 0.0
        return max(noise_sigma(values), _MIN_SIGMA_SHARE * level, _MIN_SIGMA_HOURS)

    def steps(self, k: int) -> tuple[_Step, _Step]:
        cached = self._steps.get(k)
        if cached is None:
            cached = (
                _step(self.f, self.adj_f, self.sigma_f, k),
                _step(self.i, self.adj_i, self.sigma_i, k),
            )
            self._steps[k] = cached
        return cached

    def judge(self, adjusted: bool) -> Finding | None:
        if len(self.axis) < int(self.th["series"]["min_series_months"]) or not self.splits:
            return None
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
        if not (
            i.t >= th["min_informal_t"]
            and -f.z >= th["min_formal_z"]
            and -f.share >= th["min_formal_fall_share"]
            and ratio >= th["min_informal_per_formal"]
            and i.sustained >= th["min_sustained_share_informal"]
            and f.sustained >= th["min_sustained_share_formal"]
        ):
            return None
        verdict = (
            f"非正式渠道增加的工时相当于正式渠道减少工时的 {ratio:.1f} 倍，且持续到期末，"
            "负担只是换了形式（明减暗不减）"
        )
        return self._finding(Pattern.HIDDEN_SHIFT, k, f, i, adjusted, verdict, ratio=ratio)

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
            sigma = self._sigma(values)
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
            evidence += (
                f"。扣除全县同期共同变化后，正式渠道 {_signed(f.diff)} 小时/月，"
                f"非正式渠道 {_signed(i.diff)} 小时/月"
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
