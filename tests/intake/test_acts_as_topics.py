"""An enforcement word that names the subject of a meeting or plan, or the department's own plan
stated before "现将有关事项通知如下", is not asked of the township. Our own wording."""

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
