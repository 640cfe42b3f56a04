"""Generic audited writes. Domain services call these inside their own use-case functions.

Each runs in one transaction and writes its audit entry in that same transaction, so a change
and its record are committed together or not at all (the Zulip ``do_*`` pattern).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import READ_ONLY_ROLES
from jiceng.errors import ForbiddenError

M = TypeVar("M", bound=models.Model)


def ensure_can_write(user: User) -> None:
    if not user.is_authenticated or user.role_enum is None or user.role_enum in READ_ONLY_ROLES:
        raise ForbiddenError("您的角色为只读，不能修改数据。")


def create_record(model: type[M], *, actor: User, note: str = "", **fields: Any) -> M:
    with transaction.atomic():
        obj = model(**fields)
        obj.full_clean()
        obj.save()
        record(Action.CREATE, actor=actor, obj=obj, after=snapshot(obj), note=note)
    return obj


def update_record(obj: M, *, actor: User, note: str = "", **changes: Any) -> M:
    with transaction.atomic():
        before = snapshot(obj, [obj._meta.get_field(k).attname for k in changes])
        for key, value in changes.items():
            setattr(obj, key, value)
        obj.full_clean()
        obj.save()
        after = snapshot(obj, before.keys())
        if before != after:
            record(Action.UPDATE, actor=actor, obj=obj, before=before, after=after, note=note)
    return obj


def delete_record(obj: models.Model, *, actor: User, note: str = "") -> None:
    with transaction.atomic():
        before = snapshot(obj)
        record(Action.DELETE, actor=actor, obj=obj, before=before, note=note)
        obj.delete()


def county_of(user: User) -> Organisation:
    org = user.organisation
    if org is None:
        raise ForbiddenError("您的账户未关联单位，请联系县级管理员。")
    return org if org.kind == Organisation.Kind.COUNTY else org.county  # type: ignore[return-value]
