"""A county body named after the topic ("禁毒办") says who acts, not what work it does.

Our own small list: a basic publicity item and a cooperating item on the same topic, led by the
department the sender's coordinating office stands for (the basic item's name does not say 禁毒,
which would be left out as a shared topic word anyway). The notice asks the township for the
publicity; the only clause with another agent is the office ranking the townships. The agent's
name must not be read as the office doing the topic's core work (label rule 2).
"""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.screening import Screener
from jiceng.text.associations import AssociationLexicon

from .factories import make_task

ITEMS = [
    DutyItem(
        "N-JB-01",
        Category.BASIC,
        "平安建设",
        "法治宣传教育进村入户",
        "在集市、学校和村里开展禁毒宣传，发放宣传资料。",
        "《中华人民共和国禁毒法》",
        "乡镇",
        "乡平安办负责",
    ),
    DutyItem(
        "N-PH-01",
        Category.COOPERATING,
        "平安建设",
        "配合开展吸毒人员排查和社区戒毒管控",
        "县公安局负责吸毒人员查处，指导集市、学校的禁毒宣传。",
        "《中华人民共和国禁毒法》",
        "县公安局",
        "摸排辖区吸毒人员底数，协助落实社区戒毒",
    ),
    DutyItem(
        "N-JB-02",
        Category.BASIC,
        "民生服务",
        "老年人高龄津贴申领告知",
        "告知高龄老人申领津贴的条件和材料。",
        "《中华人民共和国老年人权益保障法》",
        "乡镇",
        "乡民政办负责",
    ),
]

BODY = "请各乡在赶集日组织禁毒宣传，到集市和学校发放资料。县禁毒办每月按场次给各乡排名。"


def test_agent_name_is_left_out_of_the_work() -> None:
    acts = ActAnalyzer()
    assert "禁毒办" in acts.others_work(BODY)
    assert "禁毒" not in acts.others_work_only(BODY)
    assert "排名" in acts.others_work_only(BODY)


def test_publicity_asked_of_the_township_stays_basic() -> None:
    r = Screener(ITEMS).screen(make_task(BODY, title="赶集日禁毒宣传", sender="县禁毒委员会办公室"))
    assert r.duty_item == "N-JB-01"


def test_reading_the_agent_name_as_work_would_flip_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: with the agent's name kept, the cooperating item takes the place."""
    monkeypatch.setattr(ActAnalyzer, "others_work_only", ActAnalyzer.others_work)
    # (without learned word associations, which widen the basic item's lead on their own, and
    # without the learned arbiter, which moves this pick back to the 基本 item by itself)
    screener = Screener(ITEMS, associations=AssociationLexicon({}))
    screener.neighbours = None
    r = screener.screen(make_task(BODY, title="赶集日禁毒宣传", sender="县禁毒委员会办公室"))
    assert r.duty_item == "N-PH-01"
