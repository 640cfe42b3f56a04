"""The registers of work groups/apps and of signboards: registering, closing and taking down.

The ledger watches both for formalism the rules forbid — groups left open after their task, and
signboards removed while the work behind them stays (减牌不减事) — see ``ledger.queries``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError, InputError
from jiceng.ledger.models import Signboard, WorkGroup
from jiceng.ledger.services import writer_county


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
    county = writer_county(actor)
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
    writer_county(actor)
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
    county = writer_county(actor)
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
    writer_county(actor)
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
