"""Registering forms: JSON and XLSX, versions, bad files, and the dictionary shown on registration."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation

from jiceng.core.models import AuditEntry
from jiceng.errors import ForbiddenError, InputError, InputErrors
from jiceng.forms import services
from jiceng.forms.models import ReportForm
from tests.conftest import login
from tests.forms_web.conftest import DOCTOR_FORM, ELDER_FORM, HOUSE_FORM, register

pytestmark = pytest.mark.django_db


def template_bytes(
    title: str,
    unit: str,
    headers: list[str],
    *,
    comment: tuple[int, str] | None = None,
    options: tuple[int, list[str]] | None = None,
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = title
    ws["A2"] = f"制表单位：{unit}"
    ws["D2"] = "报送周期：季报"
    for col, name in enumerate(headers, start=1):
        ws.cell(row=3, column=col, value=name)
    if comment:
        ws.cell(row=3, column=comment[0]).comment = Comment(comment[1], "部门")
    if options:
        letter = "ABCDEFGHIJ"[options[0] - 1]
        dv = DataValidation(type="list", formula1='"' + ",".join(options[1]) + '"')
        ws.add_data_validation(dv)
        dv.add(f"{letter}4:{letter}200")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_json_upload_registers_forms_with_record_kinds_and_audit(client, world):
    import json

    clerk = world.user("department_clerk")
    login(client, clerk)
    payload = json.dumps([ELDER_FORM, HOUSE_FORM], ensure_ascii=False).encode()
    upload = io.BytesIO(payload)
    upload.name = "forms.json"
    response = client.post(reverse("forms:register"), {"file": upload})
    assert response.status_code == 302
    forms = {f.code: f for f in ReportForm.objects.all()}
    assert set(forms) == {"GL01", "FW03"}
    assert forms["GL01"].department == clerk.organisation and forms["GL01"].version == 1
    assert forms["GL01"].record_kind == "person" and forms["FW03"].record_kind == "household"
    assert [f.name for f in forms["GL01"].fields.order_by("position")] == [
        f["name"] for f in ELDER_FORM["fields"]
    ]
    entries = AuditEntry.objects.filter(action="create", object_type="forms.ReportForm")
    assert {e.object_id for e in entries} == {str(f.pk) for f in forms.values()}


def test_xlsx_template_reads_fields_notes_and_options(client, world):
    clerk = world.user("department_clerk")
    login(client, clerk)
    data = template_bytes(
        "残疾人两项补贴发放台账",
        "县第0局",
        ["乡镇", "姓名", "公民身份号码", "残疾等级", "补贴金额（元）"],
        comment=(3, "填写18位身份证号"),
        options=(4, ["一级", "二级", "三级", "四级"]),
    )
    upload = io.BytesIO(data)
    upload.name = "CJ05.xlsx"
    response = client.post(reverse("forms:register"), {"file": upload}, follow=True)
    assert response.status_code == 200
    form = ReportForm.objects.get()
    assert form.code == "CJ05" and form.title == "残疾人两项补贴发放台账" and form.period == "季报"
    fields = {f.name: f for f in form.fields.all()}
    assert (
        fields["公民身份号码"].field_type == "id_number"
        and "18位" in fields["公民身份号码"].description
    )
    assert fields["残疾等级"].field_type == "enum" and fields["残疾等级"].options == [
        "一级",
        "二级",
        "三级",
        "四级",
    ]
    assert "已登记" in response.content.decode()


def test_reregistering_a_code_makes_a_new_version_and_keeps_confirmed_elements(dictionary):
    clerk = dictionary.user("department_clerk")
    old = ReportForm.objects.get(code="GL01")
    old_element = old.fields.get(name="身份证号").element
    assert old_element is not None and old_element.status == "accepted"
    changed = dict(
        ELDER_FORM,
        fields=[
            *ELDER_FORM["fields"],
            {"name": "发放方式", "type": "enum", "options": ["现金", "银行卡"]},
        ],
    )
    [result] = register(clerk, changed)
    new = result.form
    old.refresh_from_db()
    assert new.version == 2 and new.is_current and not old.is_current
    assert new.fields.get(name="身份证号").element == old_element
    assert new.fields.get(name="发放方式").element is None
    known = {f.name for f, _ in result.known}
    assert "身份证号" in known and "发放方式" not in known


def test_a_new_form_shows_fields_already_in_the_dictionary(client, dictionary):
    other_dept = dictionary.user("department_clerk", 0, 1)
    new_form = {
        "id": "MZ09",
        "title": "困难老人慰问名单",
        "period": "年报",
        "fields": [
            {"name": "老人姓名", "type": "text"},
            {"name": "身份证号码", "type": "id_number"},
            {"name": "慰问品", "type": "text"},
        ],
    }
    [result] = register(other_dept, new_form)
    known = {f.name: e.name for f, e in result.known}
    assert "身份证号码" in known and "慰问品" not in known
    login(client, other_dept)
    html = client.get(reverse("forms:detail", args=[result.form.pk])).content.decode()
    assert "匹配建议" in html and known["身份证号码"] in html


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("bad.json", b'[{"id": "X1", "fields": []}]', "没有字段"),
        ("bad.json", b"{not json", "JSON 格式错误"),
        (
            "bad.json",
            b'[{"id": "X1", "fields": [{"name": "a", "type": "colour"}]}]',
            "未知字段类型",
        ),
        ("notes.txt", b"hello", "只接受"),
        ("broken.xlsx", b"PK\x03\x04 not a workbook", ""),
        ("empty.json", b"", "空的"),
    ],
)
def test_bad_files_give_chinese_errors_and_register_nothing(
    client, world, filename, content, expected
):
    login(client, world.user("department_clerk"))
    upload = io.BytesIO(content)
    upload.name = filename
    response = client.post(reverse("forms:register"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html and expected in html
    assert not ReportForm.objects.exists()


def test_bad_json_errors_name_file_row_and_column(world):
    with pytest.raises(InputErrors) as info:
        services.read_upload(b'[{"id": "A1", "fields": [{"name": "x", "type": "enum"}]}]', "f.json")
    message = info.value.message
    assert "文件“f.json”" in message and "第 1 行" in message and "options" in message


def test_only_departments_register_and_codes_are_not_shared(world):
    with pytest.raises(ForbiddenError):
        register(world.user("county_admin"), ELDER_FORM)
    with pytest.raises(ForbiddenError):
        register(world.user("township_clerk"), ELDER_FORM)
    register(world.user("department_clerk", 0, 0), ELDER_FORM)
    with pytest.raises(InputError, match="已被"):
        register(world.user("department_clerk", 0, 1), ELDER_FORM)
    # Another county may use the same code.
    [result] = register(world.user("department_clerk", 1, 0), ELDER_FORM)
    assert result.form.county == world.counties[1] and result.form.version == 1


def test_registry_visibility_by_role(client, registered):
    w = registered
    own = ReportForm.objects.get(code="GL01")
    other = ReportForm.objects.get(code="YS02")
    cases = [
        (w.user("department_clerk", 0, 0), own, 200),
        (w.user("department_clerk", 0, 0), other, 404),
        (w.user("department_clerk", 0, 1), other, 200),
        (w.user("township_clerk", 0, 0), own, 200),
        (w.user("county_admin", 0), own, 200),
        (w.user("county_admin", 1), own, 404),
        (w.user("township_clerk", 1, 0), own, 404),
    ]
    for user, form, status in cases:
        client.force_login(user)
        assert client.get(reverse("forms:detail", args=[form.pk])).status_code == status, (
            user.username
        )
        assert client.get(f"/api/forms/forms/{form.pk}").status_code == status, user.username
    client.logout()
    assert client.get(reverse("forms:list")).status_code == 302
    assert client.get("/api/forms/forms").status_code == 401


def test_register_via_api(client, world):
    import json

    login(client, world.user("department_clerk"))
    response = client.post(
        "/api/forms/forms",
        json.dumps([DOCTOR_FORM], ensure_ascii=False),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()[0]["form"]["code"] == "YS02"
    bad = client.post("/api/forms/forms", "[1]", content_type="application/json")
    assert bad.status_code == 400 and "JSON 对象" in bad.json()["detail"]
