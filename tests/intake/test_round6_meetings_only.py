"""Round 6: a notice that says nothing but meetings — convene one every week, principal leaders
in person, then hold village meetings after it — is itself the meeting burden (label rule 7,
reject); the same meetings demanded beside real work leave a task to revise (rule 6)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener

from .factories import make_task

B = Category.BASIC

ITEMS = [
    DutyItem(
        "H-JB-01",
        B,
        "农业农村",
        "秸秆综合利用和离田收储",
        "组织秸秆打捆离田，落实村级收储点，宣传秸秆还田和综合利用。",
        "《中华人民共和国大气污染防治法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "H-JB-02",
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


def test_weekly_meetings_and_nothing_else_is_rule7() -> None:
    task = make_task(
        "各镇：从下周起每周三下午召开秸秆综合利用调度会，镇党委书记和镇长必须本人参加，"
        "会后各镇再召开村级会议。",
        title="秸秆利用周调度会",
        sender="县农业农村局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == (
        "reject",
        "H-JB-01",
        ["meeting_burden"],
    )


def test_meetings_beside_real_work_stay_a_revise() -> None:
    task = make_task(
        "各镇：组织秸秆打捆离田，落实村级收储点。镇长每周三参加县里的调度会，各镇也要每周"
        "召开村级推进会。",
        title="秸秆离田收储",
        sender="县农业农村局",
    )
    r = screener.screen(task)
    assert (r.decision.value, r.flag_codes) == ("revise", ["meeting_burden"])
