"""一表通 storage: registered report forms (versioned), the county's data-element dictionary and
each township's base table (records with one value per data element).

Base-table records are personal information: they are read by the owning township only. Other
roles reach their data only through a generated report, which holds just the columns of the
reader's own form (see ``queries.records_for`` and ``services.generate_report``).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet
from jiceng.forms.schema import FIELD_TYPE_LABELS, FieldType, Form, FormField

FIELD_TYPE_CHOICES = [(t.value, FIELD_TYPE_LABELS[t]) for t in FieldType]


class RecordKind(models.TextChoices):
    """Whom one row of a form (and one base-table record) describes."""

    PERSON = "person", "居民个人"
    HOUSEHOLD = "household", "家庭（户）"
    ENTERPRISE = "enterprise", "企业"
    VILLAGE = "village", "村（社区）"


class ReportForm(models.Model):
    """One version of a department's report form; re-registering the same code adds a version."""

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    department = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="report_forms", verbose_name="制表部门"
    )
    code = models.CharField("表单编号", max_length=64)
    version = models.PositiveIntegerField("版本号")
    is_current = models.BooleanField("现行版本", default=True, db_index=True)
    title = models.CharField("表名", max_length=200)
    period = models.CharField("报送周期", max_length=50, blank=True)
    record_kind = models.CharField("填报对象", max_length=16, choices=RecordKind.choices)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    registered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    registered_at = models.DateTimeField("登记时间", default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("department",)

    class Meta:
        verbose_name = "报表"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "code", "version"], name="form_code_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}（第 {self.version} 版）"

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        # A department sees its own forms (all versions); a township sees the forms in force,
        # since it is the one whose base table feeds them.
        if org.kind == Organisation.Kind.TOWNSHIP:
            return Q(is_current=True)
        return Q(department=org)

    def to_engine(self, fields: list[ReportField] | None = None) -> Form:
        """The form as the pure engine's dataclass (matching, report layout)."""
        rows = fields if fields is not None else list(self.fields.all())
        return Form(
            id=self.code,
            department=self.department.name,
            title=self.title,
            period=self.period,
            fields=tuple(f.to_engine() for f in rows),
        )


class DataElement(models.Model):
    """One fact about one subject, filled once in the base table and reused by every form asking for it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待确认"
        ACCEPTED = "accepted", "已确认"

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    name = models.CharField("数据元素", max_length=200)
    field_type = models.CharField("类型", max_length=16, choices=FIELD_TYPE_CHOICES)
    options = models.JSONField("可选项", default=list, blank=True)
    subject = models.CharField("主体", max_length=32, blank=True)
    subject_label = models.CharField("主体名称", max_length=50, blank=True)
    concept = models.CharField("同义词表概念", max_length=64, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    # A confirmed element that matching gave new members: still filled, but to be looked at again.
    needs_review = models.BooleanField("有待确认的新成员", default=False)
    confidence = models.FloatField("置信度", default=0.0)
    reasons = models.JSONField("合并理由", default=list, blank=True)
    reviewed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="确认人",
    )
    reviewed_at = models.DateTimeField("确认时间", null=True, blank=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()

    class Meta:
        verbose_name = "数据元素"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        # A department sees only the elements its own forms in force ask for; a township the
        # confirmed dictionary it fills.
        if org.kind == Organisation.Kind.TOWNSHIP:
            return Q(status=cls.Status.ACCEPTED)
        return Q(fields__form__department=org, fields__form__is_current=True)

    @property
    def is_metadata(self) -> bool:
        """Report metadata (填报单位, 填报日期, 填报人…) is not a fact about a record."""
        return self.subject == "meta"


class ReportField(models.Model):
    form = models.ForeignKey(
        ReportForm, on_delete=models.CASCADE, related_name="fields", verbose_name="报表"
    )
    position = models.PositiveIntegerField("列序")
    name = models.CharField("字段名", max_length=200)
    field_type = models.CharField("类型", max_length=16, choices=FIELD_TYPE_CHOICES)
    description = models.TextField("填报说明", blank=True)
    options = models.JSONField("可选项", default=list, blank=True)
    group = models.CharField("分组表头", max_length=200, blank=True)
    element = models.ForeignKey(
        DataElement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fields",
        verbose_name="数据元素",
    )

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    county_field: ClassVar[str] = "form__county"
    scope_fields: ClassVar[tuple[str, ...]] = ("form__department",)

    class Meta:
        verbose_name = "报表字段"
        ordering = ["form_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "name"], name="field_name_unique_in_form")
        ]

    def __str__(self) -> str:
        return f"{self.form.code}:{self.name}"

    @property
    def member_key(self) -> str:
        return f"{self.form.code}:{self.name}"

    def to_engine(self) -> FormField:
        return FormField(
            name=self.name,
            type=FieldType(self.field_type),
            description=self.description,
            options=tuple(self.options or ()),
            group=self.group,
        )


class BaseRecord(models.Model):
    """One row of a township's base table: a resident, household, enterprise or village."""

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="base_records",
        verbose_name="乡镇（街道）",
    )
    kind = models.CharField("对象类型", max_length=16, choices=RecordKind.choices, db_index=True)
    title = models.CharField("名称", max_length=200, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="录入人"
    )
    created_at = models.DateTimeField("录入时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "基础表记录"
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()}记录 {self.pk}"


class BaseValue(models.Model):
    record = models.ForeignKey(
        BaseRecord, on_delete=models.CASCADE, related_name="values", verbose_name="记录"
    )
    element = models.ForeignKey(
        DataElement, on_delete=models.CASCADE, related_name="values", verbose_name="数据元素"
    )
    value = models.TextField("值")
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = "基础表取值"
        constraints = [
            models.UniqueConstraint(fields=["record", "element"], name="one_value_per_element")
        ]
