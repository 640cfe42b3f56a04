"""The sender as evidence against off-list (label rules 2 and 5). Our own wording.

A loose chat message shares few words with the list, so its match strength is under the no-match
threshold. When the best candidate is a 配合 item the sender itself leads, the department is
writing about its own topic: the task is screened under that item, with the reason said. The same
message from another department stays off-list.
"""

from jiceng.intake.screening import Screener
from jiceng.text.associations import AssociationLexicon

from .factories import ITEMS, make_task

BODY = (
    "老周，礼拜三咱们大队过来，街上几家铺子晚上把电瓶车推进屋里充电的，"
    "你让网格上的伙计先摸个底，给我们报个数，到时候带下路。谢了哈"
)


def test_leading_department_keeps_its_item() -> None:
    # (without learned word associations, "电瓶车" alone lifts this notice over the threshold)
    s = Screener(ITEMS, associations=AssociationLexicon({}))
    task = make_task(BODY, title="铺子充电摸底", sender="县消防救援大队")
    assert s.matcher.match(task, none_threshold=s.none_threshold).score < s.none_threshold
    r = s.screen(task)
    assert (r.duty_item, r.decision.value) == ("F-PH-02", "admit")
    assert any("牵头部门" in reason and "阈值" in reason for reason in r.reasons)


def test_other_department_stays_off_list() -> None:
    r = Screener(ITEMS).screen(make_task(BODY, title="铺子充电摸底", sender="县文化广电旅游体育局"))
    assert (r.duty_item, r.decision.value) == (None, "reject")
