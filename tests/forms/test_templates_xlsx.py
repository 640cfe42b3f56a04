from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation

from jiceng.errors import InputError, InputErrors
from jiceng.forms.inference import infer_type
from jiceng.forms.schema import FieldType
from jiceng.forms.templates_xlsx import load_forms_dir, read_form_template


def build_template(path: Path, *, two_rows: bool = True, example_row: bool = False) -> Path:
    """A department template: title, unit/period row, group headers merged above fields."""
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws["A1"] = "儿童关爱服务登记表"
    ws.merge_cells("A1:H1")
    ws["A2"] = "制表单位：县某某局"
    ws["F2"] = "报送周期：季报"
    header = 4 if two_rows else 3
    if two_rows:
        ws["A3"] = "序号"
        ws.merge_cells("A3:A4")
        ws["B3"] = "儿童信息"
        ws.merge_cells("B3:E3")
        ws["F3"] = "监护人信息"
        ws.merge_cells("F3:G3")
        ws["H3"] = "备注"
        ws.merge_cells("H3:H4")
    else:
        ws["A3"] = "序号"
        ws["H3"] = "备注"
    for col, name in zip(
        "BCDEFG", ["姓名", "性别", "身份证号码", "出生年月", "姓名", "手机"], strict=True
    ):
        ws[f"{col}{header}"] = name
    ws[f"E{header}"].comment = Comment("YYYY-MM", "作者")
    ws["H3"].comment = Comment("其他需要说明的情况", "作者")  # on the merge's anchor cell
    sex = DataValidation(type="list", formula1='"男,女"', allow_blank=True)
    ws.add_data_validation(sex)
    sex.add(f"C{header + 1}:C200")
    if example_row:
        ws[f"B{header + 1}"] = "示例"
        ws[f"E{header + 1}"] = 201501
    wb.save(path)
    return path


def test_reads_title_meta_groups_comments_and_options(tmp_path: Path) -> None:
    form = read_form_template(build_template(tmp_path / "C7.xlsx"))
    assert (form.id, form.title, form.department, form.period) == (
        "C7",
        "儿童关爱服务登记表",
        "县某某局",
        "季报",
    )
    names = [f.name for f in form.fields]
    # 序号 is a row counter; the second 姓名 is made unique with its group header.
    assert names == ["姓名", "性别", "身份证号码", "出生年月", "监护人信息·姓名", "手机", "备注"]
    by_name = {f.name: f for f in form.fields}
    assert by_name["性别"].options == ("男", "女") and by_name["性别"].type is FieldType.ENUM
    assert (
        by_name["出生年月"].description == "YYYY-MM" and by_name["出生年月"].type is FieldType.DATE
    )
    assert by_name["手机"].group == "监护人信息" and by_name["手机"].type is FieldType.PHONE
    assert by_name["身份证号码"].type is FieldType.ID_NUMBER
    assert by_name["备注"].group == ""  # merged vertically: a field with no group
    assert by_name["姓名"].group == "儿童信息"


def test_single_header_row_and_example_row_ignored(tmp_path: Path) -> None:
    form = read_form_template(
        build_template(tmp_path / "C8.xlsx", two_rows=False, example_row=True)
    )
    assert [f.name for f in form.fields][:2] == ["姓名", "性别"]
    assert all(f.group == "" for f in form.fields)


def test_reads_bytes_with_form_id(tmp_path: Path) -> None:
    data = build_template(tmp_path / "x.xlsx").read_bytes()
    assert read_form_template(data, "Z9").id == "Z9"


def test_list_from_a_cell_range_on_another_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "名册"
    ws["A2"] = "制表单位：县甲局"
    ws["A3"], ws["B3"] = "姓名", "文化程度"
    options = wb.create_sheet("选项")
    for i, value in enumerate(["小学", "初中", "高中"], start=1):
        options[f"A{i}"] = value
    dv = DataValidation(type="list", formula1="选项!$A$1:$A$3")
    ws.add_data_validation(dv)
    dv.add("B4:B100")
    wb.save(tmp_path / "R1.xlsx")
    field = read_form_template(tmp_path / "R1.xlsx").fields[1]
    assert field.options == ("小学", "初中", "高中") and field.type is FieldType.ENUM


@pytest.mark.parametrize(
    ("name", "note", "expected"),
    [
        ("公民身份号码", "", FieldType.ID_NUMBER),
        ("联系方式", "", FieldType.PHONE),
        ("入学时间", "", FieldType.DATE),
        ("救助金额", "", FieldType.MONEY),
        ("补贴标准（元/亩）", "", FieldType.MONEY),
        ("户口所在地", "", FieldType.ADDRESS),
        ("家庭成员数", "", FieldType.NUMBER),
        ("种植面积（亩）", "", FieldType.NUMBER),
        ("其中：外出务工", "外出务工人数", FieldType.NUMBER),
        ("残疾人证号", "", FieldType.TEXT),
        ("统计年度", "", FieldType.TEXT),
    ],
)
def test_type_inference_cues(name: str, note: str, expected: FieldType) -> None:
    assert infer_type(name, note) is expected


def test_validation_list_means_enum() -> None:
    assert infer_type("联系电话", "", ("有", "无")) is FieldType.ENUM


def test_rejects_non_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("序号,姓名\n1,张三\n", encoding="utf-8")
    with pytest.raises(InputError, match="不是 XLSX"):
        read_form_template(path)


def test_rejects_zip_without_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="不是 XLSX"):
        read_form_template(buffer.getvalue(), "Q1")


def test_rejects_zip_bomb(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(InputError, match="压缩"):
        read_form_template(buffer.getvalue(), "Q2")


def test_corrupt_xlsx_is_a_clean_error() -> None:
    with pytest.raises(InputError):
        read_form_template(b"PK\x03\x04garbage", "Q3")


def test_load_forms_dir_collects_errors(tmp_path: Path) -> None:
    build_template(tmp_path / "B1.xlsx")
    build_template(tmp_path / "B2.xlsx", two_rows=False)
    assert [f.id for f in load_forms_dir(tmp_path)] == ["B1", "B2"]
    (tmp_path / "B3.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(InputErrors) as caught:
        load_forms_dir(tmp_path)
    assert len(caught.value.errors) == 1 and "B3.xlsx" in str(caught.value)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有"):
        load_forms_dir(tmp_path)


def test_unit_and_period_in_one_cell_are_split():
    import io

    from openpyxl import Workbook

    from jiceng.forms.templates_xlsx import read_form_template

    wb = Workbook()
    ws = wb.active
    ws.append(["某某情况统计表"])
    ws.append(["制表单位：县民政局    报送周期：月报"])
    ws.append(["姓名", "身份证号码", "联系电话"])
    buffer = io.BytesIO()
    wb.save(buffer)
    form = read_form_template(buffer.getvalue(), "X1")
    assert (form.department, form.period) == ("县民政局", "月报")
    assert [f.name for f in form.fields] == ["姓名", "身份证号码", "联系电话"]
