"""Build XLSX templates for a few held-out forms, as a department would send them.

    .venv/bin/python bench/forms_heldout/make_xlsx.py

Reads ``forms.json`` and ``truth.json`` next to this script and writes ``xlsx/<id>.xlsx`` plus
``truth_xlsx.json``: the truth of the whole set when these templates replace their JSON forms
(members of a template renamed to the headers a reader sees; the other forms unchanged). The templates are harder than the JSON: who a column is about is often said only by
a merged group header (监护人信息 above 姓名 / 联系电话), notes are cell comments, enum options
are drop-down lists (inline or on a second sheet) and no type is declared.

Header naming follows the template reader's documented rule: a repeated header inside one form is
named ``group·header``.
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent
DATA_ROWS = 200

# form id -> list of (group header or "", [(field name in forms.json, header in the template)])
LAYOUTS: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {
    "H03": [
        ("", [("所在乡镇", "所在乡镇"), ("所在行政村", "所在行政村"), ("组别", "组别")]),
        (
            "户主信息",
            [("户主姓名", "姓名"), ("身份证号码", "身份证号码"), ("联系电话", "联系电话")],
        ),
        (
            "家庭及房屋情况",
            [
                ("家庭人口（人）", "家庭人口（人）"),
                ("重点对象类型", "重点对象类型"),
                ("房屋结构", "房屋结构"),
                ("危险性鉴定等级", "危险性鉴定等级"),
            ],
        ),
        (
            "改造情况",
            [
                ("改造方式", "改造方式"),
                ("改造后面积（㎡）", "改造后面积（㎡）"),
                ("补助资金（元）", "补助资金（元）"),
                ("开工日期", "开工日期"),
                ("竣工验收日期", "竣工验收日期"),
            ],
        ),
        (
            "填报信息",
            [
                ("填报单位", "填报单位"),
                ("填表人", "填表人"),
                ("填表人电话", "联系电话"),
                ("填报日期", "填报日期"),
            ],
        ),
    ],
    "H05": [
        ("", [("乡镇（街道）", "乡镇（街道）"), ("村（居）委会", "村（居）委会")]),
        (
            "儿童基本信息",
            [
                ("儿童姓名", "儿童姓名"),
                ("性别", "性别"),
                ("出生日期", "出生日期"),
                ("身份证号", "身份证号"),
                ("儿童类别", "儿童类别"),
                ("就读学校", "就读学校"),
                ("就读年级", "就读年级"),
                ("健康状况", "健康状况"),
            ],
        ),
        (
            "监护人信息",
            [
                ("监护人姓名", "姓名"),
                ("与儿童关系", "与儿童关系"),
                ("监护人联系电话", "联系电话"),
            ],
        ),
        (
            "",
            [
                ("父母外出务工地", "父母外出务工地"),
                ("家庭住址", "家庭住址"),
                ("儿童主任", "儿童主任"),
                ("儿童主任电话", "儿童主任电话"),
                ("填报人", "填报人"),
                ("填报日期", "填报日期"),
            ],
        ),
    ],
    "H10": [
        (
            "",
            [
                ("所属乡镇（街道）", "所属乡镇（街道）"),
                ("所在村（社区）", "所在村（社区）"),
                ("企业名称", "企业名称"),
                ("统一社会信用代码", "统一社会信用代码"),
            ],
        ),
        ("法定代表人", [("法定代表人", "姓名"), ("法定代表人电话", "联系电话")]),
        (
            "企业情况",
            [
                ("生产经营地址", "生产经营地址"),
                ("行业类别", "行业类别"),
                ("从业人员数（人）", "从业人员数（人）"),
            ],
        ),
        ("安全管理负责人", [("安全管理负责人", "姓名"), ("安全管理负责人手机", "手机")]),
        (
            "",
            [
                ("企业联系电话", "企业联系电话"),
                ("风险等级", "风险等级"),
                ("最近检查日期", "最近检查日期"),
                ("发现隐患数（项）", "发现隐患数（项）"),
                ("填报单位", "填报单位"),
                ("填报人", "填报人"),
                ("填报日期", "填报日期"),
            ],
        ),
    ],
    "H11": [
        ("", [("乡镇（街道）", "乡镇（街道）"), ("社区（村）", "社区（村）")]),
        (
            "流动人口信息",
            [
                ("姓名", "姓名"),
                ("性别", "性别"),
                ("公民身份号码", "公民身份号码"),
                ("民族", "民族"),
                ("户籍地址", "户籍地址"),
                ("联系电话", "联系电话"),
                ("服务处所", "服务处所"),
                ("居住事由", "居住事由"),
                ("来本地日期", "来本地日期"),
            ],
        ),
        ("出租房屋信息", [("出租房屋地址", "房屋地址"), ("房屋用途", "房屋用途")]),
        (
            "房东信息",
            [
                ("房东姓名", "姓名"),
                ("房东身份证号码", "身份证号码"),
                ("房东联系电话", "联系电话"),
            ],
        ),
        ("", [("登记人", "登记人"), ("登记日期", "登记日期")]),
    ],
    "H13": [
        (
            "",
            [
                ("乡镇（街道）", "乡镇（街道）"),
                ("村（社区）", "村（社区）"),
                ("老人姓名", "老人姓名"),
                ("性别", "性别"),
                ("出生年月", "出生年月"),
                ("年龄", "年龄"),
                ("居民身份证号", "居民身份证号"),
                ("户口地址", "户口地址"),
                ("居住地址", "居住地址"),
                ("本人联系电话", "本人联系电话"),
                ("自理能力", "自理能力"),
            ],
        ),
        ("紧急联系人", [("紧急联系人", "姓名"), ("紧急联系人电话", "联系电话")]),
        (
            "津贴发放",
            [
                ("津贴标准（元/月）", "津贴标准（元/月）"),
                ("发放金额（元）", "发放金额（元）"),
                ("开户银行", "开户银行"),
                ("银行卡号", "银行卡号"),
            ],
        ),
        ("", [("填表人", "填表人"), ("填表日期", "填表日期")]),
    ],
}


def reader_names(layout: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, str]:
    """forms.json field name -> the name the template reader gives that column."""
    used: set[str] = set()
    names: dict[str, str] = {}
    for group, columns in layout:
        for json_name, header in columns:
            unique = header if header not in used else f"{group}·{header}"
            assert unique not in used, unique
            used.add(unique)
            names[json_name] = unique
    return names


def build(form: dict, layout: list[tuple[str, list[tuple[str, str]]]], out: Path) -> None:
    fields = {f["name"]: f for f in form["fields"]}
    laid_out = [name for _, columns in layout for name, _ in columns]
    assert sorted(laid_out) == sorted(fields), form["id"]
    wb = Workbook()
    ws = wb.active
    ws.title = "报表"
    options_sheet = wb.create_sheet("选项")
    width = len(laid_out)
    ws.cell(row=1, column=1, value=form["title"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=2, column=1, value=f"制表单位：{form['department']}")
    ws.cell(row=2, column=width - 2, value=f"报送周期：{form['period']}")
    col = 1
    option_col = 1
    for group, columns in layout:
        start = col
        for json_name, header in columns:
            field = fields[json_name]
            if group:
                ws.cell(row=4, column=col, value=header)
            else:  # an ungrouped header spans both header rows
                ws.cell(row=3, column=col, value=header)
                ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
            anchor = ws.cell(row=4 if group else 3, column=col)
            if field["description"]:
                anchor.comment = Comment(field["description"], "制表人")
            if field.get("options"):
                letter = get_column_letter(col)
                if len(field["options"]) > 5:  # long lists live on a second sheet
                    for i, option in enumerate(field["options"], start=1):
                        options_sheet.cell(row=i, column=option_col, value=option)
                    ref_col = get_column_letter(option_col)
                    formula = f"选项!${ref_col}$1:${ref_col}${len(field['options'])}"
                    option_col += 1
                else:
                    formula = '"' + ",".join(field["options"]) + '"'
                validation = DataValidation(type="list", formula1=formula, allow_blank=True)
                validation.add(f"{letter}5:{letter}{DATA_ROWS + 4}")
                ws.add_data_validation(validation)
            col += 1
        if group:
            ws.cell(row=3, column=start, value=group)
            if col - 1 > start:
                ws.merge_cells(start_row=3, start_column=start, end_row=3, end_column=col - 1)
    wb.save(out)


def main() -> None:
    forms = {f["id"]: f for f in json.loads((HERE / "forms.json").read_text("utf-8"))}
    truth = json.loads((HERE / "truth.json").read_text("utf-8"))
    folder = HERE / "xlsx"
    folder.mkdir(exist_ok=True)
    renames: dict[str, str] = {}
    for form_id, layout in LAYOUTS.items():
        build(forms[form_id], layout, folder / f"{form_id}.xlsx")
        for json_name, xlsx_name in reader_names(layout).items():
            renames[f"{form_id}:{json_name}"] = f"{form_id}:{xlsx_name}"
    elements = []
    for element in truth["elements"]:
        members = [renames.get(m, m) for m in element["members"]]
        elements.append({"element": element["element"], "members": members})
    (HERE / "truth_xlsx.json").write_text(
        json.dumps({"elements": elements}, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    print(f"{len(LAYOUTS)} templates, {len(renames)} fields, {len(elements)} elements")


if __name__ == "__main__":
    main()
