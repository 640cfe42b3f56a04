"""Duty list import: the contract CSV, published XLSX layouts, and every validation error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.duties.parsing import dump_duty_csv, load_duty_list, parse_duty_list
from jiceng.duties.parsing.layout import FORMAT
from jiceng.errors import InputError, InputErrors

TOWN = "乡镇（街道）"
ITEMS = [
    DutyItem(
        "JB-001",
        Category.BASIC,
        "党的建设",
        "开展村级班子换届",
        "指导村（社区）两委按期换届。",
        "《村民委员会组织法》",
        TOWN,
        "乡镇党委组织实施",
    ),
    DutyItem(
        "JB-002",
        Category.BASIC,
        "社会事务",
        "办理临时救助",
        "受理审核急难型临时救助申请。",
        "《社会救助暂行办法》",
        TOWN,
        "乡镇政府负责",
    ),
    DutyItem(
        "JB-003",
        Category.BASIC,
        "社会事务",
        "开展困难群众走访",
        "定期走访低保、特困对象。",
        "",
        TOWN,
        "乡镇民政办负责",
    ),
    DutyItem(
        "PH-001",
        Category.COOPERATING,
        "安全生产",
        "配合开展燃气安全排查",
        "配合燃气主管部门入户排查。",
        "《城镇燃气管理条例》",
        "县住房和城乡建设局",
        "组织村社区网格员摸排用户底数",
    ),
    DutyItem(
        "PH-002",
        Category.COOPERATING,
        "卫生健康",
        "配合做好适龄儿童疫苗接种告知",
        "配合卫生健康部门做好接种告知。",
        "《疫苗管理法》",
        "县卫生健康局",
        "通知辖区适龄儿童家长",
    ),
    DutyItem(
        "SH-001",
        Category.RETURNED,
        "市场监管",
        "特种设备安全监督检查",
        "对电梯、锅炉等特种设备开展监督检查。",
        "《特种设备安全法》",
        "县市场监督管理局",
        "",
    ),
]
CN_HEADER = [
    "序号",
    "编号",
    "事项类别",
    "所属领域",
    "事项名称",
    "具体工作内容",
    "履职依据",
    "牵头（主管）部门",
    "乡镇（街道）职责",
]


def _cn_row(seq: int, it: DutyItem, *, with_category: bool = True) -> list[object]:
    cat = it.category.label if with_category else None
    return [
        seq,
        it.id,
        cat,
        it.domain,
        it.name,
        it.content,
        it.basis,
        it.lead_department,
        it.township_role or None,
    ]


def _save(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _contract_csv(items: list[DutyItem]) -> bytes:
    return dump_duty_csv(items).encode("utf-8")


def _published_per_sheet(
    items: list[DutyItem], *, header: list[str] = CN_HEADER, with_ids: bool = True
) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for cat in Category:
        ws = wb.create_sheet(cat.label)
        ws.append([f"示范乡履职事项清单（{cat.label}）"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append(
            ["编制单位：乡党政综合办", None, None, None, None, None, None, None, "2025年修订版"]
        )
        ws.append(header)
        members = [it for it in items if it.category is cat]
        for seq, it in enumerate(members, 1):
            row = _cn_row(seq, it)
            if not with_ids:
                row[1] = None
            ws.append(row)
        ws.append([])
        ws.append(["注：本清单由县委编办会同有关部门审核，实行动态调整。"])
    return _save(wb)


def _published_one_sheet(items: list[DutyItem], *, with_ids: bool = True) -> bytes:
    """One sheet, category merged down its rows, continuous 序号, blank row and footnote."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["示范乡履职事项清单"])
    ws.merge_cells("A1:I1")
    ws.append(["编制单位：乡党政综合办　　2025年修订版"])
    ws.append(CN_HEADER)
    seq = 0
    for cat in Category:
        members = [it for it in items if it.category is cat]
        first_row = ws.max_row + 1
        for i, it in enumerate(members):
            seq += 1
            row = _cn_row(seq, it, with_category=(i == 0))
            if not with_ids:
                row[1] = None
            ws.append(row)
        if len(members) > 1:
            ws.merge_cells(start_row=first_row, start_column=3, end_row=ws.max_row, end_column=3)
        # Counties merge runs of the same 所属领域 too; unlike the category it must not carry on.
        for i in range(1, len(members)):
            if members[i].domain == members[i - 1].domain:
                r = first_row + i
                ws.merge_cells(start_row=r - 1, start_column=4, end_row=r, end_column=4)
    ws.append([None] * 9)
    ws.append(["说明：1. 清单每年复核一次；"])
    ws.append(["2. 未列入清单的事项须经县级准入审核方可交办乡镇。"])
    return _save(wb)


# --- layouts -------------------------------------------------------------------------------


def test_contract_csv_roundtrip_with_bom() -> None:
    parsed = parse_duty_list(b"\xef\xbb\xbf" + _contract_csv(ITEMS), "list.csv")
    assert parsed.items == ITEMS
    assert parsed.warnings == []


def test_gbk_csv_is_read_with_a_warning() -> None:
    parsed = parse_duty_list(dump_duty_csv(ITEMS).encode("gbk"), "list.csv")
    assert parsed.items == ITEMS
    assert any("GBK" in w for w in parsed.warnings)


def test_xlsx_sheet_per_category_layout() -> None:
    parsed = parse_duty_list(_published_per_sheet(ITEMS), "published.xlsx")
    assert parsed.items == ITEMS
    assert parsed.title == "示范乡履职事项清单"
    assert parsed.unit == "乡党政综合办"
    assert parsed.version_note == "2025年修订版"


def test_xlsx_one_sheet_with_merged_category_cells() -> None:
    parsed = parse_duty_list(_published_one_sheet(ITEMS), "onesheet.xlsx")
    assert parsed.items == ITEMS
    assert parsed.unit == "乡党政综合办"
    assert parsed.version_note == "2025年修订版"


def test_missing_ids_are_made_from_category_and_sequence_in_both_layouts() -> None:
    per_sheet = parse_duty_list(_published_per_sheet(ITEMS, with_ids=False), "a.xlsx")
    one_sheet = parse_duty_list(_published_one_sheet(ITEMS, with_ids=False), "b.xlsx")
    expected = ["JB-001", "JB-002", "JB-003", "PH-001", "PH-002", "SH-001"]
    assert [it.id for it in per_sheet.items] == expected
    assert [it.id for it in one_sheet.items] == expected
    assert per_sheet.warnings and one_sheet.warnings


def test_header_variants_are_recognised() -> None:
    header = [
        "序 号",
        "事项编号",
        "类别",
        "领域",
        "事项名称",
        "主要内容",
        "法律依据",
        "牵头(主管)部门",
        "乡镇(街道)职责",
    ]
    parsed = parse_duty_list(_published_per_sheet(ITEMS, header=header), "variants.xlsx")
    assert parsed.items == ITEMS


def test_section_rows_give_the_category() -> None:
    lines = [
        "序号,事项名称,工作内容,牵头部门,乡镇职责,履职依据,所属领域,编号",
        "一、基本履职事项（2项）,,,,,,,",
    ]
    for cat, heading in zip(
        Category, ["", "二、配合履职事项", "三、上级部门收回事项"], strict=True
    ):
        if heading:
            lines.append(heading)
        for seq, it in enumerate((i for i in ITEMS if i.category is cat), 1):
            lines.append(
                ",".join(
                    [
                        str(seq),
                        it.name,
                        it.content,
                        it.lead_department,
                        it.township_role,
                        it.basis,
                        it.domain,
                        it.id,
                    ]
                )
            )
    parsed = parse_duty_list("\n".join(lines).encode(), "sections.csv")
    assert [(it.id, it.category) for it in parsed.items] == [(it.id, it.category) for it in ITEMS]


def test_contract_header_in_xlsx() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(FORMAT.contract_columns)
    for it in ITEMS:
        ws.append(
            [
                it.id,
                it.category.label,
                it.domain,
                it.name,
                it.content,
                it.basis,
                it.lead_department,
                it.township_role,
            ]
        )
    assert parse_duty_list(_save(wb), "plain.xlsx").items == ITEMS


def test_load_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    path.write_bytes(_published_one_sheet(ITEMS))
    parsed = load_duty_list(path)
    assert parsed.source_name == "清单.xlsx"
    assert len(parsed.items) == len(ITEMS)


# --- validation ----------------------------------------------------------------------------


def test_all_row_errors_are_collected_with_excel_row_numbers() -> None:
    text = dump_duty_csv(ITEMS).splitlines()
    text[1] = text[1].replace("基本履职事项", "其他事项")  # row 2: unknown category
    text[4] = text[4].replace("县住房和城乡建设局", "")  # row 5: cooperating without lead
    text[5] = text[5].replace("配合做好适龄儿童疫苗接种告知", "")  # row 6: missing name
    text.append(
        "JB-009,基本履职事项,社会事务,发放高龄津贴,审核发放。,,县民政局,"
    )  # row 8: basic led by county
    with pytest.raises(InputErrors) as caught:
        parse_duty_list("\n".join(text).encode(), "bad.csv")
    errors = caught.value.errors
    found = {(e.row, e.detail.split("“")[0].split("，")[0]) for e in errors}
    assert (2, "事项类别") in found
    assert any(e.row == 5 and "牵头" in e.detail for e in errors)
    assert any(e.row == 6 and e.detail == "事项名称为空。" for e in errors)
    assert any(e.row == 8 and "县民政局" in e.detail for e in errors)
    assert len(errors) == 4
    assert all(e.file == "bad.csv" for e in errors)
    assert "第 5 行" in str(caught.value)


def test_a_sumu_is_the_township_that_leads_its_basic_items() -> None:
    """In Inner Mongolia the township-level unit is the 苏木 and the county the 旗."""
    text = dump_duty_csv(ITEMS).splitlines()
    text.append("JB-901,基本履职事项,牧业,组织牧户春季接羔,入户指导。,,苏木,")
    text.append("JB-902,基本履职事项,牧业,草场巡查,组织嘎查巡查。,,巴音苏木,")
    items = parse_duty_list("\n".join(text).encode(), "sumu.csv").items
    assert [i.lead_department for i in items[-2:]] == ["苏木", "巴音苏木"]
    text.append("JB-903,基本履职事项,牧业,草原执法,查处违法。,,旗农牧局,")
    with pytest.raises(InputErrors) as caught:
        parse_duty_list("\n".join(text).encode(), "sumu.csv")
    [error] = caught.value.errors
    assert "旗农牧局" in error.detail


def test_duplicate_ids_are_reported_with_the_first_row() -> None:
    text = dump_duty_csv([*ITEMS, ITEMS[3]]).encode()
    with pytest.raises(InputErrors) as caught:
        parse_duty_list(text, "dup.csv")
    [error] = caught.value.errors
    assert error.row == 8 and "PH-001" in error.detail and "第 5 行" in error.detail


def test_errors_in_a_sheet_name_the_sheet() -> None:
    broken = [*ITEMS[:4], DutyItem("PH-002", Category.COOPERATING, "x", "y", "z", "", "", "")]
    with pytest.raises(InputErrors) as caught:
        parse_duty_list(_published_per_sheet(broken), "x.xlsx")
    [error] = caught.value.errors
    assert (
        error.row == 5
        and "配合履职事项" in (error.file or "")
        and error.column == "牵头（主管）部门"
    )


def test_missing_header_columns() -> None:
    with pytest.raises(InputErrors) as caught:
        parse_duty_list("编号,事项类别,事项名称\nJB-001,基本履职事项,甲\n".encode(), "cols.csv")
    message = str(caught.value)
    assert "具体工作内容" in message and "牵头（主管）部门" in message


def test_no_header_at_all() -> None:
    with pytest.raises(InputError, match="表头"):
        parse_duty_list("甲,乙\n1,2\n".encode(), "nohead.csv")


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(InputError, match="空"):
        parse_duty_list(data, "empty.csv")


def test_header_only_has_no_items() -> None:
    with pytest.raises(InputError, match="没有找到任何履职事项"):
        parse_duty_list(dump_duty_csv([]).encode(), "head.csv")


def test_docx_renamed_to_xlsx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="Word"):
        parse_duty_list(buf.getvalue(), "list.xlsx")


def test_text_renamed_to_xlsx_and_binary_junk() -> None:
    with pytest.raises(InputError, match="不是 Excel"):
        parse_duty_list("随便写的一段话".encode(), "list.xlsx")
    with pytest.raises(InputError):
        parse_duty_list(b"\x89PNG\r\n\x1a\n" + bytes(100), "list.csv")


def test_non_utf8_text_that_is_not_gbk_either() -> None:
    with pytest.raises(InputError, match="UTF-8"):
        parse_duty_list(b"id,name\n\x81\x20\xff\xfe\x80\n", "weird.csv")


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMAT.limits, "max_uncompressed_bytes", 1_000_000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 2_000_000)
    assert len(buf.getvalue()) < 50_000
    with pytest.raises(InputError, match="压缩炸弹"):
        parse_duty_list(buf.getvalue(), "bomb.xlsx")


def test_absurdly_large_sheet_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMAT.limits, "max_cells", 200)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(CN_HEADER)
    for i in range(100):
        ws.append(_cn_row(i + 1, ITEMS[0]))
    with pytest.raises(InputError, match="过大"):
        parse_duty_list(_save(wb), "huge.xlsx")


def test_file_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMAT.limits, "max_file_bytes", 100)
    with pytest.raises(InputError, match="文件过大"):
        parse_duty_list(_contract_csv(ITEMS), "big.csv")
