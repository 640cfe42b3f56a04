"""Per-role visibility of the ledger: pages and API, own 200, others 404, wrong role 403."""

import pytest
from django.urls import reverse

from jiceng.ledger import importing
from jiceng.ledger.models import BurdenEvent
from tests.conftest import login
from tests.ledger_web.conftest import county_rows, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_counties(world):
    for c, county in enumerate(world.counties):
        rows = importing.read_ledger_file(csv_bytes(county_rows(world, c)), "l.csv")
        importing.import_events(
            actor=world.user("county_admin", c), county=county, rows=rows, filename="l.csv"
        )
    return world


def expected_visible(user, event) -> bool:
    org = user.organisation
    if (org.county_id or org.pk) != event.county_id:
        return False
    if user.role in ("county_admin", "observer"):
        return True
    return event.status == "confirmed" and org.pk in (event.township_id, event.department_id)


def test_events_by_page_and_api_for_every_role(client, two_counties):
    world = two_counties
    events = list(BurdenEvent.objects.all())
    assert len(events) == 20
    for user in world.users.values():
        client.force_login(user)
        listed = {row["id"] for row in client.get("/api/ledger/events?limit=1000").json()}
        for event in events:
            visible = expected_visible(user, event)
            assert client.get(reverse("ledger:event", args=[event.pk])).status_code == (
                200 if visible else 404
            ), (user.username, event.pk)
            assert client.get(f"/api/ledger/events/{event.pk}").status_code == (
                200 if visible else 404
            )
            assert (event.pk in listed) == visible
        client.logout()


def test_department_clerk_sees_only_events_it_caused(client, two_counties):
    clerk = two_counties.user("department_clerk", 0, 0)
    login(client, clerk)
    rows = client.get("/api/ledger/events").json()
    assert rows and {r["source_department"] for r in rows} == {"县第0局"}
    assert all(
        BurdenEvent.objects.get(pk=r["id"]).county_id == two_counties.counties[0].pk for r in rows
    )
    assert client.get(reverse("ledger:dashboard")).status_code == 302
    own = client.get(reverse("ledger:department", args=[clerk.organisation_id]))
    assert own.status_code == 200 and "县第0局" in own.content.decode()
    other = two_counties.user("department_clerk", 0, 1).organisation
    assert client.get(reverse("ledger:department", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("ledger:township", args=[two_counties.townships[0].pk])).status_code
        == 403
    )


def test_township_drilldown_own_only(client, two_counties):
    world = two_counties
    clerk = world.user("township_clerk", 0, 0)
    login(client, clerk)
    response = client.get(reverse("ledger:dashboard"), follow=True)
    assert response.status_code == 200 and "第0镇 · 负担台账" in response.content.decode()
    assert client.get(reverse("ledger:township", args=[world.townships[1].pk])).status_code == 404
    assert (
        client.get(reverse("ledger:township", args=[world.townships[2].pk])).status_code == 404
    )  # other county
    months = client.get("/api/ledger/monthly").json()
    assert sum(m["hours"] for m in months) == pytest.approx(13.0)  # own township only


@pytest.mark.parametrize("role", ["county_admin", "observer"])
def test_county_dashboard_renders_with_charts(client, two_counties, role):
    login(client, two_counties.user(role))
    html = client.get(reverse("ledger:dashboard")).content.decode()
    assert (
        "全县概览" in html
        and 'data-chart-for="trend"' in html
        and 'data-chart-for="townships"' in html
    )
    assert "第0镇" in html and "县第1局" in html
    assert (
        client.get(reverse("ledger:township", args=[two_counties.townships[2].pk])).status_code
        == 404
    )
    for name in (
        "ledger:alerts",
        "ledger:events",
        "ledger:groups",
        "ledger:signboards",
        "ledger:anonymous",
    ):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        ("observer", "ledger:event_new"),
        ("observer", "ledger:import"),
        ("department_clerk", "ledger:event_new"),
        ("department_clerk", "ledger:import"),
        ("township_clerk", "ledger:anonymous"),
        ("department_clerk", "ledger:report_docx"),
    ],
)
def test_wrong_role_gets_403(client, world, role, url_name):
    login(client, world.user(role))
    assert client.get(reverse(url_name)).status_code == 403


def test_observer_cannot_write_by_api_or_form(client, world):
    login(client, world.user("observer"))
    payload = {
        "township_id": world.townships[0].pk,
        "date": "2025-01-01",
        "type": "meeting",
        "hours": 1,
    }
    assert (
        client.post("/api/ledger/events", payload, content_type="application/json").status_code
        == 403
    )
    assert client.post(reverse("ledger:groups"), {"name": "x"}).status_code == 403
    assert BurdenEvent.objects.count() == 0


def test_anonymous_user_redirected_or_401(client, two_counties):
    event = BurdenEvent.objects.first()
    for url in (
        reverse("ledger:dashboard"),
        reverse("ledger:event", args=[event.pk]),
        reverse("ledger:events"),
        reverse("ledger:report_docx"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]
    for url in (
        "/api/ledger/events",
        f"/api/ledger/events/{event.pk}",
        "/api/ledger/monthly",
        "/api/ledger/alerts",
    ):
        assert client.get(url).status_code == 401
