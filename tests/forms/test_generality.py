"""Cases beyond a fixed synonym list: unknown role nouns, household forms, group headers that name
another person, thing addresses, programme events and worded-variant options."""

from __future__ import annotations

from jiceng.forms.features import field_features, form_principal
from jiceng.forms.matching import _option_overlap, match_fields
from jiceng.forms.schema import FieldType, Form, FormField, load_forms_json
from tests.forms.test_matching import form, run, same


def test_role_nouns_name_another_person() -> None:
    result = run(
        form("R1", "甲名册", "姓名", ("联系电话", "phone"), "护林员姓名", ("护林员电话", "phone")),
        form("R2", "乙名册", "居民姓名", ("手机号码", "phone"), ("护林员手机", "phone")),
        form("R3", "丙台账", "人员姓名", ("村医联系电话", "phone"), ("楼栋长电话", "phone")),
    )
    assert same(result, "R1:姓名", "R2:居民姓名") and same(result, "R1:姓名", "R3:人员姓名")
    assert same(result, "R1:联系电话", "R2:手机号码")
    assert same(result, "R1:护林员电话", "R2:护林员手机")
    assert not same(result, "R1:护林员姓名", "R1:姓名") and not same(
        result, "R1:护林员姓名", "R2:居民姓名"
    )
    for other in ("R1:护林员电话", "R3:村医联系电话", "R3:楼栋长电话"):
        assert not same(result, "R1:联系电话", other)
    element = next(e for e in result.elements if "R1:护林员电话" in e.members)
    assert any("护林员" in reason for reason in element.reasons)


def test_register_persons_are_not_read_as_roles() -> None:
    result = run(
        form("S1", "甲", "家庭成员姓名", ("身份证号码", "id_number")),
        form("S2", "乙", "参保人员姓名", ("公民身份号码", "id_number")),
        form("S3", "丙", "老年人姓名", ("证件号码", "id_number")),
        form("S4", "丁", "被监护人姓名", "监护人姓名"),
    )
    assert same(result, "S1:家庭成员姓名", "S2:参保人员姓名")
    assert same(result, "S1:家庭成员姓名", "S3:老年人姓名")
    assert same(result, "S1:家庭成员姓名", "S4:被监护人姓名")
    assert not same(result, "S4:监护人姓名", "S4:被监护人姓名")


def test_a_column_holding_only_a_role_noun_claims_the_next_phone() -> None:
    result = run(
        form(
            "C1", "甲", "姓名", ("联系电话", "phone"), "照料护理人", ("联系电话（护理）", "phone")
        ),
        form("C2", "乙", "姓名", ("本人电话", "phone"), "照料护理人", ("联系方式", "phone")),
    )
    assert same(result, "C1:照料护理人", "C2:照料护理人")
    assert same(result, "C1:联系电话", "C2:本人电话")
    assert not same(result, "C2:本人电话", "C2:联系方式")
    assert not same(result, "C1:联系电话", "C2:联系方式")


def test_household_form_identity_columns_are_the_heads() -> None:
    household = form(
        "H1",
        "农户补助清册",
        "户主姓名",
        ("身份证号码", "id_number"),
        ("联系电话", "phone"),
        ("补助金额（元）", "money"),
        "银行账号",
    )
    farm = form("H2", "承包地确权台账", "农户姓名", ("公民身份号码", "id_number"))
    resident = form(
        "P1",
        "居民名册",
        "户主姓名",
        "姓名",
        ("身份证号码", "id_number"),
        ("户主身份证号", "id_number"),
        ("联系电话", "phone"),
        ("户主电话", "phone"),
        "银行卡号",
    )
    result = run(household, farm, resident)
    assert same(result, "H1:身份证号码", "P1:户主身份证号")
    assert same(result, "H1:身份证号码", "H2:公民身份号码")
    assert same(result, "H1:户主姓名", "H2:农户姓名")
    assert not same(result, "H1:身份证号码", "P1:身份证号码")
    assert same(result, "H1:联系电话", "P1:户主电话") and not same(
        result, "H1:联系电话", "P1:联系电话"
    )
    # the payment account is not an identity column: it stays the subsidy account element
    assert same(result, "H1:银行账号", "P1:银行卡号")
    assert form_principal(load_forms_json([household])[0]) == "head"
    assert form_principal(load_forms_json([resident])[0]) == ""


def _field(name: str, type_: FieldType, group: str = "") -> FormField:
    return FormField(name=name, type=type_, group=group)


def test_group_header_naming_a_role_keeps_its_columns_apart() -> None:
    tenancy = Form(
        id="T1",
        department="县某局",
        title="出租房屋登记表",
        period="一次性",
        fields=(
            _field("姓名", FieldType.TEXT, "租住人员信息"),
            _field("联系电话", FieldType.PHONE, "租住人员信息"),
            _field("房东信息·姓名", FieldType.TEXT, "房东信息"),
            _field("身份证号码", FieldType.ID_NUMBER, "房东信息"),
            _field("房东信息·联系电话", FieldType.PHONE, "房东信息"),
        ),
    )
    register = Form(
        id="T2",
        department="县某局",
        title="人口登记表",
        period="一次性",
        fields=(
            _field("姓名", FieldType.TEXT),
            _field("公民身份号码", FieldType.ID_NUMBER),
            _field("手机号码", FieldType.PHONE),
            _field("房东联系电话", FieldType.PHONE),
        ),
    )
    result = match_fields([tenancy, register])
    assert same(result, "T1:姓名", "T2:姓名") and same(result, "T1:联系电话", "T2:手机号码")
    assert not same(result, "T1:身份证号码", "T2:公民身份号码")
    assert not same(result, "T1:房东信息·联系电话", "T2:手机号码")
    assert same(result, "T1:房东信息·联系电话", "T2:房东联系电话")
    landlord = field_features(tenancy, tenancy.fields[3], form_principal(tenancy))
    assert landlord.subject == "role:房东" and "房东信息" in landlord.subject_why


def test_enterprise_contact_phone_is_the_enterprises() -> None:
    result = run(
        form("E1", "企业基本情况台账", "企业名称", "联系人", ("联系电话", "phone")),
        form("E2", "市场主体检查台账", "单位名称", ("企业联系电话", "phone"), "企业联系人"),
        form("P1", "居民名册", "姓名", ("联系电话", "phone")),
    )
    assert same(result, "E1:联系电话", "E2:企业联系电话")
    assert not same(result, "E1:联系电话", "P1:联系电话")


def test_a_things_address_is_not_where_the_person_lives() -> None:
    result = run(
        form("A1", "甲", "姓名", ("现住址", "address"), ("出租房屋地址", "address")),
        form("A2", "乙", "姓名", ("居住地址", "address"), ("工程地址", "address")),
        form("A3", "企业台账", "企业名称", ("生产经营地址", "address")),
        form("A4", "经营主体台账", "单位名称", ("经营场所", "address")),
    )
    assert same(result, "A1:现住址", "A2:居住地址")
    for thing in ("A1:出租房屋地址", "A2:工程地址", "A3:生产经营地址"):
        assert not same(result, "A1:现住址", thing)
    assert same(result, "A3:生产经营地址", "A4:经营场所")


def test_event_dates_of_different_programmes_stay_apart() -> None:
    result = run(
        form("D1", "安全生产隐患排查台账", "企业名称", ("检查日期", "date")),
        form("D2", "食品经营监督检查台账", "企业名称", ("检查日期", "date")),
        form("D3", "工贸企业安全生产台账", "企业名称", ("检查日期", "date")),
    )
    assert not same(result, "D1:检查日期", "D2:检查日期")
    assert same(result, "D1:检查日期", "D3:检查日期")
    element = next(e for e in result.elements if "D2:检查日期" in e.members)
    assert any("食品安全" in reason for reason in element.reasons)


def test_more_common_elements() -> None:
    result = run(
        form(
            "M1",
            "甲",
            "姓名",
            ("退伍年月", "date"),
            "服务处所",
            ("自理能力", "enum", ["自理", "半失能", "失能"]),
            "年度",
        ),
        form(
            "M2",
            "乙",
            "姓名",
            ("退役时间", "date"),
            "工作单位",
            ("生活自理能力", "enum", ["完全自理", "部分失能", "完全失能"]),
            "统计年度",
        ),
    )
    for a, b in (("退伍年月", "退役时间"), ("服务处所", "工作单位"), ("自理能力", "生活自理能力")):
        assert same(result, f"M1:{a}", f"M2:{b}")
    assert same(result, "M1:年度", "M2:统计年度")


def test_worded_option_variants_count_as_shared() -> None:
    worded = _option_overlap(
        frozenset({"自理", "半失能", "失能"}), frozenset({"完全自理", "部分失能", "完全失能"})
    )
    assert worded >= 0.8  # only 半失能 has no counterpart
    same_lists = _option_overlap(frozenset({"甲", "乙", "丙"}), frozenset({"甲", "乙", "丙"}))
    assert same_lists == 1
    assert _option_overlap(frozenset({"甲", "乙", "丙"}), frozenset({"丁", "戊", "己"})) == 0
    half = _option_overlap(frozenset({"砖混", "砖木", "土木"}), frozenset({"砖混", "钢混", "其他"}))
    assert 0 < half < 0.5
    result = run(
        form("O1", "甲", "姓名", ("房屋用途", "enum", ["自住", "出租", "生产经营"])),
        form("O2", "乙", "姓名", ("房屋使用用途", "enum", ["自住房", "出租房", "生产经营用房"])),
    )
    assert same(result, "O1:房屋用途", "O2:房屋使用用途")


def test_a_role_the_title_names_is_the_registers_own_person() -> None:
    result = run(
        form("W1", "乡村保洁员聘用花名册", "保洁员姓名", ("保洁员联系电话", "phone")),
        form("W2", "居民名册", "姓名", ("联系电话", "phone"), ("保洁员电话", "phone")),
    )
    assert same(result, "W1:保洁员姓名", "W2:姓名")
    assert same(result, "W1:保洁员联系电话", "W2:联系电话")
    assert not same(result, "W2:联系电话", "W2:保洁员电话")


def test_a_column_named_only_for_the_registers_person_is_its_name() -> None:
    result = run(
        form("N1", "甲审批表", "申请人", ("身份证号码", "id_number"), "代理人"),
        form("N2", "乙名册", "姓名", ("公民身份号码", "id_number"), "代理人姓名"),
    )
    assert same(result, "N1:申请人", "N2:姓名")
    assert same(result, "N1:代理人", "N2:代理人姓名") and not same(
        result, "N1:申请人", "N2:代理人姓名"
    )
