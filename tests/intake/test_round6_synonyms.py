"""Round 6: the patriotic health campaign (爱国卫生运动) is named by its everyday acts — a spring
clean-up (大扫除), killing rats, flies, mosquitoes (除四害) — so a notice in those words meets the
duty item that says 爱国卫生/病媒生物防制 (label rule 1)."""

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.screening import Screener
from jiceng.text.synonyms import default_lexicon

from .factories import make_task

B, C = Category.BASIC, Category.COOPERATING


@pytest.mark.parametrize("text", ["组织大扫除", "集中灭鼠", "开展除四害"])
def test_campaign_acts_join_the_health_campaign_group(text: str) -> None:
    assert default_lexicon().groups_of(text) & default_lexicon().groups_of("爱国卫生运动")


ITEMS = [
    DutyItem(
        "W-JB-01",
        B,
        "卫生健康",
        "爱国卫生运动和病媒生物防制",
        "组织春秋季爱国卫生运动，清除病媒孳生地。",
        "《爱国卫生工作条例》",
        "乡镇",
        "",
    ),
    DutyItem(
        "W-PH-01",
        C,
        "教育",
        "配合开展学校周边环境整治",
        "学校周边环境整治。",
        "《未成年人保护法》",
        "县教育局",
        "摸排学校周边摊点，协助清理乱堆乱放",
    ),
    DutyItem(
        "W-JB-02",
        B,
        "民生保障",
        "临时救助申请受理",
        "受理临时救助申请，实施小额先行救助。",
        "《社会救助暂行办法》",
        "乡镇",
        "",
    ),
]


def test_a_clean_up_notice_meets_the_health_campaign_item() -> None:
    task = make_task(
        "各镇：组织各村开展秋季大扫除和灭鼠灭蚊。",
        title="入秋环境清理",
        sender="县爱国卫生运动委员会办公室",
    )
    r = Screener(ITEMS).screen(task)
    assert (r.decision.value, r.duty_item) == ("admit", "W-JB-01")
