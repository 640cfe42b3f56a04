"""The only stored record of the scorecard: a monthly report being generated in the background.

The index itself is computed from the other parts' records whenever it is read, so it can never
disagree with them.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet


class ReportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "生成失败"

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    month = models.DateField("报告月份")
    requested_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="申请人",
    )
    created_at = models.DateTimeField("申请时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    step = models.CharField("当前步骤", max_length=100, blank=True)
    error = models.TextField("错误信息", blank=True)
    docx_name = models.CharField(max_length=120, blank=True)
    xlsx_name = models.CharField(max_length=120, blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[
        tuple[str, ...]
    ] = ()  # the county report is read by county-wide roles only

    class Meta:
        verbose_name = "统筹评估月报生成任务"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"统筹评估月报 {self.month:%Y-%m}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
