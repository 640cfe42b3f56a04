"""Import paths of the ledger: CSV and XLSX in the contract, idempotent re-import, bad rows."""

import io

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import Workbook

from jiceng.core.models import AuditEntry
from jiceng.errors import InputErrors
from jiceng.ledger import importing
from jiceng.ledger.events import EventType
from jiceng.ledger.models import BurdenEvent, DepartmentMonth, TownshipMonth
from tests.conftest import login
from tests.ledger_web.conftest import HEADER, county_rows, csv_bytes

pytestmark = pytest.mark.django_db


def test_csv_import_links_departments_and_fills_summaries(imported):
    world = imported
    county = world.counties[0]
    events = BurdenEvent.objects.filter(county=county)
    assert events.count() == 10
    dept0 = world.user("department_clerk", 0, 0).organisation
    assert events.filter(department=dept0).count() == 4  # matched by name
    assert (
        events.filter(source_department="市第九局", department__isnull=True).count() == 2
    )  # outside the county: text only
    total = events.aggregate(h=Sum("hours"))["h"]
    assert TownshipMonth.objects.filter(county=county).aggregate(h=Sum("hours"))[
        "h"
    ] == pytest.approx(total)
    assert DepartmentMonth.objects.filter(county=county).aggregate(h=Sum("hours"))[
        "h"
    ] == pytest.approx(total)
    assert AuditEntry.objects.filter(action="import", note__contains="新增 10 条").exists()


def test_reimporting_the_same_file_adds_nothing(imported):
    world = imported
    county = world.counties[0]
    rows = importing.read_ledger_file(csv_bytes(county_rows(world)), "ledger.csv")
    result = importing.import_events(
        actor=world.user("county_admin"), county=county, rows=rows, filename="ledger.csv"
    )
    assert (result.created, result.skipped) == (0, 10)
    assert BurdenEvent.objects.filter(county=county).count() == 10
    # Two identical phone calls in one file are two events, and stay two on re-import.
    twice = [["第0镇", "2025-05-05", "phone_notice", "informal", "县第0局", "电话催报", 0.5]] * 2
    for _ in range(2):
        importing.import_events(
            actor=world.user("county_admin"),
            county=county,
            rows=importing.read_ledger_file(csv_bytes(twice), "t.csv"),
            filename="t.csv",
        )
    assert BurdenEvent.objects.filter(title="电话催报").count() == 2


def test_every_event_type_imports(world):
    rows = [
        ["第0镇", f"2025-01-{i + 1:02d}", t.value, t.usual_channel.value, "县第0局", f"事项{i}", 1]
        for i, t in enumerate(EventType)
    ]
    importing.import_events(
        actor=world.user("county_admin"),
        county=world.counties[0],
        rows=importing.read_ledger_file(csv_bytes(rows), "all.csv"),
        filename="all.csv",
    )
    assert set(BurdenEvent.objects.values_list("type", flat=True)) == {t.value for t in EventType}


def test_xlsx_import_with_title_row_and_chinese_headers(world):
    wb = Workbook()
    ws = wb.active
    ws.append(["某乡镇负担台账"])
    ws.append(["乡镇", "日期", "类型", "渠道", "来源部门", "标题", "工时"])
    ws.append(["第1镇", "2025-06-01", "会议", "正式", "县第1局", "防汛部署会", 2.5])
    ws.append([None] * 7)
    ws.append(["第1镇", "2025-06-03", "phone_notice", "informal", "县第1局", "电话通知", 0.5])
    buffer = io.BytesIO()
    wb.save(buffer)
    rows = importing.read_ledger_file(buffer.getvalue(), "台账.xlsx")
    assert [n for n, _ in rows] == [3, 5]
    importing.import_events(
        actor=world.user("county_admin"), county=world.counties[0], rows=rows, filename="台账.xlsx"
    )
    assert BurdenEvent.objects.filter(type="meeting", township__name="第1镇").count() == 1


def test_bad_rows_are_all_reported_with_row_and_column_and_nothing_imported(client, world):
    rows = county_rows(world)
    rows[1][2] = "lunch"  # row 3: unknown type
    rows[3][6] = "abc"  # row 5: hours not a number
    rows[4][0] = "不存在镇"  # row 6: township not in the county
    login(client, world.user("county_admin"))
    upload = io.BytesIO(csv_bytes(rows))
    upload.name = "bad.csv"
    html = client.post(reverse("ledger:import"), {"file": upload}).content.decode()
    assert "文件“bad.csv” 第 3 行 “type”列" in html
    assert "文件“bad.csv” 第 5 行 “hours”列" in html
    assert BurdenEvent.objects.count() == 0
    # Township names are checked against the county once the rows themselves are valid.
    rows = county_rows(world)
    rows[4][0] = "不存在镇"
    with pytest.raises(InputErrors) as caught:
        importing.import_events(
            actor=world.user("county_admin"),
            county=world.counties[0],
            rows=importing.read_ledger_file(csv_bytes(rows), "x.csv"),
            filename="x.csv",
        )
    assert "第 6 行 “township”列" in str(caught.value) and "不存在镇" in str(caught.value)
    assert BurdenEvent.objects.count() == 0


def test_bad_header_is_reported(world):
    with pytest.raises(InputErrors, match="缺少列"):
        importing.read_ledger_file(
            csv_bytes([["第0镇", "2025-01-01"]], header=["township", "date"]), "h.csv"
        )
    assert HEADER[0] == "township"


def test_township_clerk_imports_only_own_township(client, world):
    clerk = world.user("township_clerk", 0, 0)
    login(client, clerk)
    upload = io.BytesIO(csv_bytes(county_rows(world)))
    upload.name = "mixed.csv"
    html = client.post(reverse("ledger:import"), {"file": upload}).content.decode()
    assert "只能导入本乡镇（街道）的记录" in html and BurdenEvent.objects.count() == 0
    own = [r for r in county_rows(world) if r[0] == "第0镇"]
    upload = io.BytesIO(csv_bytes(own))
    upload.name = "own.csv"
    response = client.post(reverse("ledger:import"), {"file": upload})
    assert (
        response.status_code == 302
        and BurdenEvent.objects.filter(township=clerk.organisation).count() == 5
    )
