"""Words that name no power of their own — a 收回 item's "人员" in a clause making the township
the doer, a lead's act named with the agent doing it and helped by the township ("协助检验人员")
— do not hand a department's work down (label rules 3 and 4 read against the 配合 item's role).
A subsidy moved onto the township ("补贴改由各乡…承担") is paying on the department's behalf.
Our own wording."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.records import Decision
from jiceng.intake.screening import Screener

from .factories import ITEMS as OWN_ITEMS
from .factories import asked_kinds, make_task

CHECKS = DutyItem(
    "V-PH-01",
    Category.COOPERATING,
    "渔业",
    "配合渔船年度检验",
    "县农业农村局组织渔船年度检验，乡负责通知船主。",
    "《渔业船舶检验条例》",
    "县农业农村局",
    "通知船主按时送检，维持现场秩序",
)
ITEMS = OWN_ITEMS + [
    CHECKS,
    DutyItem(
        "V-SH-01",
        Category.RETURNED,
        "渔业",
        "渔船年度检验和检验证书核发",
        "组织检验人员对渔船实施年度检验，核发检验证书。",
        "《渔业船舶检验条例》",
        "县农业农村局",
        "",
    ),
]


def test_a_generic_word_of_the_returned_content_does_not_hand_down_its_power():
    body = (
        "各乡：渔船年度检验下周三在渔港码头进行，请通知船主按时送检，并由乡里安排人员维持现场秩序。"
    )
    task = make_task(body, title="关于做好渔船年度检验的通知", sender="县农业农村局")
    result = Screener(ITEMS).screen(task)
    assert result.duty_item == "V-PH-01" and result.decision is Decision.ADMIT


def test_helping_the_leads_agents_is_not_doing_the_leads_work():
    acts = ActAnalyzer()
    helping = "请各乡通知船主周三送检，并由乡里安排人员协助检验人员登记船号。"
    assert acts.lead_work("body", helping, CHECKS) == []
    doing = "今年县局人手不足，渔船年度检验由各乡自行组织检验。"
    assert acts.lead_work("body", doing, CHECKS)


def test_a_subsidy_moved_onto_the_township_is_paying():
    text = "收运单位的运营补贴改由各乡按辖区企业数量承担，由乡里与收运单位直接结算。"
    assert "payment" in asked_kinds(text)
