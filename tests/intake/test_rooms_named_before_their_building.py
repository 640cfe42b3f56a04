"""A room named before its building, as notice titles put it ("关于推进‘调解’工作室建设的通知"),
is the room demand itself (signboard: 不得要求基层挂牌、设室); when the whole notice is that demand
the task's core is formalism (label rule 7). Our own wording."""

from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener

from .factories import ITEMS, flags_of, make_task


def test_a_room_named_before_its_building_is_a_room_demand():
    assert "signboard" in flags_of("请各乡做好“老兵之家”的建设，年底前完成。")


def test_a_notice_that_is_only_the_room_demand_is_rejected():
    body = (
        "各乡：为提升对退役军人的关爱水平，县局决定在全县推进“老兵之家”建设。一、提高认识，把"
        "“老兵之家”作为服务退役军人的重要阵地。二、各乡要加强组织协调，确保按期完成。"
    )
    task = make_task(body, title="关于推进“老兵之家”建设的通知", sender="县退役军人事务局")
    result = Screener(ITEMS).screen(task)
    assert result.decision is Decision.REJECT and "signboard" in result.flag_codes
