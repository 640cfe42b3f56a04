"""Timeline events and in-app notifications for every party of a ticket."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from jiceng.coordination.models import Notification, Ticket, TicketEvent
from jiceng.core.models import Organisation, User

SYSTEM_NAME = "系统（时限任务）"


def add_event(
    ticket: Ticket,
    *,
    actor: User | None,
    action: str,
    text: str,
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    return TicketEvent.objects.create(
        county_id=ticket.county_id,
        ticket=ticket,
        actor=actor,
        actor_name=(actor.full_name or actor.username) if actor else SYSTEM_NAME,
        organisation=actor.organisation if actor else None,
        action=action,
        text=text,
        data=data or {},
    )


def party_organisations(ticket: Ticket) -> list[Organisation]:
    """The reporting townships and the departments currently assigned."""
    return list(
        Organisation.objects.filter(
            Q(pk__in=ticket.reporters.values("township"))
            | Q(pk__in=ticket.assignments.filter(active=True).values("department"))
        )
    )


def notify(
    ticket: Ticket,
    text: str,
    *,
    organisations: Iterable[Organisation] = (),
    parties: bool = False,
    county_admins: bool = False,
    exclude: User | None = None,
) -> int:
    """Notify every active user of the given organisations (and/or all parties, county admins)."""
    orgs = {o.pk for o in organisations}
    if parties:
        orgs |= {o.pk for o in party_organisations(ticket)}
    condition = Q(organisation_id__in=orgs)
    if county_admins:
        condition |= Q(organisation_id=ticket.county_id, role="county_admin")
    users = User.objects.filter(condition, is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    rows = [
        Notification(county_id=ticket.county_id, recipient=u, ticket=ticket, text=text[:300])
        for u in users
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def mark_all_read(user: User) -> int:
    """Mark the user's unread notifications as read (their own read-state: not audited)."""
    return Notification.for_user(user).filter(read_at__isnull=True).update(read_at=timezone.now())
