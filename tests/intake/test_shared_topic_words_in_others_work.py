"""What the notice says another body does hands the topic to a 配合 item only by the work it
names, not by the topic word the 基本 winner's own name shares ("县局地质灾害技术人员将开展专业
监测" beside a 地质灾害隐患点巡查 ask). Our own wording (met in H25, H28, H30)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task

SLOPES = [
    DutyItem(
        "G-JB-01",
        Category.BASIC,
        "防灾减灾",
        "地质灾害隐患点巡查",
        "落实隐患点群测群防员，强降雨期间加密巡查，组织受威胁群众避险。",
        "《地质灾害防治条例》",
        "乡镇",
        "",
    ),
    DutyItem(
        "G-PH-01",
        Category.COOPERATING,
        "防灾减灾",
        "地质灾害治理工程",
        "县自然资源局组织地质灾害隐患点工程治理和搬迁避让。",
        "《地质灾害防治条例》",
        "县自然资源局",
        "协助政策处理，动员受威胁群众搬迁。",
    ),
    *ITEMS,
]


def test_a_topic_word_the_basic_item_names_does_not_hand_the_topic_over():
    body = (
        "请各乡对地质灾害隐患点落实监测人，加密巡查，发现险情组织受威胁群众避让。"
        "县局地质灾害技术人员将分片开展技术指导和专业监测。"
    )
    result = Screener(SLOPES).screen(make_task(body, sender="县自然资源局"))
    assert result.duty_item == "G-JB-01"
