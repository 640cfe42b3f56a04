"""Round 24: seizing goods, sealing goods and posting a stop-use notice are enforcement; a
conclusion the township is told to stamp with its own seal makes it the deciding body; an order
to rectify is not the penalty item's order to stop business; a penalty item is an enforcement item
however it names the penalty; a 配合 role that says the township does not do an act cannot cover
that act asked; an unlisted task asking enforcement is rule 5 without a flag. Our own wording."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import asked_kinds

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "Q-JB-01",
        B,
        "城市管理",
        "集镇街面秩序巡查",
        "组织城管协管员巡查集镇主街，劝导沿街店铺规范经营。",
        "《城市市容和环境卫生管理条例》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Q-PH-01",
        C,
        "城市管理",
        "流动摊点疏导配合",
        "引导流动摊点进入临时疏导区经营。",
        "《城市市容和环境卫生管理条例》",
        "县城市管理局",
        "劝导流动摊点进入疏导区，拒不改正的记录并报告县城市管理局。",
    ),
    DutyItem(
        "Q-SH-01",
        R,
        "城市管理",
        "市容违法行为行政处罚",
        "对违法占道、乱搭乱建行为立案处罚并暂扣相关物品。",
        "《城市市容和环境卫生管理条例》",
        "县城市管理局",
        "",
    ),
    DutyItem(
        "Q-PH-02",
        C,
        "消防安全",
        "人员密集场所消防检查配合",
        "县消防救援大队对人员密集场所开展监督检查，乡镇协助通知场所负责人。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "提供场所清单，检查时通知负责人到场，跟踪隐患整改。",
    ),
    DutyItem(
        "Q-SH-02",
        R,
        "消防安全",
        "消防违法行为处罚和查封",
        "对消防违法行为罚款、责令停产停业、实施临时查封。",
        "《中华人民共和国消防法》",
        "县消防救援大队",
        "",
    ),
    DutyItem(
        "Q-JB-02",
        B,
        "消防安全",
        "防火安全宣传",
        "组织消防安全宣传进村入户。",
        "《中华人民共和国消防法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Q-PH-03",
        C,
        "平安建设",
        "治安监控点位建设配合",
        "县公安局规划治安监控点位，乡镇协助落实安装位置。",
        "《企业事业单位内部治安保卫条例》",
        "县公安局",
        "提出监控点位需求，协调安装场地，不承担设备采购和运维费用。",
    ),
    DutyItem(
        "Q-SH-03",
        R,
        "平安建设",
        "公共视频监控系统建设运维",
        "公共视频监控系统的建设和日常运维。",
        "省公共安全视频图像信息系统管理办法",
        "县公安局",
        "",
    ),
    DutyItem(
        "Q-PH-04",
        C,
        "征兵",
        "应征青年政审配合",
        "组织应征青年参加体检，协助初步政治考核。",
        "《征兵工作条例》",
        "县人民武装部",
        "组织应征青年按时体检，协助走访开展初步政治考核。",
    ),
    DutyItem(
        "Q-SH-04",
        R,
        "征兵",
        "政治考核结论审定",
        "应征青年政治考核结论的审定。",
        "《征兵工作条例》",
        "县人民武装部",
        "",
    ),
    DutyItem(
        "Q-PH-05",
        C,
        "生态环境",
        "饭店油烟投诉处置配合",
        "接到油烟投诉后上门劝导，督促经营户清洗净化设施。",
        "《中华人民共和国大气污染防治法》",
        "县城市管理局",
        "上门劝导，督促经营户清洗净化设施，拒不整改的报告。",
    ),
    DutyItem(
        "Q-SH-05",
        R,
        "生态环境",
        "饭店油烟违法处罚",
        "对未安装油烟净化设施或油烟超标排放的经营户处罚。",
        "《中华人民共和国大气污染防治法》",
        "县城市管理局",
        "",
    ),
]


def screen(sender: str, title: str, body: str, *, arbiter: bool = True):
    task = Task(
        id="T1", from_department=sender, title=title, body=body, deadline_days=15, upstream=None
    )
    screener = Screener(ITEMS)
    if not arbiter:
        screener.neighbours = None
    return screener.screen(task)


@pytest.mark.parametrize(
    "text",
    [
        "请各镇对集镇周边流动摊点的推车、货架一律予以暂扣。",
        "对购销台账对不上的，请当场封存相关化学品。",
        "不合格的直接贴停用告知。",
    ],
)
def test_seizing_sealing_and_stop_use_notices_are_enforcement(text: str) -> None:
    assert "enforcement" in asked_kinds(text)


def test_an_inspection_conclusion_made_out_is_professional() -> None:
    assert "professional" in asked_kinds("请镇里把辖区锅炉都看一遍，每台出个检查结论。")


@pytest.mark.parametrize(
    "text",
    ["请各镇出资采购充电桩并组织施工。", "充电棚由各镇负责出资建设，建成后移交运营企业。"],
)
def test_funding_the_departments_purchase_is_payment(text: str) -> None:
    assert "payment" in asked_kinds(text)


def test_seizing_goods_is_the_returned_penalty_item() -> None:
    r = screen(
        "县城市管理局",
        "关于清理集镇流动摊点的函",
        "各镇：集镇周边占道经营又多了起来。请各镇安排协管员每天傍晚对占道的推车、货架"
        "予以暂扣，暂扣物品登记后存放镇政府院内，每周汇总报我局。",
    )
    assert (r.duty_item, r.decision.value) == ("Q-SH-01", "reject")


def test_an_order_to_rectify_is_not_the_penalty_items_order_to_stop_business() -> None:
    r = screen(
        "县消防救援大队",
        "关于开展小旅馆消防检查的通知",
        "各镇：请你镇本月内对辖区小旅馆、网吧开展消防监督检查，对发现的隐患当场下达责令"
        "限期改正通知书，文书复印件报我大队。",
    )
    assert (r.duty_item, r.decision.value) == ("Q-PH-02", "reject")
    assert r.flag_codes == ["shifting_responsibility"]


def test_a_penalty_item_named_with_bare_chufa_is_an_enforcement_item() -> None:
    analyzer = ActAnalyzer()
    assert "enforcement" in analyzer.item_kinds(ITEMS[-1])


def test_testing_asked_beside_a_penalty_item_is_the_cooperating_leads_job() -> None:
    r = screen(
        "县城市管理局",
        "关于开展饭店油烟检测的通知",
        "各镇：近来饭店油烟投诉较多。请各镇自行购置便携式油烟检测仪，对集镇饭店逐家开展油烟"
        "排放检测，出具检测报告报我局。",
    )
    assert (r.duty_item, r.decision.value) == ("Q-PH-05", "reject")


def test_a_conclusion_stamped_with_the_townships_seal_is_the_returned_decision() -> None:
    r = screen(
        "县人民武装部",
        "关于应征青年政治考核的通知",
        "各镇：今年起应征青年政治考核改由各镇组织。请各镇对报名青年逐一开展考核，"
        "作出考核结论并加盖镇政府公章，结论报县征兵办。",
    )
    assert (r.duty_item, r.decision.value) == ("Q-SH-04", "reject")


def test_a_role_that_excludes_the_act_asked_cannot_cover_it() -> None:
    r = screen(
        "县公安局",
        "关于集镇治安监控补点的通知",
        "各镇：为补齐集镇治安监控点位，县局计划在主街新增监控点位40个。请各镇负责点位设备的"
        "采购安装，并承担后续三年的运维费用，合同签订后报我局备案。",
        # the role's denial itself: the learned arbiter (jiceng.intake.neighbours) undoes it on
        # this small list, reading the words the role denies as the role's
        arbiter=False,
    )
    assert (r.duty_item, r.decision.value) == ("Q-SH-03", "reject")


def test_the_denied_part_of_a_role_is_read() -> None:
    assert ActAnalyzer().denied_by_role(ITEMS[6]) == ("设备采购和运维费用",)
    assert ActAnalyzer().denied_by_role(ITEMS[1]) == ()


def test_unlisted_work_asking_enforcement_is_rule_5_without_a_flag() -> None:
    r = screen(
        "县交通运输局",
        "关于查扣非法营运三轮车的函",
        "各镇：请各镇对辖区非法营运的三轮车一律予以暂扣，暂扣车辆停放镇政府院内，每月报我局。",
    )
    assert (r.duty_item, r.decision.value, r.flag_codes) == (None, "reject", [])
    assert any("暂扣" in reason and "准入" in reason for reason in r.reasons)


def test_development_and_reform_is_not_the_commerce_bureau() -> None:
    matcher = DepartmentMatcher()
    assert matcher.plausible_lead("县发展和改革局", "县商务局") is not True
    assert matcher.plausible_lead("县工业和信息化局", "县商务局") is True
    assert matcher.plausible_lead("县发展和改革局价格认证中心", "县发展和改革局") is True
