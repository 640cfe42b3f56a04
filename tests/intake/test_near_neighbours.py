"""Near-neighbour items on one topic (基本 / 配合 / 收回) told apart by who does the core work.

A small list of our own (a fictional 青岚乡) where the basic item's wording fits the task better
than its cooperating neighbour: only the notice's own statement that someone else performs the
core work, and a sender that leads the 配合 item, make the township's part the cooperating role.
"""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "Q-JB-01",
        B,
        "农业农村",
        "组织农户参加种植技术培训和田间指导",
        "乡农技站组织农户参加果树、茶叶种植技术培训，开展田间技术指导。",
        "《中华人民共和国农业技术推广法》",
        "乡镇",
        "乡农技站负责",
    ),
    DutyItem(
        "Q-PH-01",
        C,
        "农业农村",
        "配合开展农民技能培训",
        "配合农业农村部门实施高素质农民培育和农民技能培训。",
        "《中华人民共和国农业技术推广法》",
        "县农业农村局",
        "摸排培育对象，组织农户报名参训",
    ),
    DutyItem(
        "Q-JB-02",
        B,
        "民生服务",
        "开展残疾人走访和惠残政策告知",
        "定期上门走访辖区残疾人，把两项补贴等惠残政策告知到户，帮助申请辅助器具。",
        "《中华人民共和国残疾人保障法》",
        "乡镇",
        "乡残联负责",
    ),
    DutyItem(
        "Q-PH-02",
        C,
        "民生服务",
        "配合做好残疾人体检评残",
        "配合残联做好残疾评定和体检。",
        "《残疾人残疾分类和分级》",
        "县残疾人联合会",
        "通知残疾人按时参加评定，协助组织现场秩序",
    ),
    DutyItem(
        "Q-JB-03",
        B,
        "平安法治",
        "调解邻里和家庭矛盾纠纷",
        "组织村调解委员会排查化解邻里、婚姻家庭矛盾纠纷。",
        "《中华人民共和国人民调解法》",
        "乡镇",
        "乡司法所负责",
    ),
    DutyItem(
        "Q-SH-01",
        R,
        "农业农村",
        "农作物种子质量监督检查和行政处罚",
        "对种子经营者开展监督检查，依法查处假劣种子并实施行政处罚。",
        "《中华人民共和国种子法》第四十九条",
        "县农业农村局",
        "",
    ),
    DutyItem(
        "Q-SH-03",
        R,
        "水利",
        "河道采砂许可和非法采砂查处",
        "核发河道采砂许可，对河道内非法采砂船只和作业行为立案查处。",
        "《中华人民共和国水法》第三十九条",
        "县水利局",
        "",
    ),
    DutyItem(
        "Q-SH-04",
        R,
        "农业农村",
        "渔业行政执法",
        "对河道内非法捕捞船只和电鱼、毒鱼等作业行为立案查处，实施行政处罚。",
        "《中华人民共和国渔业法》第三十八条",
        "县农业农村局",
        "",
    ),
    DutyItem(
        "Q-SH-02",
        R,
        "民生服务",
        "残疾人证核发和残疾等级变更",
        "审核残疾评定结论，核发、换领和注销残疾人证。",
        "《中华人民共和国残疾人保障法》",
        "县残疾人联合会",
        "",
    ),
]

TRAINING_BY_COUNTY = (
    "今年县里继续实施高素质农民培育，果树修剪培训由县农业广播电视学校承办，授课老师由学校统一安排。"
    "请各乡农技站摸清有意愿的种植户，组织报名参加果树种植技术培训，名单10日内报县局。"
)
TRAINING_BY_TOWNSHIP = (
    "春季修剪时节将至。请各乡农技站组织农户参加果树种植技术培训，"
    "并到田间地头开展技术指导，10日内报送培训人数。"
)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ITEMS)


def test_work_attributed_to_another_body_is_found() -> None:
    acts = ActAnalyzer()
    text = "体检由县人民医院负责，请各乡通知残疾人按时到场。"
    assert "体检由县人民医院负责" in acts.others_work(text)
    assert "通知残疾人" not in acts.others_work(text)


def test_county_body_doing_the_training_leaves_the_cooperating_role(screener: Screener) -> None:
    task = make_task(
        TRAINING_BY_COUNTY, title="关于组织果农参加修剪培训的通知", sender="县农业农村局"
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category) == ("admit", "Q-PH-01", "cooperating")


def test_township_doing_the_training_itself_stays_basic(screener: Screener) -> None:
    task = make_task(
        TRAINING_BY_TOWNSHIP, title="关于组织果农参加修剪培训的通知", sender="县农业农村局"
    )
    r = screener.screen(task)
    assert (r.duty_item, r.category) == ("Q-JB-01", "basic")


def test_sender_not_leading_the_cooperating_item_stays_basic(screener: Screener) -> None:
    task = make_task(TRAINING_BY_COUNTY, title="关于组织果农参加修剪培训的通知", sender="县司法局")
    r = screener.screen(task)
    assert r.duty_item == "Q-JB-01"


def test_health_check_done_by_hospital_is_the_cooperating_role(screener: Screener) -> None:
    body = (
        "各乡镇：下月县里为残疾人免费体检，体检由县人民医院负责。请各乡让村干部逐户上门走访"
        "残疾人，把体检的日子和地点通知到人，腿脚不便的医院会派车来接。"
    )
    task = make_task(body, title="关于做好残疾人评残体检告知的通知", sender="县残疾人联合会")
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category) == ("admit", "Q-PH-02", "cooperating")


def test_handling_a_power_only_a_returned_item_names_is_that_item(screener: Screener) -> None:
    body = (
        "为让群众少跑腿，请各乡政务窗口直接受理残疾人证申请和换领，"
        "收齐材料后当场审核并发证，每月把办理情况报县残联。"
    )
    task = make_task(body, title="关于在乡里就近办理残疾人证的通知", sender="县残疾人联合会")
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.category) == ("reject", "Q-SH-02", "returned")
    assert r.flag_codes == ["shifting_responsibility"]
    assert any("受理残疾人证" in reason for reason in r.reasons)


def test_helping_people_apply_is_not_handling_the_power(screener: Screener) -> None:
    body = (
        "请各乡安排村干部上门走访辖区残疾人，把惠残政策告知到户，"
        "对需要换领证件的协助其到县残联办理残疾人证。"
    )
    task = make_task(body, title="关于做好残疾人走访服务的通知", sender="县残疾人联合会")
    r = screener.screen(task)
    assert (r.decision.value, r.category) == ("admit", "basic")


@pytest.mark.parametrize(("sender", "item"), [("县水利局", "Q-SH-03"), ("县农业农村局", "Q-SH-04")])
def test_of_two_returned_items_the_sender_s_own_power_is_pushed_down(
    screener: Screener, sender: str, item: str
) -> None:
    body = "群众反映河道里夜间有船只违规作业。请你乡对涉事船只立案调查，依法作出行政处罚决定。"
    r = screener.screen(make_task(body, title="（工作群）河道违规作业船只处置", sender=sender))
    assert (r.decision.value, r.duty_item, r.category) == ("reject", item, "returned")
