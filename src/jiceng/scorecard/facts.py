"""The index's facts per township and month, made from the raw figures ``scorecard.gather``
reads out of the other parts (``CountyFacts``). Each figure carries a ``Source``: the query in
words and the URL of the filtered list page of the part it came from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from jiceng.core.models import Organisation
from jiceng.ledger.events import EventType
from jiceng.scorecard.imbalance import MonthPoint, PowerDelegation
from jiceng.scorecard.index import Source, TownshipFacts
from jiceng.scorecard.policy import load_policy

Key = tuple[int, date]  # (township id, first day of month)


def shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(first: date) -> date:
    return shift(first, 1) - timedelta(days=1)


def month_range(first: date, last: date) -> list[date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = shift(m, 1)
    return out


def label(month: date) -> str:
    return month.strftime("%Y-%m")


def installed(part: str) -> bool:
    return apps.is_installed(f"jiceng.{part}")


@lru_cache(maxsize=4096)
def _reverse(name: str, args: tuple[Any, ...]) -> str:
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


def url(name: str, *args: Any, **query: Any) -> str:
    """A list page's URL with its filters ("" when that part is not installed)."""
    base = _reverse(name, args)
    if not base:
        return ""
    filled = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{base}?{urlencode(filled)}" if filled else base


@dataclass
class CountyFacts:
    """The raw monthly figures of the townships asked for, ready for the pure index."""

    townships: list[Organisation]
    months: list[date]  # every month read, oldest first (includes the look-back windows)
    values: dict[str, dict[Key, float]] = field(default_factory=lambda: defaultdict(dict))
    static: dict[str, dict[Key, float]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # per scored month
    powers: dict[int, list[PowerDelegation]] = field(default_factory=lambda: defaultdict(list))
    surveys: dict[date, Any] = field(default_factory=dict)  # scored month -> pulse survey read
    retention: dict[int, dict[int, float]] = field(
        default_factory=dict
    )  # year -> township -> turnover

    def get(self, name: str, township_id: int, month: date) -> float | None:
        return self.values[name].get((township_id, month))


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def facts_for(data: CountyFacts, town: Organisation, month: date) -> TownshipFacts:
    """The index's facts for one township and one of the scored months."""
    t, m = town.pk, month
    trend = int(load_policy()["windows"]["trend_months"])
    per_staff = []
    for prev in month_range(shift(m, -trend), shift(m, -1)):
        hours, staff = data.get("ledger_hours", t, prev), data.get("available_staff", t, prev)
        if hours is not None and staff:
            per_staff.append(hours / staff)
    caps = None
    if installed("capacity") or installed("ledger"):
        caps = int((data.get("secondments", t, m) or 0) + (data.get("groups_open", t, m) or 0))

    def fig(name: str) -> float | None:
        return data.static[name].get((t, m))

    def num(name: str) -> int:
        return int(data.static[name].get((t, m), 0))

    return TownshipFacts(
        township=town.name,
        month=label(m),
        township_id=t,
        ledger_hours=data.get("ledger_hours", t, m),
        available_staff=data.get("available_staff", t, m),
        previous_hours_per_staff=sum(per_staff) / len(per_staff) if per_staff else None,
        caps_broken=caps,
        hidden_shifts=_int(data.get("hidden_shifts", t, m)),
        felt_hours_per_week=fig("felt_hours"),
        felt_responses=num("felt_responses"),
        felt_heavier_share=fig("felt_heavier"),
        powers_total=num("powers_total"),
        powers_resourced=num("powers_resourced"),
        powers_pending=num("powers_pending"),
        staff_authorised=_int(data.get("staff_authorised", t, m)),
        staff_actual=_int(data.get("staff_actual", t, m)),
        turnover=fig("turnover"),
        training_coverage=fig("training_coverage"),
        services_active=_int(fig("services_active")),
        services_failing=num("services_failing"),
        tickets_dispatched=num("tickets_dispatched"),
        tickets_resolved=num("tickets_resolved"),
        tickets_resolved_on_time=num("tickets_on_time"),
        tickets_reopened=num("tickets_reopened"),
        ratings=num("tickets_rated"),
        ratings_satisfied=num("tickets_satisfied"),
        tickets_unreasonable=num("tickets_unreasonable"),
        sources=sources(data, town, m),
    )


def series_for(data: CountyFacts, town: Organisation) -> list[MonthPoint]:
    t = town.pk
    return [
        MonthPoint(
            label(m),
            ledger_hours=data.get("ledger_hours", t, m),
            available_staff=data.get("available_staff", t, m),
            tasks_admitted=_int(data.get("tasks_admitted", t, m)),
            tickets_backlog=_int(data.get("tickets_backlog", t, m)),
        )
        for m in data.months
    ]


def sources(data: CountyFacts, town: Organisation, month: date) -> dict[str, Source]:
    """For every indicator: the query in words and the list page that shows its records."""
    t, m = town.pk, label(month)
    window = int(load_policy()["windows"]["service_window_months"])
    since = label(shift(month, -(window - 1)))
    excluded = "、".join(EventType(code).label for code in load_policy()["ledger"]["exclude_types"])
    ledger_events = url("ledger:events", township=t, month=m, status="confirmed")
    survey = data.surveys.get(month)
    tickets = f"{town.name} {since} 至 {m} 发起的协同事项（不含已合并和认定为不合理诉求的）"
    return {
        "hours_per_staff": Source(
            f"负担台账：{town.name} {m} 已记入事件的工时合计（不含 {excluded}，借调已从可用人数中扣除）÷ 在岗人数减借调外出人数",
            ledger_events,
        ),
        "hours_trend": Source(
            f"负担台账：{town.name} {m} 人均工时与此前月份人均工时的平均数相比",
            url("ledger:township", t),
        ),
        "caps_broken": Source(
            f"要素保障的借调记录（{m} 在借）与负担台账中任务结束仍未关闭的工作群/APP",
            url("ledger:township", t),
        ),
        "hidden_shifts": Source(
            f"负担台账的“明减暗不减”识别（{m} 前已开始）与摘牌后仍有工作的“减牌不减事”",
            url("ledger:township", t),
        ),
        "felt_hours": Source(
            f"减负感受问卷“{survey.title}”中 {town.name} 的匿名答卷（答卷不足最少份数时不显示）"
            if survey
            else "尚无减负感受问卷",
            url("capacity:survey", survey.pk) if survey else url("capacity:pulse"),
        ),
        "powers_resourced": Source(
            f"要素保障：{m} 月底前下放给 {town.name} 的赋权事项及其人员、经费、培训配套",
            url("capacity:powers"),
        ),
        "staffing": Source(
            f"要素保障：{town.name} 岗位名册的核定编制和实有人数", url("capacity:staff")
        ),
        "turnover": Source(
            f"要素保障：{town.name} {month.year} 年人员变动（离职、调出）",
            url("capacity:retention", year=month.year),
        ),
        "training_coverage": Source(
            f"要素保障：{month.year} 年 1 月至 {m} 已举办培训的参训记录", url("capacity:training")
        ),
        "purchased_services": Source(
            f"政府购买服务：{m} 在履约的 {town.name} 合同及其最近一次绩效评价",
            url("procurement:contracts"),
        ),
        "on_time": Source(tickets + "：按时办结件数 ÷ 已派单件数", url("coordination:list")),
        "reopen_rate": Source(tickets + "：重新办理件数 ÷ 已办结件数", url("coordination:list")),
        "satisfaction": Source(
            tickets + "：4—5 分评价件数 ÷ 已评价件数", url("coordination:measures")
        ),
        "empowerment_added_burden": Source(
            f"要素保障的赋权事项与负担台账的月度工时（{town.name}）", url("capacity:powers")
        ),
        "cut_removed_support": Source(
            f"事项准入下达 {town.name} 的任务数与月末未解决的协同事项", url("coordination:list")
        ),
    }
