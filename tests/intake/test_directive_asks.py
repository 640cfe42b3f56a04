"""Rule 6 vs 7: a task keeps its substantive work when that work is written in directive mood
without an ask word — a numbered item, a sentence addressed to the township, a time demand —
beside the formalism asks. The salutation alone is not such a sentence. Our own wording."""

import pytest

from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener

from .factories import ITEMS, make_task


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ITEMS)


def _decision(screener: Screener, body: str, title: str) -> tuple[str, set[str]]:
    r = screener.screen(make_task(body, title=title, sender="县应急管理局"))
    return r.decision.value, {f.code for f in r.flags}


def test_numbered_work_item_beside_a_pledge_is_revised(screener: Screener) -> None:
    body = (
        "各乡：天干物燥，说两件事：1、各村把消防安全宣传搞到户，提醒老人安全用火用电，"
        "下周五前完成；2、今年起每户都签防火承诺书，出一起火情的村年度考核一票否决。"
    )
    decision, flags = _decision(screener, body, "冬季防火两件事")
    assert decision == "revise"
    assert "pledge_veto" in flags


def test_addressed_sentence_without_ask_word_is_work(screener: Screener) -> None:
    body = (
        "冬防开始了。各村网格员天天盯着自己片区，看到乱烧秸秆马上劝阻上报。"
        "每个网格员每两小时在工作群发一次定位截图，晚上汇总打卡截图发群里。"
    )
    decision, flags = _decision(screener, body, "冬季防火")
    assert decision == "revise"
    assert "digital_formalism" in flags


def test_salutation_alone_is_not_work(screener: Screener) -> None:
    body = (
        "各乡人民政府：为营造防火氛围，县里上线了消防知识答题小程序。"
        "每个乡答题人数不少于2000人，答题人数每周通报。"
    )
    decision, flags = _decision(screener, body, "关于开展消防知识答题的通知")
    assert decision == "reject"
    assert "forced_apportionment" in flags


@pytest.mark.parametrize(
    ("sentence", "directive"),
    [
        ("2、按新样式重新制作门牌，月底前装好", True),
        ("另外平台上的事件照常上报，超时的尽快处理", True),
        ("各村护林员每天巡山一遍", True),
        ("各乡镇人民政府：县里近期上线了小程序", False),
        ("去年全县共发生火情十二起", False),
    ],
)
def test_directive_mood(sentence: str, directive: bool) -> None:
    assert ActAnalyzer().is_directive(sentence) is directive
