"""Writing and verifying the audit log.

``record`` is called by service functions inside their transaction, so an audit entry exists
exactly when the change it describes was committed. Entries are chained: each stores the hash of
the previous one, and ``verify_chain`` names the first entry whose content or link was altered.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from jiceng.core.models import AuditChainHead, AuditEntry, Organisation, User


class Action:
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKED = "locked"
    LOGOUT = "logout"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    IMPORT = "import"
    REVIEW = "review"


ACTION_LABELS = {
    Action.LOGIN: "登录成功",
    Action.LOGIN_FAILED: "登录失败",
    Action.LOCKED: "账户锁定",
    Action.LOGOUT: "退出登录",
    Action.CREATE: "新增",
    Action.UPDATE: "修改",
    Action.DELETE: "删除",
    Action.EXPORT: "导出",
    Action.IMPORT: "导入",
    Action.REVIEW: "审核",
}


def to_jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The stored field values of a record, JSON-ready, for before/after comparison."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in obj._meta.concrete_fields if f.attname not in {"id"}]
    )
    return {name: to_jsonable(getattr(obj, name)) for name in names}


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "organisation": entry.organisation_id,
        "county": entry.county_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
        "ip": entry.ip_address,
        "prev": entry.prev_hash,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def record(
    action: str,
    *,
    actor: User | None = None,
    actor_name: str = "",
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    ip_address: str = "",
    county: Organisation | None = None,
) -> AuditEntry:
    """Append one entry. Call inside the transaction of the change it describes."""
    org = actor.organisation if actor is not None and actor.is_authenticated else None
    if county is None:
        county_id = getattr(obj, "county_id", None) if obj is not None else None
        if county_id is None and org is not None:
            county_id = org.county_id or org.pk
    else:
        county_id = county.pk
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_name=actor_name
            or (actor.get_username() if actor is not None and actor.is_authenticated else ""),
            organisation=org,
            county_id=county_id,
            action=action,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            before=to_jsonable(before),
            after=to_jsonable(after),
            note=note,
            ip_address=ip_address,
            prev_hash=head.last_hash,
        )
        entry.entry_hash = compute_hash(entry)
        entry.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=entry.entry_hash, count=head.count + 1)
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    problem: str

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_chain(batch: int = 2000) -> ChainReport:
    """Walk the log in id order; report the first entry whose hash or link does not hold."""
    prev = ""
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch):
        if entry.prev_hash != prev:
            return ChainReport(
                checked,
                entry.pk,
                f"第 {entry.pk} 条的前序哈希与上一条不一致（可能有条目被删除或插入）。",
            )
        if compute_hash(entry) != entry.entry_hash:
            return ChainReport(
                checked, entry.pk, f"第 {entry.pk} 条的内容与其哈希不符（内容被改动）。"
            )
        prev = entry.entry_hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return ChainReport(checked, None, "日志末尾的条目被删除：链头哈希与最后一条不一致。")
    return ChainReport(checked, None, "")
