"""Report layout with group headers, masking rules, and list pages whose query count does not grow."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jiceng.forms import records
from jiceng.forms.models import ReportForm
from jiceng.forms.reports import ReportLayout, mask, report_xlsx
from tests.conftest import login
from tests.forms_web.conftest import element_named, make_id, register

pytestmark = pytest.mark.django_db


def test_group_headers_are_merged_above_their_fields():
    layout = ReportLayout(
        title="困难学生资助台账",
        unit="县教育局",
        period="学期",
        headers=["学校", "姓名", "电话", "监护人姓名", "监护人电话"],
        groups=["", "学生信息", "学生信息", "监护人信息", "监护人信息"],
    )
    ws = load_workbook(io.BytesIO(report_xlsx(layout, [["一中", "甲", "138", "乙", "139"]]))).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:E1", "A2:E2", "B3:C3", "D3:E3"} <= merged
    assert ws["B3"].value == "学生信息" and ws["D3"].value == "监护人信息"
    assert [c.value for c in ws[4]] == layout.headers
    assert [c.value for c in ws[5]] == ["一中", "甲", "138", "乙", "139"]


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        ("id_number", "33010219800101123X", "3301**********123X"),
        ("phone", "13912345678", "139****5678"),
        ("phone", "057187654321", "057*****4321"),
        ("text", "张三", "张三"),
    ],
)
def test_masking(kind, value, masked):
    assert mask(kind, value) == masked


def test_version_two_layout_is_what_the_report_uses(dictionary):
    clerk = dictionary.user("department_clerk")
    register(
        clerk,
        {
            "id": "GL01",
            "title": "高龄津贴发放花名册（修订）",
            "period": "季报",
            "fields": [{"name": "姓名", "type": "text"}, {"name": "身份证号", "type": "id_number"}],
        },
    )
    name = element_named(dictionary.counties[0], "GL01:姓名")
    records.save_record(
        actor=dictionary.user("township_clerk"), kind="person", values={name.pk: "甲"}
    )
    form = ReportForm.objects.get(code="GL01", is_current=True)
    ws = load_workbook(io.BytesIO(records.generate_report(actor=clerk, form=form)[1])).active
    assert ws["A1"].value == "高龄津贴发放花名册（修订）" and "季报" in ws["A2"].value
    assert [c.value for c in ws[3]] == ["姓名", "身份证号"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_do_not_query_per_row(client, dictionary):
    clerk = dictionary.user("township_clerk")
    county = dictionary.counties[0]
    name, number = element_named(county, "GL01:姓名"), element_named(county, "GL01:身份证号")
    records.save_record(
        actor=clerk, kind="person", values={name.pk: "甲", number.pk: make_id(seq="011")}
    )
    login(client, clerk)
    base_url = reverse("forms:base") + "?kind=person"
    few = count_queries(client, base_url)
    for i in range(6):
        records.save_record(
            actor=clerk,
            kind="person",
            values={name.pk: f"乙{i}", number.pk: make_id(seq=f"{20 + i:03d}")},
        )
    assert count_queries(client, base_url) == few
    client.logout()
    login(client, dictionary.user("county_admin"))
    elements_before = count_queries(client, reverse("forms:elements"))
    register(
        dictionary.user("department_clerk", 0, 1),
        {
            "id": "QT08",
            "title": "其他登记",
            "period": "年报",
            "fields": [{"name": f"事项{i}", "type": "text"} for i in range(5)],
        },
    )
    from jiceng.forms import services

    services.run_matching(actor=dictionary.user("county_admin"))
    assert count_queries(client, reverse("forms:elements")) == elements_before
