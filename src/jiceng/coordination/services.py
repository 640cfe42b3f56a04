"""The ticket lifecycle. Every write is one transaction with its timeline event, notifications
and audit entry; role and party checks raise ForbiddenError.

raise → (dispatch | decline | merge) → accept → progress… → resolve → confirm+rate | reopen.
A department may ask to return a ticket it thinks was misrouted; it stays responsible (and its
clocks keep running) until the dispatcher upholds the return and reroutes, or rejects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiceng.coordination import clocks, storage
from jiceng.coordination.models import Attachment, Ticket, TicketAssignment, TicketReporter
from jiceng.coordination.routing import resolve_department
from jiceng.coordination.sla import Clock, default_policy
from jiceng.coordination.suggest import suggest_for
from jiceng.coordination.timeline import add_event, notify
from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError

STATE_FIELDS = [
    "status",
    "owner_id",
    "lead_department_id",
    "dispatched_at",
    "accepted_at",
    "resolved_at",
    "closed_at",
    "rating",
    "reopen_count",
    "merged_into_id",
    "unreasonable",
    "return_pending",
]


def _text(value: str, label: str, *, limit: int = 5000, required: bool = True) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise InputError(f"{label}不能为空。")
    if len(text) > limit:
        raise InputError(f"{label}过长（{len(text)} 字），上限 {limit} 字。")
    return text


def _require(actor: User, role: Role, message: str) -> None:
    if actor.role_enum != role:
        raise ForbiddenError(message)


def _county_admin(actor: User, ticket: Ticket) -> None:
    if actor.role_enum != Role.COUNTY_ADMIN or actor.organisation_id != ticket.county_id:
        raise ForbiddenError("只有本县的县级管理员（调度员）可以执行此操作。")


def _assignment(actor: User, ticket: Ticket, *, lead: bool) -> TicketAssignment:
    if actor.role_enum != Role.DEPARTMENT_CLERK:
        raise ForbiddenError("只有被派单的县直部门可以执行此操作。")
    qs = ticket.assignments.filter(department_id=actor.organisation_id, active=True)
    if lead:
        qs = qs.filter(role=TicketAssignment.Role.LEAD)
    found = qs.first()
    if found is None:
        raise ForbiddenError("本部门不是该事项的牵头部门。" if lead else "本部门没有被派办该事项。")
    return found


def _raiser(actor: User, ticket: Ticket) -> None:
    if actor.role_enum != Role.TOWNSHIP_CLERK or actor.organisation_id != ticket.township_id:
        raise ForbiddenError("只有发起该事项的乡镇（街道）可以执行此操作。")


def _state(ticket: Ticket, expected: Sequence[str], doing: str) -> None:
    # Read the stored state: the caller's object may predate another party's step.
    ticket.refresh_from_db(fields=["status", "closed_at", "suggestion"])
    if ticket.status not in expected:
        raise InputError(f"事项当前状态为“{ticket.get_status_display()}”，不能{doing}。")


def _locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def _audit(
    actor: User, ticket: Ticket, before: dict[str, Any], note: str, action: str = Action.UPDATE
) -> None:
    record(
        action,
        actor=actor,
        obj=ticket,
        before=before,
        after=snapshot(ticket, STATE_FIELDS),
        note=note,
    )


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
    _require(actor, Role.TOWNSHIP_CLERK, "只有乡镇（街道）可以发起协同事项（吹哨）。")
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
        category=_text(category, "问题类别", limit=100),
        description=_text(description, "问题描述"),
        place=_text(place, "地点", limit=200, required=False),
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
    _county_admin(actor, ticket)
    _check_departments(ticket, lead, cooperating)
    assert lead is not None
    note = _text(note, "派单说明", required=False)
    suggested = ticket.suggestion.get("lead_id")
    if (
        ticket.status != Ticket.Status.PENDING or (suggested and suggested != lead.pk)
    ) and not note:
        raise InputError("改派或不采用系统建议的牵头部门时，必须填写理由。")
    _state(
        ticket, (Ticket.Status.PENDING, Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "派单"
    )
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, note or f"{verb}：{lead.name}", Action.REVIEW)
    return ticket


def decline(*, actor: User, ticket: Ticket, reason: str) -> Ticket:
    """The dispatcher finds the problem is the township's own duty (a basic item): returned to it."""
    _county_admin(actor, ticket)
    reason = _text(reason, "理由")
    _state(ticket, (Ticket.Status.PENDING,), "退回乡镇自办")
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, reason, Action.REVIEW)
    return ticket


def accept(*, actor: User, ticket: Ticket) -> Ticket:
    assignment = _assignment(actor, ticket, lead=False)
    _state(ticket, (Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "接单")
    if assignment.accepted_at is not None:
        raise InputError("本部门已接单。")
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, f"{role}部门接单")
    return ticket


def report_progress(
    *, actor: User, ticket: Ticket, note: str, uploads: Sequence[storage.Upload] = ()
) -> Ticket:
    assignment = _assignment(actor, ticket, lead=False)
    _state(ticket, (Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "报告进展")
    note = _text(note, "进展情况")
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
    assignment = _assignment(actor, ticket, lead=True)
    _state(ticket, (Ticket.Status.ACCEPTED,), "办结（请先接单）")
    note = _text(note, "办理结果")
    kinds = storage.check_uploads(uploads, already=ticket.attachments.count())
    now = timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, "办结")
    return ticket


def request_return(*, actor: User, ticket: Ticket, reason: str) -> Ticket:
    """A department says the ticket is not its business; it stays responsible until decided."""
    assignment = _assignment(actor, ticket, lead=False)
    _state(ticket, (Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED), "申请退回")
    reason = _text(reason, "退回理由")
    if assignment.return_requested_at is not None:
        raise InputError("本部门的退回申请正在等待县级调度员裁定。")
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, f"申请退回：{reason}")
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
    _county_admin(actor, ticket)
    reason = _text(reason, "裁定理由")
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
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, text, Action.REVIEW)
    return ticket


def confirm(*, actor: User, ticket: Ticket, rating: int, comment: str = "") -> Ticket:
    _raiser(actor, ticket)
    _state(ticket, (Ticket.Status.RESOLVED,), "确认办结")
    if not 1 <= int(rating) <= 5:
        raise InputError("满意度请选择 1—5 分。")
    comment = _text(comment, "评价意见", required=False)
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, f"确认办结并评价 {rating} 分")
    return ticket


def reopen(*, actor: User, ticket: Ticket, reason: str) -> Ticket:
    _raiser(actor, ticket)
    _state(ticket, (Ticket.Status.RESOLVED, Ticket.Status.CLOSED), "重新办理")
    reason = _text(reason, "理由")
    now = timezone.now()
    if ticket.status == Ticket.Status.CLOSED and ticket.closed_at is not None:
        window = default_policy().reopen_within_working_days
        limit = clocks.work_calendar().add_workdays(timezone.localtime(ticket.closed_at), window)
        if now > limit:
            raise InputError(f"已超过办结后 {window} 个工作日的重新办理期限，请发起新的事项。")
    with transaction.atomic():
        ticket = _locked(ticket)
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
        _audit(actor, ticket, before, f"重新办理：{reason}")
    return ticket


def merge(*, actor: User, primary: Ticket, duplicate: Ticket, reason: str = "") -> Ticket:
    """Fold ``duplicate`` into ``primary``: its reporters and files join the primary ticket."""
    _county_admin(actor, primary)
    if duplicate.county_id != primary.county_id or duplicate.pk == primary.pk:
        raise InputError("只能合并本县的两个不同事项。")
    if not primary.is_open or not duplicate.is_open:
        raise InputError("只能合并尚未办结的事项。")
    reason = _text(reason, "合并说明", required=False)
    with transaction.atomic():
        primary = _locked(primary)
        duplicate = _locked(duplicate)
        before = snapshot(duplicate, STATE_FIELDS)
        for reporter in duplicate.reporters.all():
            TicketReporter.objects.get_or_create(
                ticket=primary,
                source=reporter.source,
                defaults={
                    "county_id": primary.county_id,
                    "township": reporter.township,
                    "user": reporter.user,
                },
            )
        moved = Attachment.objects.filter(ticket=duplicate).update(ticket=primary)
        clocks.cancel_all(duplicate, timezone.now())
        duplicate.status = Ticket.Status.MERGED
        duplicate.merged_into = primary
        duplicate.owner = primary.owner
        duplicate.save()
        text = f"事项 #{duplicate.pk}（{duplicate.township.name}反映）与本事项重复，已合并" + (
            f"：{reason}" if reason else "。"
        )
        add_event(
            primary,
            actor=actor,
            action="merge",
            text=text,
            data={"duplicate": duplicate.pk, "files": moved},
        )
        add_event(
            duplicate,
            actor=actor,
            action="merged",
            text=f"与事项 #{primary.pk} 重复，已合并办理，办理进展请在该事项查看。",
        )
        notify(
            primary,
            f"事项 #{duplicate.pk} 已合并到 #{primary.pk}，请在 #{primary.pk} 查看办理进展。",
            parties=True,
            exclude=actor,
        )
        _audit(
            actor,
            duplicate,
            before,
            f"合并到 #{primary.pk}" + (f"：{reason}" if reason else ""),
            Action.REVIEW,
        )
    return primary


def mark_unreasonable(*, actor: User, ticket: Ticket, unreasonable: bool, reason: str) -> Ticket:
    """The county rules a demand (or a rating) unreasonable: excluded from everyone's measures."""
    _county_admin(actor, ticket)
    reason = _text(reason, "认定理由")
    with transaction.atomic():
        ticket = _locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        ticket.unreasonable = unreasonable
        ticket.unreasonable_reason = reason if unreasonable else ""
        ticket.save(update_fields=["unreasonable", "unreasonable_reason"])
        verb = (
            "认定为不合理诉求，不计入乡镇和部门的成效指标" if unreasonable else "撤销不合理诉求认定"
        )
        add_event(ticket, actor=actor, action="unreasonable", text=f"县级调度员{verb}：{reason}")
        _audit(actor, ticket, before, f"{verb}：{reason}", Action.REVIEW)
    return ticket


def add_attachments(
    *, actor: User, ticket: Ticket, uploads: Sequence[storage.Upload]
) -> list[Attachment]:
    if actor.role_enum == Role.TOWNSHIP_CLERK:
        if not ticket.reporters.filter(township_id=actor.organisation_id).exists():
            raise ForbiddenError("只有事项的当事单位可以上传附件。")
    elif actor.role_enum == Role.DEPARTMENT_CLERK:
        _assignment(actor, ticket, lead=False)
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


def resolve_suggested(ticket: Ticket) -> tuple[Organisation | None, list[Organisation]]:
    """The suggestion's departments as organisations (for the dispatch form's defaults)."""
    lead_id = ticket.suggestion.get("lead_id")
    lead = Organisation.objects.filter(pk=lead_id).first() if lead_id else None
    ids = [c["id"] for c in ticket.suggestion.get("cooperating", []) if c.get("id")]
    return lead, list(Organisation.objects.filter(pk__in=ids))


__all__ = [
    "accept",
    "add_attachments",
    "confirm",
    "decide_return",
    "decline",
    "dispatch",
    "mark_unreasonable",
    "merge",
    "raise_ticket",
    "reopen",
    "report_progress",
    "request_return",
    "resolve",
    "resolve_department",
]
