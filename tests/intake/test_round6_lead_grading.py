"""Round 6: grading (评定) is a lead decision like 认定/定级; a township_role that names it only
as something people take part in ("通知农户参加评定") does not give it to the township; and
由 followed by the township named as 各镇/各乡 makes the township the doer even when the staff it
sends are named next — while a county-run body named after the township (乡镇卫生院) is another
agent (label rule 3)."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer

C = Category.COOPERATING
acts = ActAnalyzer()


def item(role: str) -> DutyItem:
    return DutyItem(
        "G-PH-01",
        C,
        "城乡建设",
        "配合开展农房安全等级评定",
        "县住房和城乡建设局负责农房安全等级评定。",
        "《村庄和集镇规划建设管理条例》",
        "县住房和城乡建设局",
        role,
    )


ASK = "今年由各镇抽调卫生院医生和村建设协管员先行评定农房安全等级，结果报县住建局。"


def test_grading_pushed_to_the_township_is_a_lead_decision() -> None:
    found = acts.lead_decisions("body", ASK, item("通知农户按时参加评定，协助技术人员入户"))
    assert [a.evidence for a in found] == ["评定"]


def test_a_role_that_gives_the_township_the_grading_itself_licenses_it() -> None:
    assert acts.lead_decisions("body", ASK, item("组织村干部开展初步评定，报县局复核")) == []


def test_a_township_named_health_centre_is_another_agent() -> None:
    text = "体检由各乡镇卫生院负责，请各乡镇通知辖区老人按时参加。"
    agents = [other for _, other in acts.clause_agents(text)]
    assert agents == [True, False]
