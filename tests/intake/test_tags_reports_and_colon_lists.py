"""Wording met in H29 (studied after its blind score), in our own text: tagging the duty item
itself names as its work (…建档和挂牌保护), or tags the county brings and puts up itself (均由县局
负责), are no signboard demand; drawing up an evaluation report and analysing a slope's stability
are professional work; the township made the doer in a long clause closed by a colon ("你们镇自己
组织人量一下：") is no salutation, so the list after it is its work."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, asked_kinds, make_task

TREES = [
    DutyItem(
        "T-PH-01",
        Category.COOPERATING,
        "林业",
        "古树名木普查和挂牌保护",
        "县林业局组织古树名木普查、定位、建档和挂牌保护。",
        "《古树名木保护条例》",
        "县林业局",
        "组织护林员带路，协助核对古树位置和权属，通知管护人到场。",
    ),
    *ITEMS,
]


def screen(body: str):
    return Screener(TREES).screen(make_task(body, sender="县林业局"))


def test_tagging_the_item_names_as_its_work_is_no_signboard():
    body = (
        "县林业局普查组下月进驻你乡，对古树名木进行定位、建档挂牌。"
        "请你乡安排护林员带路，通知管护人到场，协助核对权属。"
    )
    assert "signboard" not in screen(body).flag_codes


def test_tags_the_county_brings_itself_are_no_signboard():
    body = "请你乡安排护林员带路，协助核对古树权属。普查所需仪器、标牌和技术人员均由县林业局负责。"
    assert "signboard" not in screen(body).flag_codes
    assert "signboard" in screen("请你乡在每棵古树旁设立保护标牌，月底前完成。").flag_codes


def test_an_evaluation_report_and_a_stability_analysis_are_professional_work():
    assert "professional" in asked_kinds("请各乡对每处隐患点编制调查评价报告，月底前报县局。")
    assert "professional" in asked_kinds("请各乡对辖区滑坡体的稳定性作出分析评价。")


def test_the_township_as_doer_before_a_colon_takes_on_the_list():
    body = (
        "今年古树普查任务重，局里人手不够。你们乡自己组织人量一下：每棵树的树高、胸径，"
        "用GPS定位，然后建档录进系统，月底前交上来。"
    )
    result = screen(body)
    assert (result.duty_item, result.decision.value) == ("T-PH-01", "reject")
