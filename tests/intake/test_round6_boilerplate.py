"""Round 6: the closing clause of a notice ("本通知未尽事宜，由…负责解释") and the recital of its
guiding ideology ("以…思想为指导") name no work: left out of matching like other office formulas,
so the department named in them does not pull the task to the 配合 item that names it."""

import pytest

from jiceng.intake.acts import ActAnalyzer

acts = ActAnalyzer()


@pytest.mark.parametrize(
    "sentence",
    [
        "本通知未尽事宜，由县交通运输局负责解释。",
        "有关未尽事宜请与县医保局联系。",
        "坚持以新时代生态文明思想为指导，统筹推进各项工作。",
    ],
)
def test_closing_and_ideology_formulas_are_boilerplate(sentence: str) -> None:
    assert acts.sentence_role(sentence) == "boilerplate"


def test_an_ask_naming_the_department_is_still_an_ask() -> None:
    assert acts.sentence_role("请各镇于月底前将受理名单报县交通运输局。") == "ask"
