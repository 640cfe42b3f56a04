"""A chat message that says the work itself goes on as before beside a new check-in or ranking
(our own wording): the work stays once the formalism is cut, so the task is revised (rule 6),
not rejected as formalism at its core (rule 7)."""

from jiceng.intake.screening import Screener
from tests.intake.factories import ITEMS, make_task

_CHECK_IN = "@各乡环保专干 从下周起，农村环境问题每次巡查都在“环保通”APP上打卡，县里每周按打卡率给各乡排名。"


def screen(body: str, title: str):
    return Screener(ITEMS).screen(make_task(body, title=title, sender="县人民政府办公室"))


def test_a_check_in_with_the_patrol_going_on_as_usual_is_revised():
    r = screen(_CHECK_IN + "日常巡查本身还是按原来的路线走，发现问题照常报告。", "环境巡查打卡排名")
    assert "digital_formalism" in r.flag_codes
    assert r.decision == "revise"


def test_a_check_in_and_nothing_else_stays_formalism_at_its_core():
    r = screen(_CHECK_IN, "环境巡查打卡排名")
    assert "digital_formalism" in r.flag_codes
    assert r.decision == "reject"


def test_the_formalism_itself_going_on_is_no_work():
    r = screen(_CHECK_IN + "打卡截图照常发群里。", "环境巡查打卡排名")
    assert r.decision == "reject"


def test_a_check_in_title_with_the_patrol_asked_in_its_own_clause_is_revised():
    # the title names only the check-in; the body asks the patrol in a clause of its own
    body = (
        "@各乡环保专干 请各乡每周对农村环境问题开展一次日常巡查，发现问题及时报告；"
        "巡查时在“环保通”APP上打卡，县里每周按打卡率排名。"
    )
    r = screen(body, "环境巡查打卡要求")
    assert "digital_formalism" in r.flag_codes
    assert r.decision == "revise"


def test_an_address_a_start_date_and_relaying_the_check_ins_are_no_work():
    body = (
        "@各乡环保专干 从下周一起，农村环境问题巡查员每天9点前在本群打卡，"
        "乡里每天10点前汇总报县里，县里每周通报未打卡人员。"
    )
    r = screen(body, "巡查员每日打卡")
    assert "digital_formalism" in r.flag_codes
    assert r.decision == "reject"


def test_the_township_addressed_as_you_in_a_chat_asks_work():
    body = (
        "@城西乡 下周县里核查农村环境问题，你们先把问题点位清单给核查组，到时带一下路。"
        "另外核查期间每天晚上8点在这个群里接龙报当天带路的点位数，没接龙的点名。"
    )
    r = screen(body, "环境问题核查进度接龙")
    assert "digital_formalism" in r.flag_codes
    assert r.decision == "revise"
