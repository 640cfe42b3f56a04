"""A 基本 item that won retrieval cannot cover a department-only act it does not give the
township: the sender's own 配合 item of the topic is then the item, and the act its lead's job
pushed down (label rule 3). An act named as what a found case needs ("发现需依法查处的…，及时移交")
is handed over, not asked. Our own wording (met in H26 and H14)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, make_task

WATER = [
    DutyItem(
        "W-JB-01",
        Category.BASIC,
        "水利",
        "村级供水设施日常巡查",
        "组织村级管水员巡查村级供水点、蓄水池和管网，发现漏损、污染隐患及时处置并报告。",
        "《农村供水工程管理办法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "W-PH-01",
        Category.COOPERATING,
        "水利",
        "农村供水水质监测",
        "县水利局组织农村供水工程水质监测和卫生评价。",
        "《生活饮用水卫生标准》",
        "县水利局",
        "协助设置监测点，发现水质异常及时报告。",
    ),
    *ITEMS,
]


def test_a_professional_act_under_a_basic_item_goes_to_the_senders_cooperating_item():
    task = make_task(
        "请各乡组织管水员对村级供水点、蓄水池开展一次巡查，"
        "并自行采集水样检测水质，结果月底前报县局。",
        title="关于做好农村供水点巡查的通知",
        sender="县水利局",
    )
    result = Screener(WATER).screen(task)
    assert (result.duty_item, result.decision.value) == ("W-PH-01", "reject")
    assert "shifting_responsibility" in result.flag_codes
    plain = make_task("请各乡组织管水员对村级供水点、蓄水池开展一次巡查，发现问题及时处置。")
    assert Screener(WATER).screen(plain).duty_item == "W-JB-01"


def test_an_act_a_found_case_needs_is_handed_over_not_asked():
    assert "enforcement" not in asked_kinds("巡查中发现需依法查处的违法行为，及时移交县大队。")
    assert "enforcement" in asked_kinds("巡查中发现违法行为的，请各乡立即查处。")
