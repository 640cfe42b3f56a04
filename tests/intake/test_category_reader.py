"""The learned reading of a notice's duty category: probabilities over 基本 / 配合 / 收回 that the
arbiter between near neighbours weighs, from a shipped model with exactly those classes. Our
own wording."""

import pytest

from jiceng.duties.items import Category
from jiceng.intake.category_reader import CategoryReader
from jiceng.text.char_model import CharNgramClassifier

from .factories import make_task

# a county power handed down, help to the lead department, and the township's own work
POWER = (
    "关于由各镇直接办理许可的通知",
    "县局人手不足，自下月起请各镇直接审核申请材料，出具鉴定结论并核发证件，县局只做备案。",
)
HELP = (
    "关于协助做好入户核实的通知",
    "县局将组织人员开展核查，请各镇提前通知相关户主在家等候，安排村干部带路并协助核实情况。",
)
OWN = (
    "关于做好村道日常保洁的通知",
    "请各镇组织保洁员对镇村道路开展日常清扫，及时清理路面垃圾和杂物，保持道路整洁。",
)


def read(title: str, body: str) -> dict[Category, float]:
    return CategoryReader().read(make_task(body, title=title))


def test_the_reading_is_a_probability_over_the_three_categories() -> None:
    found = read(*HELP)
    assert set(found) == {Category.BASIC, Category.COOPERATING, Category.RETURNED}
    assert sum(found.values()) == pytest.approx(1.0)
    assert all(0.0 < p < 1.0 for p in found.values())


def test_the_shipped_reader_tells_a_power_handed_down_from_help_and_own_work() -> None:
    power, help_, own = read(*POWER), read(*HELP), read(*OWN)
    assert power[Category.RETURNED] > help_[Category.RETURNED]
    assert power[Category.RETURNED] > own[Category.RETURNED]
    assert help_[Category.COOPERATING] > own[Category.COOPERATING]
    assert own[Category.BASIC] > help_[Category.BASIC]
    assert max(own, key=own.__getitem__) is Category.BASIC


def test_a_model_of_other_classes_is_refused_in_chinese() -> None:
    other = CharNgramClassifier(("yes", "no"), (0.0, 0.0), {"检": (1.0, (0.1, -0.1))})
    with pytest.raises(ValueError, match="类别判读的类别应为"):
        CategoryReader(other)
