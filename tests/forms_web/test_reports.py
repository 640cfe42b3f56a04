"""Generated reports (layout, columns, audit), the department's view, and the measures."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError
from jiceng.forms import queries, records
from jiceng.forms.models import ReportForm
from jiceng.forms.reports import policy
from tests.conftest import login
from tests.forms_web.conftest import element_named, make_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(dictionary):
    county = dictionary.counties[0]
    el = {
        k: element_named(county, m)
        for k, m in {
            "name": "GL01:姓名",
            "id": "GL01:身份证号",
            "phone": "GL01:联系电话",
            "amount": "GL01:津贴金额（元）",
            "health": "YS02:健康状况",
            "head": "FW03:户主姓名",
            "head_id": "FW03:户主身份证号",
        }.items()
    }
    t0, t1 = dictionary.user("township_clerk", 0, 0), dictionary.user("township_clerk", 0, 1)
    records.save_record(
        actor=t0,
        kind="person",
        values={
            el["name"].pk: "张甲",
            el["id"].pk: make_id(seq="013"),
            el["phone"].pk: "13800001111",
            el["amount"].pk: "200",
            el["health"].pk: "良好",
        },
    )
    records.save_record(
        actor=t0, kind="person", values={el["name"].pk: "李乙", el["id"].pk: make_id(seq="025")}
    )
    records.save_record(
        actor=t1, kind="person", values={el["name"].pk: "王丙", el["phone"].pk: "13900002222"}
    )
    records.save_record(
        actor=t0,
        kind="household",
        values={el["head"].pk: "赵丁", el["head_id"].pk: make_id(seq="037")},
    )
    dictionary.el = el
    return dictionary


def open_report(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_department_report_has_its_layout_and_only_its_columns(client, filled):
    form = ReportForm.objects.get(code="GL01")
    clerk = filled.user("department_clerk", 0, 0)
    login(client, clerk)
    response = client.get(reverse("forms:report", args=[form.pk]))
    assert response.status_code == 200
    ws = open_report(response.content)
    assert ws["A1"].value == "高龄津贴发放花名册"
    assert "制表单位：县第0局" in ws["A2"].value and "报送周期：月报" in ws["A2"].value
    headers = [c.value for c in ws[3]]
    assert headers == [f.name for f in form.fields.order_by("position")]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {"张甲", "李乙", "王丙"}  # person records of both townships, no household
    assert (
        rows["张甲"][0] == "第0镇" and rows["王丙"][0] == "第1镇"
    )  # the township column is filled by itself
    assert (
        rows["张甲"][2] == make_id(seq="013")
        and rows["张甲"][3] == "13800001111"
        and rows["张甲"][4] == "200"
    )
    assert rows["张甲"][5] in (None, "") and rows["张甲"][6] == dt.date.today().isoformat()
    # 健康状况 belongs to another department's form: it never appears in this one.
    assert "良好" not in [v for r in rows.values() for v in r]
    entry = AuditEntry.objects.filter(action="export").latest("id")
    assert entry.object_id == str(form.pk) and "记录 3 条" in entry.note and entry.actor == clerk


def test_one_township_report_and_household_rows(filled):
    form = ReportForm.objects.get(code="FW03")
    clerk = filled.user("department_clerk", 0, 0)
    _, content = records.generate_report(actor=clerk, form=form, township=filled.townships[0])
    ws = open_report(content)
    assert "填报单位：第0镇" in ws["A2"].value
    data = list(ws.iter_rows(min_row=4, values_only=True))
    assert data == [("第0镇", "赵丁", make_id(seq="037"), None)]


def test_township_generates_only_its_own_report(client, filled):
    form = ReportForm.objects.get(code="YS02")
    town = filled.user("township_clerk", 0, 1)
    login(client, town)
    ws = open_report(client.get(reverse("forms:report", args=[form.pk])).content)
    names = [r[1] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert names == ["王丙"]
    other = filled.townships[0].pk
    assert (
        client.get(reverse("forms:report", args=[form.pk]) + f"?township={other}").status_code
        == 403
    )
    assert AuditEntry.objects.filter(action="export", actor=town).count() == 1


def test_who_may_generate_reports(client, filled):
    form = ReportForm.objects.get(code="GL01")
    for user, status in [
        (filled.user("department_clerk", 0, 1), 404),  # another department's form
        (filled.user("county_admin"), 403),  # personal data: county-wide roles see measures only
        (filled.user("observer"), 403),
        (filled.user("department_clerk", 1, 0), 404),
        (filled.user("township_clerk", 1, 0), 404),
    ]:
        client.force_login(user)
        assert client.get(reverse("forms:report", args=[form.pk])).status_code == status, (
            user.username
        )
        assert client.get(f"/api/forms/forms/{form.pk}/report").status_code == status, user.username
    client.logout()
    assert client.get(reverse("forms:report", args=[form.pk])).status_code == 302
    assert client.get(f"/api/forms/forms/{form.pk}/report").status_code == 401
    assert not AuditEntry.objects.filter(action="export").exists()
    with pytest.raises(ForbiddenError):
        records.generate_report(actor=filled.user("county_admin"), form=form)


def test_a_department_sees_only_elements_its_forms_use(client, filled):
    dept1 = filled.user("department_clerk", 0, 1)
    login(client, dept1)
    names = {row["name"] for row in client.get("/api/forms/elements").json()}
    assert filled.el["health"].name in names and filled.el["id"].name in names
    assert filled.el["amount"].name not in names and filled.el["head"].name not in names
    html = client.get(reverse("forms:elements")).content.decode()
    assert filled.el["amount"].name not in html


def test_report_cells_are_escaped_against_formula_injection(filled):
    el = filled.el
    records.save_record(
        actor=filled.user("township_clerk"), kind="person", values={el["name"].pk: "=1+2"}
    )
    _, content = records.generate_report(
        actor=filled.user("department_clerk"), form=ReportForm.objects.get(code="GL01")
    )
    names = [r[1] for r in open_report(content).iter_rows(min_row=4, values_only=True)]
    assert "'=1+2" in names


def test_measures(client, filled):
    county = filled.counties[0]
    m = queries.measures(county)
    assert m.forms == 3 and m.fields_asked == 7 + 6 + 4
    # 乡镇 (3 fields → 1), 姓名 (2 → 1), 身份证号 (2 → 1), 电话 (2 → 1): 5 asks removed.
    assert m.elements == m.fields_asked - 5 and m.fields_saved == 5
    t0 = next(t for t in m.townships if t.township == "第0镇")
    # 张甲: 5 values; 李乙: 2; household 赵丁: 2.
    assert t0.records == 3 and t0.values_filled == 9
    # 张甲's name, ID and phone each fill GL01 and YS02; amount GL01; health YS02 → 8 cells;
    # 李乙: name and ID in both forms → 4; 赵丁: 2 cells in FW03.
    assert t0.report_cells == 14 and t0.cells_saved == 5
    assert t0.hours_saved == round(5 * policy().seconds_per_field / 3600, 2) > 0
    assert m.cells_saved == 5 + 2  # 王丙: name and phone fill both forms: 2 values → 4 cells
    future = queries.measures(county, month=dt.date(2000, 1, 1))
    assert sum(t.values_filled for t in future.townships) == 0
    login(client, filled.user("township_clerk", 0, 1))
    data = client.get("/api/forms/measures").json()
    assert [t["township"] for t in data["townships"]] == ["第1镇"]
    html = client.get(reverse("forms:measures")).content.decode()
    assert 'data-chart-for="forms-saved"' in html and "节约填报工时" in html
