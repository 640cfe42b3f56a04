"""Organisations, users and the append-only audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from jiceng.core.roles import COUNTY_WIDE_ROLES, ROLE_LABELS, ROLE_ORG_KIND, Role
from jiceng.core.scoping import ScopedQuerySet


class Organisation(models.Model):
    """A node of the county tree: county → departments and townships → villages."""

    class Kind(models.TextChoices):
        COUNTY = "county", "县（市、区）"
        DEPARTMENT = "department", "县直部门"
        TOWNSHIP = "township", "乡镇（街道）"
        VILLAGE = "village", "村（社区）"

    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    name = models.CharField("名称", max_length=100)
    code = models.CharField("编码", max_length=32, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    county = models.ForeignKey(
        "self",
        verbose_name="所属县",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    staff_size = models.PositiveIntegerField("在编人数", default=0)
    population = models.PositiveIntegerField("常住人口", default=0)

    class Meta:
        verbose_name = "组织"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "kind", "name"], name="org_unique_name_in_county"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every organisation knows its county, so one indexed column scopes county-wide queries.
        if self.kind != self.Kind.COUNTY and self.county_id is None and self.parent is not None:
            self.county_id = self.parent.county_id or self.parent_id
        super().save(*args, **kwargs)
        if self.kind == self.Kind.COUNTY and self.county_id != self.pk:
            Organisation.objects.filter(pk=self.pk).update(county=self.pk)
            self.county_id = self.pk


class User(AbstractUser):
    role = models.CharField("角色", max_length=32, choices=[(r.value, r.label) for r in Role])
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="所属单位",
        null=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField("姓名", max_length=50, blank=True)
    failed_logins = models.PositiveIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_enum(self) -> Role | None:
        try:
            return Role(self.role)
        except ValueError:
            return None

    @property
    def role_label(self) -> str:
        role = self.role_enum
        return ROLE_LABELS[role] if role else ""

    @property
    def county_id_value(self) -> int | None:
        org = self.organisation
        return None if org is None else (org.county_id or org.pk)

    @property
    def is_county_wide(self) -> bool:
        return self.role_enum in COUNTY_WIDE_ROLES

    def is_locked(self, now: Any = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())

    def role_matches_organisation(self) -> bool:
        role = self.role_enum
        return (
            role is not None
            and self.organisation is not None
            and self.organisation.kind == ROLE_ORG_KIND[role]
        )


class AuditQuerySet(ScopedQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("审计日志只能追加，不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("审计日志不能删除。")


class AuditEntry(models.Model):
    """One line of the append-only audit log, chained to the previous one by its hash.

    Nothing in the application updates or deletes an entry: ``save`` refuses updates, ``delete``
    refuses, and the queryset refuses bulk update/delete. ``jiceng audit verify`` re-computes the
    chain so a change made behind the application's back (directly in the database) is detected.
    """

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="操作人单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    county = models.ForeignKey(
        Organisation,
        verbose_name="所属县",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("操作", max_length=32, db_index=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    ip_address = models.CharField("来源地址", max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, blank=True, db_index=True)

    objects = models.Manager.from_queryset(AuditQuerySet)()
    scope_fields: ClassVar[tuple[str, ...]] = ()  # only county-wide roles read the log

    class Meta:
        verbose_name = "审计日志"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("审计日志不能删除。")


class AuditChainHead(models.Model):
    """A single row locked while appending, so concurrent writers cannot fork the hash chain."""

    last_hash = models.CharField(max_length=64, blank=True)
    count = models.PositiveBigIntegerField(default=0)
