"""Province scale: the county roll-up kept beside the township summaries, the province figures
read from it, and the county overview kept per county, period and ledger version."""

from __future__ import annotations

import importlib
from collections import defaultdict
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiceng.ledger import importing, queries, services
from jiceng.ledger.models import (
    AnonymousReport,
    BurdenEvent,
    CountyMonth,
    TownshipMonth,
    TownshipMonthTotal,
    WorkGroup,
)
from jiceng.ledger.views import dashboards
from tests.conftest import login
from tests.ledger_web.conftest import county_rows, csv_bytes

pytestmark = pytest.mark.django_db

SUMMARY_TABLES = ("ledger_townshipmonth", "ledger_departmentmonth", "ledger_countymonth")


def _import(world, county: int, rows: list[list[object]]) -> None:
    parsed = importing.read_ledger_file(csv_bytes(rows), "ledger.csv")
    importing.import_events(
        actor=world.user("county_admin", county),
        county=world.counties[county],
        rows=parsed,
        filename="ledger.csv",
    )


def _rollup() -> dict[tuple, tuple[float, int]]:
    return {
        (r.county_id, r.month, r.type, r.channel): (round(r.hours, 6), r.events)
        for r in CountyMonth.objects.all()
    }


def _sum_of_townships() -> dict[tuple, tuple[float, int]]:
    sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0])
    for r in TownshipMonth.objects.all():
        s = sums[(r.county_id, r.month, r.type, r.channel)]
        s[0] += r.hours
        s[1] += r.events
    return {k: (round(h, 6), int(n)) for k, (h, n) in sums.items()}


def _from_events() -> dict[tuple, tuple[float, int]]:
    sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0])
    for e in BurdenEvent.objects.filter(status=BurdenEvent.Status.CONFIRMED):
        s = sums[(e.county_id, e.month, e.type, e.channel)]
        s[0] += e.hours
        s[1] += 1
    return {k: (round(h, 6), int(n)) for k, (h, n) in sums.items()}


def _assert_rollup_consistent() -> None:
    assert _rollup() == _sum_of_townships() == _from_events()


def test_rollup_equals_the_township_summaries_after_imports_edits_and_deletes(world):
    _import(world, 0, county_rows(world))
    _import(world, 1, county_rows(world)[:3])
    assert CountyMonth.objects.filter(county=world.counties[1]).count() == 3
    _assert_rollup_consistent()
    # one county-month-type row for both townships' documents of March
    march_docs = CountyMonth.objects.get(
        county=world.counties[0], month=date(2025, 3, 1), type="document"
    )
    assert (march_docs.hours, march_docs.events) == (4.0, 2)

    # an edit that moves an event to another month and type
    event = BurdenEvent.objects.filter(county=world.counties[0], type="meeting").first()
    old_month = event.month
    event.date, event.type, event.hours = date(2025, 5, 20), "inspection", 7.5
    event.save()
    services.refresh_summaries(event.county_id, [old_month, event.month])
    _assert_rollup_consistent()
    assert CountyMonth.objects.get(
        county=world.counties[0], month=date(2025, 5, 1), type="inspection"
    ).hours == pytest.approx(7.5)

    # deletes: one event, then every event of a month (its roll-up rows go with it)
    gone = BurdenEvent.objects.filter(county=world.counties[0], type="phone_notice").first()
    gone.delete()
    services.refresh_summaries(world.counties[0].pk, [gone.month])
    _assert_rollup_consistent()
    BurdenEvent.objects.filter(county=world.counties[0], month=date(2025, 4, 1)).delete()
    services.refresh_summaries(world.counties[0].pk, [date(2025, 4, 1)])
    _assert_rollup_consistent()
    assert not CountyMonth.objects.filter(county=world.counties[0], month=date(2025, 4, 1))

    # a web-form event, and a pending one that stays out until confirmed
    services.create_event(
        actor=world.user("county_admin"),
        township=world.townships[1],
        date=date(2025, 3, 9),
        type="document",
        hours=2.5,
        title="关于报送材料的通知",
    )
    pending = BurdenEvent.objects.create(
        county=world.counties[0],
        township=world.townships[0],
        date=date(2025, 3, 9),
        type="meeting",
        channel="formal",
        hours=9.0,
        status=BurdenEvent.Status.PENDING,
        event_key="pending-1",
    )
    services.refresh_summaries(world.counties[0].pk, [pending.month])
    _assert_rollup_consistent()
    before_confirmed = _rollup()
    pending.status = BurdenEvent.Status.CONFIRMED
    pending.save()
    services.refresh_summaries(world.counties[0].pk, [pending.month])
    _assert_rollup_consistent()
    assert _rollup() != before_confirmed

    # a full refresh of one county leaves the other county's rows as they were
    other = {k: v for k, v in _rollup().items() if k[0] == world.counties[1].pk}
    services.refresh_summaries(world.counties[0].pk)
    _assert_rollup_consistent()
    assert {k: v for k, v in _rollup().items() if k[0] == world.counties[1].pk} == other


def test_migration_fills_the_rollup_from_stored_summaries(world):
    _import(world, 0, county_rows(world))
    expected = _rollup()
    CountyMonth.objects.all().delete()
    migration = importlib.import_module("jiceng.ledger.migrations.0002_county_month")
    fill = migration.Migration.operations[-1]
    with connection.cursor() as cursor:
        cursor.execute(fill.sql)
    assert _rollup() == expected and expected


def test_province_overview_adds_every_county(world):
    _import(world, 0, county_rows(world))
    _import(world, 1, county_rows(world))
    one = queries.year_on_year(
        TownshipMonthTotal.objects.filter(county=world.counties[0]), 2025, 12
    )
    province = queries.province_overview(2025, 12)
    assert province["yoy"]["this"]["hours"] == pytest.approx(2 * one["this"]["hours"])
    assert province["yoy"]["this"]["n"] == 2 * one["this"]["n"] == 20
    assert [m["month"] for m in province["monthly"]] == [date(2025, 3, 1), date(2025, 4, 1)]
    assert sum(t["hours"] for t in province["by_type"]) == pytest.approx(52.0)
    assert len(province["townships"]) == 4  # both counties' townships, ranked together
    # senders are ranked by name across counties: each county's 县第1局 in one row
    first = province["departments"][0]
    assert first["source_department"] == "县第1局"
    assert first["hours"] == pytest.approx(2 * 2 * (3.0 + 6.0)) and first["n"] == 8


# --------------------------------------------------------------------------------------------
# The county overview, kept per county, period and ledger version
# --------------------------------------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch):
    """How often the overview's figures were computed (not taken from the cache)."""
    calls: list[tuple[int, object]] = []
    original = dashboards._overview

    def spy(user, county_id, year):
        calls.append((county_id, year))
        return original(user, county_id, year)

    monkeypatch.setattr(dashboards, "_overview", spy)
    return calls


def _panel_hours(html: str) -> str:
    marker = '<div class="panel-title">负担工时</div><div class="panel-value">'
    assert marker in html
    return html.split(marker, 1)[1].split("<", 1)[0]


def test_a_new_event_changes_the_cached_page(imported, client, counted):
    admin = imported.user("county_admin")
    login(client, admin)
    first = client.get("/ledger/").content.decode()
    assert _panel_hours(first) == "26"
    assert _panel_hours(client.get("/ledger/").content.decode()) == "26"
    assert len(counted) == 1  # the second page came from the cache
    services.create_event(
        actor=admin,
        township=imported.townships[0],
        date=date(2025, 4, 20),
        type="meeting",
        hours=100,
        title="全县工作推进会",
    )
    after = client.get("/ledger/").content.decode()
    assert _panel_hours(after) == "126"
    assert len(counted) == 2


def test_a_warm_page_reads_only_the_ledger_revision(imported, client, counted):
    login(client, imported.user("county_admin"))
    client.get("/ledger/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/ledger/").status_code == 200
    summary_reads = [
        q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in SUMMARY_TABLES)
    ]
    revision_reads = [q["sql"] for q in captured.captured_queries if "ledgerrevision" in q["sql"]]
    assert summary_reads == [] and len(revision_reads) == 1
    assert len(counted) == 1


def test_per_user_parts_are_not_shared(imported, client, counted):
    admin, observer = imported.user("county_admin"), imported.user("observer")
    login(client, admin)
    as_admin = client.get("/ledger/").content.decode()
    client.logout()
    login(client, observer)
    as_observer = client.get("/ledger/").content.decode()
    assert len(counted) == 1  # the figures are shared by the county's county-wide users …
    assert _panel_hours(as_observer) == _panel_hours(as_admin)
    # … but not who is signed in, the role's links or the CSRF token
    assert admin.username in as_admin and admin.username not in as_observer
    assert observer.username in as_observer
    assert "登记负担" in as_admin and "登记负担" not in as_observer
    token = as_admin.split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]
    assert token and token not in as_observer


def test_each_county_and_year_has_its_own_overview(imported, client, counted):
    login(client, imported.user("county_admin", 1))
    other = client.get("/ledger/").content.decode()
    assert _panel_hours(other) == "0" and "暂无数据" in other
    client.logout()
    login(client, imported.user("county_admin"))
    assert _panel_hours(client.get("/ledger/").content.decode()) == "26"
    assert _panel_hours(client.get("/ledger/?year=2024").content.decode()) == "0"
    assert _panel_hours(client.get("/ledger/?year=oops").content.decode()) == "26"
    assert len(counted) == 3  # an unreadable year is the latest one, already kept
    assert {c for c, _ in counted} == {imported.counties[0].pk, imported.counties[1].pk}


def test_register_alerts_and_pending_reports_are_read_fresh(imported, client):
    county, town = imported.counties[0], imported.townships[0]
    login(client, imported.user("county_admin"))
    before = client.get("/ledger/").content.decode()
    assert "任务结束未关闭" not in before and "匿名反映待核实" not in before
    version = queries.ledger_version(county.pk)
    group = WorkGroup.objects.create(
        county=county,
        name="春耕进度群",
        purpose="春耕进度日报",
        opened_on=date.today() - timedelta(days=200),
        task_ends_on=date.today() - timedelta(days=100),
    )
    group.townships.add(town)
    AnonymousReport.objects.create(county=county, township=town, submitted_on=date.today())
    assert queries.ledger_version(county.pk) == version  # registers do not move the version
    after = client.get("/ledger/").content.decode()
    assert "任务结束未关闭" in after and "春耕进度群" in after
    assert "有 1 条匿名反映待核实" in after
