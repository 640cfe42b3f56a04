"""Coordination tickets (吹哨报到), their parties, timeline, SLA clocks, notifications, files."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from jiceng.coordination.sla import CLOCK_LABELS, Clock, Light, light
from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet


def _party_condition(org: Organisation, prefix: str = "") -> Q:
    # A township sees the tickets it raised or reported (merged duplicates included); a
    # department sees the tickets routed to it (lead or cooperating, now or before a reroute).
    return Q(**{f"{prefix}reporters__township": org}) | Q(
        **{f"{prefix}assignments__department": org}
    )


class Ticket(models.Model):
    class Kind(models.TextChoices):
        ROUTINE = "routine", "日常哨"
        HARD = "hard", "攻坚哨"
        EMERGENCY = "emergency", "应急哨"

    class Urgency(models.TextChoices):
        NORMAL = "normal", "一般"
        URGENT = "urgent", "紧急"

    class Status(models.TextChoices):
        PENDING = "pending", "待派单"
        DISPATCHED = "dispatched", "待接单"
        ACCEPTED = "accepted", "办理中"
        RESOLVED = "resolved", "已办结待确认"
        CLOSED = "closed", "已确认办结"
        DECLINED = "declined", "退回乡镇自办"
        MERGED = "merged", "已合并"

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = ("pending", "dispatched", "accepted")

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="raised_tickets",
        verbose_name="发起乡镇（街道）",
    )
    raised_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    created_at = models.DateTimeField("发起时间", default=timezone.now, db_index=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    urgency = models.CharField(
        "紧急程度", max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    category = models.CharField("问题类别", max_length=100)
    description = models.TextField("问题描述")
    place = models.CharField("地点", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Who must act now: the county while the ticket waits for dispatch, then the lead department
    # (kept while it asks to return the ticket, until the dispatcher decides). Never empty.
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="当前责任单位"
    )
    lead_department = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tickets",
        verbose_name="牵头部门",
    )
    suggestion = models.JSONField("派单建议", default=dict)
    dispatched_at = models.DateTimeField("派单时间", null=True, blank=True)
    accepted_at = models.DateTimeField("接单时间", null=True, blank=True)
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_at = models.DateTimeField("确认时间", null=True, blank=True)
    response_seconds = models.PositiveIntegerField("响应用时（秒）", null=True, blank=True)
    response_on_time = models.BooleanField("按时响应", null=True, blank=True)
    resolution_on_time = models.BooleanField("按时办结", null=True, blank=True)
    resolution_note = models.TextField("办理结果", blank=True)
    rating = models.PositiveSmallIntegerField("满意度（1—5）", null=True, blank=True)
    rating_comment = models.TextField("评价意见", blank=True)
    reopen_count = models.PositiveIntegerField("重新办理次数", default=0)
    escalated = models.BooleanField("已升级县级督办", default=False, db_index=True)
    return_pending = models.BooleanField("有待裁定的退回申请", default=False, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
        verbose_name="合并至",
    )
    unreasonable = models.BooleanField("认定为不合理诉求", default=False)
    unreasonable_reason = models.TextField("认定理由", blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("reporters__township", "assignments__department")

    class Meta:
        verbose_name = "协同事项"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["county", "status"]),
            models.Index(fields=["county", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category}"

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        return _party_condition(org)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class TicketAssignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        COOPERATING = "cooperating", "配合"

    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ticket_assignments"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    active = models.BooleanField("有效", default=True)
    assigned_at = models.DateTimeField("派单时间", default=timezone.now)
    accepted_at = models.DateTimeField("接单时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    return_requested_at = models.DateTimeField("申请退回时间", null=True, blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("department",)

    class Meta:
        verbose_name = "派单"
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return f"{self.department} {self.get_role_display()}"


class TicketReporter(models.Model):
    """A township that reported the problem: the raiser, and the raisers of merged duplicates."""

    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="reporters")
    township = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(
        Ticket, on_delete=models.PROTECT, related_name="+", verbose_name="原事项"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "反映单位"
        constraints = [
            models.UniqueConstraint(fields=["ticket", "source"], name="one_reporter_row_per_source")
        ]


class TicketEvent(models.Model):
    """One step of the ticket's timeline, in Chinese, as the parties read it."""

    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=32)
    text = models.TextField()
    data = models.JSONField(default=dict, blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()

    class Meta:
        verbose_name = "办理过程"
        ordering = ["at", "id"]

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        return _party_condition(org, "ticket__")


class TicketClock(models.Model):
    """One SLA clock run: started, due, reminded and escalated at most once, stopped when met."""

    class Outcome(models.TextChoices):
        RUNNING = "", "计时中"
        MET = "met", "按时"
        LATE = "late", "超时"
        CANCELLED = "cancelled", "已取消"

    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="clocks")
    clock = models.CharField(max_length=16, choices=[(c.value, CLOCK_LABELS[c]) for c in Clock])
    responsible = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位"
    )
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    remind_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, default=Outcome.RUNNING, blank=True
    )
    reason = models.TextField(blank=True)
    estimated = models.BooleanField(default=False)

    objects = models.Manager.from_queryset(ScopedQuerySet)()

    class Meta:
        verbose_name = "时限"
        ordering = ["started_at", "id"]
        indexes = [
            models.Index(fields=["stopped_at", "remind_at"]),
            models.Index(fields=["stopped_at", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.get_clock_display()} 截至 {self.due_at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        return _party_condition(org, "ticket__")

    def light(self, now=None) -> Light:  # type: ignore[no-untyped-def]
        return light(now or timezone.now(), self.remind_at, self.due_at, self.stopped_at)


class ClockFiring(models.Model):
    """The claim that a clock's reminder or escalation happened: one row per clock run, action
    and deadline, inserted in the same transaction as the side effect, so a redelivered or
    doubly scheduled job finds the row and does nothing."""

    class Action(models.TextChoices):
        REMIND = "remind", "临期提醒"
        ESCALATE = "escalate", "逾期升级"

    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="firings")
    clock = models.ForeignKey(TicketClock, on_delete=models.CASCADE, related_name="firings")
    action = models.CharField(max_length=16, choices=Action.choices)
    deadline = models.DateTimeField()
    fired_at = models.DateTimeField(default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()

    class Meta:
        verbose_name = "时限触发记录"
        constraints = [
            models.UniqueConstraint(
                fields=["clock", "action", "deadline"], name="clock_fires_once_per_deadline"
            )
        ]

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        return _party_condition(org, "ticket__")


class Notification(models.Model):
    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="coordination_notifications"
    )
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ()  # personal: read through ``for_user``

    class Meta:
        verbose_name = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    @classmethod
    def for_user(cls, user: User) -> models.QuerySet[Notification]:
        return cls.objects.filter(recipient=user)


class Attachment(models.Model):
    county = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    original_name = models.CharField("文件名", max_length=200)
    stored_name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=16)
    mime = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    objects = models.Manager.from_queryset(ScopedQuerySet)()

    class Meta:
        verbose_name = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        return _party_condition(org, "ticket__")
