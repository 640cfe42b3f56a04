"""Round 29: a Party department or mass organisation writing about a 基本 item of its own field is
no stranger to it; a crop station is an agriculture unit; an act said in the passive or as done
is not asked; grading a building's safety and verifying scales are professional. Flags: bank
accounts and bound cards counted per village are a quota, a start date is no work beside chat
check-ins, ledgers sent up monthly to be looked over are no inspection. Our own wording."""

import pytest

from jiceng.duties.items import Category
from jiceng.intake.decision import concluding_rule
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.records import Task
from jiceng.intake.screening import Screener

from .factories import RIVER_CLEANING, asked_kinds, flags_of, make_item

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED


# enough lead departments on the list for the stranger test to apply (stranger_min_leads)
_LEADS = [
    ("县公安局", "治安", "配合治安巡逻", "组织联防队员参加夜间巡逻。"),
    ("县民政局", "社会救助", "配合低保复核", "入户核实低保家庭收入。"),
    ("县水利局", "水利", "配合水库巡查", "安排巡库员日常巡查。"),
    ("县林业局", "林业", "配合林木采伐管理", "报告无证采伐线索。"),
    ("县教育局", "教育", "配合劝返复学", "劝返辍学学生。"),
    ("县卫生健康局", "卫生健康", "配合疫苗接种动员", "通知适龄人群接种。"),
    ("县应急管理局", "应急管理", "配合安全生产检查", "提供企业名单并陪同检查。"),
    ("县自然资源局", "自然资源", "配合遥感图斑实地核查", "陪同核查人员到现场指认。"),
    ("县住房和城乡建设局", "村镇建设", "配合危房改造", "组织农户申报危房改造。"),
    ("县人力资源和社会保障局", "就业", "配合技能培训报名", "宣传培训政策并组织报名。"),
    ("县市场监督管理局", "市场监管", "配合食品安全检查", "提供餐饮店名单并陪同检查。"),
    ("县交通运输局", "交通", "配合乡村道路养护", "组织护路员日常巡查。"),
]
PARTY = [
    make_item(f"X-PH-{k:02d}", C, domain, name, f"{lead}负责。", lead, role)
    for k, (lead, domain, name, role) in enumerate(_LEADS)
] + [
    make_item(
        "P-JB-01",
        B,
        "党的建设",
        "流动党员联系管理",
        "掌握外出流动党员去向，定期联系并组织参加组织生活。",
        "乡镇",
    ),
    make_item(
        "P-JB-02",
        B,
        "党的建设",
        "党员教育培训",
        "组织党员参加集中学习培训和主题党日。",
        "乡镇",
    ),
    RIVER_CLEANING,
]

MIGRANT_MEMBERS = (
    "各乡镇党委：近期将开展党员信息集中校核。请各镇对本镇在外务工经商的党员逐一电话联系，核实"
    "现居住地、工作单位和联系方式，有变化的更新到党员信息系统，一周内完成，本次核对一次性完成，"
    "不再另行报表。"
)


@pytest.mark.parametrize(
    ("sender", "decision"), [("中共某县委组织部", "admit"), ("县档案馆", "reject")]
)
def test_a_party_department_is_no_stranger_to_its_own_field(sender: str, decision: str) -> None:
    task = Task("T1", sender, "关于核对外出党员信息的通知", MIGRANT_MEMBERS, 7, None)
    screener = Screener(PARTY)
    strength = screener.matcher.strength(task)
    assert 0.16 <= strength < 0.35  # between the general and the stranger cut
    r = screener.screen(task)
    assert r.decision.value == decision


def test_remits_name_fields_not_every_register() -> None:
    matcher = DepartmentMatcher()
    assert matcher.in_remit("县妇女联合会", "家庭教育家庭教育指导服务")
    assert not matcher.in_remit("县妇女联合会", "动物防疫养殖户防疫档案登记")
    assert not matcher.in_remit("县档案馆", "动物防疫养殖户防疫档案登记")


@pytest.mark.parametrize(
    ("unit", "lead"),
    [
        ("县热带作物工作站", "县农业农村局"),
        ("县农机监理所", "县农业农村局"),
        ("市黑土地保护管理站", "县农业农村局"),
        ("县农田建设管理站", "县农业农村局"),
        ("县东河泵站管理所", "县水利局"),
    ],
)
def test_stations_and_centres_are_their_departments_units(unit: str, lead: str) -> None:
    assert DepartmentMatcher().plausible_lead(unit, lead) is True


def test_a_task_force_is_no_stranger_to_the_topic_it_is_named_after() -> None:
    matcher = DepartmentMatcher()
    force = "县背街小巷环境整治工作专班"
    assert matcher.in_remit(force, "城市管理背街小巷环境卫生日常巡查")
    assert not matcher.in_remit(force, "社会救助低保对象入户核查")
    assert matcher.plausible_lead(force, "县城市管理局", "城市管理背街小巷占道整治")


def test_a_topic_office_named_with_quotation_marks_stands_for_its_topics_lead() -> None:
    office = "县打击整治非法“三无”船只工作领导小组办公室"
    assert DepartmentMatcher().plausible_lead(office, "县农业农村局", "渔业“三无”船只查处")


def test_an_act_said_in_the_passive_is_not_asked() -> None:
    assert asked_kinds("请镇里盯住上月被责令停产整顿的采石场，发现复工及时报告。") == set()
    assert "enforcement" in asked_kinds("请镇里对偷偷复工的采石场责令停产整顿。")


@pytest.mark.parametrize(
    "text",
    [
        "请镇里组织村建员对经营性民房逐栋评定安全等级。",
        "请镇上安排市场管理员把集市上的电子秤都检定一遍。",
    ],
)
def test_safety_grades_and_verifying_scales_are_professional(text: str) -> None:
    assert "professional" in asked_kinds(text)


def test_bank_accounts_counted_per_village_are_a_quota() -> None:
    assert "forced_apportionment" in flags_of(
        "今年信用社手机银行推广，每个村要完成150户开户绑卡，月底前完成。"
    )


FOREST = [
    make_item(
        "F-JB-01",
        B,
        "林业",
        "护林员巡山管理",
        "防火期组织护林员巡山护林，发现火情及时报告。",
        "乡镇",
    ),
    RIVER_CLEANING,
]


def test_a_start_date_is_no_work_beside_chat_check_ins() -> None:
    task = Task(
        "T1",
        "县林业局",
        "巡山员每日群内定位",
        "@各镇林业站 防火期明天开始，请各镇让巡山员每天早晚在微信群分别发一张定位截图，没发的"
        "次日在群里通报。",
        None,
        None,
    )
    r = Screener(FOREST).screen(task)
    assert r.decision.value == "reject"
    assert concluding_rule(r.reasons) == 7


def test_ledgers_sent_up_monthly_to_be_looked_over_are_no_inspection() -> None:
    assert "inspection_burden" not in flags_of("请各村建立帮扶台账，帮扶记录每月报县局检查。")
