"""Round 6: a penalty asked of the township whose best retrieval match is the basic patrol item
of the same topic: the patrol item cannot give the township a fine, so the 收回 item of that
domain naming the penalty applies (sample README precedence, label rule 4) even when the
colloquial notice shares few words with it. A bare 罚 with an amount is a fine."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import make_task

B, C, R = Category.BASIC, Category.COOPERATING, Category.RETURNED

ITEMS = [
    DutyItem(
        "Y-JB-01",
        B,
        "渔业",
        "禁渔期河道日常巡查",
        "组织护渔员巡查禁渔河段，劝阻电鱼、网捕，发现违规及时报告。",
        "《中华人民共和国渔业法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Y-SH-01",
        R,
        "渔业",
        "渔业违法行为行政处罚",
        "禁渔期内使用禁用渔具、电毒炸鱼等非法捕捞行为的立案查处和罚款。",
        "《中华人民共和国渔业法》第三十八条",
        "县农业农村局",
        "",
    ),
    DutyItem(
        "Y-PH-01",
        C,
        "渔业",
        "配合开展增殖放流",
        "水生生物增殖放流。",
        "《中华人民共和国渔业法》",
        "县农业农村局",
        "组织群众到场观看放流，维护现场秩序",
    ),
    DutyItem(
        "Y-JB-02",
        B,
        "民生保障",
        "临时救助申请受理",
        "受理临时救助申请，实施小额先行救助。",
        "《社会救助暂行办法》",
        "乡镇",
        "",
    ),
]

screener = Screener(ITEMS)


def test_a_fine_asked_of_the_patrol_falls_under_the_returned_penalty_item() -> None:
    task = make_task(
        "@各镇 这两天河里电鱼的又冒头了，捕捞不能惯着，护渔员逮住的当场罚200元，开好罚单，钱交镇财政所。",
        title="电鱼处理",
        sender="县农业农村局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "reject",
        "Y-SH-01",
        ["shifting_responsibility"],
    )


@pytest.mark.parametrize("text", ["逮住一次罚五十元", "按每条船300元罚", "开了罚单就行"])
def test_a_bare_fine_with_an_amount_is_enforcement(text: str) -> None:
    kinds = {a.kind for a in ActAnalyzer().asked_acts("body", "请各镇护渔员" + text + "。")}
    assert "enforcement" in kinds
