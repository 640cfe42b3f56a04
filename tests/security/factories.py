"""Object factories for the access matrix: one record of each routed kind, owned by a given
organisation of the conftest world, created through the parts' own services where they exist.

``make(world, kind, county, org)`` builds (once per test) the record of ``kind`` whose owning
township is township ``org`` of county ``county`` and whose department is department ``org`` of
that county — so record (0, 0) is "own" for every user of county 0 at index 0, record (0, 1)
belongs to a sibling organisation of the same county and record (1, 0) to the other county.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from jiceng.core.models import Organisation

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200
DAY = dt.date(2025, 3, 3)


def county(world: Any, c: int) -> Organisation:
    return world.counties[c]


def township(world: Any, c: int, i: int) -> Organisation:
    return [t for t in world.townships if t.county_id == world.counties[c].pk][i]


def department(world: Any, c: int, i: int) -> Organisation:
    return [d for d in world.departments if d.county_id == world.counties[c].pk][i]


def _duty_list(world: Any, c: int, i: int) -> Any:
    from jiceng.duties.items import Category, DutyItem
    from jiceng.duties.services import list_for, save_version

    item = DutyItem(
        "T-01",
        Category.BASIC,
        "平安建设",
        "调解一般矛盾纠纷",
        "组织调解员化解邻里纠纷。",
        "",
        "乡镇",
        "乡镇负责",
    )
    duty_list = list_for(county=county(world, c), township=township(world, c, i))
    save_version(actor=None, duty_list=duty_list, items=[item], source_name="t.csv")
    return duty_list


def _task(world: Any, c: int, i: int) -> Any:
    from jiceng.intake.models import IntakeTask

    task = IntakeTask.objects.create(
        county=county(world, c), department=department(world, c, i), title=f"安全检查{c}{i}",
        body="请各乡镇开展一次安全检查。", submitted_by=world.user("department_clerk", c, i),
        engine_decision="admit", engine_category="basic", released=True, status="confirmed",
    )  # fmt: skip
    task.targets.set([township(world, c, i)])
    return task


def _event(world: Any, c: int, i: int) -> Any:
    from jiceng.ledger.services import create_event

    return create_event(
        actor=world.user("township_clerk", c, i), township=township(world, c, i), date=DAY,
        type="meeting", hours=2, title="部署会", source_department=department(world, c, i).name,
    )  # fmt: skip


def _work_group(world: Any, c: int, i: int) -> Any:
    from jiceng.ledger.registers import register_work_group

    return register_work_group(
        actor=world.user("county_admin", c), name=f"工作群{i}", kind="chat_group", purpose="通知",
        opened_on=DAY, townships=[township(world, c, i)], department=department(world, c, i),
    )  # fmt: skip


def _signboard(world: Any, c: int, i: int) -> Any:
    from jiceng.ledger.registers import register_signboard

    return register_signboard(
        actor=world.user("county_admin", c), township=township(world, c, i), name=f"工作站{i}",
        work="接待群众", put_up_on=DAY, department=department(world, c, i),
    )  # fmt: skip


def _anonymous(world: Any, c: int, i: int) -> Any:
    from jiceng.ledger.anonymous import submit_report

    return submit_report(
        township=township(world, c, i), type="meeting", happened_on=DAY,
        source_department=department(world, c, i).name, title="陪会", description="一周三次陪会。", hours=3,
    )  # fmt: skip


def _form(world: Any, c: int, i: int) -> Any:
    from jiceng.forms import services
    from jiceng.forms.schema import load_forms_json

    spec = {
        "id": f"F{c}{i}", "department": "", "title": f"走访登记表{c}{i}", "period": "月报",
        "fields": [{"name": "姓名", "type": "text"}, {"name": "联系电话", "type": "phone"}],
    }  # fmt: skip
    registered = services.register_forms(
        actor=world.user("department_clerk", c, i), forms=load_forms_json([spec])
    )
    return registered[0].form


def _element(world: Any, c: int, i: int) -> Any:
    from jiceng.forms import services
    from jiceng.forms.models import DataElement

    form = make(world, "form", c, i)
    services.run_matching(actor=world.user("county_admin", c))
    return DataElement.objects.filter(fields__form=form).order_by("pk").first()


def _base_record(world: Any, c: int, i: int) -> Any:
    from jiceng.forms.models import BaseRecord

    return BaseRecord.objects.create(
        county=county(world, c), township=township(world, c, i), kind="person",
        created_by=world.user("township_clerk", c, i),
    )  # fmt: skip


def _ticket(world: Any, c: int, i: int) -> Any:
    from jiceng.coordination import dispatching, services

    ticket = services.raise_ticket(
        actor=world.user("township_clerk", c, i), kind="routine", urgency="normal", category="河道治理",
        description="有人夜间在河道偷挖河沙，乡镇无执法权无法制止。", uploads=[("现场.jpg", JPEG)],
    )  # fmt: skip
    return dispatching.dispatch(
        actor=world.user("county_admin", c),
        ticket=ticket,
        lead=department(world, c, i),
        note="测试分派",
    )


def _attachment(world: Any, c: int, i: int) -> Any:
    from jiceng.coordination.models import Attachment

    return Attachment.objects.filter(ticket=make(world, "ticket", c, i)).first()


def _power(world: Any, c: int, i: int) -> Any:
    from jiceng.capacity.services import delegate_power

    return delegate_power(
        actor=world.user("county_admin", c), township=township(world, c, i), name=f"行政处罚权{i}",
        delegated_on=DAY, department=department(world, c, i),
    )  # fmt: skip


def _secondment(world: Any, c: int, i: int) -> Any:
    from jiceng.capacity.services import record_secondment

    return record_secondment(
        actor=world.user("county_admin", c), township=township(world, c, i), borrower_name=department(world, c, i).name,
        persons=1, start=DAY, reason="专项工作", borrower=department(world, c, i),
    )  # fmt: skip


def _survey(world: Any, c: int, i: int) -> Any:
    from jiceng.capacity.survey import create_survey

    return create_survey(
        actor=world.user("county_admin", c),
        title=f"减负感受{i}",
        opens_on=DAY,
        closes_on=DAY + dt.timedelta(days=30),
    )


def _purchase_request(world: Any, c: int, i: int) -> Any:
    from jiceng.procurement.services import submit_request

    return submit_request(
        actor=world.user("township_clerk", c, i),
        title="居家养老服务",
        description="为高龄老人提供助餐服务",
        budget=10000,
    )


def _contract(world: Any, c: int, i: int) -> Any:
    from jiceng.procurement.services import create_contract

    return create_contract(
        actor=world.user("county_admin", c), township=township(world, c, i), title="助餐服务", provider="某社会组织",
        amount=10000, start=DAY, end=DAY + dt.timedelta(days=365),
    )  # fmt: skip


def _report_job(world: Any, c: int, i: int) -> Any:
    from jiceng.scorecard import services
    from jiceng.scorecard.models import ReportJob

    job = ReportJob.objects.create(
        county=county(world, c),
        month=DAY.replace(day=1),
        requested_by=world.user("county_admin", c),
    )
    services.run_report(job.pk)
    job.refresh_from_db()
    return job


FACTORIES: dict[str, Callable[[Any, int, int], Any]] = {
    "township": township,
    "department": department,
    "duty_list": _duty_list,
    "task": _task,
    "event": _event,
    "work_group": _work_group,
    "signboard": _signboard,
    "anonymous": _anonymous,
    "form": _form,
    "element": _element,
    "base_record": _base_record,
    "ticket": _ticket,
    "attachment": _attachment,
    "power": _power,
    "secondment": _secondment,
    "survey": _survey,
    "purchase_request": _purchase_request,
    "contract": _contract,
    "report_job": _report_job,
}


def make(world: Any, kind: str, c: int, i: int) -> Any:
    """The record of ``kind`` for (county, organisation index), built once per world."""
    cache = world.__dict__.setdefault("_security_objects", {})
    key = (kind, c, i)
    if key not in cache:
        obj = FACTORIES[kind](world, c, i)
        assert obj is not None, f"factory {kind} made nothing"
        cache[key] = obj
    return cache[key]
