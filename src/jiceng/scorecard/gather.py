"""Reading the other parts' figures for the scorecard, aggregated in the database.

One pass per part over all townships and months asked for (``GROUP BY township, month`` or one
grouped query per month), never one query per township. A part switched off in this deployment
(``JICENG_PARTS``) simply yields no data for its indicators.

Callers decide which townships a user may see; this module reads what it is given, county-wide.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from jiceng.core.models import Organisation
from jiceng.scorecard.facts import CountyFacts, installed, label, month_end, month_range, shift
from jiceng.scorecard.imbalance import PowerDelegation
from jiceng.scorecard.policy import load_policy


def _end_dt(first: date) -> datetime:
    """The first instant after the month, aware in the project's time zone."""
    return timezone.make_aware(datetime.combine(shift(first, 1), datetime.min.time()))


def _start_dt(first: date) -> datetime:
    return timezone.make_aware(datetime.combine(first, datetime.min.time()))


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
