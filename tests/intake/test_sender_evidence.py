"""The sender as evidence of which 收回 item is pushed down (label rule 4).

A department pushing a power down almost always pushes down its own. Two returned items of our
own share most of their wording (licences and unlicensed trading); the notice's words lean to the
other department's item, and only the sender tells them apart. One lead department is a name the
department table does not know, so the evidence is that the two names are plainly different.
"""

from jiceng.duties.items import Category, DutyItem
from jiceng.intake.departments import DepartmentMatcher
from jiceng.intake.matching import ItemMatcher
from jiceng.intake.policy import load_data
from jiceng.intake.screening import Screener

from .factories import make_task

B, R = Category.BASIC, Category.RETURNED

ITEMS = [
    DutyItem(
        "E-SH-01",
        R,
        "市场监管",
        "食品经营许可和无证无照经营查处",
        "核发食品经营许可证，对无证无照经营、销售过期变质食品的店铺立案查处，没收违法所得并罚款。",
        "《中华人民共和国食品安全法》",
        "县市场监督管理局",
        "",
    ),
    DutyItem(
        "E-SH-02",
        R,
        "市场监管",
        "烟草专卖零售许可和无证售烟查处",
        "核发烟草专卖零售许可证，查处无证销售卷烟行为。",
        "《中华人民共和国烟草专卖法》",
        "县烟草专卖局",
        "",
    ),
    DutyItem(
        "E-JB-01",
        B,
        "市场监管",
        "小店铺安全常识宣传",
        "向辖区小店铺宣传消防和用电安全常识。",
        "《中华人民共和国安全生产法》",
        "乡镇",
        "乡政府负责",
    ),
]

BODY = (
    "各乡：近期村口小卖部私下卖烟的又冒出来了，请乡里组织人员对各村店铺挨家清查，"
    "发现没有许可证经营的，当场没收货物并处罚款，每周报一次查处店铺数。"
)


def test_names_with_no_common_core_are_distinct() -> None:
    d = DepartmentMatcher()
    assert d.distinct("县烟草专卖局", "县市场监督管理局")
    assert not d.distinct("县农业农村局", "县农业农村和水利局")
    assert not d.distinct("县政府办公室", "县委办公室")  # no specific core left on one side


def test_sender_picks_its_own_returned_item() -> None:
    r = Screener(ITEMS).screen(make_task(BODY, title="清查无证售卖", sender="县烟草专卖局"))
    # a three-item list covers few of the notice's words; the ranking is what is tested
    assert r.decision.value == "reject" and r.candidates[0][0] == "E-SH-02"


def test_without_sender_evidence_the_wording_would_pick_the_other() -> None:
    """The same notice with the sender evidence switched off goes to the other department's
    item: the test above is decided by the sender, not by the wording."""
    policy = dict(load_data("policy")["matching"])
    task = make_task(BODY, title="清查无证售卖", sender="县烟草专卖局")
    with_sender = ItemMatcher(ITEMS, policy).match(task, none_threshold=0.0)
    policy["returned_other_sender"] = 1.0
    # (and no candidate the sender leads may replace another department's winner, round 7a)
    policy["own_topic_ratio"] = 2.0
    without = ItemMatcher(ITEMS, policy).match(task, none_threshold=0.0)
    assert with_sender.item is not None and with_sender.item.id == "E-SH-02"
    assert without.candidates[0][0].id == "E-SH-01"
