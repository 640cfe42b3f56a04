"""Department acts as chat messages put them, and act words that are not returned powers.

Our own wording: short forms of enforcement and of advancing money, and a returned item whose
name lists professional acts (sampling, testing) next to a cooperating item on works acceptance.
"""

from __future__ import annotations

import pytest

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.acts import ActAnalyzer
from jiceng.intake.matching import ItemMatcher
from jiceng.intake.policy import load_data

from .factories import make_task


@pytest.fixture(scope="module")
def acts() -> ActAnalyzer:
    return ActAnalyzer()


def kinds(acts: ActAnalyzer, text: str) -> set[str]:
    return {a.kind for a in acts.asked_acts("body", text)}


def test_short_form_of_forced_demolition_is_enforcement(acts: ActAnalyzer) -> None:
    assert kinds(acts, "河边那排铁皮棚我们认定过了，你们乡里自己找人强拆掉吧。") == {"enforcement"}


def test_department_doing_the_demolition_is_not_asked(acts: ActAnalyzer) -> None:
    assert kinds(acts, "铁皮棚由我中队下周强拆，乡里派人到场维持秩序。") == set()


@pytest.mark.parametrize("text", ["设备租金乡里先垫一下，年底再结。", "油钱你们帮垫着，回头报销。"])
def test_colloquial_advance_is_payment(acts: ActAnalyzer, text: str) -> None:
    assert "payment" in kinds(acts, text)


def test_unrelated_pad_words_are_not_payment(acts: ActAnalyzer) -> None:
    assert "payment" not in kinds(acts, "请乡里给值班室添几床被子和床垫。")


ITEMS = [
    DutyItem(
        "W-SH-01",
        Category.RETURNED,
        "水利",
        "水质监测采样和实验室检测",
        "县水利局对饮用水源开展监测采样，在实验室完成水质检测并出具报告。",
        "《中华人民共和国水法》",
        "县水利局",
        "",
    ),
    DutyItem(
        "W-PH-01",
        Category.COOPERATING,
        "水利",
        "小型灌溉渠道建设项目实施",
        "县水利局组织渠道工程建设、质量检测和竣工验收。",
        "《农田水利条例》",
        "县水利局",
        "协调施工用地，化解施工矛盾",
    ),
]


def test_professional_acts_in_a_returned_name_are_not_objects_handled() -> None:
    matcher = ItemMatcher(ITEMS, dict(load_data("policy")["matching"]))
    objects = set(matcher.returned.objects[0])
    assert "实验室" in objects
    assert not objects & {"采样", "检测"}
    task = make_task("新修的渠道完工了，乡里牵头把检测验收做了，签个字报上来。", sender="县水利局")
    assert matcher.returned.named(task, matcher.raw_scores(task)) == {}


def _livestock(role: str) -> list[DutyItem]:
    return [
        DutyItem(
            "L-SH-01",
            Category.RETURNED,
            "农业农村",
            "种畜禽生产经营许可证核发",
            "县农业农村局审核种畜禽场条件，核发生产经营许可证。",
            "《中华人民共和国畜牧法》",
            "县农业农村局",
            "",
        ),
        DutyItem(
            "L-PH-01",
            Category.COOPERATING,
            "农业农村",
            "配合开展生猪存栏监测",
            "县农业农村局监测生猪和种猪存栏变化。",
            "《中华人民共和国畜牧法》",
            "县农业农村局",
            role,
        ),
    ]


@pytest.mark.parametrize(
    ("role", "named"),
    [("组织村级防疫员入户登记存栏数，按月报送", False), ("组织村级防疫员入户宣传，按月报送", True)],
)
def test_verb_the_cooperating_role_gives_is_not_the_returned_power(role: str, named: bool) -> None:
    matcher = ItemMatcher(_livestock(role), dict(load_data("policy")["matching"]))
    task = make_task(
        "请乡里组织防疫员逐户登记种畜禽和生猪存栏，月底报县局。", sender="县农业农村局"
    )
    assert bool(matcher.returned.named(task, matcher.raw_scores(task))) is named
