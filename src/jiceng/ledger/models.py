"""The burden ledger: events, the monthly summaries kept beside them, work groups, signboards
and anonymous reports.

Events are the raw ledger (one row per burden that reached a township). Dashboards read the
monthly summaries (``TownshipMonth``, ``DepartmentMonth``), which the import and write services
refresh for the months they touched, so a province-sized ledger is charted without scanning it;
``CountyMonth`` rolls the township summaries up per county for province-wide reads.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet
from jiceng.ledger.events import CHANNEL_LABELS, EVENT_TYPE_LABELS

TYPE_CHOICES = [(t.value, label) for t, label in EVENT_TYPE_LABELS.items()]
CHANNEL_CHOICES = [(c.value, label) for c, label in CHANNEL_LABELS.items()]
TYPE_LABELS = dict(TYPE_CHOICES)
CHANNEL_LABEL = dict(CHANNEL_CHOICES)


class BurdenEvent(models.Model):
    class Origin(models.TextChoices):
        FORM = "form", "网页登记"
        IMPORT = "import", "文件导入"
        INTAKE = "intake", "准入任务下达"
        ANONYMOUS = "anonymous", "匿名反映"
        DEMO = "demo", "演示数据"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "已记入"
        PENDING = "pending", "待县级核实"
        REJECTED = "rejected", "核实不属实"

    # Single-column FK indexes are left out on this, the biggest table: the composite indexes
    # below lead with county, township and department already.
    county = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="所属县",
        db_index=False,
    )
    township = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="burden_events",
        verbose_name="乡镇（街道）",
        db_index=False,
    )
    date = models.DateField("日期")
    month = models.DateField(
        "月份", editable=False
    )  # first day of ``date``'s month: the grouping key
    type = models.CharField("负担类型", max_length=20, choices=TYPE_CHOICES)
    channel = models.CharField("渠道", max_length=10, choices=CHANNEL_CHOICES)
    source_department = models.CharField("来源部门", max_length=100, blank=True)
    department = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caused_events",
        verbose_name="来源部门（本县）",
        db_index=False,
    )
    title = models.CharField("标题", max_length=300, blank=True)
    hours = models.FloatField("估计工时（小时）")
    length_chars = models.PositiveIntegerField("文件字数", null=True, blank=True)
    comprehensive = models.BooleanField("综合性会议或督查检查考核", default=False)
    task = models.ForeignKey(
        "intake.IntakeTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="对应准入任务",
    )
    signboard = models.ForeignKey(
        "Signboard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name="对应牌子",
    )
    work_group = models.ForeignKey(
        "WorkGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name="对应工作群/APP",
    )
    origin = models.CharField("来源", max_length=12, choices=Origin.choices, default=Origin.FORM)
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    event_key = models.CharField("去重键", max_length=64)
    created_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="登记人",
        db_index=False,
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township", "department")

    class Meta:
        verbose_name = "负担事件"
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "event_key"], name="ledger_event_unique_key"),
        ]
        indexes = [
            models.Index(fields=["county", "month"], name="ledger_ev_county_month"),
            models.Index(fields=["township", "month"], name="ledger_ev_town_month"),
            models.Index(fields=["department", "month"], name="ledger_ev_dept_month"),
            models.Index(fields=["county", "type", "date"], name="ledger_ev_county_type"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.date:%Y-%m-%d} {self.township.name if self.township_id else ''} {self.title}"[
                :200
            ]
        )

    @classmethod
    def scope_condition(cls, org: Organisation) -> Q:
        # A township sees its own confirmed ledger; a department the confirmed events it caused.
        # Unverified anonymous reports stay with the county until verified.
        return Q(status=cls.Status.CONFIRMED) & (Q(township=org) | Q(department=org))

    def save(self, *args: object, **kwargs: object) -> None:
        self.month = self.date.replace(day=1)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, self.type)

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABEL.get(self.channel, self.channel)


class TownshipMonth(models.Model):
    """Confirmed hours and events per township, month, type and channel (refreshed on write)."""

    county = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    township = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    type = models.CharField(max_length=20, choices=TYPE_CHOICES)
    channel = models.CharField(max_length=10, choices=CHANNEL_CHOICES)
    hours = models.FloatField(default=0.0)
    events = models.PositiveIntegerField(default=0)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        indexes = [
            models.Index(fields=["county", "month"], name="ledger_tm_county_month"),
            models.Index(fields=["township", "month"], name="ledger_tm_town_month"),
            models.Index(fields=["month"], name="ledger_tm_month"),
        ]


class TownshipMonthTotal(models.Model):
    """Confirmed hours per township and month, the channels side by side: the compact table
    trends, rankings and year-on-year read (a province is ~58,000 rows for three years)."""

    county = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    township = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField()
    formal = models.FloatField(default=0.0)
    informal = models.FloatField(default=0.0)
    hours = models.FloatField(default=0.0)
    events = models.PositiveIntegerField(default=0)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        indexes = [
            models.Index(fields=["county", "month"], name="ledger_tt_county_month"),
            models.Index(fields=["township", "month"], name="ledger_tt_town_month"),
            models.Index(fields=["month"], name="ledger_tt_month"),
        ]


class DepartmentMonth(models.Model):
    """Confirmed hours and events per sending department (by name), month, type and channel."""

    county = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    source_department = models.CharField(max_length=100)
    department = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    month = models.DateField()
    type = models.CharField(max_length=20, choices=TYPE_CHOICES)
    channel = models.CharField(max_length=10, choices=CHANNEL_CHOICES)
    hours = models.FloatField(default=0.0)
    events = models.PositiveIntegerField(default=0)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("department",)

    class Meta:
        indexes = [
            models.Index(fields=["county", "month"], name="ledger_dm_county_month"),
            models.Index(fields=["month"], name="ledger_dm_month"),
        ]


class CountyMonth(models.Model):
    """Confirmed hours and events per county, month, type and channel: the roll-up of
    ``TownshipMonth`` that province-wide trends, year-on-year and type splits read (a province of
    54 counties is ~21,000 rows for three years).
    Rebuilt from ``TownshipMonth`` by ``services.refresh_summaries`` in the same transaction."""

    county = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField()
    type = models.CharField(max_length=20, choices=TYPE_CHOICES)
    channel = models.CharField(max_length=10, choices=CHANNEL_CHOICES)
    hours = models.FloatField(default=0.0)
    events = models.PositiveIntegerField(default=0)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ()  # county-wide roles only

    class Meta:
        indexes = [
            models.Index(fields=["county", "month"], name="ledger_cm_county_month"),
            models.Index(fields=["month"], name="ledger_cm_month"),
        ]


class LedgerRevision(models.Model):
    """A counter per county that every summary refresh moves, in the refresh's transaction: the
    ledger version that cached dashboards and detection are kept under. Not a digest of the
    summaries, so an edit that leaves every sum unchanged (a title, a sender) still moves it; the
    random stamp beside the counter keeps a version from repeating after a restore from backup."""

    county = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    revision = models.PositiveBigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")


class WorkGroup(models.Model):
    """A work chat group or app opened for a task; it must be closed when the task ends."""

    class Kind(models.TextChoices):
        CHAT_GROUP = "chat_group", "工作群"
        APP = "app", "政务APP"

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.CHAT_GROUP)
    department = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="建群（推广）部门",
    )
    townships = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name="涉及乡镇（街道）"
    )
    task = models.ForeignKey(
        "intake.IntakeTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="对应任务",
    )
    purpose = models.CharField("用途（对应工作）", max_length=300)
    opened_on = models.DateField("开设日期")
    task_ends_on = models.DateField("任务结束日期", null=True, blank=True)
    closed_on = models.DateField("关闭日期", null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("department", "townships")

    class Meta:
        verbose_name = "工作群/政务APP"
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def overdue_days(self, today: object) -> int:
        """Days a group has stayed open past its task's end (0 when closed in time)."""
        if self.task_ends_on is None:
            return 0
        end = self.closed_on or today
        return max(0, (end - self.task_ends_on).days)  # type: ignore[operator]


class Signboard(models.Model):
    """A board hung at a township for a piece of work (挂牌); removing it must remove the work."""

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="乡镇（街道）"
    )
    name = models.CharField("牌子名称", max_length=200)
    department = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="要求挂牌部门",
    )
    task = models.ForeignKey(
        "intake.IntakeTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="对应任务",
    )
    work = models.CharField("对应工作", max_length=300)
    put_up_on = models.DateField("挂牌日期")
    removed_on = models.DateField("摘牌日期", null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township", "department")

    class Meta:
        verbose_name = "挂牌"
        ordering = ["-put_up_on", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.township.name if self.township_id else ''}）"


class AnonymousReport(models.Model):
    """A burden reported without an account. It holds NO identity: no user, no address, no
    device, not even a time of day (a date only), so it cannot be matched against access logs."""

    class Status(models.TextChoices):
        PENDING = "pending", "待核实"
        VERIFIED = "verified", "已核实记入台账"
        REJECTED = "rejected", "核实不属实"

    county = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )
    township = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="乡镇（街道）"
    )
    event = models.OneToOneField(
        BurdenEvent, null=True, on_delete=models.SET_NULL, related_name="anonymous_report"
    )
    description = models.TextField("情况描述", blank=True)
    submitted_on = models.DateField("反映日期")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField("核实日期", null=True, blank=True)
    review_reason = models.TextField("核实意见", blank=True)
    purged = models.BooleanField("描述已按保存期限清除", default=False)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ()  # county-wide roles only

    class Meta:
        verbose_name = "匿名反映"
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"匿名反映 #{self.pk}"
