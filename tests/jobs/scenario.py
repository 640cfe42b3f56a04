"""Drives the database side of the worker tests from a separate process (the test process has
no database of its own): ``python -m tests.jobs.scenario <command> [args]`` prints JSON.

Commands: ``setup`` (migrate, one county with a dispatched ticket whose response clock is past
due and whose resolution clock is at its reminder point), ``ticket`` (another such ticket),
``send <task> <json args>``, ``state <ticket id>``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from jiceng.web.bootstrap import setup_django


def _ticket() -> dict[str, object]:
    from django.utils import timezone

    from jiceng.coordination import dispatching, services
    from jiceng.coordination.models import TicketClock
    from jiceng.core.models import Organisation, User

    county = Organisation.objects.get(kind="county")
    town_user = User.objects.get(username="town")
    admin = User.objects.get(username="admin")
    department = Organisation.objects.get(kind="department")
    ticket = services.raise_ticket(
        actor=town_user,
        kind="emergency",
        urgency="urgent",
        category="道路塌陷",
        description="村道路面塌陷，车辆无法通行。",
    )
    dispatching.dispatch(actor=admin, ticket=ticket, lead=department, note="测试派单")
    now = timezone.now()
    # Make the clocks due: the response clock overdue, the resolution clock at its reminder.
    TicketClock.objects.filter(ticket=ticket, clock="response").update(
        remind_at=now - dt.timedelta(minutes=10), due_at=now - dt.timedelta(minutes=1)
    )
    TicketClock.objects.filter(ticket=ticket, clock="resolution").update(
        remind_at=now - dt.timedelta(minutes=1), due_at=now + dt.timedelta(hours=5)
    )
    clocks = {
        c.clock: {"id": c.pk, "due": c.due_at.isoformat()}
        for c in TicketClock.objects.filter(ticket=ticket, stopped_at__isnull=True)
    }
    assert county.pk
    return {"ticket": ticket.pk, "clocks": clocks}


def setup() -> dict[str, object]:
    from django.core.management import call_command

    from jiceng.core.models import Organisation, User

    call_command("migrate", interactive=False, verbosity=0)
    county = Organisation.objects.create(kind="county", name="队列测试县")
    town = Organisation.objects.create(kind="township", name="测试镇", parent=county)
    dept = Organisation.objects.create(kind="department", name="县测试局", parent=county)
    for username, role, org in (
        ("town", "township_clerk", town),
        ("admin", "county_admin", county),
        ("dept", "department_clerk", dept),
    ):
        User.objects.create_user(
            username=username, password="Test-Passw0rd!", role=role, organisation=org
        )
    return _ticket()


def send(name: str, args: list[object]) -> dict[str, object]:
    from jiceng.jobs.celery_app import app

    result = app.send_task(name, args=args)
    return {"sent": str(result.id)}


def state(ticket_id: int) -> dict[str, object]:
    from jiceng.coordination.models import ClockFiring, Notification, Ticket, TicketEvent

    ticket = Ticket.objects.get(pk=ticket_id)
    return {
        "firings": sorted(
            f"{f.clock.clock}:{f.action}"
            for f in ClockFiring.objects.filter(ticket=ticket).select_related("clock")
        ),
        "escalated": ticket.escalated,
        "escalate_events": TicketEvent.objects.filter(ticket=ticket, action="escalate").count(),
        "remind_events": TicketEvent.objects.filter(ticket=ticket, action="remind").count(),
        "escalate_notifications": Notification.objects.filter(
            ticket=ticket, text__contains="已升级县级督办"
        ).count(),
    }


def main(argv: list[str]) -> None:
    setup_django()
    command = argv[0]
    if command == "setup":
        out = setup()
    elif command == "ticket":
        out = _ticket()
    elif command == "send":
        out = send(argv[1], json.loads(argv[2]))
    elif command == "state":
        out = state(int(argv[1]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
