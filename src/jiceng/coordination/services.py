"""The ticket lifecycle as the parties live it. Every write is one transaction with its timeline
event, notifications and audit entry; role and party checks raise ForbiddenError.

raise → (dispatch | decline | merge) → accept → progress… → resolve → confirm+rate | reopen.
The dispatcher's steps (dispatch, decline, returns) are in ``coordination.dispatching``; its
rulings on duplicates and unreasonable demands in ``coordination.rulings``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from jiceng.coordination import clocks, storage
from jiceng.coordination.guards import (
    STATE_FIELDS,
    audit_step,
    clean_text,
    locked,
    require_assignment,
    require_raiser,
    require_role,
    require_state,
)
from jiceng.coordination.models import Attachment, Ticket, TicketAssignment, TicketReporter
from jiceng.coordination.sla import Clock, default_policy
from jiceng.coordination.suggest import suggest_for
from jiceng.coordination.timeline import add_event, notify
from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError


def raise_ticket(
    *,
    actor: User,
    kind: str,
    urgency: str,
    category: str,
    description: str,
    place: str = "",
    uploads: Sequence[storage.Upload] = (),
) -> Ticket:
    require_role(actor, Role.TOWNSHIP_CLERK, "只有乡镇（街道）可以发起协同事项（吹哨）。")
    if kind not in Ticket.Kind.values:
        raise InputError("请选择日常哨、攻坚哨或应急哨。")
    if urgency not in Ticket.Urgency.values:
        raise InputError("请选择紧急程度。")
    township = actor.organisation
    assert township is not None and township.county_id is not None
    ticket = Ticket(
        county_id=township.county_id,
        township=township,
        raised_by=actor,
        kind=kind,
        urgency=urgency,
        category=clean_text(category, "问题类别", limit=100),
        description=clean_text(description, "问题描述"),
        place=clean_text(place, "地点", limit=200, required=False),
        owner_id=township.county_id,
    )
    kinds = storage.check_uploads(uploads)
    ticket.suggestion = suggest_for(township, ticket.category, ticket.description)
    with transaction.atomic():
        ticket.save()
        TicketReporter.objects.create(
            county_id=ticket.county_id, ticket=ticket, township=township, user=actor, source=ticket
        )
        storage.store(ticket, actor, uploads, kinds)
        clock = clocks.start_clock(ticket, Clock.DISPATCH, ticket.county, ticket.created_at)
        add_event(
            ticket,
            actor=actor,
            action="raise",
            text=f"{township.name}发起{ticket.get_kind_display()}（{ticket.get_urgency_display()}）：{ticket.category}。{clock.reason}。",
            data={"suggestion": ticket.suggestion.get("reasons", [])},
        )
        notify(
            ticket,
            f"{township.name}发起{ticket.get_kind_display()} #{ticket.pk}「{ticket.category}」，待派单。",
            county_admins=True,
        )
        record(
            Action.CREATE,
            actor=actor,
            obj=ticket,
            after=snapshot(ticket, STATE_FIELDS + ["kind", "urgency", "category"]),
            note="发起协同事项",
        )
    return ticket


def accept(*, actor: User, ticket: Ticket) -> Ticket:
    assignment = require_assignment(actor, ticket, lead=False)
    require_state(ticket, (Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "接单")
    if assignment.accepted_at is not None:
        raise InputError("本部门已接单。")
    now = timezone.now()
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        assignment.accepted_at = now
        assignment.save(update_fields=["accepted_at"])
        if assignment.role == TicketAssignment.Role.LEAD:
            met = clocks.stop_clock(ticket, Clock.RESPONSE, now)
            ticket.status = Ticket.Status.ACCEPTED
            ticket.accepted_at = now
            ticket.response_seconds = int((now - (ticket.dispatched_at or now)).total_seconds())
            ticket.response_on_time = met
            ticket.save()
        role = assignment.get_role_display()
        add_event(
            ticket,
            actor=actor,
            action="accept",
            text=f"{assignment.department.name}（{role}）接单。",
        )
        notify(
            ticket,
            f"事项 #{ticket.pk}「{ticket.category}」：{assignment.department.name}已接单。",
            parties=True,
            exclude=actor,
        )
        audit_step(actor, ticket, before, f"{role}部门接单")
    return ticket


def report_progress(
    *, actor: User, ticket: Ticket, note: str, uploads: Sequence[storage.Upload] = ()
) -> Ticket:
    assignment = require_assignment(actor, ticket, lead=False)
    require_state(ticket, (Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "报告进展")
    note = clean_text(note, "进展情况")
    kinds = storage.check_uploads(uploads, already=ticket.attachments.count())
    with transaction.atomic():
        storage.store(ticket, actor, uploads, kinds)
        add_event(
            ticket,
            actor=actor,
            action="progress",
            text=f"{assignment.department.name}报告进展：{note}",
        )
        notify(ticket, f"事项 #{ticket.pk} 有新进展：{note[:80]}", parties=True, exclude=actor)
        record(
            Action.UPDATE,
            actor=actor,
            obj=ticket,
            after={"progress": note, "files": len(uploads)},
            note="报告进展",
        )
    return ticket


def resolve(
    *, actor: User, ticket: Ticket, note: str, uploads: Sequence[storage.Upload] = ()
) -> Ticket:
    assignment = require_assignment(actor, ticket, lead=True)
    require_state(ticket, (Ticket.Status.ACCEPTED,), "办结（请先接单）")
    note = clean_text(note, "办理结果")
    kinds = storage.check_uploads(uploads, already=ticket.attachments.count())
    now = timezone.now()
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        storage.store(ticket, actor, uploads, kinds)
        met = clocks.stop_clock(ticket, Clock.RESOLUTION, now)
        ticket.status = Ticket.Status.RESOLVED
        ticket.resolved_at = now
        ticket.resolution_note = note
        ticket.resolution_on_time = met
        ticket.save()
        add_event(
            ticket, actor=actor, action="resolve", text=f"{assignment.department.name}办结：{note}"
        )
        notify(
            ticket,
            f"事项 #{ticket.pk}「{ticket.category}」已办结，请确认并评价。",
            parties=True,
            exclude=actor,
        )
        audit_step(actor, ticket, before, "办结")
    return ticket


def confirm(*, actor: User, ticket: Ticket, rating: int, comment: str = "") -> Ticket:
    require_raiser(actor, ticket)
    require_state(ticket, (Ticket.Status.RESOLVED,), "确认办结")
    if not 1 <= int(rating) <= 5:
        raise InputError("满意度请选择 1—5 分。")
    comment = clean_text(comment, "评价意见", required=False)
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        ticket.status = Ticket.Status.CLOSED
        ticket.closed_at = timezone.now()
        ticket.rating = int(rating)
        ticket.rating_comment = comment
        ticket.save()
        add_event(
            ticket,
            actor=actor,
            action="confirm",
            text=f"{ticket.township.name}确认办结，满意度 {rating} 分"
            + (f"：{comment}" if comment else "。"),
        )
        notify(
            ticket,
            f"事项 #{ticket.pk} 已确认办结，满意度 {rating} 分。",
            parties=True,
            exclude=actor,
        )
        audit_step(actor, ticket, before, f"确认办结并评价 {rating} 分")
    return ticket


def reopen(*, actor: User, ticket: Ticket, reason: str) -> Ticket:
    require_raiser(actor, ticket)
    require_state(ticket, (Ticket.Status.RESOLVED, Ticket.Status.CLOSED), "重新办理")
    reason = clean_text(reason, "理由")
    now = timezone.now()
    if ticket.status == Ticket.Status.CLOSED and ticket.closed_at is not None:
        window = default_policy().reopen_within_working_days
        limit = clocks.work_calendar().add_workdays(timezone.localtime(ticket.closed_at), window)
        if now > limit:
            raise InputError(f"已超过办结后 {window} 个工作日的重新办理期限，请发起新的事项。")
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        lead = ticket.lead_department
        assert lead is not None
        ticket.status = Ticket.Status.ACCEPTED
        ticket.reopen_count += 1
        ticket.rating = None
        ticket.closed_at = None
        ticket.resolution_on_time = None
        ticket.save()
        run = clocks.start_clock(ticket, Clock.RESOLUTION, lead, now)
        add_event(
            ticket,
            actor=actor,
            action="reopen",
            text=f"{ticket.township.name}对办理结果不认可，要求重新办理：{reason}。{run.reason}。",
        )
        notify(
            ticket,
            f"事项 #{ticket.pk} 被要求重新办理：{reason[:80]}",
            parties=True,
            county_admins=True,
            exclude=actor,
        )
        audit_step(actor, ticket, before, f"重新办理：{reason}")
    return ticket


def add_attachments(
    *, actor: User, ticket: Ticket, uploads: Sequence[storage.Upload]
) -> list[Attachment]:
    if actor.role_enum == Role.TOWNSHIP_CLERK:
        if not ticket.reporters.filter(township_id=actor.organisation_id).exists():
            raise ForbiddenError("只有事项的当事单位可以上传附件。")
    elif actor.role_enum == Role.DEPARTMENT_CLERK:
        require_assignment(actor, ticket, lead=False)
    elif actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("您的角色为只读，不能上传附件。")
    kinds = storage.check_uploads(uploads, already=ticket.attachments.count())
    with transaction.atomic():
        rows = storage.store(ticket, actor, uploads, kinds)
        add_event(
            ticket,
            actor=actor,
            action="attach",
            text="上传附件：" + "、".join(r.original_name for r in rows),
        )
        record(
            Action.UPDATE,
            actor=actor,
            obj=ticket,
            after={"files": [r.original_name for r in rows]},
            note="上传附件",
        )
    return rows
