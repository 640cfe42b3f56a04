"""The dispatcher's rulings: folding a duplicate ticket into another (its reporters and files
join the primary), and ruling a demand unreasonable so no one's measures count it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jiceng.coordination import clocks
from jiceng.coordination.guards import (
    STATE_FIELDS,
    audit_step,
    clean_text,
    locked,
    require_county_admin,
)
from jiceng.coordination.models import Attachment, Ticket, TicketReporter
from jiceng.coordination.timeline import add_event, notify
from jiceng.core.audit import Action, snapshot
from jiceng.core.models import User
from jiceng.errors import InputError


def merge(*, actor: User, primary: Ticket, duplicate: Ticket, reason: str = "") -> Ticket:
    """Fold ``duplicate`` into ``primary``: its reporters and files join the primary ticket."""
    require_county_admin(actor, primary)
    if duplicate.county_id != primary.county_id or duplicate.pk == primary.pk:
        raise InputError("只能合并本县的两个不同事项。")
    if not primary.is_open or not duplicate.is_open:
        raise InputError("只能合并尚未办结的事项。")
    reason = clean_text(reason, "合并说明", required=False)
    with transaction.atomic():
        primary = locked(primary)
        duplicate = locked(duplicate)
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
        audit_step(
            actor,
            duplicate,
            before,
            f"合并到 #{primary.pk}" + (f"：{reason}" if reason else ""),
            Action.REVIEW,
        )
    return primary


def mark_unreasonable(*, actor: User, ticket: Ticket, unreasonable: bool, reason: str) -> Ticket:
    """The county rules a demand (or a rating) unreasonable: excluded from everyone's measures."""
    require_county_admin(actor, ticket)
    reason = clean_text(reason, "认定理由")
    with transaction.atomic():
        ticket = locked(ticket)
        before = snapshot(ticket, STATE_FIELDS)
        ticket.unreasonable = unreasonable
        ticket.unreasonable_reason = reason if unreasonable else ""
        ticket.save(update_fields=["unreasonable", "unreasonable_reason"])
        verb = (
            "认定为不合理诉求，不计入乡镇和部门的成效指标" if unreasonable else "撤销不合理诉求认定"
        )
        add_event(ticket, actor=actor, action="unreasonable", text=f"县级调度员{verb}：{reason}")
        audit_step(actor, ticket, before, f"{verb}：{reason}", Action.REVIEW)
    return ticket
