"""Scoped reads of the capacity part. Sums and counts run in the database; the pure modules turn
the aggregates into ratios, levels and reasons.

``township_capacity_summary`` and ``county_workload`` are what the scorecard reads.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from jiceng.capacity.models import (
    DelegatedPower,
    PayLevel,
    PulseResponse,
    PulseSurvey,
    Secondment,
    StaffMovement,
    StaffPost,
    TrainingAttendance,
    Vacancy,
)
from jiceng.capacity.policy import section
from jiceng.capacity.pulse import PulseAnswer, PulseSummary, felt_check, min_group, summarise
from jiceng.capacity.retention import (
    PayGroup,
    RetentionFacts,
    RetentionResult,
    assess_retention,
    county_pay_average,
)
from jiceng.capacity.secondments import seconded_persons_in_month
from jiceng.capacity.training import Attendance, TrainingReport, training_coverage
from jiceng.capacity.workload import (
    CATEGORY_LABELS,
    WorkloadInput,
    WorkloadResult,
    assess_workload,
    estimate_task_hours,
)
from jiceng.core.models import Organisation, User
from jiceng.web.townships import visible_townships


def parse_month(value: str | date | None, default: date | None = None) -> date:
    """First day of a month from "YYYY-MM" or a date; a bad value falls back to the default."""
    if isinstance(value, date):
        return value.replace(day=1)
    try:
        year, month = str(value or "").split("-")[:2]
        return date(int(year), int(month), 1)
    except ValueError:
        return (default or date.today()).replace(day=1)


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


# --- staff and workload ----------------------------------------------------------------------


@dataclass(frozen=True)
class StaffTotals:
    authorised: int = 0
    actual: int = 0
    seconded_out: int = 0

    @property
    def vacancies(self) -> int:
        return max(0, self.authorised - self.actual)


def staff_totals(township_ids: list[int]) -> dict[int, StaffTotals]:
    rows = (
        StaffPost.objects.filter(township_id__in=township_ids)
        .values("township_id")
        .annotate(a=Sum("authorised"), b=Sum("actual"), c=Sum("seconded_out"))
    )
    return {r["township_id"]: StaffTotals(r["a"] or 0, r["b"] or 0, r["c"] or 0) for r in rows}


def seconded_in_month(township_ids: list[int], first: date) -> dict[int, float]:
    """Persons away on recorded secondments during the month (prorated by days)."""
    last = month_end(first)
    periods: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    rows = (
        Secondment.objects.filter(township_id__in=township_ids, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .values_list("township_id", "persons", "start", "end")
    )
    for township_id, persons, start, end in rows:
        periods[township_id].append((persons, start, end))
    return {t: seconded_persons_in_month(p, first) for t, p in periods.items()}


def task_hours(township_ids: list[int], first: date) -> dict[int, tuple[float, int, list[str]]]:
    """Estimated hours of tasks released to each township in the month: (hours, count, notes)."""
    from jiceng.intake.models import IntakeTask

    after = month_end(first) + timedelta(days=1)
    rows = (
        IntakeTask.objects.filter(released=True, targets__in=township_ids)
        .annotate(released_at=Coalesce("reviewed_at", "submitted_at"))
        .filter(released_at__date__gte=first, released_at__date__lt=after)
        .values(
            "targets", "status", "engine_category", "final_category", "engine_flags", "final_flags"
        )
        .annotate(n=Count("id", distinct=True))
    )
    policy = section("workload")
    per_town: dict[int, dict[str, Any]] = defaultdict(
        lambda: {
            "hours": 0.0,
            "count": 0,
            "categories": defaultdict(int),
            "flagged": 0,
            "extra": 0.0,
        }
    )
    for r in rows:
        reviewed = r["status"] != "screened"
        category = (r["final_category"] if reviewed else "") or r["engine_category"]
        flags = [
            f.get("code", "") for f in ((r["final_flags"] if reviewed else r["engine_flags"]) or [])
        ]
        base = estimate_task_hours(category, (), table=policy).hours
        total = estimate_task_hours(category, flags, table=policy).hours
        town = per_town[r["targets"]]
        town["hours"] += total * r["n"]
        town["count"] += r["n"]
        town["categories"][category] += r["n"]
        if total > base:
            town["flagged"] += r["n"]
            town["extra"] += (total - base) * r["n"]
    result: dict[int, tuple[float, int, list[str]]] = {}
    for township_id, town in per_town.items():
        parts = "、".join(
            f"{CATEGORY_LABELS.get(c, c)} {n} 项×{policy['task_hours'].get(c, policy['task_hours']['none']):g} 小时"
            for c, n in sorted(town["categories"].items())
        )
        note = f"任务未填报工时，按类别估算：{parts}"
        if town["flagged"]:
            note += f"；其中 {town['flagged']} 项带形式主义要求，另加 {town['extra']:g} 小时"
        result[township_id] = (town["hours"], town["count"], [note])
    return result


def _ledger_events() -> Any | None:
    """The ledger's confirmed burden events, or None when the ledger part is not installed."""
    try:
        model = apps.get_model("ledger", "BurdenEvent")
    except LookupError:
        return None
    # Unverified anonymous reports are not yet burden.
    return model.objects.filter(status="confirmed")


def ledger_hours(township_ids: list[int], first: date) -> dict[int, float] | None:
    """Confirmed ledger hours per township in the month (None when there is no ledger part).

    Secondment events are left out: the staff they take are already subtracted from supply.
    """
    events = _ledger_events()
    if events is None:
        return None
    after = month_end(first) + timedelta(days=1)
    excluded = section("workload")["exclude_ledger_types"]
    qs = events.filter(township_id__in=township_ids, date__gte=first, date__lt=after).exclude(
        type__in=excluded
    )
    rows = qs.values("township_id").annotate(h=Sum("hours"))
    return {r["township_id"]: float(r["h"] or 0) for r in rows}


def workload_for(
    townships: list[Organisation],
    month: date,
    *,
    ledger: Mapping[int, float] | None = None,
    warn: float | None = None,
    over: float | None = None,
) -> list[tuple[Organisation, WorkloadResult]]:
    """The workload ratio of each township in a month, heaviest first.

    ``ledger`` (township id → hours) overrides the ledger part's figures, e.g. for an import preview
    or while the ledger model is not installed.
    """
    first = parse_month(month)
    ids = [t.pk for t in townships]
    staff = staff_totals(ids)
    away = seconded_in_month(ids, first)
    tasks = task_hours(ids, first)
    booked = dict(ledger) if ledger is not None else ledger_hours(ids, first)
    results = []
    for town in townships:
        totals = staff.get(town.pk, StaffTotals())
        hours, count, notes = tasks.get(town.pk, (0.0, 0, []))
        extra = list(notes)
        if town.pk in away:
            seconded = max(away[town.pk], 0.0)
            extra.append(f"借调按登记记录折算 {seconded:g} 人")
        else:
            seconded = float(totals.seconded_out)
        if booked is None:
            extra.append("负担台账尚未接入，台账工时按 0 计")
        data = WorkloadInput(
            township=town.name,
            month=first.strftime("%Y-%m"),
            task_hours=round(hours, 1),
            ledger_hours=round((booked or {}).get(town.pk, 0.0), 1),
            staff_in_post=float(totals.actual),
            seconded_out=seconded,
            task_count=count,
            notes=tuple(extra),
        )
        results.append((town, assess_workload(data, warn=warn, over=over)))
    results.sort(key=lambda pair: (pair[1].ratio is None, -(pair[1].ratio or 0.0), pair[0].name))
    return results


def county_workload(
    user: User, month: date | str, **kwargs: Any
) -> list[tuple[Organisation, WorkloadResult]]:
    return workload_for(visible_townships(user), parse_month(month), **kwargs)


# --- delegated powers, training, retention ----------------------------------------------------


def power_counts(township_ids: list[int]) -> dict[int, dict[str, int]]:
    rows = (
        DelegatedPower.objects.filter(township_id__in=township_ids)
        .values("township_id")
        .annotate(
            total=Count("id"),
            hidden=Count("id", filter=Q(hidden_burden=True)),
            pending=Count("id", filter=Q(pending=True)),
        )
    )
    return {
        r["township_id"]: {"total": r["total"], "hidden": r["hidden"], "pending": r["pending"]}
        for r in rows
    }


def training_report(townships: list[Organisation], start: date, end: date) -> TrainingReport:
    ids = [t.pk for t in townships]
    rows = (
        TrainingAttendance.objects.filter(
            township_id__in=ids,
            session__date__gte=start,
            session__date__lte=end,
            session__status="held",
        )
        .values("township__name", "session__topic", "session__format")
        .annotate(person_hours=Sum(F("attendees") * F("session__hours")), persons=Sum("attendees"))
    )
    records = [
        Attendance(
            r["township__name"],
            r["session__topic"],
            r["session__format"],
            float(r["person_hours"] or 0),
            1 if r["persons"] else 0,
        )
        for r in rows
    ]
    staff = staff_totals(ids)
    months = max(1, (end.year - start.year) * 12 + end.month - start.month + 1)
    return training_coverage(
        records, {t.name: staff.get(t.pk, StaffTotals()).actual for t in townships}, months=months
    )


def retention_for(
    townships: list[Organisation], year: int
) -> list[tuple[Organisation, RetentionResult]]:
    ids = [t.pk for t in townships]
    county_ids = {t.county_id for t in townships}
    start, end = date(year, 1, 1), date(year, 12, 31)
    moves: dict[int, dict[str, int]] = defaultdict(dict)
    for r in (
        StaffMovement.objects.filter(township_id__in=ids, date__range=(start, end))
        .values("township_id", "kind")
        .annotate(n=Sum("count"))
    ):
        moves[r["township_id"]][r["kind"]] = r["n"]
    vacancy_days: dict[int, list[int]] = defaultdict(list)
    for township_id, opened, filled in (
        Vacancy.objects.filter(township_id__in=ids, opened_on__lte=end)
        .filter(Q(filled_on__isnull=True) | Q(filled_on__gte=start))
        .values_list("township_id", "opened_on", "filled_on")
    ):
        vacancy_days[township_id].append(((filled or min(end, date.today())) - opened).days)
    # The county average covers every township of the county, whoever is asking.
    groups = [
        PayGroup(str(t), g, n, float(avg))
        for t, g, n, avg in PayLevel.objects.filter(
            county_id__in=county_ids, year=year
        ).values_list("township_id", "grade", "headcount", "average_monthly_pay")
    ]
    average = county_pay_average(groups)
    staff = staff_totals(ids)
    results = []
    for town in townships:
        m = moves.get(town.pk, {})
        facts = RetentionFacts(
            township=str(town.pk),
            average_staff=float(staff.get(town.pk, StaffTotals()).actual),
            joined=m.get("joined", 0),
            left=m.get("left", 0),
            transferred_out=m.get("transferred_out", 0),
            promoted=m.get("promoted", 0),
            vacancy_days=tuple(vacancy_days.get(town.pk, [])),
        )
        results.append((town, assess_retention(facts, groups, average)))
    return results


# --- pulse survey ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyResults:
    survey: PulseSurvey
    townships: list[tuple[Organisation, PulseSummary]]
    merged_rest: PulseSummary | None  # suppressed townships pooled, if the pool is big enough
    county: PulseSummary | None  # hidden when it would let a small group be worked out
    felt: str


def survey_results(
    survey: PulseSurvey, townships: list[Organisation], *, measured_change: float | None = None
) -> SurveyResults:
    answers: dict[int, list[PulseAnswer]] = defaultdict(list)
    for township_id, hours, channels, feeling in PulseResponse.objects.filter(
        survey=survey, township__in=townships
    ).values_list("township_id", "hours_lost", "channels", "feeling"):
        answers[township_id].append(PulseAnswer(float(hours), tuple(channels or ()), feeling))
    threshold = min_group()
    per_town = [
        (t, summarise(t.name, answers.get(t.pk, []), threshold=threshold)) for t in townships
    ]
    hidden = [a for t, s in per_town if not s.shown for a in answers.get(t.pk, [])]
    merged = summarise("其余乡镇（合并）", hidden, threshold=threshold) if hidden else None
    everyone = [a for group in answers.values() for a in group]
    # The county total minus the shown townships would reveal the small ones: show it only when
    # the remainder is empty or itself large enough.
    safe = not hidden or len(hidden) >= threshold
    county = (
        summarise("合计", everyone, threshold=threshold) if safe and len(townships) > 1 else None
    )
    basis = (
        county
        or next((s for _, s in per_town if s.shown), None)
        or summarise("合计", [], threshold=threshold)
    )
    return SurveyResults(survey, per_town, merged, county, felt_check(basis, measured_change))


def measured_change(
    township_ids: list[int], before_start: date, start: date, end: date
) -> float | None:
    """Relative change of ledger hours: [start, end] against the same length before it."""
    events = _ledger_events()
    if events is None:
        return None
    qs = events.filter(township_id__in=township_ids)
    now = qs.filter(date__gte=start, date__lte=end).aggregate(h=Sum("hours"))["h"] or 0
    before = qs.filter(date__gte=before_start, date__lt=start).aggregate(h=Sum("hours"))["h"] or 0
    return None if not before else float(now - before) / float(before)


# --- the scorecard's entry point ---------------------------------------------------------------


@dataclass(frozen=True)
class CapacitySummary:
    township: str
    month: str
    authorised: int
    actual: int
    vacancies: int
    seconded_out: float
    workload: WorkloadResult
    powers_total: int
    powers_hidden_burden: int
    training_hours_per_person: float
    training_coverage: float
    training_left_behind: bool
    turnover: float | None
    reasons: list[str]


def township_capacity_summary(
    township: Organisation, month: date | str, *, ledger: Mapping[int, float] | None = None
) -> CapacitySummary:
    """Everything the scorecard needs about one township's capacity in a month, with reasons."""
    first = parse_month(month)
    ((_, workload),) = workload_for([township], first, ledger=ledger)
    staff = staff_totals([township.pk]).get(township.pk, StaffTotals())
    powers = power_counts([township.pk]).get(township.pk, {"total": 0, "hidden": 0})
    training = training_report([township], first.replace(month=1), month_end(first)).townships[0]
    ((_, retention),) = retention_for([township], first.year)
    reasons = [*workload.reasons, *training.reasons, *retention.reasons]
    if powers["hidden"]:
        reasons.append(
            f"赋权事项 {powers['total']} 项中 {powers['hidden']} 项未同步人员、经费或培训（新增隐性负担）"
        )
    return CapacitySummary(
        township=township.name,
        month=first.strftime("%Y-%m"),
        authorised=staff.authorised,
        actual=staff.actual,
        vacancies=staff.vacancies,
        seconded_out=max(0.0, staff.actual - workload.available_staff),
        workload=workload,
        powers_total=powers["total"],
        powers_hidden_burden=powers["hidden"],
        training_hours_per_person=training.hours_per_person,
        training_coverage=training.coverage,
        training_left_behind=training.left_behind,
        turnover=retention.turnover,
        reasons=reasons,
    )
