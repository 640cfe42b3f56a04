"""A task a department wants to push down, its screening and its review."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet
from jiceng.duties.models import DutyItemRecord

DECISIONS = [("admit", "准入"), ("revise", "修改后准入"), ("reject", "退回")]
CATEGORIES = [
    ("basic", "基本履职事项"),
    ("cooperating", "配合履职事项"),
    ("returned", "上级部门收回事项"),
    ("none", "清单外事项"),
]
DECISION_LABELS = dict(DECISIONS)
CATEGORY_LABELS = dict(CATEGORIES)


class IntakeTask(models.Model):
    class Status(models.TextChoices):
        SCREENED = "screened", "待复核"
        CONFIRMED = "confirmed", "已确认"
        OVERRIDDEN = "overridden", "已改判"

    class Approval(models.TextChoices):
        NONE = "", "—"
        REQUESTED = "requested", "已申请准入审批"
        GRANTED = "granted", "审批同意"
        REFUSED = "refused", "审批不同意"

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    department = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sent_tasks", verbose_name="发文部门"
    )
    targets = models.ManyToManyField(
        Organisation, related_name="received_tasks", verbose_name="下派乡镇（街道）"
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文")
    deadline_days = models.PositiveIntegerField("完成时限（天）", null=True, blank=True)
    upstream_source = models.CharField("上级文件", max_length=300, blank=True)
    upstream_deadline_days = models.PositiveIntegerField("上级时限（天）", null=True, blank=True)
    upstream_requirement = models.TextField("上级要求", blank=True)
    source_file = models.CharField("来源文件", max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="提交人"
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)

    # The engine's result, kept as it was so overrides can be counted against it.
    engine_decision = models.CharField("审查结论", max_length=16, choices=DECISIONS)
    engine_duty_item = models.CharField("匹配事项", max_length=32, blank=True)
    engine_category = models.CharField("事项类别", max_length=16, choices=CATEGORIES)
    engine_confidence = models.FloatField("置信度", default=0.0)
    engine_flags = models.JSONField("形式主义问题", default=list)
    engine_reasons = models.JSONField("审查理由", default=list)
    engine_candidates = models.JSONField("候选事项", default=list)
    duty_list_version = models.ForeignKey(
        "duties.DutyListVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="依据清单版本",
    )

    # The county's review.
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.SCREENED, db_index=True
    )
    final_decision = models.CharField("最终结论", max_length=16, choices=DECISIONS, blank=True)
    final_duty_item = models.CharField("最终事项", max_length=32, blank=True)
    final_category = models.CharField("最终类别", max_length=16, choices=CATEGORIES, blank=True)
    final_flags = models.JSONField("最终问题", default=list)
    reviewed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="复核人",
    )
    reviewed_at = models.DateTimeField("复核时间", null=True, blank=True)
    review_reason = models.TextField("复核意见", blank=True)

    # 准入 approval for a task outside the list.
    approval = models.CharField(
        "准入审批", max_length=16, choices=Approval.choices, default=Approval.NONE, blank=True
    )
    approval_request = models.TextField("申请理由", blank=True)
    approval_reason = models.TextField("审批意见", blank=True)

    # True once the task may reach its townships (admitted or revised after review, or approved).
    released = models.BooleanField("已下达", default=False, db_index=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("department", "targets")

    class Meta:
        verbose_name = "下派任务"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title[:80]

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        # The sender sees its own tasks whatever their state; a township only released ones.
        return Q(department=org) | Q(targets=org, released=True)

    @property
    def decision(self) -> str:
        return self.final_decision or self.engine_decision

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS.get(self.decision, "")

    @property
    def category(self) -> str:
        return self.final_category or self.engine_category

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category, "")

    @property
    def flags(self) -> list[dict[str, Any]]:
        return self.final_flags if self.status != self.Status.SCREENED else self.engine_flags

    @property
    def flag_labels(self) -> list[str]:
        """The formalism problems in force, each named once (a flag may have several spans)."""
        return list(dict.fromkeys(f["label_zh"] for f in self.flags))

    @property
    def due_date(self) -> datetime.date | None:
        """The day the notice's time limit runs out, counted from its submission (local date)."""
        if self.deadline_days is None:
            return None
        return timezone.localdate(self.submitted_at) + datetime.timedelta(days=self.deadline_days)

    @property
    def duty_item(self) -> str:
        """The duty item id in force: the reviewer's once reviewed ("" when they found none)."""
        return (
            self.final_duty_item if self.status != self.Status.SCREENED else self.engine_duty_item
        )

    def duty_item_record(self) -> DutyItemRecord | None:
        """The item in force as the screened list version publishes it (name, lead, role)."""
        if not self.duty_item or self.duty_list_version_id is None:
            return None
        return DutyItemRecord.objects.filter(
            version_id=self.duty_list_version_id, item_id=self.duty_item
        ).first()

    def task_payload(self) -> dict[str, Any]:
        """The task in the JSONL contract (DESIGN §4), as the engine and exports read it."""
        upstream = None
        if (
            self.upstream_source
            or self.upstream_requirement
            or self.upstream_deadline_days is not None
        ):
            upstream = {
                "source": self.upstream_source,
                "deadline_days": self.upstream_deadline_days,
                "requirement": self.upstream_requirement,
            }
        return {
            "id": f"T{self.pk}",
            "from_department": self.department.name,
            "title": self.title,
            "body": self.body,
            "deadline_days": self.deadline_days,
            "upstream": upstream,
        }
