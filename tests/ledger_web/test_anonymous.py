"""The anonymous channel stores no identity, is rate-limited, and waits for county verification."""

import logging
from datetime import date, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputError
from jiceng.ledger import anonymous
from jiceng.ledger.models import AnonymousReport, BurdenEvent, TownshipMonth
from tests.conftest import login

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "TestBrowser/9.9 (unique-device-xyz)"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def post_report(client, township, **extra):
    data = {
        "township": township.pk,
        "type": "app_or_group",
        "happened_on": (date.today() - timedelta(days=2)).isoformat(),
        "source_department": "县第0局",
        "title": "群里要求每天上传照片",
        "description": "每天要上传十张照片。",
        "hours": "2",
    } | extra
    return client.post(reverse("ledger:report"), data, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)


def test_report_page_needs_no_login(client, world):
    response = client.get(reverse("ledger:report"))
    assert response.status_code == 200 and "不记录您的姓名" in response.content.decode()


def test_report_stores_no_identity_anywhere(client, world, caplog):
    caplog.set_level(logging.DEBUG)
    response = post_report(client, world.townships[0])
    assert response.status_code == 200 and "已收到您的反映" in response.content.decode()
    report = AnonymousReport.objects.get()
    event = report.event
    assert event.status == "pending" and event.origin == "anonymous" and event.created_by is None
    assert event.department == world.user("department_clerk", 0, 0).organisation
    stored = " ".join(str(v) for obj in (report, event) for v in obj.__dict__.values())
    assert IP not in stored and AGENT not in stored and "unique-device" not in stored
    identity = {
        "ip",
        "ip_address",
        "user",
        "created_by",
        "session",
        "device",
        "user_agent",
        "submitted_at",
    }
    assert not identity & {f.name for f in AnonymousReport._meta.fields}
    assert not Session.objects.exists()  # no session row that could tie reports together
    entry = AuditEntry.objects.get(object_type="ledger.AnonymousReport")
    assert entry.actor is None and entry.ip_address == "" and entry.organisation is None
    for rec in caplog.records:
        text = rec.getMessage() + " " + " ".join(str(v) for v in rec.__dict__.values())
        assert IP not in text and AGENT not in text
        assert not hasattr(rec, "request")


def test_rate_limit_per_client_and_not_logged(client, world, caplog, settings):
    settings.JICENG_ANONYMOUS_PER_CLIENT_LIMIT = 2
    caplog.set_level(logging.DEBUG)
    for _ in range(2):
        assert post_report(client, world.townships[0]).status_code == 200
    refused = post_report(client, world.townships[0])
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    assert AnonymousReport.objects.count() == 2
    assert not [r for r in caplog.records if r.name == "django.request"]
    # Another client is not held back by the first one's window.
    other = client.post(
        reverse("ledger:report"),
        {
            "township": world.townships[0].pk,
            "type": "meeting",
            "happened_on": date.today().isoformat(),
            "title": "会",
            "hours": "1",
        },
        REMOTE_ADDR="198.51.100.5",
    )
    assert other.status_code == 200 and AnonymousReport.objects.count() == 3
    assert not [k for k in cache._cache if IP in str(k)]  # type: ignore[attr-defined]


def test_global_limit(client, world, settings):
    settings.JICENG_ANONYMOUS_GLOBAL_LIMIT = 1
    assert post_report(client, world.townships[0]).status_code == 200
    assert client.post(reverse("ledger:report"), {}, REMOTE_ADDR="198.51.100.9").status_code == 429


def test_pending_report_is_hidden_until_verified_then_counted(client, world):
    post_report(client, world.townships[0])
    report = AnonymousReport.objects.get()
    clerk = world.user("township_clerk", 0, 0)
    assert not BurdenEvent.objects.visible_to(clerk).exists()
    assert not TownshipMonth.objects.exists()
    admin = world.user("county_admin")
    with pytest.raises(InputError, match="核实意见"):
        anonymous.review_report(actor=admin, report=report, accept=True, reason="")
    with pytest.raises(ForbiddenError):
        anonymous.review_report(
            actor=world.user("observer"), report=report, accept=True, reason="x"
        )
    login(client, admin)
    response = client.post(
        reverse("ledger:anonymous_review", args=[report.pk]),
        {"accept": "1", "reason": "电话核实属实", "hours": "3"},
    )
    assert response.status_code == 302
    event = BurdenEvent.objects.get()
    assert event.status == "confirmed" and event.hours == 3
    assert TownshipMonth.objects.get().hours == 3
    assert BurdenEvent.objects.visible_to(clerk).count() == 1
    entry = AuditEntry.objects.filter(action="review", object_type="ledger.AnonymousReport").get()
    assert "电话核实属实" in entry.note and entry.actor == admin


def test_rejection_is_audited_and_other_county_cannot_review(client, world):
    post_report(client, world.townships[0])
    report = AnonymousReport.objects.get()
    login(client, world.user("county_admin", county=1))
    assert (
        client.post(
            reverse("ledger:anonymous_review", args=[report.pk]), {"accept": "0", "reason": "x"}
        ).status_code
        == 404
    )
    anonymous.review_report(
        actor=world.user("county_admin"), report=report, accept=False, reason="已整改"
    )
    assert BurdenEvent.objects.get().status == "rejected" and not TownshipMonth.objects.exists()
    assert AuditEntry.objects.filter(action="review", note__contains="核实不属实：已整改").exists()


def test_retention_purges_text_and_old_rejections(client, world):
    for _ in range(2):
        post_report(client, world.townships[0])
    first, second = AnonymousReport.objects.order_by("pk")
    admin = world.user("county_admin")
    anonymous.review_report(actor=admin, report=first, accept=True, reason="属实")
    anonymous.review_report(actor=admin, report=second, accept=False, reason="不属实")
    assert anonymous.purge_expired(today=date.today() + timedelta(days=10), days=30) == (0, 0)
    cleared, deleted = anonymous.purge_expired(today=date.today() + timedelta(days=31), days=30)
    assert (cleared, deleted) == (1, 1)
    kept = AnonymousReport.objects.get()
    assert kept.pk == first.pk and kept.description == "" and kept.purged
    assert (
        BurdenEvent.objects.filter(status="confirmed").count() == 1
        and BurdenEvent.objects.count() == 1
    )


def test_retention_setting(settings):
    settings.JICENG_ANONYMOUS_RETENTION_DAYS = 90
    assert anonymous.retention_days() == 90
