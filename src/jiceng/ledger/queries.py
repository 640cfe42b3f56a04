"""Reads of the burden ledger, aggregated in the database and always scoped to the user.

County and township views read the monthly summaries (``TownshipMonthTotal`` for hours by
channel, ``TownshipMonth``/``DepartmentMonth`` by type and sender), province-wide figures the
county roll-up ``CountyMonth``;
a department's own view reads its events. Detection and caps receive the sums computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.core.cache import cache
from django.db.models import Count, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from jiceng.core.models import User
from jiceng.ledger import caps
from jiceng.ledger.detection import PATTERN_LABELS, Finding, Pattern, detect_from_monthly
from jiceng.ledger.events import INFORMAL_TYPES, EventType
from jiceng.ledger.models import (
    BurdenEvent,
    CountyMonth,
    DepartmentMonth,
    LedgerRevision,
    Signboard,
    TownshipMonthTotal,
    WorkGroup,
)

CONFIRMED = BurdenEvent.Status.CONFIRMED
INFORMAL = [t.value for t in INFORMAL_TYPES]


def _zero(expr: Any) -> Any:
    return Coalesce(expr, Value(0.0), output_field=FloatField())


def hours_by_channel(model: Any = BurdenEvent) -> dict[str, Any]:
    """Hours in total and per channel, from events/type summaries or the channel-wide totals."""
    if model is TownshipMonthTotal:
        return {
            "formal": _zero(Sum("formal")),
            "informal": _zero(Sum("informal")),
            "hours": _zero(Sum("hours")),
        }
    # "hours" last: once annotated under the field's own name, later Sums would refer to it.
    return {
        "formal": _zero(Sum("hours", filter=Q(channel="formal"))),
        "informal": _zero(Sum("hours", filter=Q(channel="informal"))),
        "hours": _zero(Sum("hours")),
    }


def _count(qs: QuerySet) -> Any:
    return Sum("events") if qs.model is not BurdenEvent else Count("id")


def confirmed_events(user: User) -> QuerySet[BurdenEvent]:
    return BurdenEvent.objects.visible_to(user).filter(status=CONFIRMED)


def period(qs: QuerySet, year: int, months: int = 12) -> QuerySet:
    return qs.filter(month__gte=date(year, 1, 1), month__lte=date(year, months, 1))


def latest_month(qs: QuerySet) -> date | None:
    return qs.order_by("-month").values_list("month", flat=True).first()


def years(qs: QuerySet) -> list[int]:
    return sorted({d.year for d in qs.dates("month", "year")}, reverse=True)


def totals(qs: QuerySet) -> dict[str, float]:
    row = qs.aggregate(n=_count(qs), **hours_by_channel(qs.model))
    return {k: float(v or 0) for k, v in row.items()}


def monthly(qs: QuerySet) -> list[dict[str, Any]]:
    return list(
        qs.values("month").annotate(n=_count(qs), **hours_by_channel(qs.model)).order_by("month")
    )


def by_type(qs: QuerySet) -> list[dict[str, Any]]:
    return list(
        qs.values("type").annotate(n=_count(qs), hours=_zero(Sum("hours"))).order_by("-hours")
    )


def township_ranking(qs: QuerySet) -> list[dict[str, Any]]:
    return list(
        qs.values("township_id", "township__name")
        .annotate(n=_count(qs), **hours_by_channel(qs.model))
        .order_by("-hours", "township__name")
    )


def department_ranking(qs: QuerySet) -> list[dict[str, Any]]:
    return list(
        qs.values("source_department", "department_id")
        .annotate(n=_count(qs), **hours_by_channel(qs.model))
        .order_by("-hours", "source_department")
    )


def year_on_year(qs: QuerySet, year: int, months: int) -> dict[str, Any]:
    """This year's first ``months`` months against the same months of the year before."""
    this, last = totals(period(qs, year, months)), totals(period(qs, year - 1, months))
    change = {k: (this[k] - last[k]) / last[k] if last[k] else None for k in this}
    return {"this": this, "last": last, "change": change, "year": year, "months": months}


def types_year_on_year(qs: QuerySet, year: int, months: int) -> list[dict[str, Any]]:
    this = {r["type"]: r for r in by_type(period(qs, year, months))}
    last = {r["type"]: r for r in by_type(period(qs, year - 1, months))}
    rows = []
    for t in EventType:
        h1 = float(this.get(t.value, {}).get("hours", 0) or 0)
        h0 = float(last.get(t.value, {}).get("hours", 0) or 0)
        if h0 or h1:
            rows.append(
                {
                    "type": t.value,
                    "label": t.label,
                    "last": h0,
                    "this": h1,
                    "change": (h1 - h0) / h0 if h0 else None,
                }
            )
    return rows


def province_overview(year: int, months: int = 12) -> dict[str, Any]:
    """Figures over every county: trend, year-on-year and the type split from the county
    roll-up (``CountyMonth``), the township ranking from the channel totals, the sending
    departments ranked by name across counties from the department summary."""
    counties = CountyMonth.objects.all()
    senders = period(DepartmentMonth.objects.all(), year, months)
    return {
        "monthly": monthly(counties),
        "yoy": year_on_year(counties, year, months),
        "by_type": by_type(period(counties, year, months)),
        "townships": township_ranking(period(TownshipMonthTotal.objects.all(), year, months)),
        "departments": list(
            senders.values("source_department")
            .annotate(n=Sum("events"), **hours_by_channel(DepartmentMonth))
            .order_by("-hours", "source_department")
        ),
    }


# --------------------------------------------------------------------------------------------
# Hidden shifts (明减暗不减) on the stored ledger
# --------------------------------------------------------------------------------------------


def monthly_series(county_id: int) -> dict[str, dict[str, tuple[float, float]]]:
    rows = TownshipMonthTotal.objects.filter(county_id=county_id).values_list(
        "township__name", "month", "formal", "informal"
    )
    series: dict[str, dict[str, tuple[float, float]]] = {}
    for name, month, formal, informal in rows:
        series.setdefault(name, {})[month.strftime("%Y-%m")] = (float(formal), float(informal))
    return series


def ledger_version(county_id: int) -> str:
    """Changes whenever the county's confirmed ledger does: the revision counter that every
    summary refresh moves, with its random stamp (one primary-key read)."""
    row = (
        LedgerRevision.objects.filter(county_id=county_id).values_list("revision", "stamp").first()
    )
    return f"{row[0]}-{row[1]}" if row else "0"


def version_key(name: str, county_id: int, *args: Any) -> str:
    """The cache key of ``name`` for the county's current ledger version and ``args``."""
    return f"ledger:{name}:{county_id}:{ledger_version(county_id)}:{':'.join(map(str, args))}"


def cached_per_version(name: str, county_id: int, compute: Any, *args: Any) -> Any:
    """Results derived only from a county's ledger, kept until the ledger changes."""
    key = version_key(name, county_id, *args)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=24 * 3600)
    return value


def findings(county_id: int) -> list[Finding]:
    """Every township's burden pattern, judged against the whole county (as detection needs)."""
    return cached_per_version(  # type: ignore[no-any-return]
        "findings", county_id, lambda: detect_from_monthly(monthly_series(county_id))
    )


# --------------------------------------------------------------------------------------------
# Caps and the sender-side disguise check
# --------------------------------------------------------------------------------------------


def cap_inputs(county_id: int, year: int, months: int) -> caps.CapInputs:
    policy = caps.load_policy()
    events = BurdenEvent.objects.filter(county_id=county_id, status=CONFIRMED)
    now, before = period(events, year, months), period(events, year - 1, months)

    def doc_counts(qs: QuerySet) -> dict[str, int]:
        rows = (
            qs.filter(type="document")
            .values("source_department")
            .annotate(n=Count("title", distinct=True))
        )
        return {r["source_department"] or "（未填部门）": r["n"] for r in rows}

    this_docs, last_docs = doc_counts(now), doc_counts(before)
    documents = {
        d: (last_docs.get(d, 0), this_docs.get(d, 0)) for d in set(this_docs) | set(last_docs)
    }
    limit = int(policy["caps"]["document_length"]["max_chars"])
    long_docs = [
        (r["source_department"], r["title"], r["length_chars"])
        for r in now.filter(type="document", length_chars__gt=limit)
        .values("source_department", "title", "length_chars")
        .distinct()[:50]
    ]
    marked = Q(comprehensive=True) | reduce(
        or_, [Q(title__contains=m) for m in policy["comprehensive"]["markers"]]
    )

    def comprehensive(kind: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for r in (
            now.filter(marked, type=kind)
            .values("source_department", "title")
            .distinct()
            .order_by("source_department", "title")
        ):
            found.setdefault(r["source_department"] or "（未填部门）", []).append(r["title"])
        return found

    secondments = [
        (r["township__name"], r["source_department"], r["title"])
        for r in now.filter(type="secondment")
        .values("township__name", "source_department", "title")
        .order_by("date")[:200]
    ]
    return caps.CapInputs(
        year=year,
        months=months,
        documents=documents,
        long_documents=long_docs,
        comprehensive_meetings=comprehensive("meeting"),
        comprehensive_inspections=comprehensive("inspection"),
        secondments=secondments,
    )


def cap_uses(county_id: int, year: int, months: int) -> list[caps.CapUse]:
    return cached_per_version(  # type: ignore[no-any-return]
        "caps",
        county_id,
        lambda: caps.evaluate_caps(cap_inputs(county_id, year, months)),
        year,
        months,
    )


def disguised_documents(county_id: int, year: int, months: int) -> list[caps.DisguiseAlert]:
    return cached_per_version(  # type: ignore[no-any-return]
        "disguise", county_id, lambda: _disguised_documents(county_id, year, months), year, months
    )


def _disguised_documents(county_id: int, year: int, months: int) -> list[caps.DisguiseAlert]:
    qs = DepartmentMonth.objects.filter(county_id=county_id)
    label = f"{year} 年前 {months} 个月与上年同期相比" if months < 12 else f"{year} 年与上年相比"

    def sums(y: int) -> dict[str, dict[str, float]]:
        rows = (
            period(qs, y, months)
            .values("source_department")
            .annotate(
                docs=Coalesce(Sum("events", filter=Q(type="document")), 0),
                doc_hours=_zero(Sum("hours", filter=Q(type="document"))),
                informal=_zero(Sum("hours", filter=Q(type__in=INFORMAL))),
            )
        )
        return {r["source_department"]: r for r in rows}

    now, before = sums(year), sums(year - 1)
    alerts = []
    for dept in sorted(set(now) & set(before)):
        a, b = before[dept], now[dept]
        alert = caps.judge_disguised_documents(
            dept,
            (int(a["docs"]), int(b["docs"])),
            (a["doc_hours"], b["doc_hours"]),
            (a["informal"], b["informal"]),
            label,
        )
        if alert:
            alerts.append(alert)
    return alerts


# --------------------------------------------------------------------------------------------
# Work groups and signboards
# --------------------------------------------------------------------------------------------


def open_groups_past_task(qs: QuerySet[WorkGroup], today: date) -> QuerySet[WorkGroup]:
    grace = int(caps.load_policy()["work_groups"]["grace_days"])
    return qs.filter(closed_on__isnull=True, task_ends_on__lt=today - timedelta(days=grace))


def boards_with_work_after_removal(qs: QuerySet[Signboard]) -> QuerySet[Signboard]:
    """Removed boards whose work still arrives: events linked to the board, or to its task at
    its township, dated after the removal (减牌不减事)."""
    later = (
        BurdenEvent.objects.filter(
            status=CONFIRMED, township=OuterRef("township"), date__gt=OuterRef("removed_on")
        )
        .filter(Q(signboard=OuterRef("pk")) | Q(task__isnull=False, task=OuterRef("task")))
        .order_by()
        .values("township")
    )
    minimum = int(caps.load_policy()["signboards"]["min_events_after_removal"])
    return (
        qs.filter(removed_on__isnull=False)
        .annotate(
            after_events=Coalesce(Subquery(later.annotate(n=Count("id")).values("n")[:1]), 0),
            after_hours=_zero(Subquery(later.annotate(h=Sum("hours")).values("h")[:1])),
        )
        .filter(after_events__gte=minimum)
    )


# --------------------------------------------------------------------------------------------
# Alerts, in one list for the UI
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alert:
    kind: str
    level: str  # badge colour: red | yellow
    subject: str
    title: str
    evidence: str
    url: str = ""


ALERT_PATTERNS = {
    Pattern.HIDDEN_SHIFT.value: "red",
    Pattern.INFORMAL_GROWTH.value: "yellow",
    Pattern.GROWTH.value: "yellow",
    Pattern.PARTIAL_REDUCTION.value: "yellow",
}


def alerts(
    user: User, county_id: int, year: int, months: int, today: date, township_id: int | None = None
) -> list[Alert]:
    """Hidden shifts, broken caps, disguised documents, open groups, 减牌不减事 — for ``user``."""
    return sort_alerts(
        ledger_alerts(user, county_id, year, months, township_id)
        + register_alerts(user, today, township_id)
    )


def sort_alerts(found: list[Alert]) -> list[Alert]:
    order = {"red": 0, "yellow": 1}
    return sorted(found, key=lambda a: (order.get(a.level, 2), a.kind, a.subject))


def ledger_alerts(
    user: User, county_id: int, year: int, months: int, township_id: int | None = None
) -> list[Alert]:
    """The alerts read from the summaries (burden patterns, caps, disguised documents): they
    change only with the ledger version, so a county-wide page may keep them with it."""
    from django.urls import reverse

    found: list[Alert] = []
    county_wide = user.is_county_wide
    names_visible: set[str] | None = None
    if not county_wide or township_id is not None:
        names_visible = set(
            TownshipMonthTotal.objects.visible_to(user)
            .filter(**({"township_id": township_id} if township_id else {}))
            .values_list("township__name", flat=True)
            .distinct()
        )
    town_ids = dict(
        TownshipMonthTotal.objects.filter(county_id=county_id)
        .values_list("township__name", "township_id")
        .distinct()
    )
    for f in findings(county_id):
        if f.pattern not in ALERT_PATTERNS or (
            names_visible is not None and f.township not in names_visible
        ):
            continue
        url = (
            reverse("ledger:township", args=[town_ids[f.township]])
            if f.township in town_ids
            else ""
        )
        found.append(
            Alert(
                "pattern",
                ALERT_PATTERNS[f.pattern],
                f.township,
                PATTERN_LABELS[Pattern(f.pattern)],
                f.evidence,
                url,
            )
        )
    if county_wide and township_id is None:
        for use in cap_uses(county_id, year, months):
            if use.status != caps.GREEN:
                level = "red" if use.broken else "yellow"
                found.append(
                    Alert(
                        "cap",
                        level,
                        use.party,
                        f"{use.label}（{use.status_label}）",
                        "；".join(use.reasons) + f"。依据：{use.clause}",
                    )
                )
        for d in disguised_documents(county_id, year, months):
            found.append(
                Alert(
                    "disguise",
                    "red",
                    d.department,
                    "疑似变相发文（发文减少、非正式通知增加）",
                    d.evidence,
                )
            )
    return found


def register_alerts(user: User, today: date, township_id: int | None = None) -> list[Alert]:
    """The alerts read from the work-group and signboard registers (and the date): never kept
    with the ledger version, which these registers do not move."""
    from django.urls import reverse

    found: list[Alert] = []
    groups = WorkGroup.objects.visible_to(user)
    boards = Signboard.objects.visible_to(user)
    if township_id is not None:
        groups, boards = (
            groups.filter(townships=township_id),
            boards.filter(township_id=township_id),
        )
    for g in open_groups_past_task(groups, today).select_related("department"):
        found.append(
            Alert(
                "group",
                "red",
                g.department.name if g.department else g.name,
                f"{g.get_kind_display()}任务结束未关闭",
                f"“{g.name}”为“{g.purpose}”开设，任务已于 {g.task_ends_on:%Y-%m-%d} 结束，至今仍未关闭（超期 {g.overdue_days(today)} 天）",
                reverse("ledger:groups"),
            )
        )
    for b in boards_with_work_after_removal(boards).select_related("township"):
        found.append(
            Alert(
                "signboard",
                "red",
                b.township.name,
                "减牌不减事",
                f"“{b.name}”已于 {b.removed_on:%Y-%m-%d} 摘牌，但其对应工作此后仍产生 {b.after_events} 项负担、{b.after_hours:.1f} 小时",
                reverse("ledger:signboards"),
            )
        )
    return found


def pending_anonymous(county_id: int) -> int:
    from jiceng.ledger.models import AnonymousReport

    return AnonymousReport.objects.filter(
        county_id=county_id, status=AnonymousReport.Status.PENDING
    ).count()
