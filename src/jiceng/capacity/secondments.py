"""A secondment (借调) as burden events in the ledger contract (DESIGN §4). Pure.

A township whose staff are borrowed loses their hours for every month of the secondment; the
ledger books one ``secondment`` event per month overlapped, with the hours lost in that month.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from jiceng.capacity.policy import monthly_hours_per_person


def month_overlaps(start: date, end: date) -> list[tuple[date, float]]:
    """(first day of month, share of that month covered) for each month from start to end."""
    if end < start:
        return []
    result = []
    cursor = start.replace(day=1)
    while cursor <= end:
        days = calendar.monthrange(cursor.year, cursor.month)[1]
        last = cursor.replace(day=days)
        first_day = max(cursor, start)
        last_day = min(last, end)
        result.append((cursor, ((last_day - first_day).days + 1) / days))
        cursor = last + timedelta(days=1)
    return result


def secondment_events(
    *,
    township: str,
    borrower: str,
    persons: int,
    start: date,
    end: date | None,
    reason: str,
    until: date | None = None,
) -> list[dict[str, str]]:
    """Ledger rows (``township,date,type,channel,source_department,title,hours``) per month.

    An open-ended secondment is counted up to ``until`` (default: today).
    """
    last = end or until or date.today()
    per_person = monthly_hours_per_person()
    rows = []
    for month, share in month_overlaps(start, last):
        hours = round(persons * per_person * share, 1)
        rows.append(
            {
                "township": township,
                "date": max(month, start).isoformat(),
                "type": "secondment",
                "channel": "formal",
                "source_department": borrower,
                "title": f"借调 {persons} 人：{reason}"[:200],
                "hours": f"{hours:g}",
            }
        )
    return rows


def seconded_persons_in_month(periods: list[tuple[int, date, date | None]], month: date) -> float:
    """Average number of persons away during a month, from (persons, start, end) periods."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    total = 0.0
    for persons, start, end in periods:
        for m, share in month_overlaps(max(start, first), min(end or last, last)):
            if m == first:
                total += persons * share
    return round(total, 2)
