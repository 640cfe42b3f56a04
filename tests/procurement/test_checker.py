"""The purchase checker on paraphrased requests of every negative-list class and on catalogue items."""

import pytest

from jiceng.procurement.checker import (
    CatalogueEntry,
    PurchaseChecker,
    find_negative_hits,
    negative_classes,
)

CATALOGUE = [
    CatalogueEntry(
        "P1", "居家养老服务", "为高龄、失能老人提供助餐、助浴、上门照护", "基本公共服务"
    ),
    CatalogueEntry("P2", "法律顾问服务", "为乡镇提供法律咨询、合同审查和法治宣传", "技术服务"),
    CatalogueEntry(
        "P3", "生活垃圾收运保洁", "农村生活垃圾收集、清运和公共区域保洁", "基本公共服务"
    ),
    CatalogueEntry(
        "P4", "安全生产技术服务", "委托第三方机构提供隐患排查、检测检验等技术支持", "技术服务"
    ),
    CatalogueEntry(
        "N1",
        "网格协管员岗位",
        "以购买服务名义设置网格协管员岗位",
        "",
        negative=True,
        reason="实为人员聘用",
    ),
]


@pytest.fixture(scope="module")
def checker() -> PurchaseChecker:
    return PurchaseChecker(CATALOGUE)


@pytest.mark.parametrize(
    ("code", "title", "description"),
    [
        ("direct_duty", "委托企业办理个体工商户许可", "由中介机构代为审批发证"),
        ("direct_duty", "购买违章停车处理服务", "由服务公司对违停车辆作出罚款并收缴"),
        ("direct_duty", "聘请保安公司开展综合执法", "对沿街商户进行执法检查和查封扣押"),
        ("outside_duties", "年终联欢会后勤服务", "含干部职工福利和纪念品采购发放"),
        ("outside_duties", "招商推介服务", "为辖区企业开展商业推广和产品销售"),
        ("goods_and_works", "文化广场改造", "广场地面翻建、安装工程一并交由服务商完成"),
        ("goods_and_works", "办公设备托管服务", "由服务商购置电脑和打印机供镇政府使用"),
        ("goods_and_works", "村级水渠修缮", "对灌溉水渠进行修缮"),
        ("financing", "安置房代建服务", "由社会资本先行垫资，政府分五年付款"),
        ("financing", "产业园运营服务", "承接方负责资金筹措，政府承诺固定回报"),
        ("staffing", "便民服务中心窗口人员服务", "通过劳务派遣方式安排 6 人在窗口坐班"),
        ("staffing", "购买公益性岗位", "设置公益岗位安置就业困难人员"),
        ("staffing", "充实综治力量", "招聘工作人员 4 名补充人手"),
        ("other_forbidden", "文书档案整理", "整理并扫描涉密文件"),
        ("other_forbidden", "村级组织换届服务", "委托机构承办村两委换届选举组织工作"),
    ],
)
def test_every_negative_class_is_refused_with_its_clause(checker, code, title, description):
    result = checker.check(title, description)
    assert result.verdict == "forbidden", result.reasons
    assert code in {h.code for h in result.negative_hits}
    clause = next(c.clause for c in negative_classes() if c.code == code)
    assert any(clause in r for r in result.reasons)
    hit = next(h for h in result.negative_hits if h.code == code)
    assert hit.evidence in f"{title}\n{description}"


def test_every_class_in_the_data_file_is_tested():
    assert {c.code for c in negative_classes()} == {
        "direct_duty",
        "outside_duties",
        "goods_and_works",
        "financing",
        "staffing",
        "other_forbidden",
    }
    assert all("财政部令第102号" in c.clause for c in negative_classes())


@pytest.mark.parametrize(
    ("title", "description", "item"),
    [
        ("失能老人上门照护", "为独居失能老人提供上门助浴和照护", "P1"),
        ("老年助餐服务", "为高龄老人每日送餐", "P1"),
        ("聘请常年法律顾问", "提供合同审查和法律咨询", "P2"),
        ("环卫保洁外包", "全乡垃圾收集清运", "P3"),
        ("企业安全隐患排查", "委托第三方开展隐患排查技术支持", "P4"),
    ],
)
def test_paraphrased_catalogue_items_are_allowed(checker, title, description, item):
    result = checker.check(title, description)
    assert result.verdict == "allowed", result.reasons
    assert result.catalogue_item == item
    assert any(item in r for r in result.reasons)


def test_county_negative_item_is_refused(checker):
    result = checker.check("网格协管员", "设置网格协管员岗位负责巡查")
    assert result.verdict == "forbidden"
    assert any("N1" in r and "实为人员聘用" in r for r in result.reasons)


def test_outside_the_catalogue_goes_to_review(checker):
    result = checker.check("无人机航拍影像", "提供全域航拍影像资料")
    assert result.verdict == "review"
    assert any("不在本县政府购买服务指导目录内" in r for r in result.reasons)


def test_negated_mention_does_not_count():
    assert not find_negative_hits("村庄规划编制咨询，不含工程施工和设备采购")
    assert find_negative_hits("村庄道路施工")


def test_broad_words_need_context():
    assert not find_negative_hits("开展平安建设宣传和民生工程满意度调查")
    assert {h.code for h in find_negative_hits("村道建设工程施工")} == {"goods_and_works"}


def test_auxiliary_service_to_a_direct_duty_goes_to_review(checker):
    result = checker.check("执法辅助服务", "协助开展行政执法中的法律咨询")
    assert result.verdict == "review"
    assert any("辅助性服务" in r for r in result.reasons)


def test_empty_request_is_not_allowed(checker):
    assert checker.check("", "").verdict == "review"
