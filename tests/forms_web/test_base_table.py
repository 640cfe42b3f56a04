"""The township's base table: validation by type, masking, imports, and who may see records."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputErrors
from jiceng.forms import records
from jiceng.forms.models import BaseRecord, BaseValue
from jiceng.forms.queries import base_elements
from tests.conftest import login
from tests.forms_web.conftest import element_named, make_id

pytestmark = pytest.mark.django_db


def person_elements(world):
    county = world.counties[0]
    return {
        "name": element_named(county, "GL01:姓名"),
        "id": element_named(county, "GL01:身份证号"),
        "phone": element_named(county, "GL01:联系电话"),
        "amount": element_named(county, "GL01:津贴金额（元）"),
        "signed": element_named(county, "YS02:签约日期"),
        "health": element_named(county, "YS02:健康状况"),
    }


def test_base_table_asks_each_element_once_and_not_report_metadata(dictionary):
    county = dictionary.counties[0]
    names = {e.name for e in base_elements(county, "person")}
    e = person_elements(dictionary)
    assert {e["name"].name, e["id"].name, e["phone"].name, e["health"].name} <= names
    # Filler, report date and the township itself are not facts about a resident.
    assert element_named(county, "GL01:填报人").name not in names
    assert element_named(county, "GL01:填报日期").name not in names
    assert element_named(county, "GL01:乡镇（街道）").name not in names
    household = {x.name for x in base_elements(county, "household")}
    assert (
        element_named(county, "FW03:户主身份证号").name in household
        and e["id"].name not in household
    )


def test_values_are_validated_by_type(dictionary):
    e = person_elements(dictionary)
    clerk = dictionary.user("township_clerk")
    good_id = make_id()
    bad_check = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")
    with pytest.raises(InputErrors) as info:
        records.save_record(
            actor=clerk,
            kind="person",
            values={
                e["name"].pk: "测试居民",
                e["id"].pk: bad_check,
                e["phone"].pk: "1381234",
                e["amount"].pk: "12.345",
                e["signed"].pk: "2024-13-40",
                e["health"].pk: "很好",
            },
        )
    by_column = {err.column: err.detail for err in info.value.errors}
    assert "校验" in by_column[e["id"].name]
    assert "11 位" in by_column[e["phone"].name]
    assert "两位小数" in by_column[e["amount"].name]
    assert "日期" in by_column[e["signed"].name]
    assert "可选项" in by_column[e["health"].name]
    assert not BaseRecord.objects.exists()
    obj = records.save_record(
        actor=clerk,
        kind="person",
        values={
            e["name"].pk: "测试居民",
            e["id"].pk: good_id.lower(),
            e["phone"].pk: "138 1234 5678",
            e["signed"].pk: "2024年3月5日",
            e["health"].pk: "良好",
        },
    )
    stored = dict(obj.values.values_list("element_id", "value"))
    assert stored[e["id"].pk] == good_id.upper() and stored[e["phone"].pk] == "13812345678"
    assert stored[e["signed"].pk] == "2024-03-05" and obj.title == "测试居民"


def test_record_writes_are_audited_with_masked_numbers(dictionary):
    e = person_elements(dictionary)
    clerk = dictionary.user("township_clerk")
    number = make_id()
    obj = records.save_record(
        actor=clerk, kind="person", values={e["name"].pk: "甲", e["id"].pk: number}
    )
    entry = AuditEntry.objects.filter(object_type="forms.BaseRecord", object_id=str(obj.pk)).latest(
        "id"
    )
    assert entry.action == "create" and number not in str(entry.after)
    assert entry.after[e["id"].name] == number[:4] + "*" * 10 + number[-4:]
    records.save_record(
        actor=clerk, kind="person", values={e["name"].pk: "乙", e["id"].pk: number}, record_obj=obj
    )
    entry = AuditEntry.objects.latest("id")
    assert (
        entry.action == "update"
        and entry.before[e["name"].name] == "甲"
        and entry.after[e["name"].name] == "乙"
    )
    records.delete_base_record(actor=clerk, record_obj=obj)
    assert AuditEntry.objects.latest("id").action == "delete" and not BaseRecord.objects.exists()


def test_list_masks_and_edit_page_shows_full_numbers(client, dictionary):
    e = person_elements(dictionary)
    clerk = dictionary.user("township_clerk")
    number = make_id()
    obj = records.save_record(
        actor=clerk,
        kind="person",
        values={e["name"].pk: "丙", e["id"].pk: number, e["phone"].pk: "13912345678"},
    )
    login(client, clerk)
    listing = client.get(reverse("forms:base") + "?kind=person").content.decode()
    assert number not in listing and number[:4] + "*" * 10 + number[-4:] in listing
    assert "13912345678" not in listing and "139****5678" in listing
    edit = client.get(reverse("forms:record_edit", args=[obj.pk])).content.decode()
    assert number in edit and "13912345678" in edit
    api = client.get("/api/forms/records").json()
    assert api[0]["values"][e["id"].name] == number[:4] + "*" * 10 + number[-4:]
    assert client.get(f"/api/forms/records/{obj.pk}").json()["values"][e["id"].name] == number


def test_page_form_shows_errors_next_to_fields(client, dictionary):
    e = person_elements(dictionary)
    login(client, dictionary.user("township_clerk"))
    response = client.post(
        reverse("forms:record_new", args=["person"]),
        {f"e{e['id'].pk}": "123", f"e{e['name'].pk}": "丁"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "18 位" in html and "未保存" in html
    assert not BaseRecord.objects.exists()
    response = client.post(
        reverse("forms:record_new", args=["person"]),
        {f"e{e['id'].pk}": make_id(), f"e{e['name'].pk}": "丁"},
    )
    assert response.status_code == 302 and BaseRecord.objects.get().title == "丁"


def test_other_townships_records_are_404_and_other_roles_403(client, dictionary):
    e = person_elements(dictionary)
    obj = records.save_record(
        actor=dictionary.user("township_clerk", 0, 0), kind="person", values={e["name"].pk: "戊"}
    )
    login(client, dictionary.user("township_clerk", 0, 1))
    assert client.get(reverse("forms:record_edit", args=[obj.pk])).status_code == 404
    assert client.post(reverse("forms:record_delete", args=[obj.pk])).status_code == 404
    assert client.get(f"/api/forms/records/{obj.pk}").status_code == 404
    assert client.get("/api/forms/records").json() == []
    client.logout()
    for role in ("county_admin", "observer", "department_clerk"):
        login(client, dictionary.user(role))
        assert client.get(reverse("forms:record_edit", args=[obj.pk])).status_code == 403
        assert client.get(reverse("forms:base")).status_code == 403
        assert client.get(f"/api/forms/records/{obj.pk}").status_code == 403
        client.logout()
    assert client.get(reverse("forms:base")).status_code == 302
    assert client.get("/api/forms/records").status_code == 401
    with pytest.raises(ForbiddenError):
        records.save_record(
            actor=dictionary.user("township_clerk", 0, 1),
            kind="person",
            values={e["name"].pk: "x"},
            record_obj=obj,
        )


def xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_import_checks_every_row_and_imports_nothing_on_error(dictionary):
    e = person_elements(dictionary)
    clerk = dictionary.user("township_clerk")
    # Column titles may be element names or a form's own field name for the element.
    header = [e["name"].name, "公民身份号码", e["phone"].name]
    data = xlsx(
        [header, ["甲", make_id(seq="011"), "13800001111"], ["乙", "110101195803120419", "12345"]]
    )
    with pytest.raises(InputErrors) as info:
        records.import_records(actor=clerk, kind="person", data=data, filename="基础表.xlsx")
    located = [(err.file, err.row, err.column) for err in info.value.errors]
    assert ("基础表.xlsx", 3, e["phone"].name) in located
    assert ("基础表.xlsx", 3, e["id"].name) in located
    assert not BaseRecord.objects.exists()
    good = xlsx(
        [
            header,
            ["甲", make_id(seq="011"), "13800001111"],
            [None, None, None],
            ["乙", make_id(seq="023"), ""],
        ]
    )
    assert (
        records.import_records(actor=clerk, kind="person", data=good, filename="基础表.xlsx") == 2
    )
    assert BaseValue.objects.filter(element=e["id"]).count() == 2
    assert AuditEntry.objects.filter(action="import", note__contains="2 条").exists()
    with pytest.raises(Exception, match="不是本类记录的数据元素"):
        records.import_records(
            actor=clerk, kind="person", data=xlsx([["不存在的列"], ["x"]]), filename="x.xlsx"
        )
