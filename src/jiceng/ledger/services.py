"""Writes of the burden ledger. Each is one audited transaction; the monthly summaries the
dashboards read are refreshed in the same transaction for the months a write touched."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError, InputErrors
from jiceng.ledger.caps import estimate_task_hours
from jiceng.ledger.events import (
    Channel,
    Event,
    EventType,
    _map_header,
    keyed_events,
    validate_row,
)
from jiceng.ledger.models import (
    BurdenEvent,
    DepartmentMonth,
    Signboard,
    TownshipMonth,
    TownshipMonthTotal,
    WorkGroup,
)

BATCH = 2000
MAX_TITLE = 300


def county_of(org: Organisation) -> Organisation:
    return org if org.kind == Organisation.Kind.COUNTY else org.county  # type: ignore[return-value]


def _writer_county(actor: User) -> Organisation:
    if actor.role_enum not in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.DEPARTMENT_CLERK):
        raise ForbiddenError("您的角色为只读，不能修改台账。")
    assert actor.organisation is not None
    return county_of(actor.organisation)


def _check_township(actor: User, township: Organisation) -> Organisation:
    county = _writer_county(actor)
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
    """Recompute the monthly summaries of one county (all months, or only ``months``) in SQL."""
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


# --------------------------------------------------------------------------------------------
# Reading an uploaded ledger file with row numbers
# --------------------------------------------------------------------------------------------


def read_ledger_file(data: bytes, filename: str) -> list[tuple[int, Event]]:
    """Every valid event of a contract CSV/XLSX with its spreadsheet row; all problems at once."""
    errors: list[InputError] = []
    rows: list[tuple[int, Event]] = []
    for number, values in _raw_rows(data, filename, errors):
        event = validate_row(values, file=filename, row=number, errors=errors)
        if event is not None:
            rows.append((number, event))
    if errors:
        raise InputErrors(errors)
    if not rows:
        raise InputError("文件中没有负担事件记录。", file=filename)
    return rows


def _raw_rows(
    data: bytes, filename: str, errors: list[InputError]
) -> Iterable[tuple[int, dict[str, Any]]]:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        yield from _xlsx_rows(data, filename, errors)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "文件不是 UTF-8 编码，请另存为 UTF-8 格式的 CSV 后再导入", file=filename
        ) from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise InputError("文件为空，缺少表头", file=filename, row=1)
    positions = _map_header(list(header), file=filename, row=1, errors=errors)
    if positions is None:
        return
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(
                InputError(
                    f"本行有 {len(cells)} 个字段，多于表头的 {len(header)} 列",
                    file=filename,
                    row=number,
                )
            )
            continue
        yield number, {positions[i]: cells[i] for i in positions if i < len(cells)}


def _xlsx_rows(
    data: bytes, filename: str, errors: list[InputError]
) -> Iterable[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-XLSX file
        raise InputError("无法作为 XLSX 文件打开，请确认文件格式", file=filename) from exc
    try:
        positions: dict[int, str] | None = None
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            texts = ["" if c is None else str(c).strip() for c in cells]
            if positions is None:
                if not {"township", "乡镇", "乡镇（街道）", "乡镇(街道)", "街道"} & set(texts):
                    continue
                positions = _map_header(list(cells), file=filename, row=number, errors=errors)
                if positions is None:
                    return
                continue
            if not any(texts):
                continue
            yield number, {positions[i]: cells[i] for i in positions if i < len(cells)}
        if positions is None:
            errors.append(InputError("找不到表头行（应包含 township/乡镇 等列）", file=filename))
    finally:
        workbook.close()


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int  # already in the ledger (same file imported again)

    @property
    def message(self) -> str:
        return f"新增 {self.created} 条负担事件" + (
            f"，{self.skipped} 条已在台账中（未重复导入）" if self.skipped else ""
        )


def _org_maps(county: Organisation) -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    orgs = Organisation.objects.filter(
        county=county, kind__in=[Organisation.Kind.TOWNSHIP, Organisation.Kind.DEPARTMENT]
    )
    townships = {o.name: o for o in orgs if o.kind == Organisation.Kind.TOWNSHIP}
    departments = {o.name: o for o in orgs if o.kind == Organisation.Kind.DEPARTMENT}
    return townships, departments


def import_events(
    *,
    actor: User | None,
    county: Organisation,
    rows: Sequence[tuple[int, Event]],
    filename: str,
    origin: str = BurdenEvent.Origin.IMPORT,
) -> ImportResult:
    """Add the events of one file; all or nothing; events already imported are not added again.

    ``actor`` None is the system (demo seeding). A township clerk may only import rows of their
    own township; the county admin imports for every township of the county.
    """
    if actor is not None:
        if actor.role_enum not in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK):
            raise ForbiddenError("只有县级管理员或乡镇（街道）经办人可以导入台账。")
        if county_of(actor.organisation) != county:  # type: ignore[arg-type]
            raise ForbiddenError("只能导入本县的台账。")
    townships, departments = _org_maps(county)
    errors: list[InputError] = []
    for number, event in rows:
        township = townships.get(event.township)
        if township is None:
            errors.append(
                InputError(
                    f"本县没有名为“{event.township}”的乡镇（街道）",
                    file=filename,
                    row=number,
                    column="township",
                )
            )
        elif (
            actor is not None
            and actor.role_enum == Role.TOWNSHIP_CLERK
            and township.pk != actor.organisation_id
        ):
            errors.append(
                InputError(
                    f"只能导入本乡镇（街道）的记录，不能导入“{event.township}”的",
                    file=filename,
                    row=number,
                    column="township",
                )
            )
        if len(event.title) > MAX_TITLE:
            errors.append(
                InputError(
                    f"标题过长（{len(event.title)} 字），上限 {MAX_TITLE} 字",
                    file=filename,
                    row=number,
                    column="title",
                )
            )
    if errors:
        raise InputErrors(errors)
    created = skipped = 0
    months: set[date] = set()
    keyed = list(keyed_events(event for _, event in rows))
    with transaction.atomic():
        for start in range(0, len(keyed), BATCH):
            chunk = keyed[start : start + BATCH]
            existing = set(
                BurdenEvent.objects.filter(
                    county=county, event_key__in=[k for k, _ in chunk]
                ).values_list("event_key", flat=True)
            )
            fresh = []
            for key, event in chunk:
                if key in existing:
                    skipped += 1
                    continue
                existing.add(key)
                month = event.date.replace(day=1)
                months.add(month)
                dept = departments.get(event.source_department)
                fresh.append(
                    BurdenEvent(
                        county=county,
                        township=townships[event.township],
                        date=event.date,
                        month=month,
                        type=event.type.value,
                        channel=event.channel.value,
                        source_department=event.source_department[:100],
                        department=dept,
                        title=event.title,
                        hours=event.hours,
                        origin=origin,
                        event_key=key,
                        created_by=actor,
                    )
                )
            BurdenEvent.objects.bulk_create(fresh, batch_size=BATCH)
            created += len(fresh)
        refresh_summaries(county.pk, months)
        record(
            Action.IMPORT,
            actor=actor,
            actor_name="" if actor else "系统",
            county=county,
            after={"file": filename, "created": created, "skipped": skipped},
            note=f"导入负担台账“{filename}”：新增 {created} 条，已存在 {skipped} 条",
        )
    return ImportResult(created, skipped)


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


# --------------------------------------------------------------------------------------------
# Work groups and signboards
# --------------------------------------------------------------------------------------------


def register_work_group(
    *,
    actor: User,
    name: str,
    kind: str,
    purpose: str,
    opened_on: date,
    townships: Sequence[Organisation],
    department: Organisation | None = None,
    task: Any = None,
    task_ends_on: date | None = None,
) -> WorkGroup:
    county = _writer_county(actor)
    if actor.role_enum == Role.DEPARTMENT_CLERK and department != actor.organisation:
        raise ForbiddenError("县直部门只能登记本部门开设的工作群或APP。")
    if actor.role_enum == Role.TOWNSHIP_CLERK and actor.organisation not in townships:
        raise ForbiddenError("乡镇（街道）经办人只能登记本乡镇（街道）所在的工作群或APP。")
    if any(t.county_id != county.pk or t.kind != Organisation.Kind.TOWNSHIP for t in townships):
        raise InputError("涉及的乡镇（街道）必须属于本县。")
    if department is not None and department.county_id != county.pk:
        raise InputError("建群部门必须属于本县。")
    if not name.strip() or not purpose.strip():
        raise InputError("名称和用途不能为空。")
    if task_ends_on is not None and task_ends_on < opened_on:
        raise InputError("任务结束日期不能早于开设日期。")
    with transaction.atomic():
        group = WorkGroup.objects.create(
            county=county,
            name=name.strip()[:200],
            kind=kind,
            department=department,
            task=task,
            purpose=purpose.strip()[:300],
            opened_on=opened_on,
            task_ends_on=task_ends_on,
            created_by=actor,
        )
        group.townships.set(townships)
        record(
            Action.CREATE,
            actor=actor,
            obj=group,
            after=snapshot(group) | {"townships": [t.pk for t in townships]},
            note="登记工作群/APP",
        )
    return group


def update_work_group(
    *,
    actor: User,
    group: WorkGroup,
    task_ends_on: date | None = None,
    closed_on: date | None = None,
) -> WorkGroup:
    """Record that the group's task ended and/or that the group was closed."""
    _writer_county(actor)
    fields = ["task_ends_on", "closed_on"]
    with transaction.atomic():
        before = snapshot(group, fields)
        if task_ends_on is not None:
            group.task_ends_on = task_ends_on
        if closed_on is not None:
            if closed_on < group.opened_on:
                raise InputError("关闭日期不能早于开设日期。")
            group.closed_on = closed_on
        group.save(update_fields=fields)
        record(
            Action.UPDATE,
            actor=actor,
            obj=group,
            before=before,
            after=snapshot(group, fields),
            note="更新工作群/APP状态",
        )
    return group


def register_signboard(
    *,
    actor: User,
    township: Organisation,
    name: str,
    work: str,
    put_up_on: date,
    department: Organisation | None = None,
    task: Any = None,
) -> Signboard:
    county = _writer_county(actor)
    if township.kind != Organisation.Kind.TOWNSHIP or township.county_id != county.pk:
        raise InputError("乡镇（街道）必须是本县的乡镇（街道）。")
    if actor.role_enum == Role.TOWNSHIP_CLERK and township.pk != actor.organisation_id:
        raise ForbiddenError("只能登记本乡镇（街道）的牌子。")
    if actor.role_enum == Role.DEPARTMENT_CLERK and department != actor.organisation:
        raise ForbiddenError("县直部门只能登记本部门要求挂的牌子。")
    if not name.strip() or not work.strip():
        raise InputError("牌子名称和对应工作不能为空。")
    with transaction.atomic():
        board = Signboard.objects.create(
            county=county,
            township=township,
            name=name.strip()[:200],
            department=department,
            task=task,
            work=work.strip()[:300],
            put_up_on=put_up_on,
            created_by=actor,
        )
        record(Action.CREATE, actor=actor, obj=board, after=snapshot(board), note="登记挂牌")
    return board


def remove_signboard(*, actor: User, board: Signboard, removed_on: date) -> Signboard:
    _writer_county(actor)
    if removed_on < board.put_up_on:
        raise InputError("摘牌日期不能早于挂牌日期。")
    with transaction.atomic():
        before = snapshot(board, ["removed_on"])
        board.removed_on = removed_on
        board.save(update_fields=["removed_on"])
        record(
            Action.UPDATE,
            actor=actor,
            obj=board,
            before=before,
            after=snapshot(board, ["removed_on"]),
            note="摘牌",
        )
    return board


# --------------------------------------------------------------------------------------------
# Command line (``jiceng ledger import``): the parser lives in ledger/cli.py, the work here
# --------------------------------------------------------------------------------------------


def import_file(path: str, county_name: str) -> ImportResult:
    """Import a contract CSV/XLSX into the named county's ledger as the system (audited)."""
    from pathlib import Path

    from jiceng.progress import progress

    county = Organisation.objects.filter(
        kind=Organisation.Kind.COUNTY, name=county_name.strip()
    ).first()
    if county is None:
        names = (
            "、".join(
                Organisation.objects.filter(kind=Organisation.Kind.COUNTY).values_list(
                    "name", flat=True
                )
            )
            or "（无）"
        )
        raise InputError(f"找不到名为“{county_name}”的县，现有：{names}")
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", file=file.name) from exc
    rows = list(progress(read_ledger_file(data, file.name), desc="校验台账"))
    return import_events(actor=None, county=county, rows=rows, filename=file.name)
