"""A 收回 item takes the place of the 配合 item that won retrieval only when it comes close to it
(returned_precedence_ratio): a returned penalty item of another trade sharing only the act word
("查处") does not take a notice about reclaimed wetland (our own list and wording)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from tests.intake.factories import make_task

ITEMS = [
    DutyItem(
        "W-PH-01",
        Category.COOPERATING,
        "湿地保护",
        "配合县林业局制止湿地违规开垦",
        "县林业局负责湿地保护执法，查处破坏湿地的违法行为。",
        "《中华人民共和国湿地保护法》",
        "县林业局",
        "巡查发现湿地开垦、挖塘等行为及时劝阻并报告，配合现场制止和恢复。",
    ),
    DutyItem(
        "W-SH-01",
        Category.RETURNED,
        "湿地保护",
        "湿地内非法猎捕野生鸟类查处",
        "对湿地范围内非法猎捕、收购野生鸟类的行为立案查处。",
        "《中华人民共和国野生动物保护法》",
        "县林业局",
        "",
    ),
]


def test_a_returned_item_sharing_only_the_act_word_does_not_take_the_task():
    body = (
        "你乡新堤村外滩有群众在湿地范围内开垦种植油菜、挖沟养殖，面积约40亩。"
        "请你乡组织人员对开垦地块逐块测量、确认当事人，依法处以罚款并查处，二十日内报结果。"
    )
    r = Screener(ITEMS).screen(
        make_task(body, title="关于查处湿地违规开垦的通知", sender="县林业局")
    )
    assert (r.decision.value, r.duty_item) == ("reject", "W-PH-01")
    assert "shifting_responsibility" in r.flag_codes
