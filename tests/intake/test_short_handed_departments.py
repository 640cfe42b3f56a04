"""A county body pleading a staff shortage before asking the township ("所里人手不够，请各乡…")
hands down its own job (label rule 3), even in words close to the township's role. The
township's own shortage, one to overcome or one recited among problems found is no such plea.
Our own wording on the factory list (F-PH-04: the township helps the police talk to likely
fraud victims)."""

from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task

SHORT_HANDED = (
    "各乡：近期冒充客服退款诈骗高发，派出所这个月人手排不开，请各乡安排人员对名单上的"
    "42名预警对象逐个上门劝阻，核实是否已转账，劝阻情况周五前反馈我局。"
)
OWN_HANDS = (
    "各乡：近期冒充客服退款诈骗高发，请各乡组织村（社区）开展反诈宣传，协助民警上门劝阻"
    "潜在受害群众，村级力量不足的，可以请志愿者帮忙。"
)
RECITED = (
    "各乡：上半年反诈工作暴露出宣传覆盖面窄、劝阻力量不足等问题。请各乡组织村（社区）"
    "开展反诈宣传，协助民警上门劝阻潜在受害群众。"
)


def screen(body: str):
    task = make_task(body, title="关于做好反诈劝阻工作的通知", sender="县公安局")
    return Screener(ITEMS).screen(task)


def test_the_leads_shortage_before_the_ask_makes_it_the_leads_job():
    result = screen(SHORT_HANDED)
    assert result.duty_item == "F-PH-04" and result.decision is Decision.REJECT
    assert "shifting_responsibility" in result.flag_codes
    assert any("以“派出所这个月人手排不开”为由要求乡镇承担" in r for r in result.reasons)


def test_the_townships_own_shortage_leaves_the_role():
    result = screen(OWN_HANDS)
    assert result.duty_item == "F-PH-04" and result.decision is Decision.ADMIT


def test_a_shortage_recited_among_problems_found_is_no_plea():
    result = screen(RECITED)
    assert result.duty_item == "F-PH-04" and result.decision is Decision.ADMIT
