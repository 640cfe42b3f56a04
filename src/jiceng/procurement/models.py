"""Purchased services: the county catalogue, township purchase requests, contracts, payments and
performance reviews. Scoped like every record: a township sees only its own requests and contracts;
the catalogue is published to the whole county."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet
from jiceng.procurement.checker import VERDICT_LABELS


class CatalogueItem(models.Model):
    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    code = models.CharField("编码", max_length=32)
    name = models.CharField("服务项目", max_length=200)
    description = models.TextField("服务内容", blank=True)
    category = models.CharField("类别", max_length=100, blank=True)
    negative = models.BooleanField("负面清单", default=False)
    reason = models.CharField("理由", max_length=500, blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    public_in_county = True

    class Meta:
        verbose_name = "指导目录条目"
        ordering = ["negative", "code"]
        constraints = [
            models.UniqueConstraint(fields=["county", "code"], name="procurement_catalogue_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PurchaseRequest(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "同意购买"
        REFUSED = "refused", "不同意购买"

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="purchase_requests",
        verbose_name="乡镇（街道）",
    )
    title = models.CharField("购买事项", max_length=200)
    description = models.TextField("服务内容")
    budget = models.DecimalField("预算（元）", max_digits=14, decimal_places=2)
    verdict = models.CharField("审查结论", max_length=16, choices=list(VERDICT_LABELS.items()))
    reasons = models.JSONField("审查理由", default=list)
    negative_classes = models.JSONField("命中负面清单", default=list)
    catalogue_code = models.CharField("对应目录", max_length=32, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="申请人"
    )
    submitted_at = models.DateTimeField("申请时间", default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审核人",
    )
    decision_reason = models.TextField("审核意见", blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "购买服务申请"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Contract(models.Model):
    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="service_contracts",
        verbose_name="乡镇（街道）",
    )
    request = models.ForeignKey(
        PurchaseRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name="购买申请",
    )
    title = models.CharField("合同名称", max_length=200)
    provider = models.CharField("承接主体", max_length=200, db_index=True)
    amount = models.DecimalField("合同金额（元）", max_digits=14, decimal_places=2)
    start = models.DateField("服务开始")
    end = models.DateField("服务结束")
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "购买服务合同"
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return self.title


class Payment(models.Model):
    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="乡镇（街道）"
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="payments", verbose_name="合同"
    )
    date = models.DateField("支付日期")
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "支付记录"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.contract} {self.amount}"


class PerformanceReview(models.Model):
    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="乡镇（街道）"
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="reviews", verbose_name="合同"
    )
    reviewed_on = models.DateField("评价日期")
    marks = models.JSONField("分项得分", default=dict)
    score = models.DecimalField("综合得分", max_digits=5, decimal_places=1)
    rating = models.CharField("等次", max_length=8)
    comment = models.TextField("评价意见", blank=True)
    reviewer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="评价人"
    )

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "绩效评价"
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.contract} {self.score}"
