"""Checks and audit shared by the ticket lifecycle's writes: who may take a step, in which
state, the row lock for the step, and the audit entry with the ticket's state before and after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jiceng.coordination.models import Ticket, TicketAssignment
from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import User
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


def clean_text(value: str, label: str, *, limit: int = 5000, required: bool = True) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise InputError(f"{label}不能为空。")
    if len(text) > limit:
        raise InputError(f"{label}过长（{len(text)} 字），上限 {limit} 字。")
    return text


def require_role(actor: User, role: Role, message: str) -> None:
    if actor.role_enum != role:
        raise ForbiddenError(message)


def require_county_admin(actor: User, ticket: Ticket) -> None:
    if actor.role_enum != Role.COUNTY_ADMIN or actor.organisation_id != ticket.county_id:
        raise ForbiddenError("只有本县的县级管理员（调度员）可以执行此操作。")


def require_assignment(actor: User, ticket: Ticket, *, lead: bool) -> TicketAssignment:
    if actor.role_enum != Role.DEPARTMENT_CLERK:
        raise ForbiddenError("只有被派单的县直部门可以执行此操作。")
    qs = ticket.assignments.filter(department_id=actor.organisation_id, active=True)
    if lead:
        qs = qs.filter(role=TicketAssignment.Role.LEAD)
    found = qs.first()
    if found is None:
        raise ForbiddenError("本部门不是该事项的牵头部门。" if lead else "本部门没有被派办该事项。")
    return found


def require_raiser(actor: User, ticket: Ticket) -> None:
    if actor.role_enum != Role.TOWNSHIP_CLERK or actor.organisation_id != ticket.township_id:
        raise ForbiddenError("只有发起该事项的乡镇（街道）可以执行此操作。")


def require_state(ticket: Ticket, expected: Sequence[str], doing: str) -> None:
    # Read the stored state: the caller's object may predate another party's step.
    ticket.refresh_from_db(fields=["status", "closed_at", "suggestion"])
    if ticket.status not in expected:
        raise InputError(f"事项当前状态为“{ticket.get_status_display()}”，不能{doing}。")


def locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def audit_step(
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
