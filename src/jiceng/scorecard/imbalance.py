"""Imbalance checks (统筹): empowering must not add hidden burden, cutting burden must not cut
support, and a figure resting on too few cases must not be read as a top result.

Pure functions over a township's monthly series; thresholds and labels in ``data/index.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jiceng.scorecard.index import Source, TownshipScore
from jiceng.scorecard.policy import load_policy

NO_SOURCE = Source("")


@dataclass(frozen=True)
class MonthPoint:
    """One month of a township's series, as the imbalance checks read it."""

    month: str  # "YYYY-MM"
    ledger_hours: float | None = None
    available_staff: float | None = None
    tasks_admitted: int | None = None  # intake tasks released to the township in the month
    tickets_backlog: int | None = (
        None  # tickets raised by the township still unresolved at month end
    )

    @property
    def hours_per_staff(self) -> float | None:
        if self.ledger_hours is None or not self.available_staff:
            return None
        return self.ledger_hours / self.available_staff


@dataclass(frozen=True)
class PowerDelegation:
    name: str
    month: str  # "YYYY-MM" of the delegation
    staff_added: int = 0
    budget_added: float = 0.0


@dataclass(frozen=True)
class Imbalance:
    kind: str  # empowerment_added_burden | cut_removed_support | low_confidence
    label: str
    township: str
    month: str
    level: str  # badge colour: red | yellow
    reasons: tuple[str, ...]
    policy: str = ""
    source: Source = NO_SOURCE


def month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def empowerment_added_burden(
    township: str,
    series: Sequence[MonthPoint],
    powers: Sequence[PowerDelegation],
    *,
    policy: Mapping[str, Any] | None = None,
    source: Source = NO_SOURCE,
) -> list[Imbalance]:
    """A power handed down without people, followed by more ledger hours per available person."""
    p = (policy or load_policy())["imbalance"]["empowerment_added_burden"]
    window, min_after, min_rise = (
        int(p["window_months"]),
        int(p["min_after_months"]),
        float(p["min_rise"]),
    )
    by_month = {month_index(m.month): m for m in series}
    found = []
    for power in powers:
        if power.staff_added > 0:
            continue  # the people came with the power: not this imbalance
        at = month_index(power.month)
        before = [by_month[i] for i in range(at - window, at) if i in by_month]
        after = [by_month[i] for i in range(at + 1, at + window + 1) if i in by_month]
        load_before = [m.hours_per_staff for m in before if m.hours_per_staff is not None]
        load_after = [m.hours_per_staff for m in after if m.hours_per_staff is not None]
        if not load_before or len(load_after) < min_after:
            continue
        mean_before, mean_after = _mean(load_before), _mean(load_after)
        assert mean_before is not None and mean_after is not None
        if mean_before <= 0 or (mean_after - mean_before) / mean_before < min_rise:
            continue
        staff_before = _mean([m.available_staff for m in before if m.available_staff is not None])
        staff_after = _mean([m.available_staff for m in after if m.available_staff is not None])
        if staff_before is not None and staff_after is not None and staff_after > staff_before:
            continue  # more people arrived by other means: the rise is carried
        rise = (mean_after - mean_before) / mean_before
        reasons = [
            f"{power.month} 下放“{power.name}”，随权下沉人员 0 人"
            + ("、经费 0 元" if not power.budget_added else f"、经费 {power.budget_added:,.0f} 元"),
            f"此前 {len(load_before)} 个月人均台账工时月均 {mean_before:.1f} 小时，此后 {len(load_after)} 个月 {mean_after:.1f} 小时，上升 {rise:.0%}（监测线 {min_rise:.0%}）",
        ]
        if staff_before is not None and staff_after is not None:
            reasons.append(f"在岗可用人数未增加（{staff_before:.1f} → {staff_after:.1f} 人）")
        last = max(by_month[i].month for i in range(at + 1, at + window + 1) if i in by_month)
        found.append(
            Imbalance(
                "empowerment_added_burden",
                p["label"],
                township,
                last,
                "red" if not power.budget_added else "yellow",
                tuple(reasons),
                "《若干规定》(2024) 六、规范基层权责；人随事转、费随事转",
                source,
            )
        )
    return found


def cut_removed_support(
    township: str,
    series: Sequence[MonthPoint],
    month: str,
    *,
    policy: Mapping[str, Any] | None = None,
    source: Source = NO_SOURCE,
) -> list[Imbalance]:
    """Fewer admitted tasks over the last window, but more tickets left unresolved at its end."""
    p = (policy or load_policy())["imbalance"]["cut_removed_support"]
    window = int(p["window_months"])
    by_month = {month_index(m.month): m for m in series}
    at = month_index(month)
    recent = [by_month[i].tasks_admitted for i in range(at - window + 1, at + 1) if i in by_month]
    earlier = [
        by_month[i].tasks_admitted
        for i in range(at - 2 * window + 1, at - window + 1)
        if i in by_month
    ]
    if len(recent) < window or len(earlier) < window or None in recent or None in earlier:
        return []
    tasks_now, tasks_before = sum(recent), sum(earlier)  # type: ignore[arg-type]
    if tasks_before <= 0 or (tasks_before - tasks_now) / tasks_before < float(p["min_task_drop"]):
        return []
    end, start = by_month.get(at), by_month.get(at - window)
    if end is None or start is None or end.tickets_backlog is None or start.tickets_backlog is None:
        return []
    rise = end.tickets_backlog - start.tickets_backlog
    if rise < int(p["min_backlog_rise"]):
        return []
    if start.tickets_backlog and rise / start.tickets_backlog < float(p["min_backlog_rise_share"]):
        return []
    reasons = (
        f"近 {window} 个月准入下派任务 {tasks_now} 项，此前 {window} 个月 {tasks_before} 项，减少 {(tasks_before - tasks_now) / tasks_before:.0%}",
        f"乡镇吹哨后月末仍未解决的协同事项由 {start.tickets_backlog} 件（{start.month}）增至 {end.tickets_backlog} 件（{end.month}）",
        "任务减少的同时基层得到的支持也在减少，需核查部门是否以减负为由不再报到",
    )
    return [
        Imbalance(
            "cut_removed_support",
            p["label"],
            township,
            month,
            "red",
            reasons,
            "《若干规定》(2024) 六、规范属地管理",
            source,
        )
    ]


def low_confidence(score: TownshipScore) -> list[Imbalance]:
    """Rates resting on too few cases: shown, but flagged and not scored at face value."""
    found = []
    for item in score.low_confidence:
        found.append(
            Imbalance(
                "low_confidence",
                f"{item.label}样本过少（低置信度）",
                score.township,
                score.month,
                "yellow",
                item.reasons[:2],
                item.policy,
                item.source,
            )
        )
    return found


def check_township(
    score: TownshipScore,
    series: Sequence[MonthPoint],
    powers: Sequence[PowerDelegation],
    *,
    policy: Mapping[str, Any] | None = None,
    sources: Mapping[str, Source] | None = None,
) -> list[Imbalance]:
    """All imbalance checks for one township as of the scored month, red first."""
    p = policy or load_policy()
    src = sources or {}
    current = month_index(score.month)
    window = int(p["imbalance"]["empowerment_added_burden"]["window_months"])
    # Only delegations recent enough to be judged as of this month.
    recent = [d for d in powers if 0 < current - month_index(d.month) <= window]
    found = [
        *empowerment_added_burden(
            score.township,
            [m for m in series if month_index(m.month) <= current],
            recent,
            policy=p,
            source=src.get("empowerment_added_burden", NO_SOURCE),
        ),
        *cut_removed_support(
            score.township,
            series,
            score.month,
            policy=p,
            source=src.get("cut_removed_support", NO_SOURCE),
        ),
        *low_confidence(score),
    ]
    found.sort(key=lambda i: (i.level != "red", i.kind))
    return found
