"""Round 28: a sender leading 配合/收回 items of a 基本 item's domain keeps that item from a lower
coverage; the setting of a lead's work (农村, 集体) is not its work; questioning, holding,
wanted-list checks, traffic direction and seals are police or enforcement powers; handing over
to the body that acts is not acting; approving directly makes the township the approver; the
平安 office coordinates disputes and petitions. Flags: a figure handed to the township by name
is a quota, an app upload with words between is a chat upload, a salutation is no work beside
chat check-ins, checking equipment is upkeep, not an inspection. Our own wording."""

import pytest

from jiceng.duties.items import Category
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.decision import concluding_rule
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, asked_kinds, flags_of, make_item

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED


BURNING = [
    make_item(
        "E-JB-01",
        B,
        "生态环境",
        "焚烧行为巡查劝阻",
        "巡查发现露天焚烧垃圾、秸秆行为，劝阻当事人熄火并清理现场。",
        "乡镇",
    ),
    make_item(
        "E-PH-01",
        C,
        "生态环境",
        "配合扬尘污染治理",
        "县环境分局负责建筑工地扬尘监管。",
        "县生态环境分局",
        "巡查发现工地扬尘线索报告县环境分局。",
    ),
    make_item(
        "E-SH-01",
        R,
        "生态环境",
        "大气污染违法行为查处",
        "对露天焚烧等大气污染违法行为依法处罚。",
        "县生态环境分局",
    ),
    RIVER_CLEANING,
    make_item(
        "S-JB-01", B, "社会救助", "低保对象入户核查", "对低保申请家庭入户调查收入和财产。", "乡镇"
    ),
    make_item("P-JB-01", B, "党的建设", "党员教育管理", "组织党员学习和主题党日活动。", "乡镇"),
]

# loose chat wording: the list's words are few, the topic is the domain lead's own
TYRES = (
    "@各镇 最近老有人半夜在西头村桥边焚烧旧轮胎，黑烟呛人。麻烦镇里派网格员晚上巡查，碰到露天"
    "焚烧的劝阻当事人熄火并清理，屡教不改的把车牌记下来给我们。"
)


@pytest.mark.parametrize(
    ("sender", "decision", "item"),
    [("县生态环境分局", "admit", "E-JB-01"), ("县水利局", "reject", None)],
)
def test_a_domain_lead_keeps_its_domains_basic_item_from_a_lower_coverage(
    sender: str, decision: str, item: str | None
) -> None:
    task = Task("T1", sender, "西头村晚上烧轮胎（群消息）", TYRES, None, None)
    screener = Screener(BURNING)
    # the domain lead's rescue alone: a chat message's own lower threshold would match it anyway,
    # and so would the notice's close resemblance to the item's own words (policy.toml
    # resemblance_cosine)
    screener.chat_none_threshold = screener.none_threshold
    screener.match_policy["resemblance_cosine"] = 2.0
    assert 0.12 <= screener.matcher.strength(task) < 0.16  # between the two cuts
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item) == (decision, item)


def test_the_setting_of_a_leads_work_is_not_its_work() -> None:
    item = make_item(
        "A-PH-01",
        C,
        "集体经济",
        "配合集体资产年度清查",
        "县农业农村局组织农村集体资产清产核资。",
        "县农业农村局",
        "组织经济合作社填报，汇总上报。",
    )
    words = ActAnalyzer().lead_work_words(item)
    assert "清产核资" in words
    assert not {"农村", "集体"} & set(words)


@pytest.mark.parametrize(
    "text",
    [
        "请网格员上门比对租客身份证是否为在逃人员。",
        "发现形迹可疑的，请网格员当场盘问并把人留住。",
        "请镇里安排劝导员每天早晚代替交警在路口执勤。",
        "请镇里派人在路口指挥车辆通行。",
        "请镇里直接去贴封条，把仓库先封了。",
    ],
)
def test_police_powers_and_seals_are_enforcement(text: str) -> None:
    assert "enforcement" in asked_kinds(text)


def test_handing_over_to_the_body_that_acts_is_not_acting() -> None:
    assert asked_kinds("请镇里沿河巡查，发现偷排的及时转县环境分局查处。") == set()


def test_approving_directly_makes_the_township_the_approver() -> None:
    clauses = ActAnalyzer().township_doer_clauses(
        "请你镇在核对材料的基础上，直接按评分办法对申请人审定资格。"
    )
    assert clauses


def test_the_safety_and_peace_office_coordinates_disputes() -> None:
    matcher = DepartmentMatcher()
    office = "县平安白水建设领导小组办公室"
    assert matcher.plausible_lead(office, "县委政法委员会", "社会治理矛盾纠纷多元化解")
    assert not matcher.plausible_lead(office, "县农业农村局", "农业生产耕地地力保护补贴")


def test_a_figure_handed_to_the_township_by_name_is_a_quota() -> None:
    assert "forced_apportionment" in flags_of(
        "今年技能培训县里分给本镇的报名数是500人，请镇里尽快组织报名。"
    )


def test_an_app_upload_with_words_between_is_a_chat_upload() -> None:
    assert "digital_formalism" in flags_of("每次巡查须在“巡查通”APP上完整上传巡查轨迹和现场照片。")


WAGES = [
    make_item(
        "L-JB-01",
        B,
        "劳动保障",
        "欠薪线索受理和劳资纠纷调处",
        "受理务工人员欠薪投诉，排查劳资矛盾，一般纠纷组织调解。",
        "乡镇",
    ),
    make_item("P-JB-01", B, "党的建设", "党员教育管理", "组织党员学习和主题党日活动。", "乡镇"),
    RIVER_CLEANING,
]


def test_a_salutation_is_no_work_beside_chat_check_ins() -> None:
    task = Task(
        "T1",
        "县人力资源和社会保障局",
        "欠薪排查每日报平安（群消息）",
        "@全体 各镇人社服务站的同志们请注意：年底欠薪排查期间，请每天9点前在本群接龙报“辖区"
        "无欠薪纠纷”，并附一张定位打卡截图。",
        None,
        None,
    )
    r = Screener(WAGES).screen(task)
    assert r.decision.value == "reject"
    assert concluding_rule(r.reasons) == 7


def test_checking_equipment_is_upkeep_not_an_inspection() -> None:
    assert "inspection_burden" not in flags_of(
        "请安排专人每周检查设备电量和耗材有效期，发现故障及时报修。"
    )
