"""The "小马拉大车" workload ratio: hours demanded of a township against its available staff hours.

Pure functions over plain numbers, so the dashboard, the scorecard and the tests compute the same
figure. Demand is the estimated hours of admitted tasks plus the hours of the burden ledger;
supply is the staff actually at work (in post minus seconded out) times the statutory hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jiceng.capacity.policy import monthly_hours_per_person, section

LEVEL_LABELS = {"normal": "正常", "warn": "偏重", "over": "超负荷", "unknown": "无法计算"}
CATEGORY_LABELS = {
    "basic": "基本履职事项",
    "cooperating": "配合履职事项",
    "returned": "上级部门收回事项",
    "none": "清单外事项",
}


@dataclass(frozen=True)
class TaskEstimate:
    hours: float
    reason: str


def estimate_task_hours(
    category: str,
    flags: Iterable[str] = (),
    *,
    given_hours: float | None = None,
    table: Mapping[str, Any] | None = None,
) -> TaskEstimate:
    """Hours one admitted task costs one township: the given figure, else the policy table."""
    if given_hours is not None and given_hours >= 0:
        return TaskEstimate(float(given_hours), f"按任务填报的工时 {given_hours:g} 小时计")
    policy = table if table is not None else section("workload")
    base_table: Mapping[str, float] = policy["task_hours"]
    flag_table: Mapping[str, float] = policy["flag_hours"]
    base = float(base_table.get(category, base_table["none"]))
    flag_list = sorted(set(flags))
    extra = sum(float(flag_table.get(flag, 0.0)) for flag in flag_list)
    label = CATEGORY_LABELS.get(category, category)
    reason = f"未填报工时，按“{label}”估算 {base:g} 小时"
    if extra:
        reason += f"，另因形式主义要求（{'、'.join(flag_list)}）加 {extra:g} 小时"
    return TaskEstimate(base + extra, reason)


@dataclass(frozen=True)
class WorkloadInput:
    township: str
    month: str  # "YYYY-MM"
    task_hours: float
    ledger_hours: float
    staff_in_post: float
    seconded_out: float = 0.0
    task_count: int = 0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkloadResult:
    township: str
    month: str
    task_hours: float
    ledger_hours: float
    demand_hours: float
    available_staff: float
    available_hours: float
    ratio: float | None
    level: str
    reasons: list[str] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def highlighted(self) -> bool:
        return self.level in ("warn", "over")


def thresholds(warn: float | None = None, over: float | None = None) -> tuple[float, float]:
    policy = section("workload")
    warn_ratio = float(policy["warn_ratio"] if warn is None else warn)
    over_ratio = float(policy["over_ratio"] if over is None else over)
    if not 0 < warn_ratio <= over_ratio:
        raise ValueError("阈值必须为正数，且“偏重”阈值不大于“超负荷”阈值。")
    return warn_ratio, over_ratio


def assess_workload(
    data: WorkloadInput,
    *,
    warn: float | None = None,
    over: float | None = None,
    hours_per_person: float | None = None,
) -> WorkloadResult:
    """One township-month: the ratio, its level and the reasons a reader can check."""
    warn_ratio, over_ratio = thresholds(warn, over)
    per_person = hours_per_person if hours_per_person is not None else monthly_hours_per_person()
    available_staff = max(0.0, data.staff_in_post - data.seconded_out)
    available_hours = available_staff * per_person
    demand = data.task_hours + data.ledger_hours
    reasons = [
        f"在岗 {data.staff_in_post:g} 人，借调外出 {data.seconded_out:g} 人，"
        f"实际可用 {available_staff:g} 人 × {per_person:g} 小时 = {available_hours:g} 小时",
        f"准入任务 {data.task_count} 项估算 {data.task_hours:g} 小时，负担台账 {data.ledger_hours:g} 小时，"
        f"合计 {demand:g} 小时",
        *data.notes,
    ]
    if available_hours <= 0:
        level = "unknown" if demand == 0 else "over"
        if demand:
            reasons.append("没有可用在岗人员却仍有下派工作，属于超负荷")
        else:
            reasons.append("没有在岗人员名册，无法计算比值")
        return WorkloadResult(
            data.township,
            data.month,
            data.task_hours,
            data.ledger_hours,
            demand,
            available_staff,
            available_hours,
            None,
            level,
            reasons,
        )
    ratio = demand / available_hours
    if ratio >= over_ratio:
        level = "over"
        reasons.append(f"占用比 {ratio:.0%}，达到超负荷线 {over_ratio:.0%}")
    elif ratio >= warn_ratio:
        level = "warn"
        reasons.append(
            f"占用比 {ratio:.0%}，达到偏重线 {warn_ratio:.0%}（超负荷线 {over_ratio:.0%}）"
        )
    else:
        level = "normal"
        reasons.append(f"占用比 {ratio:.0%}，低于偏重线 {warn_ratio:.0%}")
    return WorkloadResult(
        data.township,
        data.month,
        data.task_hours,
        data.ledger_hours,
        demand,
        available_staff,
        available_hours,
        round(ratio, 4),
        level,
        reasons,
    )


def rank_workloads(
    inputs: Iterable[WorkloadInput], *, warn: float | None = None, over: float | None = None
) -> list[WorkloadResult]:
    """Every township-month assessed, the heaviest first (unknown ratios last)."""
    results = [assess_workload(i, warn=warn, over=over) for i in inputs]
    return sorted(results, key=lambda r: (r.ratio is None, -(r.ratio or 0.0), r.township, r.month))
