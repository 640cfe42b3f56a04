"""Capacity records: staff posts, secondments, delegated powers, training, retention, pulse survey.

Every record belongs to a county and (except county-wide training sessions and surveys) to one
township, and is read through ``ScopedQuerySet``: a township clerk sees only its own township.
The pulse-survey answer stores no identity at all: no user, no time, no address, no access code.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from jiceng.capacity.pulse import FEELING_LABELS
from jiceng.capacity.retention import GRADE_LABELS
from jiceng.capacity.training import FORMAT_LABELS, TOPIC_LABELS
from jiceng.core.models import Organisation, User
from jiceng.core.scoping import ScopedQuerySet

TOPIC_CHOICES = list(TOPIC_LABELS.items())
FORMAT_CHOICES = list(FORMAT_LABELS.items())
GRADE_CHOICES = list(GRADE_LABELS.items())
FEELING_CHOICES = list(FEELING_LABELS.items())


def _county() -> models.ForeignKey:
    return models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所属县"
    )


def _township(related: str) -> models.ForeignKey:
    return models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name=related, verbose_name="乡镇（街道）"
    )


class StaffPost(models.Model):
    county = _county()
    township = _township("staff_posts")
    name = models.CharField("岗位", max_length=100)
    authorised = models.PositiveIntegerField("核定编制")
    actual = models.PositiveIntegerField("实有人数")
    seconded_out = models.PositiveIntegerField("借调外出", default=0)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "岗位编制"
        ordering = ["township__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="capacity_post_unique")
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.name}"

    @property
    def vacancies(self) -> int:
        return max(0, self.authorised - self.actual)


class Secondment(models.Model):
    """Staff of a township borrowed by an upper-level body (借调): people taken from the township."""

    county = _county()
    township = _township("secondments")
    borrower = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="借调单位",
    )
    borrower_name = models.CharField("借调单位名称", max_length=100)
    persons = models.PositiveIntegerField("人数")
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True)
    reason = models.CharField("事由", max_length=300)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township", "borrower")

    class Meta:
        verbose_name = "借调记录"
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return f"{self.township} 借调 {self.persons} 人至 {self.borrower_name}"


class DelegatedPower(models.Model):
    county = _county()
    township = _township("delegated_powers")
    name = models.CharField("赋权事项", max_length=200)
    basis = models.CharField("赋权依据", max_length=300, blank=True)
    department = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="原行使部门",
    )
    delegated_on = models.DateField("赋权日期")
    staff_added = models.PositiveIntegerField("随权下沉人员", default=0)
    budget_added = models.DecimalField(
        "随权下拨经费（元）", max_digits=14, decimal_places=2, default=0
    )
    training_given = models.BooleanField("已开展承接培训", default=False)
    hidden_burden = models.BooleanField("新增隐性负担", default=False, db_index=True)
    pending = models.BooleanField("过渡期内", default=False)
    reasons = models.JSONField("判断理由", default=list)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township", "department")

    class Meta:
        verbose_name = "赋权事项"
        ordering = ["-delegated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.township} {self.name}"


class TrainingSession(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "计划"
        HELD = "held", "已举办"

    county = _county()
    title = models.CharField("培训名称", max_length=200)
    topic = models.CharField("主题", max_length=16, choices=TOPIC_CHOICES)
    format = models.CharField("形式", max_length=16, choices=FORMAT_CHOICES)
    date = models.DateField("日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.PLANNED)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    public_in_county = True  # the county's training calendar is open to all its staff

    class Meta:
        verbose_name = "培训"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    county = _county()
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    township = _township("training_attendance")
    attendees = models.PositiveIntegerField("参训人数")

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "参训记录"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "township"], name="capacity_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.township} {self.attendees} 人"


class StaffMovement(models.Model):
    class Kind(models.TextChoices):
        JOINED = "joined", "新进"
        LEFT = "left", "离职"
        TRANSFERRED_OUT = "transferred_out", "调出"
        PROMOTED = "promoted", "提拔"

    county = _county()
    township = _township("staff_movements")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    date = models.DateField("日期")
    count = models.PositiveIntegerField("人数", default=1)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "人员变动"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.township} {self.get_kind_display()} {self.count} 人"


class Vacancy(models.Model):
    county = _county()
    township = _township("vacancies")
    post = models.CharField("岗位", max_length=100)
    opened_on = models.DateField("出缺日期")
    filled_on = models.DateField("补员日期", null=True, blank=True)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "岗位空缺"
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.township} {self.post}"


class PayLevel(models.Model):
    """Aggregated pay of one grade in one township and year: never a person's own figure."""

    county = _county()
    township = _township("pay_levels")
    year = models.PositiveIntegerField("年度")
    grade = models.CharField("职级", max_length=16, choices=GRADE_CHOICES)
    headcount = models.PositiveIntegerField("人数")
    average_monthly_pay = models.DecimalField("人均月收入（元）", max_digits=10, decimal_places=2)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ("township",)

    class Meta:
        verbose_name = "收入水平"
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year", "grade"], name="capacity_pay_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.year} {self.get_grade_display()}"


class PulseSurvey(models.Model):
    county = _county()
    title = models.CharField("问卷名称", max_length=200)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    public_in_county = True

    class Meta:
        verbose_name = "减负感受问卷"
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: object = None) -> bool:
        day = today or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class PulseAccess(models.Model):
    """A way in to one survey for one township: a one-time code or an open link (hash only)."""

    county = _county()
    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="accesses")
    township = _township("+")
    token_hash = models.CharField(max_length=64, unique=True)
    single_use = models.BooleanField("一次性", default=True)
    used = models.BooleanField("已使用", default=False)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ()  # county-wide roles only

    class Meta:
        verbose_name = "问卷入口"


class PulseResponse(models.Model):
    """One anonymous answer. Deliberately no user, timestamp, address, device or access link."""

    county = _county()
    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="responses")
    township = _township("+")
    hours_lost = models.DecimalField("上周形式主义耗费工时", max_digits=4, decimal_places=1)
    channels = models.JSONField("主要渠道", default=list)
    feeling = models.CharField("与上季度相比", max_length=8, choices=FEELING_CHOICES)

    objects = models.Manager.from_queryset(ScopedQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ()  # raw answers are read only in aggregate

    class Meta:
        verbose_name = "问卷答卷"
