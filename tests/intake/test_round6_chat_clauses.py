"""Round 6: a chat message often packs the work and the check-in demand into one sentence. Chat
or app check-ins are core formalism only when nothing else is asked (label rule 7: "pure
chat-group check-ins"): a clause asking for the real work beside them makes the task one to
revise (rule 6); a message asking nothing but the check-ins stays a reject."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener

from .factories import make_task

B = Category.BASIC

ITEMS = [
    DutyItem(
        "Q-JB-01",
        B,
        "交通",
        "农村道路交通安全劝导站值守",
        "组织劝导员在节假日和赶集日到劝导站值守，劝导农用车违法载人和无证驾驶。",
        "《中华人民共和国道路交通安全法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "Q-JB-02",
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


def test_work_beside_chat_check_ins_in_one_sentence_is_revise() -> None:
    task = make_task(
        "@各镇 节前赶集日各镇劝导员到劝导站值守劝导，值守时打开“路安通”App定位，"
        "每天晚上8点前把值守截图发到群里。",
        title="节前劝导站值守",
        sender="县公安局交通警察大队",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "revise",
        "Q-JB-01",
        ["digital_formalism"],
    )


def test_nothing_but_check_ins_stays_reject() -> None:
    task = make_task(
        "@各镇 劝导站值守的劝导员每天早晚在工作群里打卡签到，截图发群里，没发的点名。",
        title="劝导员打卡",
        sender="县公安局交通警察大队",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.flag_codes) == ("reject", ["digital_formalism"])
