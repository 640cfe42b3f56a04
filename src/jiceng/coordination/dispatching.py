"""The dispatcher's routing of a ticket: dispatch (or reroute) to a lead department and its
cooperating ones, decline as the township's own duty, and a department's request to return a
ticket it thinks was misrouted — it stays responsible, clocks running, until the dispatcher rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiceng.coordination import clocks
from jiceng.coordination.guards import (
    STATE_FIELDS,
    audit_step,
    clean_text,
    locked,
    require_assignment,
    require_county_admin,
    require_state,
)
from jiceng.coordination.models import Ticket, TicketAssignment
from jiceng.coordination.sla import Clock
from jiceng.coordination.timeline import add_event, notify
from jiceng.core.audit import Action, snapshot
from jiceng.core.models import Organisation, User
from jiceng.errors import InputError


def _assign(
    ticket: Ticket, lead: Organisation, cooperating: Sequence[Organisation], at: Any
) -> None:
    ticket.assignments.filter(active=True).update(active=False)
    TicketAssignment.objects.create(
        county_id=ticket.county_id,
        ticket=ticket,
        department=lead,
        role=TicketAssignment.Role.LEAD,
        assigned_at=at,
    )
    for dept in cooperating:
        if dept.pk != lead.pk:
            TicketAssignment.objects.create(
                county_id=ticket.county_id,
                ticket=ticket,
                department=dept,
                role=TicketAssignment.Role.COOPERATING,
                assigned_at=at,
            )


def _check_departments(
    ticket: Ticket, lead: Organisation | None, cooperating: Sequence[Organisation]
) -> None:
    if lead is None:
        raise InputError("请选择牵头部门。")
    for dept in [lead, *cooperating]:
        if dept.kind != Organisation.Kind.DEPARTMENT or dept.county_id != ticket.county_id:
            raise InputError(f"“{dept.name}”不是本县的县直部门。")


def dispatch(
    *,
    actor: User,
    ticket: Ticket,
    lead: Organisation | None,
    cooperating: Sequence[Organisation] = (),
    note: str = "",
) -> Ticket:
    """Confirm the suggestion or route elsewhere (a reroute of an open ticket needs a reason)."""
    require_county_admin(actor, ticket)
    _check_departments(ticket, lead, cooperating)
    assert lead is not None
    note = clean_text(note, "派单说明", required=False)
    suggested = ticket.suggestion.get("lead_id")
    if (
        ticket.status != Ticket.Status.PENDING or (suggested and suggested != lead.pk)
    ) and not note:
        raise InputError("改派或不采用系统建议的牵头部门时，必须填写理由。")
    require_state(
        ticket, (Ticket.Status.PENDING, Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "派单"
    )
    now = timezone.now()
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        first = ticket.status == Ticket.Status.PENDING
        clocks.stop_clock(ticket, Clock.DISPATCH, now)
        clocks.stop_clock(ticket, Clock.RESPONSE, now, cancel=True)
        clocks.stop_clock(ticket, Clock.RESOLUTION, now, cancel=True)
        _assign(ticket, lead, cooperating, now)
        ticket.status = Ticket.Status.DISPATCHED
        ticket.owner = lead
        ticket.lead_department = lead
        ticket.dispatched_at = now
        ticket.accepted_at = None
        ticket.return_pending = False
        ticket.save()
        response = clocks.start_clock(ticket, Clock.RESPONSE, lead, now)
        resolution = clocks.start_clock(ticket, Clock.RESOLUTION, lead, now)
        names = "、".join(d.name for d in cooperating if d.pk != lead.pk)
        verb = "派单" if first else "改派"
        text = (
            f"县级调度员{verb}：牵头部门{lead.name}"
            + (f"，配合部门{names}" if names else "")
            + (f"。说明：{note}" if note else "")
        )
        add_event(
            ticket,
            actor=actor,
            action="dispatch",
            text=f"{text}。{response.reason}；{resolution.reason}。",
        )
        notify(
            ticket,
            f"事项 #{ticket.pk}「{ticket.category}」已{verb}，牵头部门：{lead.name}。",
            parties=True,
            exclude=actor,
        )
        audit_step(actor, ticket, before, note or f"{verb}：{lead.name}", Action.REVIEW)
    return ticket


def decline(*, actor: User, ticket: Ticket, reason: str) -> Ticket:
    """The dispatcher finds the problem is the township's own duty (a basic item): returned to it."""
    require_county_admin(actor, ticket)
    reason = clean_text(reason, "理由")
    require_state(ticket, (Ticket.Status.PENDING,), "退回乡镇自办")
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        clocks.cancel_all(ticket, timezone.now())
        ticket.status = Ticket.Status.DECLINED
        ticket.owner = ticket.township
        ticket.save()
        add_event(
            ticket,
            actor=actor,
            action="decline",
            text=f"县级调度员认定属乡镇（街道）自身职责，退回自办：{reason}",
        )
        notify(ticket, f"事项 #{ticket.pk} 已退回乡镇自办：{reason}", parties=True, exclude=actor)
        audit_step(actor, ticket, before, reason, Action.REVIEW)
    return ticket


def request_return(*, actor: User, ticket: Ticket, reason: str) -> Ticket:
    """A department says the ticket is not its business; it stays responsible until decided."""
    assignment = require_assignment(actor, ticket, lead=False)
    require_state(ticket, (Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "申请退回")
    reason = clean_text(reason, "退回理由")
    if assignment.return_requested_at is not None:
        raise InputError("本部门的退回申请正在等待县级调度员裁定。")
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        assignment.return_reason = reason
        assignment.return_requested_at = timezone.now()
        assignment.save(update_fields=["return_reason", "return_requested_at"])
        ticket.return_pending = True
        ticket.save(update_fields=["return_pending"])
        add_event(
            ticket,
            actor=actor,
            action="return_request",
            text=f"{assignment.department.name}认为派单有误，申请退回：{reason}。在县级调度员裁定前，仍由其负责办理，时限照常计算。",
        )
        notify(
            ticket,
            f"事项 #{ticket.pk}：{assignment.department.name}申请退回，待裁定。",
            county_admins=True,
        )
        audit_step(actor, ticket, before, f"申请退回：{reason}")
    return ticket


def decide_return(
    *,
    actor: User,
    ticket: Ticket,
    department: Organisation,
    uphold: bool,
    reason: str,
    new_lead: Organisation | None = None,
) -> Ticket:
    require_county_admin(actor, ticket)
    reason = clean_text(reason, "裁定理由")
    assignment = ticket.assignments.filter(
        department=department, active=True, return_requested_at__isnull=False
    ).first()
    if assignment is None:
        raise InputError("该部门没有待裁定的退回申请。")
    if uphold and assignment.role == TicketAssignment.Role.LEAD:
        if new_lead is None or new_lead.pk == department.pk:
            raise InputError("同意牵头部门退回时，必须指定新的牵头部门（事项不能无人负责）。")
        keep = [
            a.department
            for a in ticket.assignments.filter(
                active=True, role=TicketAssignment.Role.COOPERATING
            ).select_related("department")
        ]
        with transaction.atomic():
            add_event(
                ticket,
                actor=actor,
                action="return_upheld",
                text=f"县级调度员同意{department.name}退回：{reason}",
            )
            ticket = dispatch(
                actor=actor,
                ticket=ticket,
                lead=new_lead,
                cooperating=[d for d in keep if d.pk != new_lead.pk],
                note=f"退回改派：{reason}",
            )
        return ticket
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        if uphold:
            assignment.active = False
            assignment.save(update_fields=["active"])
            text = f"县级调度员同意{department.name}（配合）退出：{reason}"
        else:
            assignment.return_reason = ""
            assignment.return_requested_at = None
            assignment.save(update_fields=["return_reason", "return_requested_at"])
            text = f"县级调度员驳回{department.name}的退回申请，仍由其办理：{reason}"
        ticket.return_pending = ticket.assignments.filter(
            active=True, return_requested_at__isnull=False
        ).exists()
        ticket.save(update_fields=["return_pending"])
        add_event(ticket, actor=actor, action="return_decided", text=text)
        notify(
            ticket,
            f"事项 #{ticket.pk}：{text}",
            organisations=[department],
            parties=True,
            exclude=actor,
        )
        audit_step(actor, ticket, before, text, Action.REVIEW)
    return ticket


def resolve_suggested(ticket: Ticket) -> tuple[Organisation | None, list[Organisation]]:
    """The suggestion's departments as organisations (for the dispatch form's defaults)."""
    lead_id = ticket.suggestion.get("lead_id")
    lead = Organisation.objects.filter(pk=lead_id).first() if lead_id else None
    ids = [c["id"] for c in ticket.suggestion.get("cooperating", []) if c.get("id")]
    return lead, list(Organisation.objects.filter(pk__in=ids))
