from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from jiceng.errors import JicengError
from jiceng.forms.matching import MatchResult, match_fields
from jiceng.forms.schema import Form, load_forms_json
from jiceng.forms.templates_xlsx import read_form_template
from tests.forms.paraphrase_forms import EXPECTED, FORMS


def form(form_id: str, title: str, *fields: Any) -> dict[str, Any]:
    items = []
    for spec in fields:
        name, type_, *rest = spec if isinstance(spec, tuple) else (spec, "text")
        item: dict[str, Any] = {"name": name, "type": type_}
        for extra in rest:
            item["options" if isinstance(extra, list) else "description"] = extra
        items.append(item)
    return {
        "id": form_id,
        "department": "县某局",
        "title": title,
        "period": "年报",
        "fields": items,
    }


def run(*forms: dict[str, Any]) -> MatchResult:
    return match_fields(load_forms_json(list(forms)))


def same(result: MatchResult, a: str, b: str) -> bool:
    return any(a in e.members and b in e.members for e in result.elements)


def assert_exactly_once(result: MatchResult, forms: list[Form]) -> None:
    placed = [m for e in result.elements for m in e.members]
    assert sorted(placed) == sorted(f.member_key(x) for f in forms for x in f.fields)


# ---- synonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("身份证号码", "id_number"), ("公民身份号码", "id_number")),
        (("证件号码", "id_number"), ("身份证件号", "id_number")),
        (("联系电话", "phone"), ("手机号码", "phone")),
        (("联系方式", "phone"), ("本人电话", "phone")),
        (("申请人姓名", "text"), ("姓名", "text")),
        (("户籍地址", "address"), ("户口所在地", "address")),
        (("现住址", "address"), ("经常居住地", "address")),
        (("家庭人口数", "number"), ("共同生活家庭成员人数", "number")),
        (("家庭月人均收入（元）", "money"), ("家庭人均月收入（元）", "money")),
        (("开户银行", "text"), ("代发银行", "text")),
        (("银行卡号", "text"), ("一卡通账号", "text")),
        (("出生年月", "date"), ("出生日期", "date")),
        (("残疾人证号", "text"), ("残疾证号", "text")),
        (("乡镇（街道）", "text"), ("所属乡镇", "text")),
        (("村（社区）", "text"), ("村委会名称", "text")),
        (("村民小组", "text"), ("组", "text")),
        (("户主", "text"), ("户主姓名", "text")),
    ],
)
def test_synonyms_are_one_element(left: tuple[str, str], right: tuple[str, str]) -> None:
    result = run(form("P1", "甲台账", left), form("P2", "乙名册", right))
    assert same(result, f"P1:{left[0]}", f"P2:{right[0]}")
    element = next(e for e in result.elements if f"P1:{left[0]}" in e.members)
    assert element.reasons and 0 < element.confidence <= 1


def test_report_metadata_is_grouped_across_forms() -> None:
    result = run(
        form("M1", "甲", "姓名", "填报单位", "填报人", "审核人", ("填报日期", "date")),
        form("M2", "乙", "姓名", "填表单位（盖章）", "录入人", "审核", ("录入日期", "date")),
        form("M3", "丙", "姓名", "上报单位", "统计人", "复核人", ("报出日期", "date")),
    )
    for a, b, c in [
        ("填报单位", "填表单位（盖章）", "上报单位"),
        ("填报人", "录入人", "统计人"),
        ("审核人", "审核", "复核人"),
        ("填报日期", "录入日期", "报出日期"),
    ]:
        assert same(result, f"M1:{a}", f"M2:{b}") and same(result, f"M1:{a}", f"M3:{c}")
    assert not same(result, "M1:姓名", "M1:填报人")


def test_township_and_village_are_one_element_whatever_the_subject() -> None:
    result = run(
        form("T1", "企业用工监测台账", "企业名称", "统一社会信用代码", "所在乡镇", "所在村"),
        form("T2", "村基本情况统计表", "乡镇名称", "村（居）名称", ("户籍户数", "number")),
        form("T3", "低保对象名册", "乡（镇）", "行政村", "姓名", ("身份证号", "id_number")),
    )
    assert same(result, "T1:所在乡镇", "T2:乡镇名称") and same(result, "T1:所在乡镇", "T3:乡（镇）")
    assert same(result, "T1:所在村", "T2:村（居）名称") and same(result, "T1:所在村", "T3:行政村")


def test_institution_named_after_a_township_is_not_the_township() -> None:
    result = run(form("I1", "甲", "乡镇卫生院", "姓名"), form("I2", "乙", "乡镇", "姓名"))
    assert not same(result, "I1:乡镇卫生院", "I2:乡镇")


# ---- false friends ---------------------------------------------------------------------------


def test_guardian_emergency_enterprise_and_filler_phones_stay_apart() -> None:
    result = run(
        form("G1", "低保名册", "姓名", ("联系电话", "phone"), "填报人", ("填报人电话", "phone")),
        form(
            "G2", "残疾人台账", "姓名", ("本人电话", "phone"), "监护人姓名", ("监护人电话", "phone")
        ),
        form(
            "G3",
            "健康管理登记",
            "姓名",
            ("手机", "phone"),
            "紧急联系人",
            ("联系人电话", "phone", "紧急联系人手机号"),
        ),
        form("G4", "企业用工台账", "企业名称", "统一社会信用代码", ("联系电话", "phone")),
        form(
            "G5",
            "资助台账",
            "学生姓名",
            ("家长联系电话", "phone"),
            "统计人",
            ("联系电话", "phone", "统计人联系电话"),
        ),
    )
    own = ["G1:联系电话", "G2:本人电话", "G3:手机"]
    for a, b in itertools.combinations(own, 2):
        assert same(result, a, b)
    assert same(result, "G2:监护人电话", "G5:家长联系电话")
    assert same(result, "G1:填报人电话", "G5:联系电话")
    for other in ["G2:监护人电话", "G3:联系人电话", "G4:联系电话", "G5:联系电话", "G1:填报人电话"]:
        assert not same(result, "G1:联系电话", other), other
    assert not same(result, "G3:联系人电话", "G2:监护人电话")
    guardian = next(e for e in result.elements if "G2:监护人电话" in e.members)
    assert any("监护人" in r for r in guardian.reasons)


def test_phone_right_after_a_person_column_is_that_persons() -> None:
    result = run(
        form("N1", "甲", "姓名", ("手机号码", "phone"), "紧急联系人", ("联系电话", "phone")),
        form(
            "N2", "乙", "姓名", ("联系电话", "phone"), "紧急联系人姓名", ("紧急联系人电话", "phone")
        ),
    )
    assert same(result, "N1:联系电话", "N2:紧急联系人电话")
    assert same(result, "N1:手机号码", "N2:联系电话")


def test_household_head_fields_are_not_the_residents() -> None:
    result = run(
        form(
            "H1",
            "名册",
            "户主姓名",
            "姓名",
            ("身份证号码", "id_number"),
            ("户主身份证号", "id_number"),
            ("联系电话（户主）", "phone"),
            ("联系电话", "phone"),
        ),
        form(
            "H2",
            "台账",
            "户主",
            "成员姓名",
            ("户主公民身份号码", "id_number"),
            ("公民身份号码", "id_number"),
            ("户主手机", "phone"),
            ("手机", "phone"),
        ),
        form(
            "H3",
            "登记表",
            "姓名",
            ("与户主关系", "enum", ["本人", "配偶", "子女"]),
            ("与户主的关系", "text"),
        ),
    )
    assert same(result, "H1:户主姓名", "H2:户主") and not same(result, "H1:户主姓名", "H1:姓名")
    assert same(result, "H1:户主身份证号", "H2:户主公民身份号码")
    assert same(result, "H1:身份证号码", "H2:公民身份号码")
    assert not same(result, "H1:户主身份证号", "H2:公民身份号码")
    assert same(result, "H1:联系电话（户主）", "H2:户主手机")
    assert not same(result, "H1:联系电话（户主）", "H2:手机")
    assert not same(result, "H3:与户主关系", "H1:户主姓名")


def test_household_land_is_not_the_village_total() -> None:
    result = run(
        form("L1", "耕地补贴核实表", "户主姓名", ("承包地面积（亩）", "number")),
        form("L2", "受灾核查台账", "户主", ("耕地面积（亩）", "number", "本户承包经营耕地面积")),
        form("L3", "村基本情况年报", "村名", ("耕地面积（亩）", "number", "全村耕地总面积")),
        form(
            "L4", "村级统计表", "村（社区）", ("户籍户数", "number"), ("耕地面积（亩）", "number")
        ),
    )
    assert same(result, "L1:承包地面积（亩）", "L2:耕地面积（亩）")
    assert same(result, "L3:耕地面积（亩）", "L4:耕地面积（亩）")
    assert not same(result, "L1:承包地面积（亩）", "L3:耕地面积（亩）")
    village = next(e for e in result.elements if "L3:耕地面积（亩）" in e.members)
    assert any("全村" in r for r in village.reasons)


def test_amounts_and_dates_of_different_programmes_stay_apart() -> None:
    result = run(
        form(
            "D1",
            "城乡最低生活保障对象名册",
            "姓名",
            ("月保障金额（元）", "money"),
            ("申请日期", "date"),
            ("家庭月人均收入（元）", "money"),
        ),
        form(
            "D2",
            "城乡居民养老保险待遇发放表",
            "姓名",
            ("金额", "money", "本月发放养老金"),
            ("申请日期", "date"),
            ("家庭人均月收入（元）", "money"),
        ),
        form("D3", "低保对象复核表", "姓名", ("保障金额（元）", "money"), ("申请时间", "date")),
    )
    assert not same(result, "D1:月保障金额（元）", "D2:金额")
    assert not same(result, "D1:申请日期", "D2:申请日期")
    # the same programme's facts do merge, and household income is not programme-specific
    assert same(result, "D1:申请日期", "D3:申请时间")
    assert same(result, "D1:月保障金额（元）", "D3:保障金额（元）")
    assert same(result, "D1:家庭月人均收入（元）", "D2:家庭人均月收入（元）")
    dated = next(e for e in result.elements if "D2:申请日期" in e.members)
    assert any("区分项目" in r for r in dated.reasons)


def test_registered_address_is_not_the_current_address() -> None:
    result = run(
        form("R1", "甲", "姓名", ("户籍地址", "address"), ("现住址", "address")),
        form("R2", "乙", "姓名", ("户籍所在地", "address"), ("现居住地址", "address")),
    )
    assert same(result, "R1:户籍地址", "R2:户籍所在地") and same(
        result, "R1:现住址", "R2:现居住地址"
    )
    assert not same(result, "R1:户籍地址", "R2:现居住地址")


def test_unmarked_field_after_several_subject_note_is_not_read_as_one() -> None:
    # "学生或家长" names two subjects: the note says nothing about whose date it is.
    result = run(
        form(
            "S1", "学生资助认定台账", "学生姓名", ("申请日期", "date", "学生或家长提交申请的日期")
        ),
        form("S2", "学生资助发放台账", "学生姓名", ("申请时间", "date")),
    )
    assert same(result, "S1:申请日期", "S2:申请时间")


# ---- group header as subject context (XLSX) ---------------------------------------------------


def _template(path: Path, groups: list[tuple[str, list[str]]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "儿童信息登记表"
    ws["A2"] = "制表单位：县某局    报送周期：季报"
    col = 1
    for group, names in groups:
        ws.cell(row=3, column=col, value=group)
        if len(names) > 1:
            ws.merge_cells(
                start_row=3, start_column=col, end_row=3, end_column=col + len(names) - 1
            )
        for name in names:
            ws.cell(row=4, column=col, value=name)
            col += 1
    wb.save(path)
    return path


def test_group_header_makes_the_subject(tmp_path: Path) -> None:
    x1 = read_form_template(
        _template(
            tmp_path / "X1.xlsx",
            [("儿童基本信息", ["姓名", "联系电话"]), ("监护人信息", ["姓名", "联系电话"])],
        )
    )
    x2 = load_forms_json(
        [
            form(
                "X2",
                "留守儿童台账",
                "儿童姓名",
                ("本人电话", "phone"),
                "监护人姓名",
                ("监护人电话", "phone"),
            )
        ]
    )
    result = match_fields([x1, *x2])
    assert_exactly_once(result, [x1, *x2])
    assert same(result, "X1:姓名", "X2:儿童姓名") and same(result, "X1:联系电话", "X2:本人电话")
    assert same(result, "X1:监护人信息·姓名", "X2:监护人姓名")
    assert same(result, "X1:监护人信息·联系电话", "X2:监护人电话")
    assert not same(result, "X1:联系电话", "X2:监护人电话")


# ---- fuzzy fallback, one field per form, coverage --------------------------------------------


def test_unlisted_names_merge_by_similarity_and_options() -> None:
    structure = ["砖混", "砖木", "土木", "钢混"]
    result = run(
        form(
            "U1",
            "甲",
            ("宅基地面积（平方米）", "number"),
            ("房屋结构", "enum", structure),
            ("是否低保户", "enum", ["是", "否"]),
        ),
        form(
            "U2",
            "乙",
            ("宅基地占地面积（平方米）", "number"),
            ("住房结构", "enum", structure),
            ("是否五保户", "enum", ["是", "否"]),
        ),
    )
    assert same(result, "U1:宅基地面积（平方米）", "U2:宅基地占地面积（平方米）")
    assert same(result, "U1:房屋结构", "U2:住房结构")
    assert not same(result, "U1:是否低保户", "U2:是否五保户")


def test_two_fields_of_one_form_are_never_one_element() -> None:
    result = run(
        form("O1", "甲", "姓名", ("联系电话", "phone"), ("手机号码", "phone")),
        form("O2", "乙", "姓名", ("手机", "phone")),
    )
    for element in result.elements:
        forms = [m.split(":")[0] for m in element.members]
        assert len(forms) == len(set(forms))


def test_every_field_placed_exactly_once_at_scale() -> None:
    names = [
        "姓名",
        "身份证号",
        "联系电话",
        "户主姓名",
        "现住址",
        "家庭人口",
        "补贴金额",
        "备注",
        "村名",
    ]
    types = ["text", "id_number", "phone", "text", "address", "number", "money", "text", "text"]
    data = [
        form(
            f"Z{i:03d}",
            f"表{i}",
            *[(n, t) for n, t in zip(names[i % 3 :], types[i % 3 :], strict=True)],
        )
        for i in range(200)
    ]
    forms = load_forms_json(data)
    result = match_fields(forms)
    assert_exactly_once(result, forms)


def test_duplicate_references_are_refused() -> None:
    forms = load_forms_json([form("Q1", "甲", "姓名")]) * 2
    with pytest.raises(JicengError):
        match_fields(forms)


def test_paraphrased_forms_match_expected_elements() -> None:
    forms = load_forms_json(FORMS)
    result = match_fields(forms)
    assert_exactly_once(result, forms)
    predicted = {
        frozenset(p) for e in result.elements for p in itertools.combinations(e.members, 2)
    }
    expected = {frozenset(p) for g in EXPECTED for p in itertools.combinations(sorted(g), 2)}
    assert predicted == expected


def test_contract_shape() -> None:
    contract = run(form("C1", "甲", "姓名"), form("C2", "乙", "姓名")).to_contract()
    assert contract == {"elements": [{"element": "姓名", "members": ["C1:姓名", "C2:姓名"]}]}
