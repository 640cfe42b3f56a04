"""Pages, API, isolation per role, attachments by content, measures, the in-process sweep."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jiceng.coordination import dispatching, queries, rulings, services, storage
from jiceng.coordination.clocks import fire, sweep
from jiceng.coordination.models import Attachment, ClockFiring, Notification, Ticket, TicketClock
from tests.conftest import login
from tests.coordination_web.conftest import SAND, dept

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


def tickets(world):
    """Per county: one ticket per township; the one of township 0 dispatched to department 0."""
    made = {}
    for c in range(2):
        for t in range(2):
            made[(c, t)] = services.raise_ticket(
                actor=world.user("township_clerk", c, t), **SAND, uploads=[("现场.jpg", JPEG)]
            )
        dispatching.dispatch(
            actor=world.user("county_admin", c),
            ticket=made[(c, 0)],
            lead=dept(world, c, 0),
            note="测试",
        )
    return made


def expected_visible(world, user, ticket):
    org = user.organisation
    if (org.county_id or org.pk) != ticket.county_id:
        return False
    if user.role in ("county_admin", "observer"):
        return True
    if user.role == "township_clerk":
        return ticket.township_id == org.pk
    return ticket.assignments.filter(department=org).exists()


def test_isolation_by_page_api_and_attachment(client, duty_world):
    made = tickets(duty_world)
    for user in duty_world.users.values():
        client.force_login(user)
        listed = {row["id"] for row in client.get("/api/coordination/tickets").json()}
        for ticket in made.values():
            visible = expected_visible(duty_world, user, ticket)
            code = 200 if visible else 404
            assert (
                client.get(reverse("coordination:detail", args=[ticket.pk])).status_code == code
            ), (user.username, ticket.pk)
            assert client.get(f"/api/coordination/tickets/{ticket.pk}").status_code == code
            assert (ticket.pk in listed) == visible
            attachment = Attachment.objects.get(ticket=ticket)
            assert (
                client.get(reverse("coordination:attachment", args=[attachment.pk])).status_code
                == code
            )
        client.logout()


def test_anonymous_and_wrong_roles(client, duty_world):
    ticket = tickets(duty_world)[(0, 0)]
    page = client.get(reverse("coordination:detail", args=[ticket.pk]))
    assert page.status_code == 302 and "/login" in page["Location"]
    assert client.get("/api/coordination/tickets").status_code == 401
    login(client, duty_world.user("department_clerk"))
    assert client.get(reverse("coordination:new")).status_code == 403
    assert (
        client.post(
            reverse("coordination:act", args=[ticket.pk, "dispatch"]), {"lead": dept(duty_world).pk}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/coordination/tickets/{ticket.pk}/dispatch",
            {"lead_id": 1},
            content_type="application/json",
        ).status_code
        == 403
    )
    client.logout()
    login(client, duty_world.user("observer"))
    assert client.post(reverse("coordination:act", args=[ticket.pk, "accept"])).status_code == 403


def test_township_raises_through_the_page_with_a_photo_and_a_refused_file(client, duty_world):
    login(client, duty_world.user("township_clerk"))
    bad = client.post(
        reverse("coordination:new"),
        SAND | {"files": [SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not an image")]},
    )
    assert (
        bad.status_code == 200
        and "不支持的文件类型" in bad.content.decode()
        and "照片.jpg" in bad.content.decode()
    )
    assert not Ticket.objects.exists() and not Attachment.objects.exists()
    ok = client.post(
        reverse("coordination:new"),
        SAND | {"files": [SimpleUploadedFile("现场.pdf", JPEG)]},
        follow=True,
    )
    ticket = Ticket.objects.get()
    html = ok.content.decode()
    assert "县第0局" in html and "C-01" in html  # the suggestion with its reasons
    attachment = Attachment.objects.get()
    assert attachment.kind == "jpeg" and attachment.mime == "image/jpeg"
    stored = storage.path_of(attachment)
    assert stored.read_bytes() == JPEG and "static" not in str(stored)
    response = client.get(reverse("coordination:attachment", args=[attachment.pk]))
    assert (
        response["Content-Type"] == "image/jpeg" and "attachment" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content) == JPEG
    assert ticket.events.filter(action="raise").exists()


def test_department_answers_through_the_pages_and_the_bell_counts(client, duty_world):
    ticket = tickets(duty_world)[(0, 0)]
    clerk = duty_world.user("department_clerk")
    login(client, clerk)
    home = client.get(reverse("coordination:list")).content.decode()
    unread = Notification.objects.filter(recipient=clerk, read_at__isnull=True).count()
    assert unread >= 1 and f'<span class="badge red">{unread}</span>' in home
    client.post(reverse("coordination:act", args=[ticket.pk, "accept"]))
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    client.post(
        reverse("coordination:act", args=[ticket.pk, "resolve"]),
        {"note": "已处置", "files": [SimpleUploadedFile("结果.docx", docx.getvalue())]},
    )
    ticket.refresh_from_db()
    assert ticket.status == "resolved" and ticket.attachments.filter(kind="docx").exists()
    client.post(reverse("coordination:notifications"))
    assert not Notification.objects.filter(recipient=clerk, read_at__isnull=True).exists()


def test_sweep_reminds_and_escalates_once(duty_world):
    ticket = tickets(duty_world)[(0, 0)]
    now = timezone.now()
    TicketClock.objects.filter(ticket=ticket, clock="response").update(
        remind_at=now - dt.timedelta(hours=2), due_at=now - dt.timedelta(hours=1)
    )
    TicketClock.objects.filter(ticket=ticket, clock="resolution").update(
        remind_at=now - dt.timedelta(minutes=5)
    )
    calls = []
    counts = sweep(enqueue=lambda *a: calls.append(a) or fire(*a))
    assert counts["escalate"] >= 1 and counts["remind"] >= 1
    ticket.refresh_from_db()
    assert ticket.escalated
    assert ClockFiring.objects.filter(ticket=ticket).count() == 2
    admin = duty_world.user("county_admin")
    assert (
        Notification.objects.filter(recipient=admin, ticket=ticket, text__contains="升级").count()
        == 1
    )
    # Again: nothing more is due; a replayed job is a duplicate.
    assert sweep(enqueue=fire) == {"remind": 0, "escalate": 0}
    assert fire(*calls[0]) == "duplicate"
    assert ClockFiring.objects.filter(ticket=ticket).count() == 2
    # A clock that stopped before its job ran is stale, not fired.
    clerk = duty_world.user("department_clerk")
    services.accept(actor=clerk, ticket=ticket)
    stopped = TicketClock.objects.get(ticket=ticket, clock="response")
    assert fire(stopped.pk, "remind", stopped.due_at.isoformat()) == "stale"


def test_measures_count_in_the_database_and_skip_unreasonable(duty_world):
    admin, town = duty_world.user("county_admin"), duty_world.user("township_clerk")
    clerk = duty_world.user("department_clerk")
    kept = dispatching.dispatch(
        actor=admin, ticket=services.raise_ticket(actor=town, **SAND), lead=dept(duty_world)
    )
    services.accept(actor=clerk, ticket=kept)
    services.resolve(actor=clerk, ticket=kept, note="办结")
    services.confirm(actor=town, ticket=kept, rating=5)
    ruled = dispatching.dispatch(
        actor=admin, ticket=services.raise_ticket(actor=town, **SAND), lead=dept(duty_world)
    )
    services.accept(actor=clerk, ticket=ruled)
    services.resolve(actor=clerk, ticket=ruled, note="办结")
    services.confirm(actor=town, ticket=ruled, rating=1)
    rulings.mark_unreasonable(actor=admin, ticket=ruled, unreasonable=True, reason="要求超出职责")
    rows = {r["department"]: r for r in queries.department_measures(admin)}
    row = rows["县第0局"]
    assert (
        row["tickets"] == 1
        and row["avg_rating"] == 5
        and row["rated"] == 1
        and not row["enough_ratings"]
    )
    assert (
        row["on_time_rate"] == 1.0 and row["resolution_rate"] == 1.0 and row["reopen_rate"] == 0.0
    )
    towns = {r["township"]: r for r in queries.township_measures(admin)}
    assert towns["第0镇"]["tickets"] == 1 and towns["第0镇"]["whistle"].basis.startswith("每10名")
    assert towns["第1镇"]["tickets"] == 0
    # A department sees the county measures page; a township only its own row.
    own = queries.township_measures(town)
    assert [r["township"] for r in own] == ["第0镇"]


def test_measures_page_renders_chart_json(client, duty_world):
    tickets(duty_world)
    login(client, duty_world.user("county_admin"))
    html = client.get(reverse("coordination:measures")).content.decode()
    assert 'id="dept-chart-data" type="application/json"' in html and "吹哨率" in html
