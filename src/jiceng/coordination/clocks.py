"""SLA clocks in the database: start, stop, the periodic sweep and the exactly-once firing.

``sweep`` finds reminders and escalations that are due and hands each to ``enqueue`` (a Celery
task in production, a direct call in the demo). ``fire`` claims the firing by inserting its
unique ``ClockFiring`` row in the same transaction as the side effect (timeline, notifications,
escalation flag, audit entry): a job delivered twice, or enqueued by two sweeps, finds the row
and does nothing, and a job killed before commit leaves nothing behind, so its redelivery does
the work once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from jiceng.coordination.calendar import WorkCalendar, load_calendar
from jiceng.coordination.models import ClockFiring, Ticket, TicketClock
from jiceng.coordination.sla import CLOCK_LABELS, Clock, default_policy
from jiceng.coordination.timeline import SYSTEM_NAME, add_event, notify
from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation

Enqueue = Callable[[int, str, str], object]


def calendar_override_path() -> Path:
    """The file the county admin edits for years the library does not know."""
    return Path(settings.DATA_DIR) / "coordination" / "calendar.toml"


@lru_cache(maxsize=4)
def _calendar(mtime: float) -> WorkCalendar:
    return load_calendar([calendar_override_path()])


def work_calendar() -> WorkCalendar:
    path = calendar_override_path()
    return _calendar(path.stat().st_mtime if path.is_file() else 0.0)


def start_clock(
    ticket: Ticket, clock: Clock, responsible: Organisation, start: dt.datetime
) -> TicketClock:
    local_start = timezone.localtime(start)
    deadline = default_policy().deadline(
        kind=ticket.kind,
        urgency=ticket.urgency,
        clock=clock,
        start=local_start,
        calendar=work_calendar(),
    )
    return TicketClock.objects.create(
        county_id=ticket.county_id,
        ticket=ticket,
        clock=clock.value,
        responsible=responsible,
        started_at=start,
        due_at=deadline.due_at,
        remind_at=deadline.remind_at,
        reason=deadline.reason,
        estimated=deadline.estimated,
    )


def stop_clock(
    ticket: Ticket, clock: Clock, at: dt.datetime, *, cancel: bool = False
) -> bool | None:
    """Stop the running clock of this kind; True if met in time, False if late, None if none ran."""
    running = TicketClock.objects.filter(ticket=ticket, clock=clock.value, stopped_at__isnull=True)
    met: bool | None = None
    for run in running:
        run.stopped_at = at
        if cancel:
            run.outcome = TicketClock.Outcome.CANCELLED
        else:
            met = at <= run.due_at
            run.outcome = TicketClock.Outcome.MET if met else TicketClock.Outcome.LATE
        run.save(update_fields=["stopped_at", "outcome"])
    return met


def cancel_all(ticket: Ticket, at: dt.datetime) -> None:
    for clock in Clock:
        stop_clock(ticket, clock, at, cancel=True)


def _not_fired(action: str) -> Exists:
    return Exists(
        ClockFiring.objects.filter(clock=OuterRef("pk"), action=action, deadline=OuterRef("due_at"))
    )


def due_firings(now: dt.datetime | None = None) -> list[tuple[int, str, str]]:
    """(clock id, action, deadline ISO) for every reminder and escalation due and not yet fired."""
    now = now or timezone.now()
    running = TicketClock.objects.filter(stopped_at__isnull=True)
    reminders = running.filter(remind_at__lte=now, due_at__gt=now).exclude(
        _not_fired(ClockFiring.Action.REMIND)
    )
    escalations = running.filter(due_at__lte=now).exclude(_not_fired(ClockFiring.Action.ESCALATE))
    found = [
        (c.pk, ClockFiring.Action.REMIND.value, c.due_at.isoformat())
        for c in reminders.only("pk", "due_at")
    ]
    found += [
        (c.pk, ClockFiring.Action.ESCALATE.value, c.due_at.isoformat())
        for c in escalations.only("pk", "due_at")
    ]
    return found


def sweep(*, enqueue: Enqueue, now: dt.datetime | None = None) -> dict[str, int]:
    counts = {"remind": 0, "escalate": 0}
    for clock_id, action, deadline in due_firings(now):
        enqueue(clock_id, action, deadline)
        counts[action] += 1
    return counts


def checkpoint(stage: str, clock_id: int, action: str) -> None:
    """A no-op seam between the claim and the commit; the worker-crash tests pause here."""


def fire(clock_id: int, action: str, deadline: str) -> str:
    """Carry out one reminder or escalation exactly once: "fired", "duplicate" or "stale"."""
    due = dt.datetime.fromisoformat(deadline)
    with transaction.atomic():
        run = (
            TicketClock.objects.select_for_update()
            .select_related("ticket", "responsible")
            .filter(pk=clock_id)
            .first()
        )
        if run is None or run.stopped_at is not None or run.due_at != due:
            return "stale"  # the clock stopped or was restarted since the sweep saw it
        try:
            with transaction.atomic():
                ClockFiring.objects.create(
                    county_id=run.county_id,
                    ticket_id=run.ticket_id,
                    clock=run,
                    action=action,
                    deadline=due,
                )
        except IntegrityError:
            return "duplicate"
        checkpoint("claimed", clock_id, action)
        _effect(run, action)
        checkpoint("before_commit", clock_id, action)
    checkpoint("committed", clock_id, action)
    return "fired"


def _effect(run: TicketClock, action: str) -> None:
    ticket = run.ticket
    label = CLOCK_LABELS[Clock(run.clock)]
    due_text = timezone.localtime(run.due_at).strftime("%Y-%m-%d %H:%M")
    if action == ClockFiring.Action.REMIND:
        text = f"事项 #{ticket.pk}「{ticket.category}」{label}时限将于 {due_text} 到期，请{run.responsible.name}抓紧办理。"
        add_event(ticket, actor=None, action="remind", text=text, data={"clock": run.clock})
        notify(ticket, text, organisations=[run.responsible])
        return
    text = (
        f"事项 #{ticket.pk}「{ticket.category}」{label}已超过时限（{due_text}），"
        f"责任单位{run.responsible.name}，已升级县级督办。"
    )
    Ticket.objects.filter(pk=ticket.pk).update(escalated=True)
    add_event(ticket, actor=None, action="escalate", text=text, data={"clock": run.clock})
    notify(ticket, text, organisations=[run.responsible], parties=True, county_admins=True)
    record(
        Action.UPDATE,
        actor_name=SYSTEM_NAME,
        obj=ticket,
        before={"escalated": ticket.escalated},
        after={"escalated": True, "clock": run.clock, "deadline": run.due_at},
        note=f"{label}逾期，升级县级督办",
    )
