"""Round 6: the requirements section of a formal notice ("三、工作要求": organisation, publicity,
discipline, reporting) says how the work is to be done, not work of its own. A notice whose only
task is a pledge campaign stays core formalism (label rule 7) however many such formulas follow."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener

from .factories import make_task

B = Category.BASIC

ITEMS = [
    DutyItem(
        "P-JB-01",
        B,
        "应急管理",
        "农村用电安全宣传",
        "组织村干部开展农村用电安全宣传，提醒群众规范使用电器。",
        "《中华人民共和国电力法》",
        "乡镇",
        "",
    ),
    DutyItem(
        "P-JB-02",
        B,
        "民生保障",
        "临时救助申请受理",
        "受理临时救助申请，实施小额先行救助。",
        "《社会救助暂行办法》",
        "乡镇",
        "",
    ),
]

BODY = (
    "为落实用电安全责任，现将有关事项通知如下。一、主要任务。开展“万户承诺”活动，"
    "每户村民签订用电安全承诺书，村干部签订责任状，发生触电亡人事故的村年度考核一票否决。"
    "二、工作要求。一是明确专人负责，细化工作安排。二是加强宣传发动，利用村级广播、微信群"
    "等形式广泛宣传。三是严格工作纪律，按时报送工作总结。"
)


def test_a_pledge_campaign_with_a_requirements_section_is_rule7() -> None:
    task = make_task(BODY, title="关于加强农村用电安全工作的通知", sender="县应急管理局")
    r = Screener(ITEMS).screen(task)
    assert (r.decision.value, r.flag_codes) == ("reject", ["pledge_veto"])


def test_real_work_in_the_task_section_keeps_a_revise() -> None:
    body = (
        "现将有关事项通知如下。一、主要任务。请各镇组织村干部入户开展用电安全宣传，"
        "提醒群众规范使用电器。二、工作要求。每户村民签订用电安全承诺书，按时报送工作总结。"
    )
    task = make_task(body, title="关于加强农村用电安全工作的通知", sender="县应急管理局")
    r = Screener(ITEMS).screen(task)
    assert (r.decision.value, r.duty_item, r.flag_codes) == ("revise", "P-JB-01", ["pledge_veto"])
