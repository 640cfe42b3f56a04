"""When the database goes away mid-request the user reads "数据库暂时不可用" (503), page or
API, with no trace and nothing half-saved — not a crash page."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_client(world, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(world.user("county_admin"))
    return client


def test_page_says_database_unavailable(quiet_client):
    with mock.patch(
        "jiceng.web.home_panels.panels_for",
        side_effect=OperationalError("could not connect to server: secret-host"),
    ):
        response = quiet_client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 503
    assert "数据库暂时不可用" in html and "未被保存" in html
    assert "secret-host" not in html and "Traceback" not in html


def test_api_says_database_unavailable_as_json(quiet_client):
    with mock.patch(
        "jiceng.api.core.Organisation.objects.filter",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = quiet_client.get("/api/organisations")
    assert response.status_code == 503
    assert "数据库暂时不可用" in response.json()["detail"]


def test_a_write_interrupted_by_the_database_saves_nothing(quiet_client, world):
    from jiceng.core.models import AuditEntry
    from jiceng.procurement.models import PurchaseRequest

    town = Client(raise_request_exception=False)
    town.force_login(world.user("township_clerk"))
    before = (PurchaseRequest.objects.count(), AuditEntry.objects.count())
    with mock.patch(
        "jiceng.procurement.services.record", side_effect=OperationalError("terminating connection")
    ):
        response = town.post(
            reverse("procurement:requests"),
            {"title": "居家养老服务", "description": "为高龄老人助餐", "budget": "10000"},
        )
    assert response.status_code == 503 and "数据库暂时不可用" in response.content.decode()
    assert (PurchaseRequest.objects.count(), AuditEntry.objects.count()) == before


def test_outage_after_the_view_is_a_503_not_a_crash(quiet_client):
    """The session is saved after the view: losing the database there must still answer 503, and
    the error page must not itself need the database (no navigation, no user lookup)."""
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.save",
        side_effect=OperationalError("the database system is shutting down"),
    ):
        page = quiet_client.get(reverse("home"))
        api = quiet_client.get("/api/me")
    assert page.status_code == 503 and "数据库暂时不可用" in page.content.decode()
    assert "可能已经保存" in page.content.decode()
    assert api.status_code == 503 and "数据库暂时不可用" in api.json()["detail"]
