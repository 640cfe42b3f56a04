"""SLA clocks of a coordination ticket: deadlines, reminders and traffic-light status. Pure.

The limits are data (``data/sla.toml``): per ticket kind (日常哨/攻坚哨/应急哨), urgency and clock
(dispatch, response, resolution), in working days (routine work, over the working-day calendar)
or in hours/minutes of natural time (emergencies do not wait for Monday).
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from jiceng.coordination.calendar import WorkCalendar
from jiceng.errors import InputError


class Clock(StrEnum):
    DISPATCH = "dispatch"
    RESPONSE = "response"
    RESOLUTION = "resolution"

    @property
    def label(self) -> str:
        return CLOCK_LABELS[self]


CLOCK_LABELS = {Clock.DISPATCH: "派单", Clock.RESPONSE: "响应", Clock.RESOLUTION: "办结"}
UNITS = {"working_days": "个工作日", "hours": "小时", "minutes": "分钟"}


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "正常", "yellow": "临期", "red": "逾期"}[self.value]


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: str  # a key of UNITS

    def describe(self) -> str:
        return f"{self.amount} {UNITS[self.unit]}"


@dataclass(frozen=True)
class Deadline:
    clock: Clock
    started_at: dt.datetime
    due_at: dt.datetime
    remind_at: dt.datetime
    limit: Limit
    estimated: bool  # the calendar did not know a year the window crosses
    reason: str  # how the deadline was computed, in Chinese


@dataclass(frozen=True)
class SlaPolicy:
    kind_labels: dict[str, str]
    urgency_labels: dict[str, str]
    limits: dict[tuple[str, str, Clock], Limit]
    remind_when_left: float
    reopen_within_working_days: int

    def limit(self, kind: str, urgency: str, clock: Clock) -> Limit:
        try:
            return self.limits[(kind, urgency, clock)]
        except KeyError:
            raise InputError(f"时限规则中没有“{kind}/{urgency}/{clock}”的设定。") from None

    def deadline(
        self, *, kind: str, urgency: str, clock: Clock, start: dt.datetime, calendar: WorkCalendar
    ) -> Deadline:
        limit = self.limit(kind, urgency, clock)
        if limit.unit == "working_days":
            due = calendar.add_workdays(start, limit.amount)
        elif limit.unit == "hours":
            due = start + dt.timedelta(hours=limit.amount)
        else:
            due = start + dt.timedelta(minutes=limit.amount)
        if limit.unit == "working_days":
            # Remind at the end of a working day, the share of the limit's workdays before it.
            back = max(1, math.ceil(limit.amount * self.remind_when_left))
            remind = max(start, calendar.workdays_before(due, back))
        else:
            remind = due - (due - start) * self.remind_when_left
        label = f"{self.kind_labels[kind]}（{self.urgency_labels[urgency]}）"
        reason = f"{label}{clock.label}时限 {limit.describe()}"
        estimated = False
        if limit.unit == "working_days":
            reason += f"，按工作日历计算，截至 {due:%Y-%m-%d %H:%M}"
            unknown = calendar.unknown_years(start, due)
            if unknown:
                estimated = True
                years = "、".join(str(y) for y in unknown)
                reason += f"（{years} 年节假日安排尚未录入，暂按周末休息估算）"
        else:
            reason += f"，自然时间计算，截至 {due:%Y-%m-%d %H:%M}"
        return Deadline(clock, start, due, remind, limit, estimated, reason)


def light(
    now: dt.datetime,
    remind_at: dt.datetime,
    due_at: dt.datetime,
    stopped_at: dt.datetime | None = None,
) -> Light:
    """Green before the reminder point, yellow until the deadline, red after it.

    A stopped clock keeps the colour of the moment it stopped: met in time is green, late is red.
    """
    at = stopped_at or now
    if at > due_at:
        return Light.RED
    if stopped_at is None and at >= remind_at:
        return Light.YELLOW
    return Light.GREEN


def _parse_limit(value: Any, where: str) -> Limit:
    if not isinstance(value, dict) or len(value) != 1:
        raise InputError(
            f"{where}：时限应写成 {{ working_days = N }}、{{ hours = N }} 或 {{ minutes = N }}。"
        )
    unit, amount = next(iter(value.items()))
    if unit not in UNITS or not isinstance(amount, int) or amount < 1:
        raise InputError(f"{where}：时限单位只能是 working_days/hours/minutes，数值为正整数。")
    return Limit(amount, unit)


def parse_policy(data: dict[str, Any]) -> SlaPolicy:
    kinds = data.get("kinds") or {}
    urgency_labels = dict(data.get("urgency_labels") or {})
    limits: dict[tuple[str, str, Clock], Limit] = {}
    kind_labels = {}
    for kind, table in kinds.items():
        kind_labels[kind] = str(table.get("label", kind))
        for urgency, clocks in (table.get("urgency") or {}).items():
            if urgency not in urgency_labels:
                raise InputError(f"紧急程度“{urgency}”没有在 urgency_labels 中命名。")
            for clock in Clock:
                if clock.value not in clocks:
                    raise InputError(f"{kind}/{urgency} 缺少 {clock.value} 时限。")
                limits[(kind, urgency, clock)] = _parse_limit(
                    clocks[clock.value], f"{kind}/{urgency}/{clock.value}"
                )
    remind = float(data.get("remind_when_left", 0.25))
    if not 0 < remind < 1:
        raise InputError("remind_when_left 应在 0 和 1 之间。")
    return SlaPolicy(
        kind_labels=kind_labels,
        urgency_labels=urgency_labels,
        limits=limits,
        remind_when_left=remind,
        reopen_within_working_days=int(data.get("reopen_within_working_days", 10)),
    )


@cache
def default_policy() -> SlaPolicy:
    text = (resources.files("jiceng.coordination") / "data" / "sla.toml").read_text(
        encoding="utf-8"
    )
    return parse_policy(tomllib.loads(text))
