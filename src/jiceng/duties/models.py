"""Stored duty lists: one list per township (or the county template), kept as versions."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet
from jiceng.duties.items import CATEGORY_LABELS, Category, DutyItem


class DutyList(models.Model):
    """A township's published list; ``township`` is empty for the county-wide template."""

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_lists",
        verbose_name="乡镇（街道）",
    )
    name = models.CharField("名称", max_length=200)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    # Duty lists are published documents: everyone in the county reads them; only the county
    # admin writes them (checked in services).
    public_in_county: ClassVar[bool] = True
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "履职事项清单"
        constraints = [
            models.UniqueConstraint(fields=["county", "township"], name="one_list_per_township")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_template(self) -> bool:
        return self.township_id is None

    def current_version(self) -> DutyListVersion | None:
        return self.versions.order_by("-number").first()


class DutyListVersion(models.Model):
    duty_list = models.ForeignKey(DutyList, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    created_at = models.DateTimeField("导入时间", default=timezone.now)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.PROTECT, related_name="+", verbose_name="导入人"
    )
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    title = models.CharField("清单标题", max_length=255, blank=True)
    unit = models.CharField("发布单位/版本", max_length=255, blank=True)
    note = models.TextField("说明", blank=True)
    item_count = models.PositiveIntegerField("事项数", default=0)
    basic_count = models.PositiveIntegerField("基本事项数", default=0)
    cooperating_count = models.PositiveIntegerField("配合事项数", default=0)
    returned_count = models.PositiveIntegerField("收回事项数", default=0)

    class Meta:
        verbose_name = "清单版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["duty_list", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.duty_list.name} 第{self.number}版"

    @property
    def county_id(self) -> int:
        return self.duty_list.county_id


class DutyItemRecord(models.Model):
    version = models.ForeignKey(DutyListVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("顺序")
    item_id = models.CharField("编号", max_length=32)
    category = models.CharField(
        "类别", max_length=16, choices=[(c.value, CATEGORY_LABELS[c]) for c in Category]
    )
    domain = models.CharField("所属领域", max_length=100, blank=True)
    name = models.CharField("事项名称", max_length=300)
    content = models.TextField("具体工作内容", blank=True)
    basis = models.TextField("履职依据", blank=True)
    lead_department = models.CharField("牵头（主管）部门", max_length=200, blank=True)
    township_role = models.TextField("乡镇（街道）职责", blank=True)

    class Meta:
        verbose_name = "履职事项"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "item_id"], name="unique_item_in_version")
        ]
        indexes = [
            models.Index(fields=["version", "category"]),
            models.Index(fields=["version", "domain"]),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.name}"

    def to_item(self) -> DutyItem:
        return DutyItem(
            id=self.item_id,
            category=Category(self.category),
            domain=self.domain,
            name=self.name,
            content=self.content,
            basis=self.basis,
            lead_department=self.lead_department,
            township_role=self.township_role,
        )

    @classmethod
    def from_item(
        cls, item: DutyItem, *, version: DutyListVersion, position: int
    ) -> DutyItemRecord:
        return cls(
            version=version,
            position=position,
            item_id=item.id,
            category=item.category.value,
            domain=item.domain,
            name=item.name,
            content=item.content,
            basis=item.basis,
            lead_department=item.lead_department,
            township_role=item.township_role,
        )
