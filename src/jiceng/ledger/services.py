"""Writes of burden events and the monthly summaries they feed. Each write is one audited
transaction; the summaries the dashboards read are refreshed in it for the months it touched.

File import lives in ``ledger.importing``, the work-group and signboard registers in
``ledger.registers``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError
from jiceng.ledger.caps import estimate_task_hours
from jiceng.ledger.events import Channel, EventType
from jiceng.ledger.models import (
    BurdenEvent,
    CountyMonth,
    DepartmentMonth,
    LedgerRevision,
    Signboard,
    TownshipMonth,
    TownshipMonthTotal,
    WorkGroup,
)

MAX_TITLE = 300


def county_of(org: Organisation) -> Organisation:
    return org if org.kind == Organisation.Kind.COUNTY else org.county  # type: ignore[return-value]


def writer_county(actor: User) -> Organisation:
    if actor.role_enum not in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.DEPARTMENT_CLERK):
        raise ForbiddenError("您的角色为只读，不能修改台账。")
    assert actor.organisation is not None
    return county_of(actor.organisation)


def _check_township(actor: User, township: Organisation) -> Organisation:
    county = writer_county(actor)
    if township.kind != Organisation.Kind.TOWNSHIP or township.county_id != county.pk:
        raise InputError("乡镇（街道）必须是本县的乡镇（街道）。")
    if actor.role_enum == Role.TOWNSHIP_CLERK and township.pk != actor.organisation_id:
        raise ForbiddenError("乡镇（街道）经办人只能登记本乡镇（街道）的负担。")
    if actor.role_enum == Role.DEPARTMENT_CLERK:
        raise ForbiddenError("负担事件由乡镇（街道）或县减负办登记。")
    return county


# --------------------------------------------------------------------------------------------
# Monthly summaries
# --------------------------------------------------------------------------------------------


def refresh_summaries(county_id: int, months: Iterable[date] | None = None) -> None:
    """Recompute the monthly summaries of one county (all months, or only ``months``) in SQL:
    the township, department and channel-total tables from the events, then the county roll-up
    from the township table, each with one ``INSERT … SELECT … GROUP BY``."""
    month_list = sorted(set(months)) if months is not None else None
    if month_list == []:
        return
    q = connection.ops.quote_name
    events = q(BurdenEvent._meta.db_table)
    where = "county_id = %s"
    params: list[Any] = [county_id]
    if month_list is not None:
        where += f" AND month IN ({', '.join(['%s'] * len(month_list))})"
        params += month_list
    with transaction.atomic(), connection.cursor() as cursor:
        for model, keys in (
            (TownshipMonth, "township_id"),
            (DepartmentMonth, "source_department, department_id"),
        ):
            table = q(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
            cursor.execute(
                f"INSERT INTO {table} (county_id, {keys}, month, type, channel, hours, events) "
                f"SELECT county_id, {keys}, month, type, channel, SUM(hours), COUNT(*) FROM {events} "
                f"WHERE {where} AND status = %s GROUP BY county_id, {keys}, month, type, channel",
                [*params, BurdenEvent.Status.CONFIRMED.value],
            )
        totals = q(TownshipMonthTotal._meta.db_table)
        cursor.execute(f"DELETE FROM {totals} WHERE {where}", params)
        cursor.execute(
            f"INSERT INTO {totals} (county_id, township_id, month, formal, informal, hours, events) "
            "SELECT county_id, township_id, month, "
            "SUM(CASE WHEN channel = %s THEN hours ELSE 0 END), "
            "SUM(CASE WHEN channel = %s THEN hours ELSE 0 END), SUM(hours), COUNT(*) "
            f"FROM {events} WHERE {where} AND status = %s GROUP BY county_id, township_id, month",
            [
                Channel.FORMAL.value,
                Channel.INFORMAL.value,
                *params,
                BurdenEvent.Status.CONFIRMED.value,
            ],
        )
        LedgerRevision.objects.get_or_create(county_id=county_id)
        LedgerRevision.objects.filter(county_id=county_id).update(
            revision=F("revision") + 1, stamp=uuid.uuid4().hex
        )
        rollup, towns = q(CountyMonth._meta.db_table), q(TownshipMonth._meta.db_table)
        cursor.execute(f"DELETE FROM {rollup} WHERE {where}", params)
        cursor.execute(
            f"INSERT INTO {rollup} (county_id, month, type, channel, hours, events) "
            f"SELECT county_id, month, type, channel, SUM(hours), SUM(events) FROM {towns} "
            f"WHERE {where} GROUP BY county_id, month, type, channel",
            params,
        )


# --------------------------------------------------------------------------------------------
# Single events
# --------------------------------------------------------------------------------------------


def department_named(county: Organisation, name: str) -> Organisation | None:
    return Organisation.objects.filter(
        county=county, kind=Organisation.Kind.DEPARTMENT, name=name.strip()
    ).first()


def create_event(
    *,
    actor: User,
    township: Organisation,
    date: date,
    type: str,
    hours: float,
    title: str = "",
    source_department: str = "",
    channel: str | None = None,
    length_chars: int | None = None,
    comprehensive: bool = False,
    task: Any = None,
    signboard: Signboard | None = None,
    work_group: WorkGroup | None = None,
) -> BurdenEvent:
    county = _check_township(actor, township)
    try:
        event_type = EventType(type)
    except ValueError:
        raise InputError(f"未知的负担类型“{type}”。") from None
    if channel is not None and channel not in {c.value for c in Channel}:
        raise InputError("渠道应为正式或非正式。")
    if not 0 <= hours <= 10_000:
        raise InputError("工时应在 0 到 10000 小时之间。")
    for linked, label in ((signboard, "牌子"), (work_group, "工作群/APP")):
        if linked is not None and linked.county_id != county.pk:
            raise InputError(f"所选{label}不属于本县。")
    if task is not None and task.county_id != county.pk:
        raise InputError("所选任务不属于本县。")
    with transaction.atomic():
        event = BurdenEvent(
            county=county,
            township=township,
            date=date,
            type=event_type.value,
            channel=channel or event_type.usual_channel.value,
            source_department=source_department.strip()[:100],
            department=department_named(county, source_department) if source_department else None,
            title=title.strip()[:MAX_TITLE],
            hours=round(float(hours), 2),
            length_chars=length_chars,
            comprehensive=comprehensive,
            task=task,
            signboard=signboard,
            work_group=work_group,
            origin=BurdenEvent.Origin.FORM,
            event_key=f"form-{uuid.uuid4().hex}",
            created_by=actor,
        )
        event.save()
        refresh_summaries(county.pk, [event.month])
        record(
            Action.CREATE,
            actor=actor,
            obj=event,
            after=snapshot(event, _EVENT_FIELDS),
            note="登记负担事件",
        )
    return event


_EVENT_FIELDS = [
    "township_id",
    "date",
    "type",
    "channel",
    "source_department",
    "title",
    "hours",
    "status",
    "origin",
]


def record_released_task(sender: Any = None, *, task: Any, **_: Any) -> list[BurdenEvent]:
    """Signal receiver: one document event per target township of a released task (idempotent)."""
    flags = {f["code"]: f.get("label_zh", f["code"]) for f in task.flags}
    hours, reasons = estimate_task_hours(task.category, flags, task.deadline_days)
    created = []
    today = timezone.localdate()
    with transaction.atomic():
        for township in task.targets.all():
            key = f"intake-{task.pk}-{township.pk}"
            if BurdenEvent.objects.filter(county_id=task.county_id, event_key=key).exists():
                continue
            event = BurdenEvent(
                county_id=task.county_id,
                township=township,
                date=today,
                type=EventType.DOCUMENT.value,
                channel=Channel.FORMAL.value,
                source_department=task.department.name,
                department=task.department,
                title=task.title[:MAX_TITLE],
                hours=hours,
                length_chars=len(task.body),
                task=task,
                origin=BurdenEvent.Origin.INTAKE,
                event_key=key,
            )
            event.save()
            created.append(event)
        if created:
            refresh_summaries(task.county_id, [today.replace(day=1)])
            record(
                Action.CREATE,
                actor_name="系统（准入任务下达）",
                obj=task,
                county=task.county,
                after={"events": [e.pk for e in created], "hours_each": hours},
                note=f"任务下达，记入 {len(created)} 个乡镇（街道）的负担台账，每个 {hours:g} 小时（{'；'.join(reasons)}）",
            )
    return created
