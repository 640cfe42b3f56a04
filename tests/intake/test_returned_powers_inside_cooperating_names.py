"""A 配合 item whose name embeds a 收回 item's whole name ("残疾等级评定材料收转" beside "残疾等级
评定") is about helping with that power: the township asked to take the decision itself is handed
the returned power (label rule 4 and its precedence). The act named as a modifier ("告知评定政策",
"收集评定材料") is no decision taken. Our own wording."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener

from .factories import ITEMS as OWN_ITEMS
from .factories import make_task

C, R = Category.COOPERATING, Category.RETURNED

ITEMS = OWN_ITEMS + [
    DutyItem(
        "G-PH-01",
        C,
        "残疾人服务",
        "残疾等级评定材料收转",
        "县残联组织残疾等级评定，乡负责告知和材料收转。",
        "《残疾人残疾分类和分级》",
        "县残疾人联合会",
        "告知申请人残疾等级评定政策，收集病历等证明材料并转交县残联。",
    ),
    DutyItem(
        "G-SH-01",
        R,
        "残疾人服务",
        "残疾等级评定",
        "县残联委托评定机构对申请人残疾类别和等级作出评定。",
        "《残疾人残疾分类和分级》",
        "县残疾人联合会",
        "",
    ),
]

DECIDE = (
    "各乡：今年申请残疾等级评定的有二百多人，县里评定医生不够，麻烦你们直接对照病历把每个"
    "申请人的残疾等级评定出来，填好评定表报县残联。"
)
HELP = "各乡：请把申请人的病历收齐，本月底前转交县残联，残疾等级评定由县残联组织。"


def test_taking_the_decision_a_cooperating_name_embeds_is_the_returned_power():
    result = Screener(ITEMS).screen(make_task(DECIDE, sender="县残疾人联合会"))
    assert result.duty_item == "G-SH-01" and result.category == "returned"
    assert result.decision is Decision.REJECT
    assert "shifting_responsibility" in result.flag_codes


def test_collecting_the_papers_for_it_stays_the_cooperating_role():
    result = Screener(ITEMS).screen(make_task(HELP, sender="县残疾人联合会"))
    assert result.duty_item == "G-PH-01" and result.decision is Decision.ADMIT


def test_the_act_naming_a_policy_or_papers_is_not_taken():
    acts = ActAnalyzer()
    assert not acts.role_performs("评定", "告知申请人残疾等级评定政策，收集病历并转交")
    assert not acts.power_asks("body", "请各乡收集评定材料后转交县残联。")
    assert acts.role_performs("评定", "组织评定小组评定等级")
