"""Writes of the capacity part. Each is keyword-only, one transaction, with its audit entry.

The pulse-survey answer is the one exception to "every write is audited": an audit entry (with
its time and address) next to an anonymous answer would undo the anonymity, so answers are
counted, never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jiceng.capacity import secondments as secondment_rows
from jiceng.capacity.models import (
    DelegatedPower,
    PayLevel,
    Secondment,
    StaffMovement,
    StaffPost,
    TrainingAttendance,
    TrainingSession,
    Vacancy,
)
from jiceng.capacity.powers import PowerFacts, assess_power
from jiceng.capacity.roster import read_roster
from jiceng.capacity.signals import secondment_recorded
from jiceng.core.amounts import parse_amount
from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.services import county_of, ensure_can_write
from jiceng.errors import ForbiddenError, InputError, NotFoundError


def _writable_township(actor: User, township: Organisation) -> Organisation:
    """The county admin writes for any township of the county; a township clerk only its own."""
    ensure_can_write(actor)
    county = county_of(actor)
    if township.kind != Organisation.Kind.TOWNSHIP or township.county_id != county.pk:
        raise NotFoundError("未找到该乡镇（街道），或您无权操作。")
    if actor.role_enum == Role.COUNTY_ADMIN:
        return county
    if actor.role_enum == Role.TOWNSHIP_CLERK and actor.organisation_id == township.pk:
        return county
    raise ForbiddenError("只能维护本乡镇（街道）的数据。")


def require_admin(actor: User) -> Organisation:
    ensure_can_write(actor)
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以执行此操作。")
    return county_of(actor)


# --- staff roster ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterImport:
    townships: int
    posts: int
    replaced: int


def import_roster(*, actor: User, data: bytes, filename: str) -> RosterImport:
    """Replace the roster of every township named in the file, all or nothing."""
    ensure_can_write(actor)
    county = county_of(actor)
    if actor.role_enum not in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK):
        raise ForbiddenError("您的角色不能导入干部名册。")
    towns = {
        o.name: o
        for o in Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP)
    }
    own = (
        actor.organisation.name
        if actor.role_enum == Role.TOWNSHIP_CLERK and actor.organisation
        else None
    )
    rows = read_roster(data, filename, known=set(towns), allowed={own} if own else None)
    touched = {towns[r.township] for r in rows}
    now = timezone.now()
    with transaction.atomic():
        replaced, _ = StaffPost.objects.filter(township__in=touched).delete()
        StaffPost.objects.bulk_create(
            [
                StaffPost(
                    county=county,
                    township=towns[r.township],
                    name=r.post,
                    authorised=r.authorised,
                    actual=r.actual,
                    seconded_out=r.seconded_out,
                    updated_at=now,
                )
                for r in rows
            ]
        )
        record(
            Action.IMPORT,
            actor=actor,
            county=county,
            after={
                "file": filename,
                "townships": sorted(t.name for t in touched),
                "posts": len(rows),
            },
            note=f"导入干部名册：{len(touched)} 个乡镇（街道）{len(rows)} 个岗位，替换原有 {replaced} 条",
        )
    return RosterImport(len(touched), len(rows), replaced)


def save_post(
    *,
    actor: User,
    township: Organisation,
    name: str,
    authorised: int,
    actual: int,
    seconded_out: int = 0,
) -> StaffPost:
    county = _writable_township(actor, township)
    name = (name or "").strip()
    if not name:
        raise InputError("岗位名称不能为空。")
    if min(authorised, actual, seconded_out) < 0:
        raise InputError("人数不能为负数。")
    if seconded_out > actual:
        raise InputError("借调外出人数不能多于实有人数。")
    with transaction.atomic():
        post = StaffPost.objects.filter(township=township, name=name).first()
        if post is None:
            post = StaffPost.objects.create(
                county=county,
                township=township,
                name=name,
                authorised=authorised,
                actual=actual,
                seconded_out=seconded_out,
            )
            record(Action.CREATE, actor=actor, obj=post, after=snapshot(post))
        else:
            before = snapshot(post, ["authorised", "actual", "seconded_out"])
            post.authorised, post.actual, post.seconded_out = authorised, actual, seconded_out
            post.updated_at = timezone.now()
            post.save()
            record(
                Action.UPDATE,
                actor=actor,
                obj=post,
                before=before,
                after=snapshot(post, before.keys()),
            )
    return post


# --- secondments -----------------------------------------------------------------------------


def record_secondment(
    *,
    actor: User,
    township: Organisation,
    borrower_name: str,
    persons: int,
    start: date,
    end: date | None = None,
    reason: str,
    borrower: Organisation | None = None,
) -> Secondment:
    """Record staff borrowed from a township; the ledger is told after commit (a burden event)."""
    county = _writable_township(actor, township)
    if persons <= 0:
        raise InputError("借调人数必须大于 0。")
    if end is not None and end < start:
        raise InputError("结束日期不能早于开始日期。")
    if borrower is not None and borrower.county_id != county.pk:
        raise InputError("借调单位必须是本县的单位。")
    name = (borrower_name or (borrower.name if borrower else "")).strip()
    if not name or not (reason or "").strip():
        raise InputError("请填写借调单位和事由。")
    with transaction.atomic():
        item = Secondment.objects.create(
            county=county,
            township=township,
            borrower=borrower,
            borrower_name=name[:100],
            persons=persons,
            start=start,
            end=end,
            reason=reason.strip()[:300],
            recorded_by=actor,
        )
        record(
            Action.CREATE,
            actor=actor,
            obj=item,
            after=snapshot(item),
            note="登记借调（计入负担台账）",
        )
        transaction.on_commit(
            lambda: secondment_recorded.send(
                sender=Secondment, secondment=item, events=ledger_events(item)
            )
        )
    return item


def ledger_events(item: Secondment, *, until: date | None = None) -> list[dict[str, str]]:
    """The secondment as ledger-contract rows, one per month (for ``jiceng.ledger``)."""
    return secondment_rows.secondment_events(
        township=item.township.name,
        borrower=item.borrower_name,
        persons=item.persons,
        start=item.start,
        end=item.end,
        reason=item.reason,
        until=until or timezone.localdate(),
    )


# --- delegated powers ------------------------------------------------------------------------


def _assess(power: DelegatedPower, as_of: date | None = None) -> None:
    result = assess_power(
        PowerFacts(
            power.name,
            power.delegated_on,
            power.staff_added,
            power.budget_added,
            power.training_given,
        ),
        as_of=as_of or timezone.localdate(),
    )
    power.hidden_burden, power.pending, power.reasons = (
        result.hidden_burden,
        result.pending,
        result.reasons,
    )


def _decimal(value: Any, label: str) -> Decimal:
    return parse_amount(value, label)


def delegate_power(
    *,
    actor: User,
    township: Organisation,
    name: str,
    delegated_on: date,
    basis: str = "",
    department: Organisation | None = None,
    staff_added: int = 0,
    budget_added: Any = 0,
    training_given: bool = False,
    as_of: date | None = None,
) -> DelegatedPower:
    county = require_admin(actor)
    if township.kind != Organisation.Kind.TOWNSHIP or township.county_id != county.pk:
        raise NotFoundError("未找到该乡镇（街道）。")
    if department is not None and department.county_id != county.pk:
        raise InputError("原行使部门必须是本县的部门。")
    if not (name or "").strip():
        raise InputError("赋权事项名称不能为空。")
    power = DelegatedPower(
        county=county,
        township=township,
        name=name.strip()[:200],
        basis=basis.strip()[:300],
        department=department,
        delegated_on=delegated_on,
        staff_added=max(0, staff_added),
        budget_added=_decimal(budget_added, "随权下拨经费"),
        training_given=training_given,
    )
    _assess(power, as_of)
    with transaction.atomic():
        power.save()
        note = (
            "赋权事项未同步人员、经费或培训，列为新增隐性负担"
            if power.hidden_burden
            else "登记赋权事项"
        )
        record(Action.CREATE, actor=actor, obj=power, after=snapshot(power), note=note)
    return power


def update_power_resources(
    *,
    actor: User,
    power: DelegatedPower,
    staff_added: int,
    budget_added: Any,
    training_given: bool,
    as_of: date | None = None,
) -> DelegatedPower:
    require_admin(actor)
    fields = [
        "staff_added",
        "budget_added",
        "training_given",
        "hidden_burden",
        "pending",
        "reasons",
    ]
    before = snapshot(power, fields)
    power.staff_added = max(0, staff_added)
    power.budget_added = _decimal(budget_added, "随权下拨经费")
    power.training_given = training_given
    _assess(power, as_of)
    with transaction.atomic():
        power.save()
        record(Action.UPDATE, actor=actor, obj=power, before=before, after=snapshot(power, fields))
    return power


# --- training --------------------------------------------------------------------------------


def schedule_training(
    *, actor: User, title: str, topic: str, format: str, date: date, hours: Any, held: bool = False
) -> TrainingSession:
    county = require_admin(actor)
    if topic not in dict(TrainingSession._meta.get_field("topic").choices or []):
        raise InputError("培训主题无效。")
    if format not in dict(TrainingSession._meta.get_field("format").choices or []):
        raise InputError("培训形式无效。")
    length = _decimal(hours, "学时")
    if length <= 0 or length > 200:
        raise InputError("学时应在 0 到 200 之间。")
    if not (title or "").strip():
        raise InputError("培训名称不能为空。")
    status = TrainingSession.Status.HELD if held else TrainingSession.Status.PLANNED
    with transaction.atomic():
        session = TrainingSession.objects.create(
            county=county,
            title=title.strip()[:200],
            topic=topic,
            format=format,
            date=date,
            hours=length,
            status=status,
        )
        record(Action.CREATE, actor=actor, obj=session, after=snapshot(session))
    return session


def record_attendance(
    *, actor: User, session: TrainingSession, township: Organisation, attendees: int
) -> TrainingAttendance:
    """How many of a township's staff attended a held session (the clerk records its own)."""
    county = _writable_township(actor, township)
    if session.county_id != county.pk:
        raise NotFoundError("未找到该培训。")
    if attendees < 0:
        raise InputError("参训人数不能为负数。")
    staff = StaffPost.objects.filter(township=township).aggregate(n=Sum("actual"))["n"]
    if staff is not None and attendees > staff:
        raise InputError(f"参训人数 {attendees} 多于该乡镇（街道）实有人数 {staff}。")
    with transaction.atomic():
        row, created = TrainingAttendance.objects.update_or_create(
            session=session, township=township, defaults={"county": county, "attendees": attendees}
        )
        if session.status != TrainingSession.Status.HELD:
            TrainingSession.objects.filter(pk=session.pk).update(status=TrainingSession.Status.HELD)
        record(
            Action.CREATE if created else Action.UPDATE, actor=actor, obj=row, after=snapshot(row)
        )
    return row


# --- keeping people --------------------------------------------------------------------------


def record_movement(
    *, actor: User, township: Organisation, kind: str, date: date, count: int = 1
) -> StaffMovement:
    county = _writable_township(actor, township)
    if kind not in StaffMovement.Kind.values:
        raise InputError("人员变动类型无效。")
    if count <= 0:
        raise InputError("人数必须大于 0。")
    with transaction.atomic():
        item = StaffMovement.objects.create(
            county=county, township=township, kind=kind, date=date, count=count
        )
        record(Action.CREATE, actor=actor, obj=item, after=snapshot(item))
    return item


def open_vacancy(
    *,
    actor: User,
    township: Organisation,
    post: str,
    opened_on: date,
    filled_on: date | None = None,
) -> Vacancy:
    county = _writable_township(actor, township)
    if not (post or "").strip():
        raise InputError("岗位不能为空。")
    if filled_on is not None and filled_on < opened_on:
        raise InputError("补员日期不能早于出缺日期。")
    with transaction.atomic():
        item = Vacancy.objects.create(
            county=county,
            township=township,
            post=post.strip()[:100],
            opened_on=opened_on,
            filled_on=filled_on,
        )
        record(Action.CREATE, actor=actor, obj=item, after=snapshot(item))
    return item


def fill_vacancy(*, actor: User, vacancy: Vacancy, filled_on: date) -> Vacancy:
    _writable_township(actor, vacancy.township)
    if filled_on < vacancy.opened_on:
        raise InputError("补员日期不能早于出缺日期。")
    before = snapshot(vacancy, ["filled_on"])
    with transaction.atomic():
        vacancy.filled_on = filled_on
        vacancy.save(update_fields=["filled_on"])
        record(
            Action.UPDATE,
            actor=actor,
            obj=vacancy,
            before=before,
            after=snapshot(vacancy, ["filled_on"]),
        )
    return vacancy


def set_pay_level(
    *,
    actor: User,
    township: Organisation,
    year: int,
    grade: str,
    headcount: int,
    average_monthly_pay: Any,
) -> PayLevel:
    """Pay is entered only as a group average (county admin), never per person."""
    county = require_admin(actor)
    if township.county_id != county.pk or township.kind != Organisation.Kind.TOWNSHIP:
        raise NotFoundError("未找到该乡镇（街道）。")
    if grade not in dict(PayLevel._meta.get_field("grade").choices or []):
        raise InputError("职级无效。")
    if headcount <= 0:
        raise InputError("人数必须大于 0。")
    pay = _decimal(average_monthly_pay, "人均月收入")
    with transaction.atomic():
        item, created = PayLevel.objects.update_or_create(
            township=township,
            year=year,
            grade=grade,
            defaults={"county": county, "headcount": headcount, "average_monthly_pay": pay},
        )
        record(
            Action.CREATE if created else Action.UPDATE, actor=actor, obj=item, after=snapshot(item)
        )
    return item
