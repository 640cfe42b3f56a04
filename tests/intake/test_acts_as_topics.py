"""An enforcement word that names the subject of a meeting or plan, or the department's own plan
stated before "现将有关事项通知如下", is not asked of the township. Our own wording."""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer

BODY = (
    "各乡镇：近期小作坊食品安全问题时有发生。根据我局年度计划，下半年将对小作坊开展执法检查，"
    "现将有关事项通知如下。一、请各乡镇8月3日前提供辖区小作坊名录。"
    "二、请各乡镇分管副乡镇长参加8月5日执法检查工作对接会。"
)


def test_the_senders_plan_and_a_meetings_subject_are_not_asks():
    acts = ActAnalyzer()
    assert acts.asked_acts("title", "关于下半年小作坊执法检查安排的通知") == []
    assert acts.asked_acts("body", BODY) == []


def test_an_ask_to_enforce_still_is():
    acts = ActAnalyzer()
    ask = BODY + "三、请各乡镇对发现的无证小作坊立案查处。"
    assert {a.kind for a in acts.asked_acts("body", ask)} == {"enforcement"}


def test_the_leads_decision_named_as_a_time_is_not_asked():
    item = DutyItem(
        "A-PH-01",
        Category.COOPERATING,
        "住房城乡建设",
        "农房安全排查",
        "县住建局组织农房安全排查，对疑似危房组织鉴定。",
        "《农村危房鉴定技术导则》",
        "县住建局",
        "逐户初步排查农房并建台账，发现疑似危房报告县住建局。",
    )
    acts = ActAnalyzer()
    body = "各乡：疑似危房报县局，由县局组织鉴定；鉴定前请督促房主停止使用、撤离人员。"
    assert acts.lead_decisions("body", body, item) == []
    pushed = "各乡：疑似危房请各乡自行组织鉴定，出具鉴定结论。"
    assert acts.lead_decisions("body", pushed, item)


def test_a_county_body_deciding_that_the_township_does_it_makes_it_the_doer():
    acts = ActAnalyzer()
    body = "各乡：县局决定由各乡对辖区砖厂开展安全生产执法检查，对拒不整改的依法实施罚款。"
    assert {a.kind for a in acts.asked_acts("body", body)} == {"enforcement"}
    own = "各乡：县局决定对辖区砖厂开展安全生产执法检查，对拒不整改的依法实施罚款。"
    assert acts.asked_acts("body", own) == []


def test_a_numbered_item_whose_subject_is_the_county_body_is_its_work():
    acts = ActAnalyzer()
    body = "二、重点任务。（三）县文旅局将会同有关部门加强对旅行社的监管，依法查处违规经营行为。"
    assert acts.asked_acts("body", body) == []


def test_what_a_measure_is_for_and_results_so_far_ask_nothing():
    acts = ActAnalyzer()
    body = (
        "卫片执法是发现和查处违法用地的重要手段，也是落实耕地保护制度的重要抓手。"
        "今年以来，我县共查处非法储存危险化学品案件17起。请各乡对下发图斑逐一现场核实。"
    )
    assert acts.asked_acts("body", body) == []


def test_a_section_heading_asks_nothing():
    acts = ActAnalyzer()
    body = "五、审核拨付。补贴资格审核确认和资金拨付由区供热办会同区民政局负责。"
    assert acts.power_asks("body", body) == []
    assert acts.asked_acts("body", "三、执法检查。由县局执法大队组织实施。") == []
