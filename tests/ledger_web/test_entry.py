"""Events entered by web form and recorded automatically from released intake tasks."""

from datetime import date

import pytest
from django.urls import reverse

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError
from jiceng.intake.models import IntakeTask
from jiceng.intake.signals import task_released
from jiceng.ledger import caps, services
from jiceng.ledger.models import BurdenEvent, TownshipMonth
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_township_clerk_enters_an_event_by_form(client, world):
    clerk = world.user("township_clerk", 0, 0)
    login(client, clerk)
    response = client.post(
        reverse("ledger:event_new"),
        {
            "township": clerk.organisation_id,
            "date": "2025-07-01",
            "type": "phone_notice",
            "source_department": "县第1局",
            "title": "电话要求当天报数",
            "hours": "1.5",
        },
    )
    event = BurdenEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "ledger:event", args=[event.pk]
    )
    assert event.channel == "informal" and event.origin == "form" and event.created_by == clerk
    assert event.department == world.user("department_clerk", 0, 1).organisation
    assert TownshipMonth.objects.get(month=date(2025, 7, 1)).hours == 1.5
    assert AuditEntry.objects.filter(
        action="create", object_type="ledger.BurdenEvent", object_id=str(event.pk)
    ).exists()
    # Another township is not offered, and the service refuses it too.
    response = client.post(
        reverse("ledger:event_new"),
        {
            "township": world.townships[1].pk,
            "date": "2025-07-01",
            "type": "meeting",
            "title": "x",
            "hours": "1",
        },
    )
    assert response.status_code == 200 and BurdenEvent.objects.count() == 1
    with pytest.raises(ForbiddenError):
        services.create_event(
            actor=clerk, township=world.townships[1], date=date(2025, 7, 1), type="meeting", hours=1
        )


def make_task(world, released=True, flags=()):
    task = IntakeTask.objects.create(
        county=world.counties[0],
        department=world.departments[0],
        title="关于开展汛前巡查的通知",
        body="请各乡镇开展巡查。" * 10,
        submitted_by=world.user("department_clerk"),
        engine_decision="admit",
        engine_category="basic",
        final_decision="admit",
        final_category="basic",
        status="confirmed",
        released=released,
        deadline_days=2,
        final_flags=[{"code": c, "label_zh": c} for c in flags],
    )
    task.targets.set([t for t in world.townships if t.county_id == world.counties[0].pk])
    return task


def test_released_task_becomes_one_document_event_per_township_once(world):
    task = make_task(world, flags=["excessive_traces"])
    task_released.send(sender=IntakeTask, task=task)
    task_released.send(
        sender=IntakeTask, task=task
    )  # a second release (e.g. after approval) adds nothing
    events = BurdenEvent.objects.filter(task=task)
    assert events.count() == 2 and {e.township_id for e in events} == {
        world.townships[0].pk,
        world.townships[1].pk,
    }
    expected, _ = caps.estimate_task_hours("basic", {"excessive_traces": "过度留痕"}, 2)
    assert all(
        e.type == "document"
        and e.origin == "intake"
        and e.hours == expected
        and e.length_chars == len(task.body)
        for e in events
    )
    assert expected == pytest.approx((4.0 + 2.0) * 1.25)
    assert (
        AuditEntry.objects.filter(
            object_type="intake.IntakeTask", note__contains="记入 2 个乡镇"
        ).count()
        == 1
    )
    assert TownshipMonth.objects.filter(township=world.townships[0]).get().hours == expected


def test_the_review_service_releases_into_the_ledger_on_commit(
    world, django_capture_on_commit_callbacks
):
    from jiceng.intake import services as intake_services

    task = make_task(world, released=False)
    task.status = "screened"
    task.save()
    with django_capture_on_commit_callbacks(execute=True):
        intake_services.review_task(
            actor=world.user("county_admin"), task=task, decision="admit", reason="同意"
        )
    assert BurdenEvent.objects.filter(task=task, origin="intake").count() == 2


def test_estimate_reasons_are_chinese():
    hours, reasons = caps.estimate_task_hours("returned", {}, None)
    assert hours == 1.0 and "事项类别" in reasons[0]
