"""Scoped reads and the measures, aggregated in the database.

Measures count tickets that reached a department (dispatched at least once) and were not ruled
unreasonable by the county; satisfaction is always shown with the counts it rests on, never as
a ranking on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from jiceng.coordination.measures import enough_ratings, ratio, whistle_rate
from jiceng.coordination.models import (
    Notification,
    Ticket,
    TicketAssignment,
    TicketClock,
    TicketReporter,
)
from jiceng.core.models import Organisation, User


def visible_tickets(user: User) -> QuerySet[Ticket]:
    return Ticket.objects.visible_to(user).select_related("township", "owner", "lead_department")


def counted(qs: QuerySet[Ticket]) -> QuerySet[Ticket]:
    return qs.filter(unreasonable=False).exclude(status=Ticket.Status.MERGED)


def _ticket_metrics(prefix: str = "") -> dict[str, Any]:
    p = prefix
    dispatched = Q(**{f"{p}dispatched_at__isnull": False})
    return {
        "tickets": Count(f"{p}id", distinct=True),
        "dispatched": Count(f"{p}id", filter=dispatched, distinct=True),
        "responded": Count(f"{p}id", filter=Q(**{f"{p}accepted_at__isnull": False}), distinct=True),
        "responded_on_time": Count(
            f"{p}id", filter=Q(**{f"{p}response_on_time": True}), distinct=True
        ),
        "avg_response_seconds": Avg(f"{p}response_seconds"),
        "resolved": Count(f"{p}id", filter=Q(**{f"{p}resolved_at__isnull": False}), distinct=True),
        "resolved_on_time": Count(
            f"{p}id", filter=Q(**{f"{p}resolution_on_time": True}), distinct=True
        ),
        "closed": Count(f"{p}id", filter=Q(**{f"{p}status": Ticket.Status.CLOSED}), distinct=True),
        "reopened": Count(f"{p}id", filter=Q(**{f"{p}reopen_count__gt": 0}), distinct=True),
        "rated": Count(f"{p}id", filter=Q(**{f"{p}rating__isnull": False}), distinct=True),
        "avg_rating": Avg(f"{p}rating"),
        "escalated": Count(f"{p}id", filter=Q(**{f"{p}escalated": True}), distinct=True),
    }


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    row["on_time_rate"] = ratio(row["responded_on_time"], row["responded"])
    row["resolution_rate"] = ratio(row["resolved"], row["dispatched"])
    row["resolution_on_time_rate"] = ratio(row["resolved_on_time"], row["resolved"])
    row["reopen_rate"] = ratio(row["reopened"], row["resolved"])
    row["avg_response_hours"] = (
        round(row["avg_response_seconds"] / 3600, 1)
        if row["avg_response_seconds"] is not None
        else None
    )
    row["avg_rating"] = round(row["avg_rating"], 2) if row["avg_rating"] is not None else None
    row["enough_ratings"] = enough_ratings(row["rated"])
    return row


def department_measures(user: User, since: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Per department, over the tickets it led (the final lead after any reroute)."""
    county_id = user.county_id_value
    tickets = counted(Ticket.objects.visible_to(user)).filter(lead_department__isnull=False)
    if since:
        tickets = tickets.filter(created_at__gte=since)
    rows = (
        tickets.values(department_id=F("lead_department_id"), department=F("lead_department__name"))
        .annotate(**_ticket_metrics())
        .order_by("department")
    )
    result = [_finish(dict(r)) for r in rows]
    returns = (
        TicketAssignment.objects.filter(county_id=county_id, return_requested_at__isnull=False)
        .values("department_id")
        .annotate(n=Count("id"))
    )
    by_dept = {r["department_id"]: r["n"] for r in returns}
    for row in result:
        row["return_requests"] = by_dept.get(row["department_id"], 0)
    return result


def township_measures(
    user: User, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Per township over the tickets it raised, with its whistle rate for the period."""
    until = until or timezone.now()
    county_id = user.county_id_value
    tickets = counted(Ticket.objects.visible_to(user))
    if since:
        tickets = tickets.filter(created_at__gte=since)
    rows = {
        r["township_id"]: _finish(dict(r))
        for r in tickets.values("township_id").annotate(**_ticket_metrics())
    }
    # Reports of merged duplicates count for the township that made them.
    reports = TicketReporter.objects.filter(county_id=county_id, source__unreasonable=False)
    if since:
        reports = reports.filter(reported_at__gte=since)
    raised = {
        r["township_id"]: r["n"]
        for r in reports.values("township_id").annotate(n=Count("source_id", distinct=True))
    }
    first = (
        since
        or Ticket.objects.filter(county_id=county_id)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
        or until
    )
    months = max((until - first).days / 30.44, 1.0)
    townships = Organisation.objects.filter(county_id=county_id, kind=Organisation.Kind.TOWNSHIP)
    if not user.is_county_wide:
        townships = townships.filter(pk=user.organisation_id)
    out = []
    for town in townships.order_by("name"):
        row = rows.get(town.pk) or _finish(
            {
                k: 0 if k != "avg_response_seconds" and k != "avg_rating" else None
                for k in _ticket_metrics()
            }
        )
        row["township_id"] = town.pk
        row["township"] = town.name
        row["reports"] = raised.get(town.pk, 0)
        row["whistle"] = whistle_rate(
            row["reports"], population=town.population, staff=town.staff_size, months=months
        )
        out.append(row)
    return out


def status_counts(user: User) -> dict[str, int]:
    rows = Ticket.objects.visible_to(user).values("status").annotate(n=Count("id")).order_by()
    return {r["status"]: r["n"] for r in rows}


def monthly_counts(user: User) -> list[dict[str, Any]]:
    from django.db.models.functions import TruncMonth

    rows = (
        Ticket.objects.visible_to(user)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "kind")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return list(rows)


def running_clocks(ticket: Ticket) -> QuerySet[TicketClock]:
    return ticket.clocks.select_related("responsible").order_by("started_at", "id")


def unread_count(user: User) -> int:
    return Notification.for_user(user).filter(read_at__isnull=True).count()


def duplicate_pool(ticket: Ticket) -> list[tuple[int, str]]:
    """Other open tickets of the county, as (id, text) for the duplicate check."""
    qs = (
        Ticket.objects.filter(county_id=ticket.county_id, status__in=Ticket.OPEN_STATUSES)
        .exclude(pk=ticket.pk)
        .order_by("-created_at")
        .values_list("pk", "category", "description")[:500]
    )
    return [(pk, f"{category} {description}") for pk, category, description in qs]
