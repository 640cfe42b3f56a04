"""Gathering the index's facts from the other parts, aggregated in the database.

One pass per part over all townships and months asked for (``GROUP BY township, month`` or one
grouped query per month), never one query per township. Each figure carries a ``Source``: the
query in words and the URL of the filtered list page of the part it came from. A part switched
off in this deployment (``JICENG_PARTS``) simply yields no data for its indicators.

Callers decide which townships a user may see; this module reads what it is given, county-wide.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Avg, Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

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


def _end_dt(first: date) -> datetime:
    """The first instant after the month, aware in the project's time zone."""
    return timezone.make_aware(datetime.combine(shift(first, 1), datetime.min.time()))


def _start_dt(first: date) -> datetime:
    return timezone.make_aware(datetime.combine(first, datetime.min.time()))


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


# --------------------------------------------------------------------------------------------
# Ledger
# --------------------------------------------------------------------------------------------


def _ledger(data: CountyFacts, county_id: int, ids: list[int]) -> None:
    from jiceng.ledger import queries as ledger_queries
    from jiceng.ledger.models import Signboard, TownshipMonth, WorkGroup

    excluded = load_policy()["ledger"]["exclude_types"]
    first, last = data.months[0], data.months[-1]
    rows = (
        TownshipMonth.objects.filter(
            county_id=county_id, township_id__in=ids, month__gte=first, month__lte=last
        )
        .exclude(type__in=excluded)
        .values("township_id", "month")
        .annotate(h=Sum("hours"))
    )
    for r in rows:
        data.values["ledger_hours"][(r["township_id"], r["month"])] = float(r["h"] or 0.0)
    # Once the county keeps a ledger, a month with no events is a month of zero hours; months
    # before its first entry are unknown, not zero (else every trend would start with a leap).
    started = (
        TownshipMonth.objects.filter(county_id=county_id)
        .order_by("month")
        .values_list("month", flat=True)
        .first()
    )
    for t in ids:
        for m in data.months:
            if started is not None and m >= started:
                data.values["ledger_hours"].setdefault((t, m), 0.0)

    # Hidden shifts found by the ledger's detector, counted from the month the shift began.
    names = {t.name: t.pk for t in data.townships}
    starts: dict[int, list[str]] = defaultdict(list)
    for f in ledger_queries.findings(county_id):
        if f.pattern in ("hidden_shift", "informal_growth") and f.township in names and f.month:
            starts[names[f.township]].append(f.month)
    grace = int(ledger_queries.caps.load_policy()["work_groups"]["grace_days"])
    for m in data.months:
        end = month_end(m)
        boards = ledger_queries.boards_with_work_after_removal(
            Signboard.objects.filter(county_id=county_id, township_id__in=ids, removed_on__lte=end)
        )
        by_board = dict(boards.values_list("township_id").annotate(n=Count("id")))
        groups = (
            WorkGroup.objects.filter(
                county_id=county_id,
                townships__in=ids,
                task_ends_on__lt=end - timedelta(days=grace),
                opened_on__lte=end,
            )
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
            .values("townships")
            .annotate(n=Count("id", distinct=True))
        )
        by_group = {r["townships"]: r["n"] for r in groups}
        for t in ids:
            shifts = sum(1 for s in starts.get(t, []) if s <= label(m))
            data.values["hidden_shifts"][(t, m)] = float(shifts + by_board.get(t, 0))
            data.values["groups_open"][(t, m)] = float(by_group.get(t, 0))


# --------------------------------------------------------------------------------------------
# Capacity
# --------------------------------------------------------------------------------------------


def _staff(data: CountyFacts, ids: list[int]) -> None:
    """Available staff and secondments per month (the roster is current; secondments dated)."""
    from jiceng.capacity import queries as cq
    from jiceng.capacity.models import Secondment

    staff = cq.staff_totals(ids)
    for m in data.months:
        away = cq.seconded_in_month(ids, m)
        end = month_end(m)
        broken = dict(
            Secondment.objects.filter(township_id__in=ids, start__lte=end)
            .filter(Q(end__isnull=True) | Q(end__gte=m))
            .values_list("township_id")
            .annotate(n=Count("id"))
        )
        for t in ids:
            totals = staff.get(t)
            if totals is not None and totals.actual:
                seconded = away[t] if t in away else float(totals.seconded_out)
                data.values["available_staff"][(t, m)] = max(0.0, totals.actual - seconded)
            if totals is not None and totals.authorised:
                data.values["staff_authorised"][(t, m)] = float(totals.authorised)
                data.values["staff_actual"][(t, m)] = float(totals.actual)
            data.values["secondments"][(t, m)] = float(broken.get(t, 0))


def _capacity(data: CountyFacts, county_id: int, ids: list[int], month: date) -> None:
    """Powers, training, turnover and the pulse survey as of one scored month."""
    from jiceng.capacity import queries as cq
    from jiceng.capacity.models import DelegatedPower, PulseResponse, PulseSurvey

    end = month_end(month)
    static = data.static
    rows = (
        DelegatedPower.objects.filter(township_id__in=ids, delegated_on__lte=end)
        .values("township_id")
        .annotate(
            total=Count("id"),
            hidden=Count("id", filter=Q(hidden_burden=True)),
            pending=Count("id", filter=Q(pending=True)),
        )
    )
    for r in rows:
        key = (r["township_id"], month)
        static["powers_total"][key] = r["total"]
        static["powers_pending"][key] = r["pending"]
        static["powers_resourced"][key] = max(0, r["total"] - r["hidden"] - r["pending"])

    training = cq.training_report(data.townships, month.replace(month=1), end)
    by_name = {row.township: row for row in training.townships}
    for town in data.townships:
        row = by_name.get(town.name)
        if row is not None and row.staff:
            static["training_coverage"][(town.pk, month)] = float(row.coverage)
    if month.year not in data.retention:
        data.retention[month.year] = {
            town.pk: float(result.turnover)
            for town, result in cq.retention_for(data.townships, month.year)
            if result.turnover is not None
        }
    for t, turnover in data.retention[month.year].items():
        static["turnover"][(t, month)] = turnover

    # The latest pulse survey opened by the month's end; small groups stay hidden (anonymity).
    survey = (
        PulseSurvey.objects.filter(county_id=county_id, opens_on__lte=end)
        .order_by("-opens_on", "-id")
        .first()
    )
    data.surveys[month] = survey
    if survey is not None:
        threshold = cq.min_group()
        for r in (
            PulseResponse.objects.filter(survey=survey, township_id__in=ids)
            .values("township_id")
            .annotate(
                n=Count("id"),
                avg=Avg("hours_lost"),
                heavier=Count("id", filter=Q(feeling="heavier")),
            )
        ):
            key = (r["township_id"], month)
            static["felt_responses"][key] = r["n"]
            if r["n"] >= threshold:
                static["felt_hours"][key] = float(r["avg"])
                static["felt_heavier"][key] = r["heavier"] / r["n"]


def _powers(data: CountyFacts, ids: list[int]) -> None:
    """Every delegation in the months read, for the empowerment-added-burden check."""
    from jiceng.capacity.models import DelegatedPower

    for t, name, on, people, money in DelegatedPower.objects.filter(
        township_id__in=ids,
        delegated_on__gte=data.months[0],
        delegated_on__lte=month_end(data.months[-1]),
    ).values_list("township_id", "name", "delegated_on", "staff_added", "budget_added"):
        data.powers[t].append(
            PowerDelegation(name, label(on.replace(day=1)), int(people), float(money))
        )


# --------------------------------------------------------------------------------------------
# Procurement, coordination, intake
# --------------------------------------------------------------------------------------------


def _procurement(data: CountyFacts, ids: list[int], month: date) -> None:
    from jiceng.procurement.models import Contract, PerformanceReview

    first, end = month, month_end(month)
    latest = PerformanceReview.objects.filter(
        contract=OuterRef("pk"), reviewed_on__lte=end
    ).order_by("-reviewed_on", "-id")
    pass_mark = float(load_policy()["procurement"]["pass_score"])
    rows = (
        Contract.objects.filter(township_id__in=ids, start__lte=end, end__gte=first)
        .annotate(last_score=Subquery(latest.values("score")[:1]))
        .values("township_id")
        .annotate(n=Count("id"), failing=Count("id", filter=Q(last_score__lt=pass_mark)))
    )
    found = {r["township_id"]: r for r in rows}
    for t in ids:
        r = found.get(t, {"n": 0, "failing": 0})
        data.static["services_active"][(t, month)] = r["n"]
        data.static["services_failing"][(t, month)] = r["failing"]


def _tickets(data: CountyFacts, county_id: int, ids: list[int], month: date) -> None:
    from jiceng.coordination.models import Ticket

    window = int(load_policy()["windows"]["service_window_months"])
    start, end = _start_dt(shift(month, -(window - 1))), _end_dt(month)
    satisfied = int(load_policy()["confidence"]["satisfied_min_rating"])
    base = Ticket.objects.filter(
        county_id=county_id, township_id__in=ids, created_at__gte=start, created_at__lt=end
    ).exclude(status=Ticket.Status.MERGED)
    counted = base.filter(unreasonable=False)
    rows = counted.values("township_id").annotate(
        dispatched=Count("id", filter=Q(dispatched_at__isnull=False)),
        resolved=Count("id", filter=Q(resolved_at__lt=end)),
        on_time=Count("id", filter=Q(resolved_at__lt=end, resolution_on_time=True)),
        reopened=Count("id", filter=Q(resolved_at__lt=end, reopen_count__gt=0)),
        rated=Count("id", filter=Q(rating__isnull=False)),
        satisfied=Count("id", filter=Q(rating__gte=satisfied)),
    )
    for r in rows:
        t = r.pop("township_id")
        for k, v in r.items():
            data.static[f"tickets_{k}"][(t, month)] = v
    for t, n in base.filter(unreasonable=True).values_list("township_id").annotate(n=Count("id")):
        data.static["tickets_unreasonable"][(t, month)] = n


def _backlog(data: CountyFacts, county_id: int, ids: list[int]) -> None:
    from jiceng.coordination.models import Ticket

    # Backlog at each month end: raised by then and not resolved by then (declined ones count:
    # the township was left to do it itself).
    for m in data.months:
        m_end = _end_dt(m)
        backlog = dict(
            Ticket.objects.filter(
                county_id=county_id, township_id__in=ids, created_at__lt=m_end, unreasonable=False
            )
            .exclude(status=Ticket.Status.MERGED)
            .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=m_end))
            .values_list("township_id")
            .annotate(n=Count("id"))
        )
        for t in ids:
            data.values["tickets_backlog"][(t, m)] = float(backlog.get(t, 0))


def _tasks(data: CountyFacts, county_id: int, ids: list[int]) -> None:
    from jiceng.intake.models import IntakeTask

    rows = (
        IntakeTask.objects.filter(county_id=county_id, released=True, targets__in=ids)
        .annotate(released_at=Coalesce("reviewed_at", "submitted_at"))
        .filter(
            released_at__gte=_start_dt(data.months[0]), released_at__lt=_end_dt(data.months[-1])
        )
        .annotate(m=TruncMonth("released_at"))
        .values("targets", "m")
        .annotate(n=Count("id", distinct=True))
    )
    for t in ids:
        for m in data.months:
            data.values["tasks_admitted"][(t, m)] = 0.0
    for r in rows:
        m = r["m"].date() if isinstance(r["m"], datetime) else r["m"]
        data.values["tasks_admitted"][(r["targets"], m.replace(day=1))] = float(r["n"])


# --------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------


def collect(
    county_id: int, townships: list[Organisation], month: date, history: int = 1
) -> CountyFacts:
    """Read every part for ``history`` scored months ending with ``month``, plus the look-back
    windows the trend and the imbalance checks need (monthly figures only)."""
    p = load_policy()
    back = max(
        int(p["windows"]["trend_months"]),
        2 * int(p["imbalance"]["cut_removed_support"]["window_months"]),
        2 * int(p["imbalance"]["empowerment_added_burden"]["window_months"]),
    )
    scored = month_range(shift(month, -(history - 1)), month)
    data = CountyFacts(list(townships), month_range(shift(scored[0], -back), month))
    ids = [t.pk for t in townships]
    if not ids:
        return data
    if installed("ledger"):
        _ledger(data, county_id, ids)
    if installed("capacity"):
        _staff(data, ids)
        _powers(data, ids)
    if installed("coordination"):
        _backlog(data, county_id, ids)
    if installed("intake"):
        _tasks(data, county_id, ids)
    for m in scored:
        if installed("capacity"):
            _capacity(data, county_id, ids, m)
        if installed("procurement"):
            _procurement(data, ids, m)
        if installed("coordination"):
            _tickets(data, county_id, ids, m)
    return data


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
